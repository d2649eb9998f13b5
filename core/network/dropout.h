#pragma once
// Inverted dropout: in Train mode each unit is kept with probability 1 − p and scaled by
// 1/(1 − p), so E[output] = input; in Eval mode (or p = 0) it is the identity.
#include "common/rng.h"
#include "common/types.h"

namespace bnlab {

class Dropout {
 public:
  explicit Dropout(Scalar rate = 0) : rate_(rate) {}

  Scalar rate() const { return rate_; }
  void setRate(Scalar rate) { rate_ = rate; }
  bool active(Mode mode) const { return mode == Mode::Train && rate_ > Scalar(0); }

  // A (n × m) → A ⊙ M / (1 − p), with a fresh mask M ~ Bernoulli(1 − p) when active.
  void forward(const Matrix& input, Mode mode, Rng& rng, Matrix& output);
  // ∂L/∂A = ∂L/∂out ⊙ M / (1 − p), with the mask of the last active forward.
  void backward(const Matrix& dOutput, Matrix& dInput) const;

 private:
  Scalar rate_;
  Matrix scaledMask_;  // M / (1 − p) of the last active forward (n × m), kept for backward
};

}  // namespace bnlab
