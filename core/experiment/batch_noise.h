#pragma once
// Follows one unit of one batch-norm layer: the μ_B and σ_B of each training batch, the
// population values they estimate, and the running statistics used at test time.
#include <cstdint>
#include <vector>

#include "data/dataset.h"
#include "experiment/snapshot.h"
#include "network/network.h"
#include "stats/history.h"

namespace bnlab {

class BatchNoiseTracker {
 public:
  static constexpr std::size_t kBatches = 100;
  static constexpr int kPopulationExamples = 2048;  // population estimated on at most these

  void setTarget(int layer, int unit);
  int layer() const { return layer_; }
  int unit() const { return unit_; }

  // After a training step: reads that step's μ_B and σ²_B of the target unit.
  void afterStep(const Network& network);
  // Population μ and σ² of the unit's Z over the training set under the current weights (earlier
  // batch-norm layers normalized with that set's own statistics), and the running statistics,
  // appended to their histories; then the noise at fixed weights (FixedWeightNoise) at each of
  // `batchSizes` (the run's own first), with batches drawn from `seed`, within about `examples`
  // examples in all (fixedWeightBatches): the own size always, the others while the budget
  // lasts. Passes over the data: called on the evaluation schedule.
  void record(std::int64_t step, const Network& network, const Dataset& train,
              const std::vector<int>& batchSizes, std::uint64_t seed, int examples);
  // The recent batches against the last recorded population values.
  BatchNoise measure(const Network& network) const;
  void clear() {
    batches_.clear();
    oldest_ = 0;
    fixedWeights_.clear();
  }

 private:
  bool tracks(const Network& network) const;

  int layer_ = 0, unit_ = 0;
  // The last kBatches (μ_B, σ_B), a ring once full: the oldest at oldest_. Its storage is made
  // once, so that training steps allocate nothing.
  std::vector<std::array<float, 2>> batches_;
  std::size_t oldest_ = 0;
  double populationMean_ = 0, populationVariance_ = 0;
  std::vector<FixedWeightNoise> fixedWeights_;
  History runningMean_, runningVariance_, populationMeanHistory_, populationVarianceHistory_;
};

}  // namespace bnlab
