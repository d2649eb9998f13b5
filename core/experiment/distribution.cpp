#include "experiment/distribution.h"

#include <algorithm>
#include <span>

#include "stats/quantiles.h"
#include "stats/wasserstein.h"

namespace bnlab {

namespace {
void copyToFloats(const Matrix& values, std::vector<float>& out) {
  out.resize(static_cast<std::size_t>(values.size()));
  Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>>(out.data(), values.rows(),
                                                                    values.cols()) =
      values.cast<float>();
}
}  // namespace

DistributionStats describeDistribution(const Matrix& values, std::vector<float>& scratch) {
  DistributionStats stats;
  copyToFloats(values, scratch);
  stats.moments = moments(scratch);
  stats.histogram = makeHistogram(scratch, kHistogramBins);
  stats.quantiles = quantilesBySelection(scratch, kTensorBoardPercentiles);
  const Eigen::Index m = std::max<Eigen::Index>(values.cols(), 1);
  const Eigen::ArrayXd mean = values.cast<double>().rowwise().mean().array();
  const Eigen::ArrayXd variance =
      (values.cast<double>().colwise() - mean.matrix()).array().square().rowwise().sum() /
      static_cast<double>(m);
  stats.unitMean.assign(mean.begin(), mean.end());
  stats.unitStddev.resize(stats.unitMean.size());
  for (std::size_t i = 0; i < stats.unitStddev.size(); ++i)
    stats.unitStddev[i] = std::sqrt(variance(static_cast<Eigen::Index>(i)));
  return stats;
}

void sortRows(const Matrix& values, std::vector<float>& sortedRows) {
  // Row-major copy: the transpose's column-major storage holds each row contiguously.
  const Eigen::Index n = values.rows(), m = values.cols();
  sortedRows.resize(static_cast<std::size_t>(n * m));
  Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>>(sortedRows.data(), m, n) =
      values.transpose().cast<float>();
  for (Eigen::Index unit = 0; unit < n; ++unit) {
    auto begin = sortedRows.begin() + unit * m;
    std::sort(begin, begin + m);
  }
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
