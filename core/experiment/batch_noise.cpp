#include "experiment/batch_noise.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bnlab {

void BatchNoiseTracker::setTarget(int layer, int unit) {
  if (layer == layer_ && unit == unit_) return;
  layer_ = layer;
  unit_ = unit;
  batches_.clear();
}

void BatchNoiseTracker::afterStep(const Network& network) {
  if (layer_ < 0 || layer_ >= network.depth()) return;
  const HiddenBlock& block = network.block(layer_);
  if (!block.batchNormEnabled() || unit_ >= block.units()) return;
  const BatchNorm& norm = block.batchNorm();
  batches_.push_back({float(norm.batchMean()(unit_)), float(std::sqrt(norm.batchVariance()(unit_)))});
  if (batches_.size() > kBatches) batches_.pop_front();
}

BatchNoise BatchNoiseTracker::measure(const Network& network, const Dataset& train) const {
  BatchNoise noise;
  if (layer_ < 0 || layer_ >= network.depth() || !network.block(layer_).batchNormEnabled() ||
      unit_ >= network.block(layer_).units() || train.size() == 0)
    return noise;
  noise.layer = layer_;
  noise.unit = unit_;
  noise.batches.assign(batches_.begin(), batches_.end());
  // Population: the unit's Z over (up to 4096 of) the training examples.
  constexpr int kMaxExamples = 4096;
  std::vector<int> indices(static_cast<std::size_t>(std::min(train.size(), kMaxExamples)));
  std::iota(indices.begin(), indices.end(), 0);
  Matrix x;
  std::vector<int> labels;
  train.gather(indices, x, labels);
  ForwardRecord record;
  network.infer(x, NormStats::Batch, record);
  const auto z = record.hidden[std::size_t(layer_)].z.row(unit_).cast<double>().array();
  noise.populationMean = z.mean();
  noise.populationStd = std::sqrt((z - noise.populationMean).square().mean());
  double meanSquares = 0, stdSquares = 0;
  for (const auto& [mean, stddev] : noise.batches) {
    meanSquares += (mean - noise.populationMean) * (mean - noise.populationMean);
    stdSquares += (stddev - noise.populationStd) * (stddev - noise.populationStd);
  }
  if (!noise.batches.empty()) {
    noise.meanSpread = std::sqrt(meanSquares / double(noise.batches.size()));
    noise.stdSpread = std::sqrt(stdSquares / double(noise.batches.size()));
  }
  return noise;
}

}  // namespace bnlab
