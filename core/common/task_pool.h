#pragma once
// A small pool of std::threads that runs the iterations of one loop in parallel: run(count, task)
// calls task(i) once for every i in [0, count), spread over the pool's threads and the calling
// thread, and returns when all have finished. Which thread runs which i is not fixed, so a task
// must only touch what belongs to its i. Between calls the helper threads spin briefly (calls
// come every few tens of microseconds while training) and then sleep.
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bnlab {

class TaskPool {
 public:
  // `threads` in all, the caller's included (1: everything runs on the caller).
  explicit TaskPool(int threads);
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  int threads() const { return int(helpers_.size()) + 1; }

  // The first exception a task throws is rethrown here, after every task has finished.
  // count ≤ kMaxTasks.
  void run(int count, const std::function<void(int)>& task);
  static constexpr int kMaxTasks = 0xffff;

  // The machine's cores (at least 1).
  static int hardwareThreads();

 private:
  void helperLoop();
  // Claims and runs tasks of run number `generation` until none is left.
  void work(std::uint64_t generation);

  std::vector<std::thread> helpers_;
  const std::function<void(int)>* task_ = nullptr;
  // generation << 32 | task count << 16 | the next task's index, in one word, so that a helper
  // still finishing an earlier run can neither claim a task of the next one nor read its count.
  std::atomic<std::uint64_t> claim_{0};
  std::atomic<int> unfinished_{0};
  std::atomic<std::uint64_t> generation_{0};  // one more for every run(); ~0 stops the helpers
  std::mutex errorMutex_;
  std::exception_ptr error_;
};

}  // namespace bnlab
