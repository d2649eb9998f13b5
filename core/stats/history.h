#pragma once
// A time series of fixed capacity. Each stored point is a bucket of consecutive raw samples:
// its step and value are those of the bucket's newest sample, min and max its envelope. When
// the buckets exceed the capacity, neighbouring pairs merge and every later bucket takes twice
// as many samples, so memory is bounded whatever the number of steps, the very first sample is
// kept as it was, the newest sample is always the last point, and no extreme is lost.
#include <cstdint>
#include <span>
#include <vector>

namespace bnlab {

struct HistoryPoint {
  std::int64_t step = 0;
  double value = 0;
  double min = 0;
  double max = 0;
  std::int64_t count = 0;  // raw samples in this bucket
};

class History {
 public:
  static constexpr std::size_t kDefaultCapacity = 512;

  explicit History(std::size_t capacity = kDefaultCapacity);

  void append(std::int64_t step, double value);
  void clear();

  std::span<const HistoryPoint> points() const { return points_; }
  bool empty() const { return points_.empty(); }
  const HistoryPoint& last() const { return points_.back(); }
  std::size_t capacity() const { return capacity_; }
  std::int64_t samplesPerBucket() const { return stride_; }
  std::int64_t samplesSeen() const { return seen_; }

 private:
  void compact();

  std::vector<HistoryPoint> points_;  // points_[0] is the first raw sample, never merged
  std::size_t capacity_;
  std::int64_t stride_ = 1;
  std::int64_t seen_ = 0;
};

}  // namespace bnlab
