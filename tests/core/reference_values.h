#pragma once
// Fixed inputs and values printed by PyTorch (the *_reference.py scripts beside the tests), and
// their comparison to 1e-5.
#include <QTest>
#include <cmath>
#include <initializer_list>

#include "common/types.h"

namespace bnlab::test {

// A rows × cols matrix from f(row, column).
template <typename F>
Matrix filled(int rows, int cols, F f) {
  Matrix x(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) x(i, j) = Scalar(f(i, j));
  return x;
}

// A rows × cols matrix from values in row-major order, as PyTorch prints a flattened tensor.
inline Matrix rowMajor(int rows, int cols, std::initializer_list<double> values) {
  Matrix x(rows, cols);
  auto it = values.begin();
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) x(i, j) = Scalar(*it++);
  return x;
}

// Every entry within 1e-5 of PyTorch's.
inline void compareToPyTorch(const Matrix& got, const Matrix& want) {
  QCOMPARE(got.rows(), want.rows());
  QCOMPARE(got.cols(), want.cols());
  for (Eigen::Index i = 0; i < got.size(); ++i)
    QVERIFY2(std::abs(got.data()[i] - want.data()[i]) <= 1e-5,
             qPrintable(QStringLiteral("entry %1: %2 against PyTorch's %3")
                            .arg(i)
                            .arg(got.data()[i])
                            .arg(want.data()[i])));
}

}  // namespace bnlab::test
