#pragma once

namespace bnlab {

// Mean cross-entropy and accuracy of a network on a data set, in Eval mode.
struct Evaluation {
  double loss = 0;
  double accuracy = 0;  // fraction correct, 0 … 1
};

}  // namespace bnlab
