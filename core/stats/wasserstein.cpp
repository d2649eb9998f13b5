#include "stats/wasserstein.h"

#include <algorithm>
#include <cmath>

namespace bnlab {

double wasserstein1Sorted(std::span<const float> p, std::span<const float> q) {
  if (p.empty() || q.empty()) return 0.0;
  if (p.size() == q.size()) {
    double sum = 0;
    for (std::size_t i = 0; i < p.size(); ++i) sum += std::abs(static_cast<double>(p[i]) - q[i]);
    return sum / static_cast<double>(p.size());
  }
  // Walk the merged quantile functions: on each interval of u where both inverse CDFs are
  // constant, add |p − q| times its length.
  const double np = static_cast<double>(p.size()), nq = static_cast<double>(q.size());
  std::size_t i = 0, j = 0;
  double u = 0, distance = 0;
  while (i < p.size() && j < q.size()) {
    const double nextP = (i + 1) / np, nextQ = (j + 1) / nq;
    const double next = std::min(nextP, nextQ);
    distance += (next - u) * std::abs(static_cast<double>(p[i]) - q[j]);
    u = next;
    if (nextP <= next) ++i;
    if (nextQ <= next) ++j;
  }
  return distance;
}

}  // namespace bnlab
