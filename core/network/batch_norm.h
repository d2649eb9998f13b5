#pragma once
// Batch normalization of Z (n × m), per unit (row), over the m examples of a batch:
//   μ_B = (1/m) Σ zᵢ,  σ²_B = (1/m) Σ (zᵢ − μ_B)²,  ẑᵢ = (zᵢ − μ_B)/√(σ²_B + ε),  z̃ᵢ = γ ẑᵢ + β.
// Eval mode uses the running statistics in place of μ_B and σ²_B.
// Running statistics (momentum α): μ_run ← (1−α) μ_run + α μ_B,
//                                   σ²_run ← (1−α) σ²_run + α · m/(m−1) · σ²_B,
// from batches of two or more (a batch of one leaves them as they are).
#include "common/types.h"
#include "network/normalization_pass.h"

namespace bnlab {

struct BatchNormOptions {
  Scalar momentum = Scalar(0.1);  // α of the running averages
  Scalar epsilon = Scalar(1e-5);  // ε under the square root

  bool operator==(const BatchNormOptions&) const = default;
};

// Which statistics a read-only pass (normalize) uses.
enum class NormStats {
  Batch,    // the batch's own μ_B, σ²_B (the probe batch in training-mode statistics)
  Running,  // μ_run, σ²_run (evaluation)
};

class BatchNorm {
 public:
  BatchNorm(int units, BatchNormOptions options);

  // Z (n × m) → Ẑ and Z̃ (n × m). Train: batch statistics, running statistics updated.
  // Eval: running statistics. `pass` receives the statistics' 1/√(σ² + ε) (n) for backward.
  void forward(const Matrix& z, Mode mode, Matrix& zHat, Matrix& zTilde, NormalizationPass& pass);

  // The same normalization without changing any state (no running-stat update, nothing kept).
  void normalize(const Matrix& z, NormStats stats, Matrix& zHat, Matrix& zTilde) const;

  // g = ∂L/∂Z̃ → ∂L/∂Z, and ∂L/∂γ = Σ gᵢ ẑᵢ, ∂L/∂β = Σ gᵢ. With batch statistics:
  //   ∂L/∂zᵢ = (γ / (m √(σ²_B + ε))) · (m gᵢ − Σⱼ gⱼ − ẑᵢ Σⱼ gⱼ ẑⱼ).
  // With running statistics (constants): ∂L/∂zᵢ = γ gᵢ / √(σ²_run + ε).
  // `zHat` and `pass` are what the forward pass being differentiated gave.
  void backward(const Matrix& zHat, const NormalizationPass& pass, const Matrix& dZTilde,
                Matrix& dZ);

  // μ_run = 0, σ²_run = 1 (what the running statistics start from).
  void resetRunningStatistics();

  int units() const { return static_cast<int>(gamma_.rows()); }
  const BatchNormOptions& options() const { return options_; }

  Matrix& gamma() { return gamma_; }
  const Matrix& gamma() const { return gamma_; }
  Matrix& beta() { return beta_; }
  const Matrix& beta() const { return beta_; }
  Matrix& gammaGrad() { return gammaGrad_; }
  Matrix& betaGrad() { return betaGrad_; }
  const Matrix& gammaGrad() const { return gammaGrad_; }
  const Matrix& betaGrad() const { return betaGrad_; }
  const Vector& runningMean() const { return runningMean_; }
  const Vector& runningVariance() const { return runningVariance_; }
  // μ_B and σ²_B of the last Train-mode forward pass.
  const Vector& batchMean() const { return batchMean_; }
  const Vector& batchVariance() const { return batchVariance_; }

 private:
  BatchNormOptions options_;
  Matrix gamma_, beta_;          // n × 1, learnable
  Matrix gammaGrad_, betaGrad_;  // n × 1
  Vector runningMean_, runningVariance_;
  Vector batchMean_, batchVariance_;
  // backward's per-unit γ/√(σ² + ε), (1/m)Σg and (1/m)Σgẑ (n), kept so that a step allocates
  // nothing.
  Vector scale_, meanG_, meanGZHat_;
};

}  // namespace bnlab
