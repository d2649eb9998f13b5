#pragma once
// Internal covariate shift as Santurkar et al. (2018, "How Does Batch Normalization Help
// Optimization?", §2.2, Definition 2.1) measure it: how much layer l's gradient changes when
// the layers before it take this step's update. On one step's mini-batch (x, y), with θ_t the
// parameters the step starts from and θ_{t+1} those after the optimizer's update:
//   G_l  = ∇_{W_l} L(θ_t)
//   G′_l = ∇_{W_l} L(layers 1 … l−1 at θ_{t+1}; layers l … L and the output layer at θ_t)
//   difference = ‖G_l − G′_l‖ (Frobenius), cosine = ⟨G_l, G′_l⟩ / (‖G_l‖·‖G′_l‖).
// Every pass runs on a copy of the network as the step found it (training-mode batch
// statistics, and the same dropout masks and noisy batch norm noise as the step, since the copy
// holds its generators at that point). A block's parameters are copied whole (dense W, b and
// whatever its normalization learns), so the measure does not depend on the kind of normalization.
#include <vector>

#include "network/network.h"

namespace bnlab {

struct GradientShift {
  double difference = 0;    // ‖G − G′‖
  double cosine = 1;        // cos(G, G′); 1 when G = G′ (also both 0), 0 when only one is 0
  double gradientNorm = 0;  // ‖G‖
  // ‖G − G′‖ / ‖G‖: comparable across networks whose gradients differ in scale; 0 when G = 0.
  double relative() const { return gradientNorm > 0 ? difference / gradientNorm : 0.0; }
};

// One per hidden layer. `before`: a copy of the network taken just before the step; `after`:
// the same network after it. Layer 1 has no earlier layers (G′ = G): difference 0, cosine 1.
// Costs one forward and backward pass per hidden layer.
std::vector<GradientShift> measureGradientShift(const Network& before, const Network& after,
                                                const Matrix& x, const std::vector<int>& y);

}  // namespace bnlab
