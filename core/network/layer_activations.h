#pragma once
// What one hidden block computed in one forward pass, for an input A[l−1] (n_in × m):
//   Z = W·A[l−1] + b,  Ẑ = (Z − μ)/√(σ² + ε),  Z̃ = γẐ + β,  A = g(Z̃),  output = dropout(A).
// Without batch norm Ẑ and Z̃ are empty and the activation's input is Z itself.
#include "common/types.h"

namespace bnlab {

struct LayerActivations {
  Matrix z;        // n × m, before batch norm
  Matrix zHat;     // n × m, normalized (batch norm only)
  Matrix zTilde;   // n × m, γẐ + β (batch norm only)
  Matrix a;        // n × m, g(activation input)
  Matrix dropped;  // n × m, A after dropout (only when dropout was applied)
  bool normalized = false;
  bool droppedOut = false;

  const Matrix& activationInput() const { return normalized ? zTilde : z; }
  const Matrix& output() const { return droppedOut ? dropped : a; }
};

}  // namespace bnlab
