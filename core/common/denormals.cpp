#include "common/denormals.h"

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define BNLAB_HAS_MXCSR 1
#endif

namespace bnlab {

#ifdef BNLAB_HAS_MXCSR
namespace {
constexpr unsigned kFlushToZero = 0x8000;       // results that would be subnormal become 0
constexpr unsigned kDenormalsAreZero = 0x0040;  // subnormal inputs are read as 0
}  // namespace

ScopedFlushDenormals::ScopedFlushDenormals() : saved_(_mm_getcsr()) {
  _mm_setcsr(saved_ | kFlushToZero | kDenormalsAreZero);
}

ScopedFlushDenormals::~ScopedFlushDenormals() { _mm_setcsr(saved_); }
#else
ScopedFlushDenormals::ScopedFlushDenormals() = default;
ScopedFlushDenormals::~ScopedFlushDenormals() = default;
#endif

}  // namespace bnlab
