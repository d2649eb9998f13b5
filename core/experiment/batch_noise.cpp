#include "experiment/batch_noise.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "experiment/fixed_weight_noise.h"

namespace bnlab {

void BatchNoiseTracker::setTarget(int layer, int unit) {
  if (layer == layer_ && unit == unit_) return;
  layer_ = layer;
  unit_ = unit;
  batches_.clear();
  oldest_ = 0;
  fixedWeights_.clear();
  for (History* h :
       {&runningMean_, &runningVariance_, &populationMeanHistory_, &populationVarianceHistory_})
    h->clear();
}

bool BatchNoiseTracker::tracks(const Network& network) const {
  return layer_ >= 0 && layer_ < network.depth() &&
         batchNormalizesZ(network.block(layer_).normalization()) &&
         unit_ < network.block(layer_).units();
}

void BatchNoiseTracker::afterStep(const Network& network) {
  if (!tracks(network)) return;
  const BatchNorm& norm = network.block(layer_).batchNorm();
  const std::array<float, 2> batch{float(norm.batchMean()(unit_)),
                                   float(std::sqrt(norm.batchVariance()(unit_)))};
  if (batches_.capacity() < kBatches) batches_.reserve(kBatches);
  if (batches_.size() < kBatches) {
    batches_.push_back(batch);
  } else {
    batches_[oldest_] = batch;
    oldest_ = (oldest_ + 1) % kBatches;
  }
}

void BatchNoiseTracker::record(std::int64_t step, const Network& network, const Dataset& train,
                               const std::vector<int>& batchSizes, std::uint64_t seed,
                               int examples) {
  if (!tracks(network) || train.size() == 0) return;
  std::vector<int> indices(static_cast<std::size_t>(std::min(train.size(), kPopulationExamples)));
  std::iota(indices.begin(), indices.end(), 0);
  Matrix x;
  std::vector<int> labels;
  train.gather(indices, x, labels);
  ForwardRecord record;
  network.infer(x, NormStats::Batch, record);
  const auto z = record.hidden[std::size_t(layer_)].z.row(unit_).cast<double>().array();
  populationMean_ = z.mean();
  populationVariance_ = (z - populationMean_).square().mean();
  const BatchNorm& norm = network.block(layer_).batchNorm();
  runningMean_.append(step, norm.runningMean()(unit_));
  runningVariance_.append(step, norm.runningVariance()(unit_));
  populationMeanHistory_.append(step, populationMean_);
  populationVarianceHistory_.append(step, populationVariance_);
  fixedWeights_.clear();
  // The run's own size always; the others while the budget lasts for at least the fewest batches.
  int remaining = examples;
  for (std::size_t i = 0; i < batchSizes.size(); ++i) {
    const int size = batchSizes[i];
    if (i > 0 && remaining < kFewestFixedWeightBatches * size) continue;
    const int batches = fixedWeightBatches(size, remaining);
    fixedWeights_.push_back(measureFixedWeightNoise(network, train, layer_, unit_, size,
                                                    populationMean_, std::sqrt(populationVariance_),
                                                    seed, step, batches));
    remaining -= batches * size;
  }
}

BatchNoise BatchNoiseTracker::measure(const Network& network) const {
  BatchNoise noise;
  if (!tracks(network)) return noise;
  noise.layer = layer_;
  noise.unit = unit_;
  const auto oldest = batches_.begin() + std::ptrdiff_t(oldest_);  // oldest first
  noise.batches.assign(oldest, batches_.end());
  noise.batches.insert(noise.batches.end(), batches_.begin(), oldest);
  noise.populationMean = populationMean_;
  noise.populationStd = std::sqrt(populationVariance_);
  double meanSquares = 0, stdSquares = 0;
  for (const auto& [mean, stddev] : noise.batches) {
    meanSquares += (mean - noise.populationMean) * (mean - noise.populationMean);
    stdSquares += (stddev - noise.populationStd) * (stddev - noise.populationStd);
  }
  if (!noise.batches.empty()) {
    noise.meanSpread = std::sqrt(meanSquares / double(noise.batches.size()));
    noise.stdSpread = std::sqrt(stdSquares / double(noise.batches.size()));
  }
  if (const double sigma = noise.populationStd; sigma > 0) {
    noise.relativeMeanSpread = noise.meanSpread / sigma;
    noise.relativeStdSpread = noise.stdSpread / sigma;
    noise.standardizedBatches.reserve(noise.batches.size());
    for (const auto& [mean, stddev] : noise.batches)
      noise.standardizedBatches.push_back(
          {float((mean - noise.populationMean) / sigma), float(stddev / sigma)});
  }
  noise.fixedWeights = fixedWeights_;
  noise.runningMean = runningMean_.view();
  noise.runningVariance = runningVariance_.view();
  noise.populationMeanHistory = populationMeanHistory_.view();
  noise.populationVarianceHistory = populationVarianceHistory_.view();
  return noise;
}

}  // namespace bnlab
