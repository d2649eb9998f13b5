#include "common/task_pool.h"

#include <algorithm>
#include <stdexcept>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define BNLAB_CPU_RELAX() _mm_pause()
#else
#define BNLAB_CPU_RELAX() std::this_thread::yield()
#endif

namespace bnlab {

namespace {
constexpr std::uint64_t kStop = ~std::uint64_t{0};
// Spins of ~40 ns before sleeping: about 100 µs, longer than the gap between two steps.
constexpr int kSpins = 2500;

// Waits until `value` differs from `seen`: spinning first, then sleeping in the kernel.
template <typename T>
T awaitChange(const std::atomic<T>& value, T seen) {
  for (int i = 0; i < kSpins; ++i) {
    const T now = value.load(std::memory_order_acquire);
    if (now != seen) return now;
    BNLAB_CPU_RELAX();
  }
  value.wait(seen, std::memory_order_acquire);
  return value.load(std::memory_order_acquire);
}
}  // namespace

int TaskPool::hardwareThreads() { return std::max(1, int(std::thread::hardware_concurrency())); }

TaskPool::TaskPool(int threads) {
  for (int i = 1; i < threads; ++i) helpers_.emplace_back([this] { helperLoop(); });
}

TaskPool::~TaskPool() {
  generation_.store(kStop, std::memory_order_release);
  generation_.notify_all();
  for (std::thread& helper : helpers_) helper.join();
}

void TaskPool::run(int count, const std::function<void(int)>& task) {
  if (count <= 0) return;
  if (helpers_.empty() || count == 1) {  // on this thread alone, with the same promise
    std::exception_ptr first;
    for (int i = 0; i < count; ++i) {
      try {
        task(i);
      } catch (...) {
        if (!first) first = std::current_exception();
      }
    }
    if (first) std::rethrow_exception(first);
    return;
  }
  if (count > kMaxTasks) throw std::length_error("TaskPool::run: too many tasks");
  task_ = &task;
  error_ = nullptr;
  const std::uint64_t generation = generation_.load(std::memory_order_relaxed) + 1;
  unfinished_.store(count, std::memory_order_relaxed);
  claim_.store(generation << 32 | std::uint64_t(count) << 16,
               std::memory_order_release);  // publishes the fields above
  generation_.store(generation, std::memory_order_release);
  generation_.notify_all();
  work(generation);
  for (int left = unfinished_.load(std::memory_order_acquire); left != 0;
       left = unfinished_.load(std::memory_order_acquire))
    awaitChange(unfinished_, left);
  task_ = nullptr;
  if (error_) std::rethrow_exception(error_);
}

void TaskPool::work(std::uint64_t generation) {
  while (true) {
    std::uint64_t claim = claim_.load(std::memory_order_acquire);
    int i = 0;
    do {
      if (claim >> 32 != (generation & 0xffffffffu)) return;  // a later run's claim
      i = int(claim & 0xffffu);
      if (i >= int((claim >> 16) & 0xffffu)) return;  // every task of this run claimed
    } while (!claim_.compare_exchange_weak(claim, claim + 1, std::memory_order_acq_rel,
                                           std::memory_order_acquire));
    try {
      (*task_)(i);
    } catch (...) {
      const std::lock_guard lock(errorMutex_);
      if (!error_) error_ = std::current_exception();
    }
    if (unfinished_.fetch_sub(1, std::memory_order_acq_rel) == 1) unfinished_.notify_all();
  }
}

void TaskPool::helperLoop() {
  std::uint64_t seen = 0;
  while (true) {
    seen = awaitChange(generation_, seen);
    if (seen == kStop) return;
    work(seen);
  }
}

}  // namespace bnlab
