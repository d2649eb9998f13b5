#include "network/layer_norm.h"

namespace bnlab {

namespace {

// Ẑ of Z (n × m) over each column's n values, and each column's 1/√(σ² + ε); Z̃ = γẐ + β.
void normalizeColumns(const Matrix& z, Scalar epsilon, const Matrix& gamma, const Matrix& beta,
                      RowVector& inverseStd, Matrix& zHat, Matrix& zTilde) {
  const RowVector mean = z.colwise().mean();
  zHat = z.rowwise() - mean;
  inverseStd = (zHat.array().square().colwise().mean() + epsilon).rsqrt().matrix();
  zHat.array().rowwise() *= inverseStd.array();
  zTilde = (zHat.array().colwise() * gamma.col(0).array()).colwise() + beta.col(0).array();
}

}  // namespace

LayerNorm::LayerNorm(int units, Scalar epsilon)
    : epsilon_(epsilon),
      gamma_(Matrix::Ones(units, 1)),
      beta_(Matrix::Zero(units, 1)),
      gammaGrad_(Matrix::Zero(units, 1)),
      betaGrad_(Matrix::Zero(units, 1)) {}

void LayerNorm::forward(const Matrix& z, Matrix& zHat, Matrix& zTilde) {
  normalizeColumns(z, epsilon_, gamma_, beta_, inverseStd_, zHat, zTilde);
}

void LayerNorm::normalize(const Matrix& z, Matrix& zHat, Matrix& zTilde) const {
  RowVector inverseStd;
  normalizeColumns(z, epsilon_, gamma_, beta_, inverseStd, zHat, zTilde);
}

void LayerNorm::backward(const Matrix& zHat, const Matrix& dZTilde, Matrix& dZ) {
  betaGrad_ = dZTilde.rowwise().sum();                                 // Σⱼ gⱼ
  gammaGrad_ = (dZTilde.array() * zHat.array()).rowwise().sum();       // Σⱼ gⱼ ẑⱼ
  const Matrix h = dZTilde.array().colwise() * gamma_.col(0).array();  // ∂L/∂Ẑ
  const RowVector meanH = h.colwise().mean();                          // (1/n) Σᵤ h
  const RowVector meanHZHat = (h.array() * zHat.array()).colwise().mean().matrix();
  dZ = ((h.rowwise() - meanH).array() - zHat.array().rowwise() * meanHZHat.array()).rowwise() *
       inverseStd_.array();
}

}  // namespace bnlab
