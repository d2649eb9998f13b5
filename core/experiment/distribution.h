#pragma once
// Statistics of one hidden-layer quantity (units × probe examples) for a snapshot.
#include <vector>

#include "common/types.h"
#include "experiment/snapshot.h"
#include "network/activation.h"
#include "stats/radix_sort.h"

namespace bnlab {

inline constexpr int kHistogramBins = 40;

// Every value of `values` (n × m), pooled and sorted, into `pooled`; when `rows` is given, also
// each unit's (row's) values sorted, row after row, from the same sort (the pooled order
// filtered to one unit is that unit's order).
void sortValues(const Matrix& values, std::vector<float>& pooled, std::vector<float>* rows,
                SortScratch& scratch);

// Pooled quantiles (TensorBoard's nine), histogram and moments, and per-unit mean and std, of
// `values` (n × m) whose pooled sorted values are `pooled`.
DistributionStats describeSorted(const Matrix& values, const std::vector<float>& pooled);

// The same for A = g(input), given the input's pooled sorted values in `sorted`: g is
// non-decreasing, so g(sorted input) is A sorted, with no second sort. `sorted` becomes A's.
DistributionStats describeActivation(ActivationKind kind, const Matrix& a,
                                     std::vector<float>& sorted);

// Mean over the n units of W₁ between the same unit's sorted rows in two layouts of n × m.
double meanUnitWasserstein(const std::vector<float>& sortedRowsA,
                           const std::vector<float>& sortedRowsB, int units);

}  // namespace bnlab
