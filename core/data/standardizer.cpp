#include "data/standardizer.h"

namespace bnlab {

Standardizer Standardizer::fit(const Matrix& features) {
  Standardizer s;
  const Eigen::Index n = std::max<Eigen::Index>(features.cols(), 1);
  s.mean_ = features.rowwise().sum() / Scalar(n);
  const Matrix centered = features.colwise() - s.mean_;
  s.stddev_ = (centered.array().square().rowwise().sum() / Scalar(n)).sqrt().matrix();
  for (Eigen::Index i = 0; i < s.stddev_.size(); ++i)
    if (!(s.stddev_(i) > Scalar(1e-12))) s.stddev_(i) = Scalar(1);
  return s;
}

void Standardizer::apply(Matrix& features) const {
  features = (features.colwise() - mean_).array().colwise() / stddev_.array();
}

void Standardizer::apply(DataSplit& split) const {
  apply(split.train.features);
  apply(split.test.features);
}

}  // namespace bnlab
