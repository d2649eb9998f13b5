#pragma once
// Input covariate shift ("black cats, coloured cats"): the test inputs come from another region
// of the plane than the training inputs, while the labelling rule stays the same — P(x) moves,
// P(y | x) does not.
#include "data/dataset.h"
#include "data/toy_data.h"

namespace bnlab {

// A toy data set's labelling rule at every point of the plane: the class of the nearest point
// of its noise-free pattern (a dense reference drawn with the same kind, classes and no noise;
// the spiral's arms continued past the end of the data, as the spiral goes on there).
class ToyLabelRule {
 public:
  explicit ToyLabelRule(const ToyDataConfig& config);
  int label(double x, double y) const;

 private:
  Dataset reference_;
};

// Moves every test input by `amount` × (the training inputs' standard deviation along x₁) along
// x₁ and relabels it with the rule. amount 0 leaves the split as it is.
void shiftTestInputs(DataSplit& split, const ToyDataConfig& config, double amount);

}  // namespace bnlab
