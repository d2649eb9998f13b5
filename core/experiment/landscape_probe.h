#pragma once
// Loss-landscape probe (Santurkar et al. 2018): from the current parameters θ, step along the
// negative gradient, θ(η) = θ − η·g, for a few step sizes η, on one mini-batch, and measure
//   loss variation:          max_η L(θ(η)) − min_η L(θ(η))
//   gradient predictiveness: max_η ‖∇L(θ(η)) − g‖
//   effective β-smoothness:  max_η ‖∇L(θ(η)) − g‖ / ‖η·g‖
// on a copy of the network, so training is untouched. Batch norm uses the batch's statistics.
#include <vector>

#include "network/network.h"

namespace bnlab {

struct LandscapeSample {
  double lossVariation = 0;
  double gradientChange = 0;
  double betaSmoothness = 0;
};

// Step sizes are multiples of `learningRate`: 0.5, 1, 2 and 4 of it.
LandscapeSample probeLandscape(const Network& network, const Matrix& x, const std::vector<int>& y,
                               double learningRate);

}  // namespace bnlab
