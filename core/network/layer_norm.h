#pragma once
// Layer normalization of Z (n × m), per example (column), over the n units of the layer:
//   μⱼ = (1/n) Σᵤ zᵤⱼ,  σ²ⱼ = (1/n) Σᵤ (zᵤⱼ − μⱼ)²,  ẑᵤⱼ = (zᵤⱼ − μⱼ)/√(σ²ⱼ + ε),
//   z̃ᵤⱼ = γᵤ ẑᵤⱼ + βᵤ   (γ, β per unit, as PyTorch's LayerNorm(n) with its elementwise affine).
// No batch statistics: training and evaluation compute the same thing, whatever the batch size.
#include "common/types.h"

namespace bnlab {

class LayerNorm {
 public:
  explicit LayerNorm(int units, Scalar epsilon = Scalar(1e-5));

  // Z (n × m) → Ẑ and Z̃ (n × m); keeps each example's 1/√(σ² + ε) for backward.
  void forward(const Matrix& z, Matrix& zHat, Matrix& zTilde);
  // The same without keeping anything.
  void normalize(const Matrix& z, Matrix& zHat, Matrix& zTilde) const;

  // g = ∂L/∂Z̃ → ∂L/∂Z, and ∂L/∂γ = Σⱼ gⱼ ẑⱼ, ∂L/∂β = Σⱼ gⱼ (per unit, over examples). With
  // h = γ ⊙ g (∂L/∂Ẑ), per example over its n units:
  //   ∂L/∂zᵤ = (1/√(σ² + ε)) · (hᵤ − (1/n) Σ h − ẑᵤ (1/n) Σ h ẑ).
  // `zHat` is the Ẑ of the forward pass.
  void backward(const Matrix& zHat, const Matrix& dZTilde, Matrix& dZ);

  int units() const { return static_cast<int>(gamma_.rows()); }
  Scalar epsilon() const { return epsilon_; }
  Matrix& gamma() { return gamma_; }
  const Matrix& gamma() const { return gamma_; }
  Matrix& beta() { return beta_; }
  const Matrix& beta() const { return beta_; }
  Matrix& gammaGrad() { return gammaGrad_; }
  Matrix& betaGrad() { return betaGrad_; }
  const Matrix& gammaGrad() const { return gammaGrad_; }
  const Matrix& betaGrad() const { return betaGrad_; }

 private:
  Scalar epsilon_;
  Matrix gamma_, beta_;          // n × 1, learnable
  Matrix gammaGrad_, betaGrad_;  // n × 1
  RowVector inverseStd_;         // 1 × m: 1/√(σ²ⱼ + ε) of the last forward
};

}  // namespace bnlab
