#pragma once
// Everything that defines a run, as plain values: the data, the network, training and what is
// measured. The GUI, the command line and JSON configs all resolve to this struct.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/toy_data.h"
#include "network/network_config.h"
#include "training/optimizer.h"

namespace bnlab {

// Off and On train one network; Compare trains the plain and the batch-norm twin in lockstep.
enum class BatchNormMode { Off, On, Compare };

std::string_view batchNormModeName(BatchNormMode mode);
std::optional<BatchNormMode> batchNormModeFromName(std::string_view name);

struct DataConfig {
  ToyDataConfig toy;
  double testFraction = 0.25;  // 0.05 … 0.9
  bool unevenScales = false;   // multiply the features by kUnevenScales (see toy_data.h)
  bool standardize = true;     // fit mean/std on the training split, apply to both
  // Covariate shift: test inputs moved along x₁ by this many training standard deviations and
  // relabelled by the same rule (see covariate_shift.h). 0 … 3.
  double testShift = 0;
};

struct ExperimentConfig {
  DataConfig data;
  // inputs and classes are taken from the data; batchNorm from batchNormMode.
  NetworkConfig network;
  BatchNormMode batchNormMode = BatchNormMode::Compare;
  OptimizerConfig optimizer;
  int batchSize = 64;        // 1 … 512
  int probeSize = 256;       // examples in the fixed probe batch, 2 … 4096
  int recordEvery = 10;      // steps between recorded distributions, 1 … 100000
  int evaluateEvery = 100;   // steps between train/test evaluations, 1 … 1000000
  int landscapeEvery = 0;    // steps between loss-landscape probes; 0 = off
  std::uint64_t seed = 1;    // one seed for data, initial weights, batches and dropout

  static constexpr int kMaxBatchSize = 512;
  static constexpr std::uint64_t kMaxSeed = 2147483647;  // fits the GUI's seed field

  // Empty when valid; otherwise one message per problem, each a full sentence fragment.
  std::vector<std::string> validate() const;
};

}  // namespace bnlab
