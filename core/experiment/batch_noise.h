#pragma once
// Follows one unit of one batch-norm layer: the μ_B and σ_B of each training batch, and the
// population values they estimate, for the regularization view.
#include <cstdint>
#include <deque>

#include "data/dataset.h"
#include "experiment/snapshot.h"
#include "network/network.h"

namespace bnlab {

class BatchNoiseTracker {
 public:
  static constexpr std::size_t kBatches = 100;

  void setTarget(int layer, int unit);
  int layer() const { return layer_; }
  int unit() const { return unit_; }

  // After a training step: reads that step's μ_B and σ²_B of the target unit.
  void afterStep(const Network& network);
  // The batches so far against the population values of `train` under `network`'s weights.
  BatchNoise measure(const Network& network, const Dataset& train) const;
  void clear() { batches_.clear(); }

 private:
  int layer_ = 0, unit_ = 0;
  std::deque<std::array<float, 2>> batches_;
};

}  // namespace bnlab
