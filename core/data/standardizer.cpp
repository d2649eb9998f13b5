#include "data/standardizer.h"

#include <algorithm>

namespace bnlab {

Standardizer Standardizer::fit(const Matrix& features) {
  Standardizer s;
  const Eigen::Index n = std::max<Eigen::Index>(features.cols(), 1);
  s.mean_ = features.rowwise().sum() / Scalar(n);
  // Σ (x − mean)² per row over blocks of columns, each centred in a workspace of at most
  // kBlockBytes, never a centred copy of all of X (one block when X is that small).
  constexpr Eigen::Index kBlockBytes = 8 << 20;
  const Eigen::Index block = std::max<Eigen::Index>(
      kBlockBytes / std::max<Eigen::Index>(features.rows() * Eigen::Index(sizeof(Scalar)), 1), 1);
  Vector squares = Vector::Zero(features.rows());
  Matrix centered;
  for (Eigen::Index start = 0; start < features.cols(); start += block) {
    centered =
        features.middleCols(start, std::min(block, features.cols() - start)).colwise() - s.mean_;
    squares += centered.array().square().rowwise().sum().matrix();
  }
  s.stddev_ = (squares / Scalar(n)).array().sqrt().matrix();
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
