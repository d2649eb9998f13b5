#pragma once
// Seeded random test inputs.
#include "common/rng.h"
#include "common/types.h"

namespace bnlab::test {

inline Matrix randomMatrix(Eigen::Index rows, Eigen::Index cols, Rng& rng, double scale = 1.0,
                           double offset = 0.0) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i)
    m.data()[i] = static_cast<Scalar>(offset + scale * rng.normal());
  return m;
}

}  // namespace bnlab::test
