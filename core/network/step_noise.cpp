#include "network/step_noise.h"

namespace bnlab {

StepNoise::StepNoise(int units, Scalar spread)
    : spread_(spread), shift_(Vector::Zero(units)), scale_(Vector::Ones(units)) {}

void StepNoise::draw(Rng& rng) {
  const double r = double(spread_);
  for (Eigen::Index u = 0; u < shift_.size(); ++u) {
    shift_(u) = Scalar(rng.uniform(-r, r));
    scale_(u) = Scalar(rng.uniform(1 - r / 2, 1 + r / 2));
  }
}

void StepNoise::apply(Matrix& zTilde) const {
  zTilde = (zTilde.array().colwise() * scale_.array()).colwise() + shift_.array();
}

void StepNoise::backward(Matrix& g) const { g.array().colwise() *= scale_.array(); }

}  // namespace bnlab
