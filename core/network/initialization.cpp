#include "network/initialization.h"

#include <cmath>

#include "common/name_table.h"

namespace bnlab {

namespace {
constexpr NameTable<InitKind, 3> kNames{{{
    {InitKind::He, "he"},
    {InitKind::Xavier, "xavier"},
    {InitKind::Gaussian, "gaussian"},
}}};
}  // namespace

std::string_view initName(InitKind kind) { return kNames.name(kind); }

std::optional<InitKind> initFromName(std::string_view name) { return kNames.find(name); }

std::vector<std::string_view> initNames() { return kNames.names(); }

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
