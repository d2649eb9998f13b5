#include "training/batch_sampler.h"

#include <algorithm>
#include <numeric>

namespace bnlab {

BatchSampler::BatchSampler(int examples, std::uint64_t seed)
    : rng_(seed), order_(static_cast<std::size_t>(std::max(examples, 1))) {
  std::iota(order_.begin(), order_.end(), 0);
  rng_.shuffle(order_);
}

void BatchSampler::startEpoch() {
  rng_.shuffle(order_);
  position_ = 0;
  ++epoch_;
}

const std::vector<int>& BatchSampler::next(int batchSize) {
  const auto m = static_cast<std::size_t>(std::clamp(batchSize, 1, examples()));
  if (position_ + m > order_.size()) startEpoch();
  batch_.assign(order_.begin() + static_cast<long>(position_),
                order_.begin() + static_cast<long>(position_ + m));
  position_ += m;
  return batch_;
}

}  // namespace bnlab
