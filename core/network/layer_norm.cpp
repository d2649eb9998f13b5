#include "network/layer_norm.h"

namespace bnlab {

namespace {

// Z (n × m) seen as k × G·m: column g + G·j holds group g of example j (k = n/G consecutive
// units, contiguous in Z's column-major storage). Ẑ over each of those columns, each column's
// 1/√(σ² + ε) (G·m); then Z̃ = γẐ + β per unit.
void normalizeGroups(const Matrix& z, int groups, Scalar epsilon, const Matrix& gamma,
                     const Matrix& beta, Vector& inverseStd, Matrix& zHat, Matrix& zTilde) {
  const Eigen::Index k = z.rows() / groups;
  Matrix grouped = z.reshaped(k, z.size() / k);
  const RowVector mean = grouped.colwise().mean();
  grouped.rowwise() -= mean;
  inverseStd = (grouped.array().square().colwise().mean() + epsilon).rsqrt().matrix().transpose();
  grouped.array().rowwise() *= inverseStd.transpose().array();
  zHat = grouped.reshaped(z.rows(), z.cols());
  zTilde = (zHat.array().colwise() * gamma.col(0).array()).colwise() + beta.col(0).array();
}

}  // namespace

LayerNorm::LayerNorm(int units, Scalar epsilon, int groups)
    : epsilon_(epsilon),
      groups_(groups > 0 && units % groups == 0 ? groups : 1),
      gamma_(Matrix::Ones(units, 1)),
      beta_(Matrix::Zero(units, 1)),
      gammaGrad_(Matrix::Zero(units, 1)),
      betaGrad_(Matrix::Zero(units, 1)) {}

void LayerNorm::forward(const Matrix& z, Matrix& zHat, Matrix& zTilde,
                        NormalizationPass& pass) const {
  pass.batchStatistics = false;
  normalizeGroups(z, groups_, epsilon_, gamma_, beta_, pass.inverseStd, zHat, zTilde);
}

void LayerNorm::normalize(const Matrix& z, Matrix& zHat, Matrix& zTilde) const {
  Vector inverseStd;
  normalizeGroups(z, groups_, epsilon_, gamma_, beta_, inverseStd, zHat, zTilde);
}

void LayerNorm::backward(const Matrix& zHat, const NormalizationPass& pass, const Matrix& dZTilde,
                         Matrix& dZ) {
  betaGrad_ = dZTilde.rowwise().sum();                            // Σⱼ gⱼ
  gammaGrad_ = (dZTilde.array() * zHat.array()).rowwise().sum();  // Σⱼ gⱼ ẑⱼ
  const Eigen::Index k = zHat.rows() / groups_, columns = zHat.size() / k;
  const Matrix h =
      (dZTilde.array().colwise() * gamma_.col(0).array()).matrix().reshaped(k, columns);
  const Matrix groupedHat = zHat.reshaped(k, columns);
  const RowVector meanH = h.colwise().mean();  // (1/k) Σ h per group
  const RowVector meanHZHat = (h.array() * groupedHat.array()).colwise().mean().matrix();
  const Matrix grouped =
      ((h.rowwise() - meanH).array() - groupedHat.array().rowwise() * meanHZHat.array()).rowwise() *
      pass.inverseStd.transpose().array();
  dZ = grouped.reshaped(zHat.rows(), zHat.cols());
}

}  // namespace bnlab
