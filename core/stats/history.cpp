#include "stats/history.h"

#include <algorithm>

namespace bnlab {

std::vector<HistoryPoint> HistoryView::toVector() const {
  std::vector<HistoryPoint> points;
  points.reserve(size_);
  forEach([&](const HistoryPoint& p) { points.push_back(p); });
  return points;
}

History::History(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 4)) {}

void History::clear() {
  chunks_.clear();
  size_ = 0;
  stride_ = 1;
  seen_ = 0;
}

HistoryView History::view() const {
  HistoryView view;
  view.chunks_.assign(chunks_.begin(), chunks_.end());
  view.size_ = size_;
  return view;
}

History::Chunk& History::writableLastChunk() {
  // Copy on write: a chunk still held by a view is never modified.
  if (chunks_.back().use_count() > 1) chunks_.back() = std::make_shared<Chunk>(*chunks_.back());
  return *chunks_.back();
}

void History::push(const HistoryPoint& point) {
  if (chunks_.empty() || chunks_.back()->size() >= kChunkSize) {
    chunks_.push_back(std::make_shared<Chunk>());
    chunks_.back()->reserve(kChunkSize);
  }
  writableLastChunk().push_back(point);
  ++size_;
}

void History::append(std::int64_t step, double value) {
  ++seen_;
  const bool lastIsOpen = size_ > 1 && last().count < stride_;
  if (!lastIsOpen) {
    push({step, value, value, value, 1});
    if (size_ > capacity_) compact();
    return;
  }
  HistoryPoint& bucket = writableLastChunk().back();
  bucket.step = step;
  bucket.value = value;
  bucket.min = std::min(bucket.min, value);
  bucket.max = std::max(bucket.max, value);
  ++bucket.count;
}

void History::compact() {
  // Merge buckets 1+2k and 2+2k (the newer one gives step and value); the first stays raw.
  const std::vector<HistoryPoint> old = view().toVector();
  chunks_.clear();
  size_ = 0;
  push(old.front());
  for (std::size_t in = 1; in < old.size(); in += 2) {
    HistoryPoint merged = old[in];
    if (in + 1 < old.size()) {
      const HistoryPoint& newer = old[in + 1];
      merged.step = newer.step;
      merged.value = newer.value;
      merged.min = std::min(merged.min, newer.min);
      merged.max = std::max(merged.max, newer.max);
      merged.count += newer.count;
    }
    push(merged);
  }
  stride_ *= 2;
}

}  // namespace bnlab
