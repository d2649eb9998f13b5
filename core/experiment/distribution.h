#pragma once
// Statistics of one hidden-layer quantity (units × probe examples) for a snapshot.
#include <vector>

#include "common/types.h"
#include "experiment/snapshot.h"

namespace bnlab {

inline constexpr int kHistogramBins = 40;

// Pooled quantiles (TensorBoard's nine), a histogram, moments, and per-unit mean and std of
// `values` (n × m). `scratch` is reused between calls to avoid allocations.
DistributionStats describeDistribution(const Matrix& values, std::vector<float>& scratch);

// Each unit's values (a row of n × m) sorted ascending, row after row, into `sortedRows`.
void sortRows(const Matrix& values, std::vector<float>& sortedRows);

// Mean over the n units of W₁ between the same unit's sorted rows in two layouts of n × m.
double meanUnitWasserstein(const std::vector<float>& sortedRowsA,
                           const std::vector<float>& sortedRowsB, int units);

}  // namespace bnlab
