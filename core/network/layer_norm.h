#pragma once
// Layer normalization of Z (n × m), per example (column), over the n units of the layer:
//   μⱼ = (1/n) Σᵤ zᵤⱼ,  σ²ⱼ = (1/n) Σᵤ (zᵤⱼ − μⱼ)²,  ẑᵤⱼ = (zᵤⱼ − μⱼ)/√(σ²ⱼ + ε),
//   z̃ᵤⱼ = γᵤ ẑᵤⱼ + βᵤ   (γ, β per unit, as PyTorch's LayerNorm(n) with its elementwise affine).
// With G groups (group norm, Wu & He 2018; PyTorch's GroupNorm(G, n)): the same over each group
// of k = n/G consecutive units of an example instead of over all n. G = 1 is layer norm.
// No batch statistics: training and evaluation compute the same thing, whatever the batch size.
#include "common/types.h"
#include "network/normalization_pass.h"

namespace bnlab {

class LayerNorm {
 public:
  // `groups` must divide `units`.
  explicit LayerNorm(int units, Scalar epsilon = Scalar(1e-5), int groups = 1);

  // Z (n × m) → Ẑ and Z̃ (n × m); `pass` receives each group's 1/√(σ² + ε) (G·m) for backward.
  void forward(const Matrix& z, Matrix& zHat, Matrix& zTilde, NormalizationPass& pass) const;
  // The same without keeping anything.
  void normalize(const Matrix& z, Matrix& zHat, Matrix& zTilde) const;

  // g = ∂L/∂Z̃ → ∂L/∂Z, and ∂L/∂γ = Σⱼ gⱼ ẑⱼ, ∂L/∂β = Σⱼ gⱼ (per unit, over examples). With
  // h = γ ⊙ g (∂L/∂Ẑ), per example and group over its k units:
  //   ∂L/∂zᵤ = (1/√(σ² + ε)) · (hᵤ − (1/k) Σ h − ẑᵤ (1/k) Σ h ẑ).
  // `zHat` and `pass` are what the forward pass being differentiated gave.
  void backward(const Matrix& zHat, const NormalizationPass& pass, const Matrix& dZTilde,
                Matrix& dZ);

  int units() const { return static_cast<int>(gamma_.rows()); }
  int groups() const { return groups_; }
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
  int groups_;
  Matrix gamma_, beta_;          // n × 1, learnable
  Matrix gammaGrad_, betaGrad_;  // n × 1
};

}  // namespace bnlab
