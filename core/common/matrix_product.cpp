#include "common/matrix_product.h"

#include <cblas.h>
#include <sys/resource.h>

#include <algorithm>
#include <fstream>

#include "common/denormals.h"
#include "common/task_pool.h"

namespace bnlab {

namespace {

thread_local TaskPool* productPool = nullptr;

CBLAS_TRANSPOSE blasOp(Op op) { return op == Op::Transposed ? CblasTrans : CblasNoTrans; }

// C = op(A)·op(B) in column-major storage, C with leading dimension ldc.
void gemm(Op opA, Op opB, Eigen::Index m, Eigen::Index n, Eigen::Index k, const Scalar* a,
          Eigen::Index lda, const Scalar* b, Eigen::Index ldb, Scalar* c, Eigen::Index ldc) {
#ifdef BNLAB_SCALAR_DOUBLE
  cblas_dgemm(CblasColMajor, blasOp(opA), blasOp(opB), int(m), int(n), int(k), 1.0, a, int(lda), b,
              int(ldb), 0.0, c, int(ldc));
#else
  cblas_sgemm(CblasColMajor, blasOp(opA), blasOp(opB), int(m), int(n), int(k), 1.0f, a, int(lda), b,
              int(ldb), 0.0f, c, int(ldc));
#endif
}

// C's columns [j, j + width) in Eigen.
void eigenBlock(const Matrix& a, Op opA, const Matrix& b, Op opB, Matrix& c, Eigen::Index j,
                Eigen::Index width) {
  auto cBlock = c.middleCols(j, width);
  if (opB == Op::Plain) {
    const auto bBlock = b.middleCols(j, width);
    if (opA == Op::Plain)
      cBlock.noalias() = a * bBlock;
    else
      cBlock.noalias() = a.transpose() * bBlock;
  } else {
    const auto bBlock = b.middleRows(j, width);
    if (opA == Op::Plain)
      cBlock.noalias() = a * bBlock.transpose();
    else
      cBlock.noalias() = a.transpose() * bBlock.transpose();
  }
}

// OpenBLAS's AVX-512 small-matrix kernel for A·B copies A's last m mod 16 rows into a buffer it
// mallocs on every call when there are 1 to 8 of them and k ≥ 32 (a two-class output layer's
// forward): those stay in Eigen, so that a step allocates nothing.
bool blasAllocates(Op opA, Op opB, Eigen::Index m, Eigen::Index k) {
  const Eigen::Index rest = m % 16;
  return opA == Op::Plain && opB == Op::Plain && rest >= 1 && rest <= 8 && k >= 32;
}

bool addressSpaceUnlimited() {
  rlimit limit{};
  return getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY;
}

bool strictOvercommit() {
  std::ifstream mode("/proc/sys/vm/overcommit_memory");
  int value = 0;
  return mode >> value && value == 2;
}

}  // namespace

ParallelProducts::ParallelProducts(TaskPool* pool) : previous_(productPool) { productPool = pool; }

ParallelProducts::~ParallelProducts() { productPool = previous_; }

bool blasInUse() {
  static const bool inUse = addressSpaceUnlimited() && !strictOvercommit();
  return inUse;
}

void multiply(const Matrix& a, Op opA, const Matrix& b, Op opB, Matrix& c) {
  const Eigen::Index m = opA == Op::Transposed ? a.cols() : a.rows();
  const Eigen::Index k = opA == Op::Transposed ? a.rows() : a.cols();
  const Eigen::Index n = opB == Op::Transposed ? b.rows() : b.cols();
  c.resize(m, n);
  const std::int64_t size = std::int64_t(m) * n * k;
  const bool blas =
      blasInUse() && !blasAllocates(opA, opB, m, k) &&
      size >= (opA == Op::Transposed ? kBlasTransposedMultiplyAdds : kBlasMultiplyAdds);
  // C's columns [j, j + width), so that parts write disjoint blocks of C.
  const auto block = [&](Eigen::Index j, Eigen::Index width) {
    if (!blas) return eigenBlock(a, opA, b, opB, c, j, width);
    const Scalar* bStart = b.data() + (opB == Op::Plain ? j * b.rows() : j);
    gemm(opA, opB, m, width, k, a.data(), a.rows(), bStart, b.rows(), c.data() + j * m, m);
  };
  if (size < kParallelMultiplyAdds || n < kProductParts) return block(0, n);
  // Always the same parts, on one thread or several: the BLAS picks its kernel by a product's
  // size, so a part's bits depend on its shape, never on who computes it.
  const auto part = [&](int i) {
    const Eigen::Index begin = n * i / kProductParts, end = n * (i + 1) / kProductParts;
    block(begin, end - begin);
  };
  if (!productPool || productPool->threads() == 1) {
    for (int i = 0; i < kProductParts; ++i) part(i);
    return;
  }
  productPool->run(kProductParts, [&](int i) {
    const ScopedFlushDenormals flush;  // as on the training thread, whichever thread runs this
    part(i);
  });
}

}  // namespace bnlab
