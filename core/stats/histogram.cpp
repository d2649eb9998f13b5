#include "stats/histogram.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bnlab {

namespace {

// Bins over [lower, upper] (widened by ±0.5 when empty), all counts zero.
Histogram emptyBins(int bins, double lower, double upper) {
  Histogram h;
  if (!(upper > lower)) {
    lower -= 0.5;
    upper += 0.5;
  }
  h.lower = lower;
  h.upper = upper;
  h.counts.assign(static_cast<std::size_t>(std::max(bins, 1)), 0);
  return h;
}

// The bin of v: ⌊(v − lower)·bins/(upper − lower)⌋, clamped into the end bins.
int binOf(const Histogram& h, float v) {
  const int bins = static_cast<int>(h.counts.size());
  const double position = (v - h.lower) * (bins / (h.upper - h.lower));
  return std::clamp(static_cast<int>(std::floor(position)), 0, bins - 1);
}

}  // namespace

int Histogram::total() const { return std::accumulate(counts.begin(), counts.end(), 0); }

Histogram makeHistogram(std::span<const float> values, int bins, double lower, double upper) {
  Histogram h = emptyBins(bins, lower, upper);
  for (float v : values)
    if (std::isfinite(v)) ++h.counts[static_cast<std::size_t>(binOf(h, v))];
  return h;
}

Histogram makeHistogram(std::span<const float> values, int bins) {
  if (values.empty()) return makeHistogram(values, bins, 0.0, 1.0);
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  return makeHistogram(values, bins, *lo, *hi);
}

Histogram makeHistogramOfSorted(std::span<const float> sorted, int bins) {
  if (sorted.empty()) return makeHistogram(sorted, bins, 0.0, 1.0);
  Histogram h = emptyBins(bins, sorted.front(), sorted.back());
  // binOf is non-decreasing in v, so each bin is one contiguous run of the sorted values.
  auto binStart = sorted.begin();
  for (int b = 0; b < static_cast<int>(h.counts.size()); ++b) {
    const auto binEnd =
        std::partition_point(binStart, sorted.end(), [&](float v) { return binOf(h, v) <= b; });
    h.counts[static_cast<std::size_t>(b)] = static_cast<int>(binEnd - binStart);
    binStart = binEnd;
  }
  return h;
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
