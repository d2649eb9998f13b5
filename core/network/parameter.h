#pragma once
// A view of one learnable tensor and its gradient, for optimizers and gradient checks.
#include <string>

#include "common/types.h"

namespace bnlab {

struct ParameterRef {
  std::string name;  // e.g. "W1", "b1", "gamma2", "Wout"
  Matrix* value = nullptr;
  Matrix* grad = nullptr;
  bool decays = false;    // L2 weight decay applies (weights only)
  bool trainable = true;  // false while the parameter has no effect (b under batch norm,
                          // γ and β without it): the optimizer leaves it alone
};

}  // namespace bnlab
