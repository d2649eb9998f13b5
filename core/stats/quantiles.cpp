#include "stats/quantiles.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bnlab {

std::vector<double> quantilesOfSorted(std::span<const float> sorted,
                                      std::span<const double> percentiles) {
  std::vector<double> out;
  out.reserve(percentiles.size());
  const std::size_t n = sorted.size();
  for (double p : percentiles) {
    if (n == 0) {
      out.push_back(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    const double h = static_cast<double>(n - 1) * std::clamp(p, 0.0, 100.0) / 100.0;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, n - 1);
    const double fraction = h - static_cast<double>(lo);
    out.push_back(sorted[lo] + fraction * (static_cast<double>(sorted[hi]) - sorted[lo]));
  }
  return out;
}

std::vector<double> quantiles(std::span<const float> values, std::span<const double> percentiles) {
  std::vector<float> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  return quantilesOfSorted(sorted, percentiles);
}

}  // namespace bnlab
