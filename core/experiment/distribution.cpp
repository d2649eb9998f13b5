#include "experiment/distribution.h"

#include <cmath>
#include <span>

#include "stats/quantiles.h"
#include "stats/radix_sort.h"
#include "stats/wasserstein.h"

namespace bnlab {

namespace {

using FloatMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>;

// Per unit (row of n × m): mean and population std; pooled moments from them exactly, as
// every unit has m values: mean = avg μᵤ, variance = avg σᵤ² + avg (μᵤ − mean)².
void unitAndPooledMoments(const Matrix& values, DistributionStats& stats) {
  const Vector mean = values.rowwise().mean();
  const Vector variance = (values.colwise() - mean).array().square().rowwise().mean().matrix();
  stats.unitMean.assign(mean.begin(), mean.end());
  stats.unitStddev.resize(stats.unitMean.size());
  for (Eigen::Index i = 0; i < mean.size(); ++i)
    stats.unitStddev[static_cast<std::size_t>(i)] = std::sqrt(double(variance(i)));
  if (mean.size() == 0) return;
  stats.moments.mean = mean.cast<double>().mean();
  const double pooledVariance = variance.cast<double>().mean() +
                                (mean.cast<double>().array() - stats.moments.mean).square().mean();
  stats.moments.stddev = std::sqrt(std::max(pooledVariance, 0.0));
}

void quantilesAndHistogram(const std::vector<float>& sorted, DistributionStats& stats) {
  stats.quantiles = quantilesOfSorted(sorted, kTensorBoardPercentiles);
  stats.histogram = makeHistogramOfSorted(sorted, kHistogramBins);
}

}  // namespace

void sortValues(const Matrix& values, std::vector<float>& pooled, std::vector<float>* rows,
                SortScratch& scratch) {
  const Eigen::Index n = values.rows(), m = values.cols();
  pooled.resize(static_cast<std::size_t>(values.size()));
  if (!rows) {
    Eigen::Map<FloatMatrix>(pooled.data(), n, m) = values.cast<float>();
    radixSort(pooled, scratch);
    return;
  }
  // Items (sort key << 32 | unit), sorted by key, then dealt out to their units in order.
  auto& pairs = scratch.pairs;
  pairs.resize(pooled.size());
  for (Eigen::Index j = 0, i = 0; j < m; ++j)
    for (Eigen::Index unit = 0; unit < n; ++unit, ++i)
      pairs[static_cast<std::size_t>(i)] =
          (std::uint64_t{floatSortKey(float(values(unit, j)))} << 32) | std::uint64_t(unit);
  radixSortByKey(pairs, scratch.pairBuffer,
                 [](std::uint64_t item) { return static_cast<std::uint32_t>(item >> 32); });
  rows->resize(pooled.size());
  std::vector<std::size_t> next(static_cast<std::size_t>(n));
  for (std::size_t unit = 0; unit < next.size(); ++unit) next[unit] = unit * std::size_t(m);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const float value = floatFromSortKey(static_cast<std::uint32_t>(pairs[i] >> 32));
    pooled[i] = value;
    (*rows)[next[pairs[i] & 0xFFFFFFFFu]++] = value;
  }
}

DistributionStats describeSorted(const Matrix& values, const std::vector<float>& pooled) {
  DistributionStats stats;
  unitAndPooledMoments(values, stats);
  quantilesAndHistogram(pooled, stats);
  return stats;
}

DistributionStats describeActivation(ActivationKind kind, const Matrix& a,
                                     std::vector<float>& sorted) {
  DistributionStats stats;
  unitAndPooledMoments(a, stats);
  Eigen::Map<Eigen::ArrayXf> values(sorted.data(), static_cast<Eigen::Index>(sorted.size()));
  applyActivation(kind, values, values);
  quantilesAndHistogram(sorted, stats);
  return stats;
}

double meanUnitWasserstein(const std::vector<float>& sortedRowsA,
                           const std::vector<float>& sortedRowsB, int units) {
  if (units <= 0 || sortedRowsA.size() != sortedRowsB.size() || sortedRowsA.empty()) return 0;
  const std::size_t m = sortedRowsA.size() / static_cast<std::size_t>(units);
  double sum = 0;
  for (int unit = 0; unit < units; ++unit) {
    const std::span<const float> a(sortedRowsA.data() + unit * m, m);
    const std::span<const float> b(sortedRowsB.data() + unit * m, m);
    sum += wasserstein1Sorted(a, b);
  }
  return sum / units;
}

}  // namespace bnlab
