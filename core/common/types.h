#pragma once
// Numeric types of the core. Matrices are column-major with one example per column.
// The scalar is float for speed; the gradient-check tests build the same sources with
// BNLAB_SCALAR_DOUBLE to check derivatives at double precision.
#include <Eigen/Core>
#include <cstdint>

namespace bnlab {

#ifdef BNLAB_SCALAR_DOUBLE
using Scalar = double;
#else
using Scalar = float;
#endif

using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using RowVector = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;

// Train: batch statistics, dropout active, running statistics updated.
// Eval: running statistics, dropout is the identity.
enum class Mode { Train, Eval };

}  // namespace bnlab
