#pragma once
// Whether training lowers the loss at all. Once a run has trained kPatience steps, the mean
// batch loss of its last kWindow steps is compared with where it started: the untrained
// network's first batch loss, or ln k (the loss of predicting each of k classes with
// probability 1/k, which knows nothing) when that is lower. A run whose loss is finite but not
// clearly below that, by at least kMargin of it (a learning rate far too high for relu units,
// say, leaves it at chance or worse), is stalled, and the lab says so instead of finishing in
// silence. Runs that learn, even slowly, are 6% or more below at kPatience steps (every preset,
// measured).
#include <array>
#include <cstdint>

namespace bnlab {

class LossProgress {
 public:
  LossProgress() = default;
  explicit LossProgress(int classes) : classes_(classes) {}

  static constexpr int kWindow = 50;
  static constexpr int kPatience = 500;
  static constexpr double kMargin = 0.02;

  // One training step's batch loss (non-finite losses are diverged runs', not counted).
  void add(double batchLoss);

  std::int64_t steps() const { return steps_; }
  double firstLoss() const { return first_; }  // the untrained network's batch loss
  double chanceLoss() const;                   // ln k
  double startLoss() const;                    // the lower of the two
  double recentLoss() const;                   // mean over the last kWindow steps
  // kPatience steps trained and the recent mean is above (1 − kMargin) × the start.
  bool stalled() const;

 private:
  int classes_ = 2;
  std::int64_t steps_ = 0;
  double first_ = 0;
  std::array<double, kWindow> recent_{};  // a ring: step s at s mod kWindow
};

}  // namespace bnlab
