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

  // A (n × m) → A ⊙ M / (1 − p), with a fresh mask M ~ Bernoulli(1 − p) when active;
  // `scaledMask` receives M / (1 − p) (n × m), or is emptied when inactive.
  void forward(const Matrix& input, Mode mode, Rng& rng, Matrix& output, Matrix& scaledMask) const;
  // ∂L/∂A = ∂L/∂out ⊙ M / (1 − p), with the mask its forward pass gave (empty: the identity).
  static void backward(const Matrix& dOutput, const Matrix& scaledMask, Matrix& dInput);

 private:
  Scalar rate_;
};

}  // namespace bnlab
