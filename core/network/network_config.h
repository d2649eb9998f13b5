#pragma once
// Architecture of a network: inputs → hidden blocks → softmax over classes.
#include <cstdint>
#include <string>
#include <vector>

#include "network/activation.h"
#include "network/batch_norm.h"
#include "network/initialization.h"
#include "network/normalization.h"

namespace bnlab {

struct NetworkConfig {
  int inputs = 2;
  std::vector<int> hiddenUnits{16, 16, 16};  // depth 1–8, width 1–512
  int classes = 2;
  ActivationKind activation = ActivationKind::Relu;
  InitKind init = InitKind::He;
  Scalar initSigma = Scalar(0.01);  // σ of InitKind::Gaussian
  Normalization normalization = Normalization::None;
  BatchNormOptions batchNormOptions;  // ε also serves layer norm
  Scalar noiseSpread = Scalar(0.3);   // r of noisy batch norm (step_noise.h), 0 … 1.5
  int groups = 4;                     // G of group norm; must divide every layer's units
  Scalar dropout = 0;                 // p ∈ [0, 0.9]
  std::uint64_t seed = 1;

  static constexpr int kMaxDepth = 8;
  static constexpr int kMaxWidth = 512;

  // Empty when valid; otherwise one message per problem.
  std::vector<std::string> validate() const;

  bool operator==(const NetworkConfig&) const = default;
};

}  // namespace bnlab
