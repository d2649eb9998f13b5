#include "common/blas_library.h"

#include <dlfcn.h>
#include <sys/resource.h>

#include <fstream>

namespace bnlab {

namespace {

bool addressSpaceUnlimited() {
  rlimit limit{};
  return getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY;
}

bool strictOvercommit() {
  std::ifstream mode("/proc/sys/vm/overcommit_memory");
  int value = 0;
  return mode >> value && value == 2;
}

const BlasLibrary* load() {
#ifdef BNLAB_OPENBLAS_LIBRARY
  if (!addressSpaceUnlimited() || strictOvercommit()) return nullptr;
  void* handle = dlopen(BNLAB_OPENBLAS_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  if (!handle) return nullptr;
  const auto parallel = reinterpret_cast<int (*)()>(dlsym(handle, "openblas_get_parallel"));
  const auto setThreads =
      reinterpret_cast<void (*)(int)>(dlsym(handle, "openblas_set_num_threads"));
  static BlasLibrary library;
  library.sgemm = reinterpret_cast<BlasLibrary::Sgemm>(dlsym(handle, "cblas_sgemm"));
  library.dgemm = reinterpret_cast<BlasLibrary::Dgemm>(dlsym(handle, "cblas_dgemm"));
  constexpr int kPthreads = 1;  // openblas_get_parallel(): 0 serial, 1 pthreads, 2 OpenMP
  if (!parallel || !setThreads || !library.sgemm || !library.dgemm || parallel() != kPthreads) {
    dlclose(handle);
    return nullptr;
  }
  setThreads(1);
  return &library;
#else
  return nullptr;
#endif
}

}  // namespace

const BlasLibrary* blasLibrary() {
  static const BlasLibrary* const library = load();
  return library;
}

}  // namespace bnlab
