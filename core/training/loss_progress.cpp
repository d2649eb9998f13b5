#include "training/loss_progress.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bnlab {

void LossProgress::add(double batchLoss) {
  if (!std::isfinite(batchLoss)) return;
  if (steps_ == 0) first_ = batchLoss;
  recent_[static_cast<std::size_t>(steps_ % kWindow)] = batchLoss;
  ++steps_;
}

double LossProgress::chanceLoss() const { return std::log(double(classes_)); }

double LossProgress::startLoss() const {
  return steps_ == 0 ? chanceLoss() : std::min(first_, chanceLoss());
}

double LossProgress::recentLoss() const {
  const auto n = std::min<std::int64_t>(steps_, kWindow);
  return n == 0 ? 0 : std::accumulate(recent_.begin(), recent_.begin() + n, 0.0) / double(n);
}

bool LossProgress::stalled() const {
  return steps_ >= kPatience && recentLoss() > (1 - kMargin) * startLoss();
}

}  // namespace bnlab
