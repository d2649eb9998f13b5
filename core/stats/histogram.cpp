#include "stats/histogram.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bnlab {

int Histogram::total() const { return std::accumulate(counts.begin(), counts.end(), 0); }

Histogram makeHistogram(std::span<const float> values, int bins, double lower, double upper) {
  Histogram h;
  bins = std::max(bins, 1);
  if (!(upper > lower)) {
    lower -= 0.5;
    upper += 0.5;
  }
  h.lower = lower;
  h.upper = upper;
  h.counts.assign(static_cast<std::size_t>(bins), 0);
  const double scale = bins / (upper - lower);
  for (float v : values) {
    if (!std::isfinite(v)) continue;
    const double position = (v - lower) * scale;
    const int bin = std::clamp(static_cast<int>(std::floor(position)), 0, bins - 1);
    ++h.counts[static_cast<std::size_t>(bin)];
  }
  return h;
}

Histogram makeHistogram(std::span<const float> values, int bins) {
  if (values.empty()) return makeHistogram(values, bins, 0.0, 1.0);
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  return makeHistogram(values, bins, *lo, *hi);
}

Moments moments(std::span<const float> values) {
  Moments m;
  if (values.empty()) return m;
  double sum = 0;
  for (float v : values) sum += v;
  m.mean = sum / static_cast<double>(values.size());
  double squares = 0;
  for (float v : values) squares += (v - m.mean) * (v - m.mean);
  m.stddev = std::sqrt(squares / static_cast<double>(values.size()));
  return m;
}

}  // namespace bnlab
