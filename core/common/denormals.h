#pragma once
// Subnormal floats (|x| < 1.2·10⁻³⁸) flushed to zero on this thread while in scope, in both
// results and inputs (x86's FTZ and DAZ, as torch.set_flush_denormal(True)). On x86 cores an
// arithmetic operation on a subnormal costs about a hundred cycles: dead ReLU units and Adam's
// decaying second moments produce them, and the plain 2 → 64×4 → 2 network spent two thirds of
// its step on them. Values that small are below anything a chart or a loss can show. Elsewhere
// a no-op.
namespace bnlab {

class ScopedFlushDenormals {
 public:
  ScopedFlushDenormals();
  ~ScopedFlushDenormals();
  ScopedFlushDenormals(const ScopedFlushDenormals&) = delete;
  ScopedFlushDenormals& operator=(const ScopedFlushDenormals&) = delete;

 private:
  unsigned saved_ = 0;
};

}  // namespace bnlab
