#pragma once
// A time series of fixed capacity. Each stored point is a bucket of consecutive raw samples:
// its step and value are those of the bucket's newest sample, min and max its envelope. When
// the buckets exceed the capacity, neighbouring pairs merge and every later bucket takes twice
// as many samples, so memory is bounded whatever the number of steps, the very first sample is
// kept as it was, the newest sample is always the last point, and no extreme is lost.
//
// Points live in immutable chunks shared with every HistoryView taken of them, so a view (for a
// Snapshot) costs a few pointer copies, and an append copies at most one small chunk, and only
// when a view still holds it.
#include <cstdint>
#include <memory>
#include <vector>

namespace bnlab {

struct HistoryPoint {
  std::int64_t step = 0;
  double value = 0;
  double min = 0;
  double max = 0;
  std::int64_t count = 0;  // raw samples in this bucket
};

// An immutable view of a History's points at one moment; cheap to copy, safe to read from any
// thread while the History goes on changing.
class HistoryView {
 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const HistoryPoint& front() const { return chunks_.front()->front(); }
  const HistoryPoint& back() const { return chunks_.back()->back(); }
  template <typename Visit>
  void forEach(Visit&& visit) const {
    for (const auto& chunk : chunks_)
      for (const HistoryPoint& point : *chunk) visit(point);
  }
  std::vector<HistoryPoint> toVector() const;

 private:
  friend class History;
  std::vector<std::shared_ptr<const std::vector<HistoryPoint>>> chunks_;
  std::size_t size_ = 0;
};

class History {
 public:
  static constexpr std::size_t kDefaultCapacity = 512;
  static constexpr std::size_t kChunkSize = 64;

  History() : History(kDefaultCapacity) {}
  explicit History(std::size_t capacity);

  void append(std::int64_t step, double value);
  void clear();

  HistoryView view() const;
  std::vector<HistoryPoint> points() const { return view().toVector(); }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const HistoryPoint& last() const { return chunks_.back()->back(); }
  std::size_t capacity() const { return capacity_; }
  std::int64_t samplesPerBucket() const { return stride_; }
  std::int64_t samplesSeen() const { return seen_; }

 private:
  using Chunk = std::vector<HistoryPoint>;
  Chunk& writableLastChunk();
  void push(const HistoryPoint& point);
  void compact();

  std::vector<std::shared_ptr<Chunk>> chunks_;  // the first point is the first raw sample
  std::size_t size_ = 0;
  std::size_t capacity_;
  std::int64_t stride_ = 1;
  std::int64_t seen_ = 0;
};

}  // namespace bnlab
