#include "network/activation.h"

#include "common/name_table.h"

namespace bnlab {

namespace {
constexpr NameTable<ActivationKind, 5> kNames{{{
    {ActivationKind::Relu, "relu"},
    {ActivationKind::LeakyRelu, "leaky_relu"},
    {ActivationKind::Tanh, "tanh"},
    {ActivationKind::Sigmoid, "sigmoid"},
    {ActivationKind::Linear, "linear"},
}}};
}  // namespace

std::string_view activationName(ActivationKind kind) { return kNames.name(kind); }

std::optional<ActivationKind> activationFromName(std::string_view name) {
  return kNames.find(name);
}

std::vector<std::string_view> activationNames() { return kNames.names(); }

void activationForward(ActivationKind kind, const Matrix& input, Matrix& output) {
  output.resize(input.rows(), input.cols());
  applyActivation(kind, input.array(), output.array());
}

void activationBackward(ActivationKind kind, const Matrix& input, const Matrix& output,
                        const Matrix& dOutput, Matrix& dInput) {
  const auto z = input.array();
  const auto a = output.array();
  const auto g = dOutput.array();
  switch (kind) {
    case ActivationKind::Relu:
      dInput = (z > Scalar(0)).select(g, Scalar(0)).matrix();
      break;
    case ActivationKind::LeakyRelu:
      dInput = (z > Scalar(0)).select(g, kLeakySlope * g).matrix();
      break;
    case ActivationKind::Tanh:
      dInput = (g * (Scalar(1) - a.square())).matrix();
      break;
    case ActivationKind::Sigmoid:
      dInput = (g * a * (Scalar(1) - a)).matrix();
      break;
    case ActivationKind::Linear:
      dInput = dOutput;
      break;
  }
}

}  // namespace bnlab
