#include "network/initialization.h"

#include <cmath>

namespace bnlab {

std::string_view initName(InitKind kind) {
  switch (kind) {
    case InitKind::He:
      return "he";
    case InitKind::Xavier:
      return "xavier";
    case InitKind::Gaussian:
      return "gaussian";
  }
  return "unknown";
}

std::optional<InitKind> initFromName(std::string_view name) {
  for (InitKind kind : {InitKind::He, InitKind::Xavier, InitKind::Gaussian})
    if (initName(kind) == name) return kind;
  return std::nullopt;
}

void initializeWeights(InitKind kind, Scalar gaussianSigma, Rng& rng, Matrix& weights) {
  const double fanOut = static_cast<double>(weights.rows());
  const double fanIn = static_cast<double>(weights.cols());
  double sigma = gaussianSigma;
  if (kind == InitKind::He) sigma = std::sqrt(2.0 / fanIn);
  if (kind == InitKind::Xavier) sigma = std::sqrt(2.0 / (fanIn + fanOut));
  for (Eigen::Index j = 0; j < weights.cols(); ++j)
    for (Eigen::Index i = 0; i < weights.rows(); ++i)
      weights(i, j) = static_cast<Scalar>(rng.normal(0.0, sigma));
}

}  // namespace bnlab
