#include "network/softmax_cross_entropy.h"

#include <algorithm>
#include <cmath>

namespace bnlab {

void softmax(const Matrix& logits, Matrix& probabilities) {
  probabilities.resize(logits.rows(), logits.cols());
  for (Eigen::Index j = 0; j < logits.cols(); ++j) {  // column by column: no temporaries
    probabilities.col(j) = (logits.col(j).array() - logits.col(j).maxCoeff()).exp().matrix();
    probabilities.col(j) /= probabilities.col(j).sum();
  }
}

double crossEntropy(const Matrix& probabilities, const std::vector<int>& labels) {
  // Clamp so a confident wrong answer gives a large finite loss, not infinity.
  constexpr double kFloor = 1e-12;
  double total = 0.0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double p = probabilities(labels[i], static_cast<Eigen::Index>(i));
    total -= std::log(std::max(p, kFloor));
  }
  return labels.empty() ? 0.0 : total / static_cast<double>(labels.size());
}

void crossEntropyGradient(const Matrix& probabilities, const std::vector<int>& labels,
                          Matrix& dLogits) {
  dLogits = probabilities;
  for (std::size_t i = 0; i < labels.size(); ++i)
    dLogits(labels[i], static_cast<Eigen::Index>(i)) -= Scalar(1);
  dLogits /= Scalar(std::max<std::size_t>(labels.size(), 1));
}

std::vector<int> predictedClasses(const Matrix& probabilities) {
  std::vector<int> classes(static_cast<std::size_t>(probabilities.cols()));
  for (Eigen::Index i = 0; i < probabilities.cols(); ++i) {
    Eigen::Index best = 0;
    probabilities.col(i).maxCoeff(&best);
    classes[static_cast<std::size_t>(i)] = static_cast<int>(best);
  }
  return classes;
}

}  // namespace bnlab
