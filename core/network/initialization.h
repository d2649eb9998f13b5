#pragma once
// Seeded weight initializations for a dense layer W (n_out × n_in).
#include <optional>
#include <string_view>
#include <vector>

#include "common/rng.h"
#include "common/types.h"

namespace bnlab {

enum class InitKind {
  He,        // N(0, 2 / n_in): for relu-like units
  Xavier,    // N(0, 2 / (n_in + n_out)): for tanh, sigmoid, linear
  Gaussian,  // N(0, σ²) with a given σ: the batch norm paper's "small random Gaussian"
};

std::string_view initName(InitKind kind);
std::optional<InitKind> initFromName(std::string_view name);
// Every name, in menu order.
std::vector<std::string_view> initNames();

// Fills W with draws from the chosen distribution; `gaussianSigma` is used by Gaussian only.
void initializeWeights(InitKind kind, Scalar gaussianSigma, Rng& rng, Matrix& weights);

}  // namespace bnlab
