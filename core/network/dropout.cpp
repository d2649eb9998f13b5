#include "network/dropout.h"

namespace bnlab {

void Dropout::forward(const Matrix& input, Mode mode, Rng& rng, Matrix& output) {
  if (!active(mode)) {
    scaledMask_.resize(0, 0);
    output = input;
    return;
  }
  const double keep = 1.0 - static_cast<double>(rate_);
  const Scalar scale = Scalar(1.0 / keep);
  scaledMask_.resize(input.rows(), input.cols());
  for (Eigen::Index i = 0; i < scaledMask_.size(); ++i)
    scaledMask_.data()[i] = rng.uniform() < keep ? scale : Scalar(0);
  output = input.cwiseProduct(scaledMask_);
}

void Dropout::backward(const Matrix& dOutput, Matrix& dInput) const {
  if (scaledMask_.size() == 0) {
    dInput = dOutput;
    return;
  }
  dInput = dOutput.cwiseProduct(scaledMask_);
}

}  // namespace bnlab
