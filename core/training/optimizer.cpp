#include "training/optimizer.h"

#include <cmath>

#include "common/name_table.h"

namespace bnlab {

namespace {
constexpr NameTable<OptimizerKind, 3> kNames{{{
    {OptimizerKind::Sgd, "sgd"},
    {OptimizerKind::Momentum, "momentum"},
    {OptimizerKind::Adam, "adam"},
}}};
}  // namespace

std::string_view optimizerName(OptimizerKind kind) { return kNames.name(kind); }

std::optional<OptimizerKind> optimizerFromName(std::string_view name) { return kNames.find(name); }

std::vector<std::string_view> optimizerNames() { return kNames.names(); }

std::vector<std::string> OptimizerConfig::validate() const {
  std::vector<std::string> errors;
  if (!(learningRate > 0 && learningRate <= 10))
    errors.push_back("the learning rate must be in (0, 10]");
  if (!(momentum >= 0 && momentum < 1)) errors.push_back("momentum must be in [0, 1)");
  if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
    errors.push_back("Adam's beta1 and beta2 must be in [0, 1)");
  if (!(epsilon > 0)) errors.push_back("Adam's epsilon must be positive");
  if (!(weightDecay >= 0 && weightDecay < 1)) errors.push_back("weight decay must be in [0, 1)");
  return errors;
}

void Optimizer::setConfig(OptimizerConfig config) {
  if (config.kind != config_.kind) reset();
  config_ = config;
}

void Optimizer::reset() { state_.clear(); }

void Optimizer::step(const std::vector<ParameterRef>& parameters) {
  if (state_.size() != parameters.size()) {
    state_.assign(parameters.size(), State());
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      State& s = state_[i];
      s.first = Matrix::Zero(parameters[i].value->rows(), parameters[i].value->cols());
      if (config_.kind == OptimizerKind::Adam) s.second = s.first;
    }
  }
  const auto lr = static_cast<Scalar>(config_.learningRate);
  const auto decay = static_cast<Scalar>(config_.weightDecay);
  const auto b1 = static_cast<Scalar>(config_.beta1);
  const auto b2 = static_cast<Scalar>(config_.beta2);
  const auto eps = static_cast<Scalar>(config_.epsilon);
  const auto mu = static_cast<Scalar>(config_.momentum);

  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const ParameterRef& p = parameters[i];
    if (!p.trainable) continue;
    State& s = state_[i];
    ++s.steps;
    const Matrix* grad = p.grad;
    if (p.decays && decay > 0) {
      decayed_ = *p.grad + decay * *p.value;
      grad = &decayed_;
    }
    Matrix& value = *p.value;
    switch (config_.kind) {
      case OptimizerKind::Sgd:
        value.noalias() -= lr * *grad;
        break;
      case OptimizerKind::Momentum:
        s.first = mu * s.first + *grad;
        value.noalias() -= lr * s.first;
        break;
      case OptimizerKind::Adam: {
        // As PyTorch: θ −= (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε), with the scalar factors
        // computed once (in double) so that an element costs one square root and one division.
        const double t = static_cast<double>(s.steps);
        const auto stepSize =
            static_cast<Scalar>(config_.learningRate / (1.0 - std::pow(config_.beta1, t)));
        const auto inverseRootCorrection2 =
            static_cast<Scalar>(1.0 / std::sqrt(1.0 - std::pow(config_.beta2, t)));
        s.first = b1 * s.first + (Scalar(1) - b1) * *grad;
        s.second = b2 * s.second + (Scalar(1) - b2) * grad->cwiseAbs2();
        value.array() -=
            stepSize * s.first.array() / (s.second.array().sqrt() * inverseRootCorrection2 + eps);
        break;
      }
    }
  }
}

}  // namespace bnlab
