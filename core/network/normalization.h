#pragma once
// What a hidden block normalizes, and with which statistics. For a block's Z = W·A[l−1] + b
// (n × m):
//   None                      A = g(Z)
//   BatchNorm                 A = g(γ ⊙ BN(Z) + β)             BN: per unit, over the batch
//   LayerNorm                 A = g(γ ⊙ LN(Z) + β)             LN: per example, over units
//   GroupNorm                 A = g(γ ⊙ GN(Z) + β)             GN: per example, over each of G
//                                                               groups of units (layer_norm.h)
//   BatchNormAfterActivation  A = γ ⊙ BN(g(Z)) + β
//   BatchNormWithoutAffine    A = g(BN(Z))                     γ = 1, β = 0 fixed
//   NoisyBatchNorm            A = g(c ⊙ (γ ⊙ BN(Z) + β) + s)   in training; c and s drawn per
//                             unit every step (step_noise.h); evaluation: A = g(γ ⊙ BN(Z) + β)
namespace bnlab {

enum class Normalization {
  None,
  BatchNorm,
  LayerNorm,
  BatchNormAfterActivation,
  BatchNormWithoutAffine,
  NoisyBatchNorm,
  GroupNorm,
};

// Statistics per example over (groups of) units: layer norm and group norm.
constexpr bool normalizesPerExample(Normalization n) {
  return n == Normalization::LayerNorm || n == Normalization::GroupNorm;
}

// Normalizes with batch statistics, keeping running averages for evaluation.
constexpr bool usesBatchStatistics(Normalization n) {
  return n == Normalization::BatchNorm || n == Normalization::BatchNormAfterActivation ||
         n == Normalization::BatchNormWithoutAffine || n == Normalization::NoisyBatchNorm;
}

// The activation's input is the normalized Z̃ rather than Z itself.
constexpr bool normalizesActivationInput(Normalization n) {
  return n != Normalization::None && n != Normalization::BatchNormAfterActivation;
}

// Batch statistics of Z itself: μ_B and σ²_B describe the layer's Z.
constexpr bool batchNormalizesZ(Normalization n) {
  return usesBatchStatistics(n) && n != Normalization::BatchNormAfterActivation;
}

// γ and β are learned.
constexpr bool learnsScaleAndShift(Normalization n) {
  return n != Normalization::None && n != Normalization::BatchNormWithoutAffine;
}

// The dense bias b has no effect: Z − μ_B removes it exactly, so ∂L/∂b = 0.
constexpr bool cancelsDenseBias(Normalization n) { return batchNormalizesZ(n); }

}  // namespace bnlab
