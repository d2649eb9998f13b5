#pragma once

#include <vector>

namespace bnlab {

// Mean cross-entropy and accuracy of a network on a data set, in Eval mode.
struct Evaluation {
  double loss = 0;
  double accuracy = 0;  // fraction correct, 0 … 1
  // classes × classes counts, row-major: row = true class, column = predicted class.
  int classes = 0;
  std::vector<int> confusion;
};

}  // namespace bnlab
