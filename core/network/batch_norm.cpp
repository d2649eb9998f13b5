#include "network/batch_norm.h"

namespace bnlab {

namespace {

// μ (n) and biased σ² (n) of each row of Z (n × m); leaves Z − μ in `centered`.
void batchStatistics(const Matrix& z, Vector& mean, Vector& variance, Matrix& centered) {
  mean = z.rowwise().mean();
  centered = z.colwise() - mean;
  variance = centered.array().square().rowwise().mean().matrix();
}

// Ẑ = (Z − μ) ⊙ 1/√(σ² + ε) from `zHat` holding Z − μ; Z̃ = γẐ + β.
void scaleAndShift(const Vector& inverseStd, const Matrix& gamma, const Matrix& beta, Matrix& zHat,
                   Matrix& zTilde) {
  zHat.array().colwise() *= inverseStd.array();
  zTilde = (zHat.array().colwise() * gamma.col(0).array()).colwise() + beta.col(0).array();
}

}  // namespace

BatchNorm::BatchNorm(int units, BatchNormOptions options)
    : options_(options),
      gamma_(Matrix::Ones(units, 1)),
      beta_(Matrix::Zero(units, 1)),
      gammaGrad_(Matrix::Zero(units, 1)),
      betaGrad_(Matrix::Zero(units, 1)),
      runningMean_(Vector::Zero(units)),
      runningVariance_(Vector::Ones(units)),
      batchMean_(Vector::Zero(units)),
      batchVariance_(Vector::Ones(units)) {}

void BatchNorm::resetRunningStatistics() {
  runningMean_.setZero();
  runningVariance_.setOnes();
}

void BatchNorm::forward(const Matrix& z, Mode mode, Matrix& zHat, Matrix& zTilde,
                        NormalizationPass& pass) {
  pass.batchStatistics = mode == Mode::Train;
  if (mode == Mode::Train) {
    batchStatistics(z, batchMean_, batchVariance_, zHat);
    pass.inverseStd = (batchVariance_.array() + options_.epsilon).rsqrt().matrix();
    const Scalar a = options_.momentum;
    const Eigen::Index m = z.cols();
    // A batch of one has σ²_B = 0 and says nothing of the spread: the running statistics keep
    // what they have (else σ²_run would decay by 1 − α a step towards 0).
    if (m > 1) {
      const Scalar unbiased = Scalar(m) / Scalar(m - 1);
      runningMean_ = (Scalar(1) - a) * runningMean_ + a * batchMean_;
      runningVariance_ = (Scalar(1) - a) * runningVariance_ + (a * unbiased) * batchVariance_;
    }
  } else {
    zHat = z.colwise() - runningMean_;
    pass.inverseStd = (runningVariance_.array() + options_.epsilon).rsqrt().matrix();
  }
  scaleAndShift(pass.inverseStd, gamma_, beta_, zHat, zTilde);
}

void BatchNorm::normalize(const Matrix& z, NormStats stats, Matrix& zHat, Matrix& zTilde) const {
  Vector inverseStd;
  if (stats == NormStats::Batch) {
    Vector mean, variance;
    batchStatistics(z, mean, variance, zHat);
    inverseStd = (variance.array() + options_.epsilon).rsqrt().matrix();
  } else {
    zHat = z.colwise() - runningMean_;
    inverseStd = (runningVariance_.array() + options_.epsilon).rsqrt().matrix();
  }
  scaleAndShift(inverseStd, gamma_, beta_, zHat, zTilde);
}

void BatchNorm::backward(const Matrix& zHat, const NormalizationPass& pass, const Matrix& dZTilde,
                         Matrix& dZ) {
  betaGrad_ = dZTilde.rowwise().sum();                            // Σ gᵢ
  gammaGrad_ = (dZTilde.array() * zHat.array()).rowwise().sum();  // Σ gᵢ ẑᵢ
  scale_ = gamma_.col(0).cwiseProduct(pass.inverseStd);           // γ / √(σ² + ε)
  if (!pass.batchStatistics) {
    dZ = dZTilde.array().colwise() * scale_.array();
    return;
  }
  const Scalar m = Scalar(dZTilde.cols());
  // ∂L/∂zᵢ = (γ/√(σ²+ε)) · (gᵢ − (1/m)Σg − ẑᵢ (1/m)Σ g ẑ)
  meanG_ = betaGrad_.col(0) / m;
  meanGZHat_ = gammaGrad_.col(0) / m;
  dZ = ((dZTilde.colwise() - meanG_).array() - zHat.array().colwise() * meanGZHat_.array())
           .colwise() *
       scale_.array();
}

}  // namespace bnlab
