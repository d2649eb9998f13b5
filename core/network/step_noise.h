#pragma once
// The noise of noisy batch norm (Santurkar et al. 2018, §2.2): after batch norm, per unit u,
//   Z̃′ᵤ = cᵤ · Z̃ᵤ + sᵤ,   sᵤ ~ U(−r, r),   cᵤ ~ U(1 − r/2, 1 + r/2),
// with c and s drawn anew every training step (r: the spread, 0 … kMaxSpread), so each unit's
// distribution gets a non-zero mean and a non-unit scale that change over time. The mean of c
// is 1 and of s is 0, so evaluation applies no noise (as dropout's inverted scaling does).
// Backward: ∂L/∂Z̃ᵤ = cᵤ · ∂L/∂Z̃′ᵤ.
#include "common/rng.h"
#include "common/types.h"

namespace bnlab {

class StepNoise {
 public:
  static constexpr Scalar kMaxSpread = Scalar(1.5);  // keeps c ≥ 0.25

  StepNoise(int units, Scalar spread);

  // New s and c for every unit.
  void draw(Rng& rng);
  // zTilde (n × m) ← c ⊙ zTilde + s, per row.
  void apply(Matrix& zTilde) const;
  // g (n × m) ← c ⊙ g, per row.
  void backward(Matrix& g) const;

  Scalar spread() const { return spread_; }
  const Vector& shift() const { return shift_; }
  const Vector& scale() const { return scale_; }

 private:
  Scalar spread_;
  Vector shift_, scale_;  // n each
};

}  // namespace bnlab
