#pragma once
// Softmax over classes with the mean cross-entropy loss, for logits S (k × m):
//   P = softmax(S) per column,  L = −(1/m) Σᵢ log P[yᵢ, i],  ∂L/∂S = (P − Y)/m.
#include <vector>

#include "common/types.h"

namespace bnlab {

// P (k × m) = softmax(S), computed with the column maximum subtracted.
void softmax(const Matrix& logits, Matrix& probabilities);

// Mean cross-entropy of P against labels (each in [0, k)).
double crossEntropy(const Matrix& probabilities, const std::vector<int>& labels);

// ∂L/∂S (k × m) = (P − onehot(y)) / m.
void crossEntropyGradient(const Matrix& probabilities, const std::vector<int>& labels,
                          Matrix& dLogits);

// Index of the largest entry of each column.
std::vector<int> predictedClasses(const Matrix& probabilities);

}  // namespace bnlab
