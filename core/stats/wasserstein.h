#pragma once
// 1-Wasserstein (earth mover's) distance between two empirical distributions on the line:
//   W₁(P, Q) = ∫₀¹ |F_P⁻¹(u) − F_Q⁻¹(u)| du,
// which for two sorted samples of equal size n is (1/n) Σ |pᵢ − qᵢ|.
#include <span>

namespace bnlab {

// Both inputs sorted ascending; sizes may differ. Either empty gives 0.
double wasserstein1Sorted(std::span<const float> sortedP, std::span<const float> sortedQ);

}  // namespace bnlab
