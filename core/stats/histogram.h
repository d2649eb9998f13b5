#pragma once
// Fixed-bin histogram of a sample, and its mean and standard deviation.
#include <span>
#include <vector>

namespace bnlab {

struct Histogram {
  double lower = 0, upper = 0;  // range covered by the bins
  std::vector<int> counts;      // bin i covers [lower + i·w, lower + (i+1)·w), the last closed

  double binWidth() const { return counts.empty() ? 0.0 : (upper - lower) / counts.size(); }
  int total() const;
};

// `bins` equal bins over [lower, upper]; values outside are clamped into the end bins so every
// value counts. With lower == upper (a constant sample) the range widens by ±0.5.
Histogram makeHistogram(std::span<const float> values, int bins, double lower, double upper);
// The same over the sample's own [min, max].
Histogram makeHistogram(std::span<const float> values, int bins);
// The same for values already sorted ascending, by binary search of the bin edges: O(bins·log n).
Histogram makeHistogramOfSorted(std::span<const float> sorted, int bins);

struct Moments {
  double mean = 0;
  double stddev = 0;  // population standard deviation (divides by n)
};

Moments moments(std::span<const float> values);

}  // namespace bnlab
