#include "experiment/fixed_weight_noise.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/rng.h"

namespace bnlab {

int fixedWeightBatches(int batchSize, int examples) {
  return std::clamp(examples / std::max(batchSize, 1), kFewestFixedWeightBatches,
                    kFixedWeightBatches);
}

FixedWeightNoise measureFixedWeightNoise(const Network& network, const Dataset& train, int layer,
                                         int unit, int batchSize, double populationMean,
                                         double populationStd, std::uint64_t seed,
                                         std::int64_t step, int batches) {
  FixedWeightNoise noise;
  noise.batchSize = batchSize;
  noise.step = step;
  const int m = std::min(batchSize, train.size());
  if (m < 1 || !(populationStd > 0) || layer < 0 || layer >= network.depth()) return noise;
  Rng rng(seed);
  std::vector<int> order(static_cast<std::size_t>(train.size()));
  std::iota(order.begin(), order.end(), 0);
  std::vector<int> batch(static_cast<std::size_t>(m)), labels;
  Matrix x;
  ForwardRecord record;
  double meanSquares = 0, stdSquares = 0;
  noise.batches.reserve(std::size_t(std::max(batches, 0)));
  for (int b = 0; b < batches; ++b) {
    // The first m of a partial Fisher–Yates shuffle: m examples without replacement.
    for (std::size_t i = 0; i < batch.size(); ++i) {
      std::swap(order[i], order[i + rng.below(order.size() - i)]);
      batch[i] = order[i];
    }
    train.gather(batch, x, labels);
    network.infer(x, NormStats::Batch, record);
    const auto z = record.hidden[std::size_t(layer)].z.row(unit).cast<double>().array();
    const double mu = z.mean();
    const double sigma = std::sqrt((z - mu).square().mean());
    const double meanOffset = (mu - populationMean) / populationStd;
    const double stdRatio = sigma / populationStd;
    noise.batches.push_back({float(meanOffset), float(stdRatio)});
    meanSquares += meanOffset * meanOffset;
    stdSquares += (stdRatio - 1) * (stdRatio - 1);
  }
  if (batches < 1) return noise;
  noise.meanSpread = std::sqrt(meanSquares / batches);
  noise.stdSpread = std::sqrt(stdSquares / batches);
  return noise;
}

}  // namespace bnlab
