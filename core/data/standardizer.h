#pragma once
// Input standardization per feature: x' = (x − mean) / std, with mean and std fitted on the
// training split only and applied unchanged to every split.
#include "common/types.h"
#include "data/dataset.h"

namespace bnlab {

class Standardizer {
 public:
  // Mean and population standard deviation of each row of X (d × n). A constant feature
  // gets std 1 so it maps to 0 rather than to NaN.
  static Standardizer fit(const Matrix& features);

  void apply(Matrix& features) const;
  void apply(DataSplit& split) const;

  const Vector& mean() const { return mean_; }
  const Vector& stddev() const { return stddev_; }

 private:
  Vector mean_, stddev_;
};

}  // namespace bnlab
