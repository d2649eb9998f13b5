#pragma once
// C = op(A) · op(B), the network's one matrix product (dense layers forward and backward).
// Products go to the BLAS's gemm from a size on: OpenBLAS picks its kernels for the CPU it runs on
// (AVX-512 where there is one), whatever flags the binary was built with. Smaller ones stay in
// Eigen, whose call costs less. Large products are computed in parts, by columns of C, which run
// on a TaskPool's threads while a ParallelProducts scope is open on the calling thread.
#include <cstdint>

#include "common/types.h"

namespace bnlab {

class TaskPool;

enum class Op { Plain, Transposed };

// C (m × n) = op(A) (m × k) · op(B) (k × n); C is resized, and allocates only when it grows.
void multiply(const Matrix& a, Op opA, const Matrix& b, Op opB, Matrix& c);

// m·n·k from which a product goes to the BLAS, measured on one core of an AVX-512 machine
// (tests/bench/bench_products.cpp): OpenBLAS runs 16×64×16 at 1.7–2.3× Eigen's speed (AVX2) and
// 2×256×256 (an output layer's ∂W) at 5×. Aᵀ·B up to kTransposeFirstMultiplyAdds runs as A·B on
// a transposed copy of A.
inline constexpr std::int64_t kBlasMultiplyAdds = std::int64_t(16) * 16 * 16;
inline constexpr std::int64_t kTransposeFirstMultiplyAdds = std::int64_t(64) * 64 * 64;
// m·n·k from which a product is computed in kProductParts blocks of C's columns, on as many
// threads as an open ParallelProducts scope gives (one part each), else one after the other.
// Two threads run 128³ to 256³ at 1.5–1.85× one thread's speed when the products come back to
// back (tests/bench/bench_products.cpp), but in a training step the helper thread has gone to
// sleep between two large products, and waking it costs more than half a product of the paper
// network's first layer (100 × 60 × 784: 2 threads gave 1,680 steps/s against 1,980 on one).
inline constexpr std::int64_t kParallelMultiplyAdds = std::int64_t(192) * 192 * 192;
inline constexpr int kProductParts = 2;

// While it lives, multiply() on this thread may split large products over `pool`'s threads. The
// pool must be idle: the caller is the only one running it. nullptr (or a one-thread pool) keeps
// every product on the calling thread. Scopes nest; the innermost wins.
class ParallelProducts {
 public:
  explicit ParallelProducts(TaskPool* pool);
  ~ParallelProducts();
  ParallelProducts(const ParallelProducts&) = delete;
  ParallelProducts& operator=(const ParallelProducts&) = delete;

 private:
  TaskPool* previous_;
};

// Whether products go to the BLAS in this process (blasLibrary(), common/blas_library.h).
bool blasInUse();

}  // namespace bnlab
