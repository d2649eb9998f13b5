#pragma once
// OpenBLAS's gemm, loaded at run time (dlopen) rather than linked: a binary without it runs on
// Eigen alone, and the library is never loaded where it could hang (see blasLibrary()).
namespace bnlab {

// C = α·op(A)·op(B) + β·C, column-major, as cblas_sgemm / cblas_dgemm (CBLAS's enum values).
struct BlasLibrary {
  static constexpr int kColumnMajor = 102, kPlain = 111, kTransposed = 112;
  using Sgemm = void (*)(int order, int opA, int opB, int m, int n, int k, float alpha,
                         const float* a, int lda, const float* b, int ldb, float beta, float* c,
                         int ldc);
  using Dgemm = void (*)(int order, int opA, int opB, int m, int n, int k, double alpha,
                         const double* a, int lda, const double* b, int ldb, double beta, double* c,
                         int ldc);
  Sgemm sgemm = nullptr;
  Dgemm dgemm = nullptr;
};

// The library, loaded on the first call, or nullptr where it is not used:
// - it is missing, or is not OpenBLAS's pthread variant (the serial one gives wrong results when
//   two threads call it at once, the pthread one locks its buffers);
// - the address space is limited (RLIMIT_AS) or overcommit is strict: OpenBLAS reserves 128 MB
//   buffers and retries for ever when a reservation fails, where Eigen throws std::bad_alloc.
// It is told to use one thread: parallelism is the caller's (ParallelProducts, parallel runs).
const BlasLibrary* blasLibrary();

}  // namespace bnlab
