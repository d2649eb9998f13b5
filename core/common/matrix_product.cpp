#include "common/matrix_product.h"

#include <algorithm>
#include <vector>

#include "common/blas_library.h"
#include "common/denormals.h"
#include "common/task_pool.h"

namespace bnlab {

namespace {

thread_local TaskPool* productPool = nullptr;

int blasOp(Op op) { return op == Op::Transposed ? BlasLibrary::kTransposed : BlasLibrary::kPlain; }

// C = op(A)·op(B) in column-major storage, C with leading dimension ldc.
void gemm(const BlasLibrary& blas, Op opA, Op opB, Eigen::Index m, Eigen::Index n, Eigen::Index k,
          const Scalar* a, Eigen::Index lda, const Scalar* b, Eigen::Index ldb, Scalar* c,
          Eigen::Index ldc) {
#ifdef BNLAB_SCALAR_DOUBLE
  blas.dgemm(BlasLibrary::kColumnMajor, blasOp(opA), blasOp(opB), int(m), int(n), int(k), 1.0, a,
             int(lda), b, int(ldb), 0.0, c, int(ldc));
#else
  blas.sgemm(BlasLibrary::kColumnMajor, blasOp(opA), blasOp(opB), int(m), int(n), int(k), 1.0f, a,
             int(lda), b, int(ldb), 0.0f, c, int(ldc));
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

// OpenBLAS's AVX-512 small-matrix kernel for A·B, which it uses up to m·n·k = 100³, copies A's
// last m mod 16 rows into a buffer it mallocs on every call when there are 1 to 8 of them and
// k ≥ 32 (a two-class output layer's forward, or 100 units at batch 60): those stay in Eigen, so
// that a step allocates nothing. (Aᵀ·B included: it runs as A·B.)
bool blasAllocates(Op opB, Eigen::Index m, Eigen::Index n, Eigen::Index k) {
  const Eigen::Index rest = m % 16;
  return opB == Op::Plain && rest >= 1 && rest <= 8 && k >= 32 &&
         std::int64_t(m) * n * k <= std::int64_t(100) * 100 * 100;
}

}  // namespace

ParallelProducts::ParallelProducts(TaskPool* pool) : previous_(productPool) { productPool = pool; }

ParallelProducts::~ParallelProducts() { productPool = previous_; }

bool blasInUse() { return blasLibrary() != nullptr; }

void multiply(const Matrix& a, Op opA, const Matrix& b, Op opB, Matrix& c) {
  const Eigen::Index m = opA == Op::Transposed ? a.cols() : a.rows();
  const Eigen::Index k = opA == Op::Transposed ? a.rows() : a.cols();
  const Eigen::Index n = opB == Op::Transposed ? b.rows() : b.cols();
  c.resize(m, n);
  const std::int64_t size = std::int64_t(m) * n * k;
  const BlasLibrary* const library = blasLibrary();
  const bool blas = library && !blasAllocates(opB, m, n, k) && size >= kBlasMultiplyAdds;
  // OpenBLAS's Aᵀ·B kernel packs both operands on every call: up to 64³, A transposed once into
  // this thread's scratch runs faster as A·B (90–113 GFLOP/s against 66–93 for 16³ to 64³ on
  // one core); beyond, the packing pays for itself (256³: 129 against 104).
  const bool transposeFirst = blas && opA == Op::Transposed && size <= kTransposeFirstMultiplyAdds;
  thread_local std::vector<Scalar> scratch;  // only grows: a step allocates nothing
  if (transposeFirst) {
    scratch.resize(std::max(scratch.size(), std::size_t(a.size())));
    Eigen::Map<Matrix>(scratch.data(), a.cols(), a.rows()) = a.transpose();
  }
  const Scalar* left = transposeFirst ? scratch.data() : a.data();
  const Eigen::Index leftRows = transposeFirst ? a.cols() : a.rows();
  const Op opLeft = transposeFirst ? Op::Plain : opA;
  // C's columns [j, j + width), so that parts write disjoint blocks of C.
  const auto block = [&](Eigen::Index j, Eigen::Index width) {
    if (!blas) return eigenBlock(a, opA, b, opB, c, j, width);
    const Scalar* bStart = b.data() + (opB == Op::Plain ? j * b.rows() : j);
    gemm(*library, opLeft, opB, m, width, k, left, leftRows, bStart, b.rows(), c.data() + j * m, m);
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
