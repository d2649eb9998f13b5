#include "data/covariate_shift.h"

#include <cmath>
#include <limits>

namespace bnlab {

ToyLabelRule::ToyLabelRule(const ToyDataConfig& config) {
  ToyDataConfig clean = config;
  clean.noise = 0;
  clean.size = 6000;
  reference_ = makeToyData(clean);
}

int ToyLabelRule::label(double x, double y) const {
  // 1-nearest neighbour: squared distances to every reference point (2 × n), smallest wins.
  const Eigen::Array<Scalar, 1, Eigen::Dynamic> distances =
      (reference_.features.row(0).array() - Scalar(x)).square() +
      (reference_.features.row(1).array() - Scalar(y)).square();
  Eigen::Index nearest = 0;
  distances.minCoeff(&nearest);
  return reference_.labels[static_cast<std::size_t>(nearest)];
}

void shiftTestInputs(DataSplit& split, const ToyDataConfig& config, double amount) {
  if (amount == 0 || split.test.size() == 0 || split.train.dimensions() != 2) return;
  const auto x1 = split.train.features.row(0).cast<double>().array();
  const double spread = std::sqrt((x1 - x1.mean()).square().mean());
  const ToyLabelRule rule(config);
  split.test.features.row(0).array() += Scalar(amount * spread);
  for (int i = 0; i < split.test.size(); ++i)
    split.test.labels[static_cast<std::size_t>(i)] =
        rule.label(split.test.features(0, i), split.test.features(1, i));
}

}  // namespace bnlab
