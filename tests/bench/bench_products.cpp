// The matrix products of the lab's networks, each shape in Eigen and in the BLAS (OpenBLAS's
// sgemm, one thread), interleaved: where multiply() (core/common/matrix_product.h) should send
// them. GFLOPs counts 2·m·n·k per product. Shapes, C (m × n) = op(A) (m × k) · op(B) (k × n):
//   16, 32, 48, 64, 256 units at batch 64 (256 at 256): forward W·A, ∂W = ∂Z·Aᵀ, ∂A = Wᵀ·∂Z
//   the paper network (784 → 100×3 → 10, batch 60): its first and inner layers
//   the edges of the 2 → 256×4 → 2 network: input layer forward, output layer ∂W and ∂A
#include <benchmark/benchmark.h>
#include <cblas.h>

#include "common/types.h"

using namespace bnlab;

namespace {

enum Kind { kForward, kWeightGrad, kInputGrad };  // A·B, A·Bᵀ, Aᵀ·B

struct Operands {
  Operands(int m, int n, int k, Kind kind)
      : a(kind == kInputGrad ? Matrix(Matrix::Random(k, m)) : Matrix(Matrix::Random(m, k))),
        b(kind == kWeightGrad ? Matrix(Matrix::Random(n, k)) : Matrix(Matrix::Random(k, n))),
        c(m, n) {}
  Matrix a, b, c;
};

void countFlops(benchmark::State& state, int m, int n, int k) {
  state.counters["GFLOPs"] =
      benchmark::Counter(2.0 * m * n * k * double(state.iterations()), benchmark::Counter::kIsRate);
}

void eigenProduct(benchmark::State& state, int m, int n, int k, Kind kind) {
  Operands o(m, n, k, kind);
  for (auto _ : state) {
    if (kind == kForward)
      o.c.noalias() = o.a * o.b;
    else if (kind == kWeightGrad)
      o.c.noalias() = o.a * o.b.transpose();
    else
      o.c.noalias() = o.a.transpose() * o.b;
    benchmark::ClobberMemory();
  }
  countFlops(state, m, n, k);
}

void blasProduct(benchmark::State& state, int m, int n, int k, Kind kind) {
  openblas_set_num_threads(1);
  Operands o(m, n, k, kind);
  for (auto _ : state) {
    cblas_sgemm(CblasColMajor, kind == kInputGrad ? CblasTrans : CblasNoTrans,
                kind == kWeightGrad ? CblasTrans : CblasNoTrans, m, n, k, 1.0f, o.a.data(),
                int(o.a.rows()), o.b.data(), int(o.b.rows()), 0.0f, o.c.data(), m);
    benchmark::ClobberMemory();
  }
  countFlops(state, m, n, k);
}

}  // namespace

#define SHAPE(name, m, n, k, kind)                                    \
  BENCHMARK_CAPTURE(eigenProduct, name, m, n, k, kind)->MinTime(0.3); \
  BENCHMARK_CAPTURE(blasProduct, name, m, n, k, kind)->MinTime(0.3);

// Hidden layers of n units at batch 64: forward (n × 64 × n), ∂W (n × n × 64), ∂A (n × 64 × n).
#define LAYER(n, batch)                               \
  SHAPE(w##n##_forward, n, batch, n, kForward)        \
  SHAPE(w##n##_weight_grad, n, n, batch, kWeightGrad) \
  SHAPE(w##n##_input_grad, n, batch, n, kInputGrad)

LAYER(16, 64)
LAYER(32, 64)
LAYER(48, 64)
LAYER(64, 64)
LAYER(256, 256)
SHAPE(paper_first_forward, 100, 60, 784, kForward)
SHAPE(paper_first_weight_grad, 100, 784, 60, kWeightGrad)
SHAPE(paper_inner_forward, 100, 60, 100, kForward)
SHAPE(paper_inner_weight_grad, 100, 100, 60, kWeightGrad)
SHAPE(paper_inner_input_grad, 100, 60, 100, kInputGrad)
SHAPE(wide_input_forward, 256, 256, 2, kForward)
SHAPE(wide_output_weight_grad, 2, 256, 256, kWeightGrad)
SHAPE(wide_output_input_grad, 256, 256, 2, kInputGrad)

BENCHMARK_MAIN();
