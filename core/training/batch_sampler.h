#pragma once
// Mini-batch indices drawn without replacement within an epoch: each epoch is a fresh seeded
// permutation of 0 … n−1 cut into consecutive batches. A batch never spans two epochs; when
// fewer than m examples remain, they are skipped and the next epoch begins.
#include <cstdint>
#include <vector>

#include "common/rng.h"

namespace bnlab {

class BatchSampler {
 public:
  BatchSampler(int examples, std::uint64_t seed);

  // The next m indices (m is clamped to 1 … n).
  const std::vector<int>& next(int batchSize);

  std::int64_t epoch() const { return epoch_; }
  int examples() const { return static_cast<int>(order_.size()); }

 private:
  void startEpoch();

  Rng rng_;
  std::vector<int> order_;
  std::vector<int> batch_;
  std::size_t position_ = 0;
  std::int64_t epoch_ = 0;
};

}  // namespace bnlab
