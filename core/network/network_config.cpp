#include "network/network_config.h"

#include <cmath>

#include "network/step_noise.h"

namespace bnlab {

std::vector<std::string> NetworkConfig::validate() const {
  std::vector<std::string> errors;
  if (inputs < 1) errors.push_back("the network needs at least one input feature");
  if (classes < 2) errors.push_back("the network needs at least two classes");
  const int depth = static_cast<int>(hiddenUnits.size());
  if (depth < 1 || depth > kMaxDepth)
    errors.push_back("hidden layers must number 1 to " + std::to_string(kMaxDepth) + ", not " +
                     std::to_string(depth));
  for (int units : hiddenUnits)
    if (units < 1 || units > kMaxWidth)
      errors.push_back("units per hidden layer must be 1 to " + std::to_string(kMaxWidth) +
                       ", not " + std::to_string(units));
  if (!(initSigma > 0) || !std::isfinite(initSigma))
    errors.push_back("the Gaussian initialization's sigma must be a positive number");
  if (!(dropout >= 0 && dropout <= Scalar(0.9)))
    errors.push_back("dropout must be between 0 and 0.9");
  const auto& bn = batchNormOptions;
  if (!(bn.momentum > 0 && bn.momentum <= 1))
    errors.push_back("batch norm momentum must be in (0, 1]");
  if (!(bn.epsilon > 0 && bn.epsilon < 1)) errors.push_back("batch norm epsilon must be in (0, 1)");
  if (normalization == Normalization::GroupNorm)
    for (int units : hiddenUnits)
      if (groups < 1 || units % groups != 0) {
        errors.push_back("group norm's " + std::to_string(groups) +
                         " groups must divide every hidden layer's units, not " +
                         std::to_string(units));
        break;
      }
  if (!(noiseSpread >= 0 && noiseSpread <= StepNoise::kMaxSpread))
    errors.push_back("the noise spread of noisy batch norm must be between 0 and 1.5");
  return errors;
}

}  // namespace bnlab
