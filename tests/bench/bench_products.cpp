// The matrix products of the lab's networks, each shape in Eigen and in the BLAS (OpenBLAS's
// sgemm, one thread), interleaved: where multiply() (core/common/matrix_product.h) should send
// them. GFLOPs counts 2·m·n·k per product. Shapes, C (m × n) = op(A) (m × k) · op(B) (k × n):
//   16, 32, 48, 64, 256 units at batch 64 (256 at 256): forward W·A, ∂W = ∂Z·Aᵀ, ∂A = Wᵀ·∂Z
//   the paper network (784 → 100×3 → 10, batch 60): its first and inner layers
//   the edges of the 2 → 256×4 → 2 network: input layer forward, output layer ∂W and ∂A
// Also: multiply() itself in its two parts on one thread and on two (ParallelProducts), which
// sets kParallelMultiplyAdds, and the machine's FMA peak, which compare.sh divides by.
#include <benchmark/benchmark.h>
#include <immintrin.h>

#include "common/blas_library.h"
#include "common/matrix_product.h"
#include "common/task_pool.h"
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
  const BlasLibrary* blas = blasLibrary();
  if (!blas) {
    state.SkipWithError("OpenBLAS is not loaded (libopenblas0-pthread)");
    return;
  }
  Operands o(m, n, k, kind);
  for (auto _ : state) {
    blas->sgemm(BlasLibrary::kColumnMajor,
                kind == kInputGrad ? BlasLibrary::kTransposed : BlasLibrary::kPlain,
                kind == kWeightGrad ? BlasLibrary::kTransposed : BlasLibrary::kPlain, m, n, k, 1.0f,
                o.a.data(), int(o.a.rows()), o.b.data(), int(o.b.rows()), 0.0f, o.c.data(), m);
    benchmark::ClobberMemory();
  }
  countFlops(state, m, n, k);
}

// multiply() with `threads` (the benchmark's argument) in its ParallelProducts scope.
void ourProduct(benchmark::State& state, int m, int n, int k, Kind kind) {
  Operands o(m, n, k, kind);
  TaskPool pool(int(state.range(0)));
  const ParallelProducts parallel(&pool);
  for (auto _ : state) {
    multiply(o.a, kind == kInputGrad ? Op::Transposed : Op::Plain, o.b,
             kind == kWeightGrad ? Op::Transposed : Op::Plain, o.c);
    benchmark::ClobberMemory();
  }
  countFlops(state, m, n, k);
}

// (Two functions rather than one template: each needs its own target attribute for its
// intrinsics to inline.)
// Twelve independent chains of fused multiply-adds on full vectors: the most arithmetic one core
// can do, 2 flops per lane per FMA. a ← a·x + y converges to y / (1 − x): no overflow, no
// subnormals.
__attribute__((target("avx512f"))) float chains512(std::int64_t iterations, float rate) {
  __m512 acc[12];
  for (int j = 0; j < 12; ++j) acc[j] = _mm512_set1_ps(float(j));
  const __m512 x = _mm512_set1_ps(rate), y = _mm512_set1_ps(1e-3f);
  for (std::int64_t i = 0; i < iterations; ++i)
    for (__m512& a : acc) a = _mm512_fmadd_ps(a, x, y);
  __m512 sum = acc[0];
  for (int j = 1; j < 12; ++j) sum = _mm512_add_ps(sum, acc[j]);
  float lanes[16];
  _mm512_storeu_ps(lanes, sum);
  return lanes[0];
}

__attribute__((target("avx2,fma"))) float chains256(std::int64_t iterations, float rate) {
  __m256 acc[12];
  for (int j = 0; j < 12; ++j) acc[j] = _mm256_set1_ps(float(j));
  const __m256 x = _mm256_set1_ps(rate), y = _mm256_set1_ps(1e-3f);
  for (std::int64_t i = 0; i < iterations; ++i)
    for (__m256& a : acc) a = _mm256_fmadd_ps(a, x, y);
  __m256 sum = acc[0];
  for (int j = 1; j < 12; ++j) sum = _mm256_add_ps(sum, acc[j]);
  float lanes[8];
  _mm256_storeu_ps(lanes, sum);
  return lanes[0];
}

template <int Lanes>
void fmaPeak(benchmark::State& state) {
  if (!__builtin_cpu_supports(Lanes == 16 ? "avx512f" : "fma")) {
    state.SkipWithError("this CPU lacks the instructions");
    return;
  }
  constexpr std::int64_t kIterations = 1 << 20;
  float rate = 0.999999f;  // opaque to the compiler, which could otherwise fold the chains
  for (auto _ : state) {
    benchmark::DoNotOptimize(rate);
    benchmark::DoNotOptimize(Lanes == 16 ? chains512(kIterations, rate)
                                         : chains256(kIterations, rate));
  }
  state.counters["GFLOPs"] =
      benchmark::Counter(2.0 * Lanes * 12 * double(kIterations) * double(state.iterations()),
                         benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(fmaPeak<16>)->Name("BM_FmaPeak512")->MinTime(0.5);
BENCHMARK(fmaPeak<8>)->Name("BM_FmaPeak256")->MinTime(0.5);

// multiply() on one thread and on two, around kParallelMultiplyAdds.
#define PARALLEL(name, m, n, k, kind)                                       \
  BENCHMARK_CAPTURE(ourProduct, name, m, n, k, kind)->Arg(1)->MinTime(0.3); \
  BENCHMARK_CAPTURE(ourProduct, name, m, n, k, kind)->Arg(2)->MinTime(0.3)->UseRealTime();

PARALLEL(w16_input_grad, 16, 64, 16, kInputGrad)
PARALLEL(w32_input_grad, 32, 64, 32, kInputGrad)
PARALLEL(w48_input_grad, 48, 64, 48, kInputGrad)
PARALLEL(w64_input_grad, 64, 64, 64, kInputGrad)
PARALLEL(paper_inner_input_grad, 100, 60, 100, kInputGrad)
PARALLEL(w64_forward, 64, 64, 64, kForward)
PARALLEL(w96_forward, 96, 96, 96, kForward)
PARALLEL(w128_forward, 128, 128, 128, kForward)
PARALLEL(w128_weight_grad, 128, 128, 128, kWeightGrad)
PARALLEL(w128_input_grad, 128, 128, 128, kInputGrad)
PARALLEL(w256_forward, 256, 256, 256, kForward)
PARALLEL(w256_weight_grad, 256, 256, 256, kWeightGrad)
PARALLEL(w256_input_grad, 256, 256, 256, kInputGrad)
PARALLEL(paper_first_forward, 100, 60, 784, kForward)
PARALLEL(paper_first_weight_grad, 100, 784, 60, kWeightGrad)

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
