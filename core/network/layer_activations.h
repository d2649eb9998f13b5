#pragma once
// What one hidden block computed in one forward pass, for an input A[l−1] (n_in × m):
//   Z = W·A[l−1] + b,  Ẑ = (Z − μ)/√(σ² + ε),  Z̃ = γẐ + β,  A = g(Z̃),  output = dropout(A).
// Without normalization Ẑ and Z̃ are empty and the activation's input is Z itself. Noisy batch
// norm's Z̃ holds the noise too (c ⊙ (γẐ + β) + s). Batch norm after the activation: A = g(Z),
// and Ẑ, Z̃ normalize A (Ẑ = BN(A), Z̃ = γẐ + β, output = dropout(Z̃)). What backward needs
// of the pass (its statistics, its dropout mask) is kept here too, not in the layers.
#include "common/types.h"
#include "network/normalization_pass.h"

namespace bnlab {

struct LayerActivations {
  Matrix z;         // n × m, before normalization
  Matrix zHat;      // n × m, normalized
  Matrix zTilde;    // n × m, γẐ + β
  Matrix a;         // n × m, g(activation input)
  Matrix dropped;   // n × m, the normalized output after dropout (only when dropout was applied)
  Matrix dropMask;  // n × m, dropout's M / (1 − p) (only when dropout was applied)
  NormalizationPass norm;        // the normalization's statistics, for backward
  bool normalized = false;       // the activation's input is Z̃
  bool normalizedAfter = false;  // Ẑ and Z̃ normalize A (batch norm after the activation)
  bool noised = false;           // Z̃ holds noisy batch norm's noise
  bool droppedOut = false;

  const Matrix& activationInput() const { return normalized ? zTilde : z; }
  const Matrix& normalizedOutput() const { return normalizedAfter ? zTilde : a; }
  const Matrix& output() const { return droppedOut ? dropped : normalizedOutput(); }
};

}  // namespace bnlab
