#include "stats/history.h"

#include <algorithm>

namespace bnlab {

History::History(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 4)) {
  points_.reserve(capacity_ + 1);
}

void History::clear() {
  points_.clear();
  stride_ = 1;
  seen_ = 0;
}

void History::append(std::int64_t step, double value) {
  ++seen_;
  const bool lastIsOpen = points_.size() > 1 && points_.back().count < stride_;
  if (lastIsOpen) {
    HistoryPoint& bucket = points_.back();
    bucket.step = step;
    bucket.value = value;
    bucket.min = std::min(bucket.min, value);
    bucket.max = std::max(bucket.max, value);
    ++bucket.count;
    return;
  }
  points_.push_back({step, value, value, value, 1});
  if (points_.size() > capacity_) compact();
}

void History::compact() {
  // Merge buckets 1+2k and 2+2k (the newer one gives step and value); the first stays raw.
  std::size_t out = 1;
  for (std::size_t in = 1; in < points_.size(); in += 2, ++out) {
    HistoryPoint merged = points_[in];
    if (in + 1 < points_.size()) {
      const HistoryPoint& newer = points_[in + 1];
      merged.step = newer.step;
      merged.value = newer.value;
      merged.min = std::min(merged.min, newer.min);
      merged.max = std::max(merged.max, newer.max);
      merged.count += newer.count;
    }
    points_[out] = merged;
  }
  points_.resize(out);
  stride_ *= 2;
}

}  // namespace bnlab
