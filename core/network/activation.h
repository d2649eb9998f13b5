#pragma once
// Element-wise activation A = g(Z̃) and its backward dZ̃ = dA ⊙ g'(Z̃).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.h"

namespace bnlab {

enum class ActivationKind { Relu, LeakyRelu, Tanh, Sigmoid, Linear };

// Slope of leaky_relu for negative inputs.
inline constexpr Scalar kLeakySlope = Scalar(0.01);

std::string_view activationName(ActivationKind kind);
std::optional<ActivationKind> activationFromName(std::string_view name);
// Every name, in menu order.
std::vector<std::string_view> activationNames();

// out = g(z) element-wise, for any Eigen array of matching size and scalar type.
template <typename In, typename Out>
void applyActivation(ActivationKind kind, const Eigen::ArrayBase<In>& z,
                     Eigen::ArrayBase<Out> const& outConst) {
  using T = typename In::Scalar;
  auto& out = const_cast<Eigen::ArrayBase<Out>&>(outConst);
  switch (kind) {
    case ActivationKind::Relu:
      out = z.max(T(0));
      break;
    case ActivationKind::LeakyRelu:
      out = (z > T(0)).select(z, T(kLeakySlope) * z);
      break;
    case ActivationKind::Tanh:
      out = z.tanh();
      break;
    case ActivationKind::Sigmoid:
      // σ(z) = ½ (1 + tanh(z/2)): stable for large |z|.
      out = T(0.5) * ((T(0.5) * z).tanh() + T(1));
      break;
    case ActivationKind::Linear:
      out = z;
      break;
  }
}

// A (n × m) = g(Z (n × m)). Every g here is non-decreasing, so g maps sorted values to
// sorted values.
void activationForward(ActivationKind kind, const Matrix& input, Matrix& output);

// dInput (n × m) = dOutput ⊙ g'(input). Uses the forward's input and output (sigmoid and tanh
// derive from the output: σ' = σ(1 − σ), tanh' = 1 − tanh²).
void activationBackward(ActivationKind kind, const Matrix& input, const Matrix& output,
                        const Matrix& dOutput, Matrix& dInput);

}  // namespace bnlab
