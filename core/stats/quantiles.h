#pragma once
// Quantiles by linear interpolation between order statistics (Hyndman & Fan type 7, the
// default of NumPy and R): for sorted x₀ ≤ … ≤ x_{n−1}, q(p) = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋)
// with h = (n − 1)·p/100, p in percent.
#include <array>
#include <span>
#include <vector>

namespace bnlab {

// TensorBoard's basis points: the median and ±0.5, 1, 1.5 standard deviations and the extremes
// of a normal distribution, in percent.
inline constexpr std::array<double, 9> kTensorBoardPercentiles{0.0,   6.68,  15.87, 30.85, 50.0,
                                                               69.15, 84.13, 93.32, 100.0};
// The batch norm paper's Figure 1 percentiles.
inline constexpr std::array<double, 3> kPaperPercentiles{15.0, 50.0, 85.0};

// Quantiles of already sorted values at `percentiles` (each in [0, 100]). Empty input gives NaN.
std::vector<double> quantilesOfSorted(std::span<const float> sorted,
                                      std::span<const double> percentiles);

// Sorts a copy of `values` and returns its quantiles.
std::vector<double> quantiles(std::span<const float> values,
                              std::span<const double> percentiles = kTensorBoardPercentiles);

}  // namespace bnlab
