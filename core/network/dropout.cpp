#include "network/dropout.h"

namespace bnlab {

void Dropout::forward(const Matrix& input, Mode mode, Rng& rng, Matrix& output,
                      Matrix& scaledMask) const {
  if (!active(mode)) {
    scaledMask.resize(0, 0);
    output = input;
    return;
  }
  const double keep = 1.0 - static_cast<double>(rate_);
  const Scalar scale = Scalar(1.0 / keep);
  scaledMask.resize(input.rows(), input.cols());
  for (Eigen::Index i = 0; i < scaledMask.size(); ++i)
    scaledMask.data()[i] = rng.uniform() < keep ? scale : Scalar(0);
  output = input.cwiseProduct(scaledMask);
}

void Dropout::backward(const Matrix& dOutput, const Matrix& scaledMask, Matrix& dInput) {
  if (scaledMask.size() == 0) {
    dInput = dOutput;
    return;
  }
  dInput = dOutput.cwiseProduct(scaledMask);
}

}  // namespace bnlab
