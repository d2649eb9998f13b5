#pragma once
// Element-wise activation A = g(Z̃) and its backward dZ̃ = dA ⊙ g'(Z̃).
#include <optional>
#include <string>
#include <string_view>

#include "common/types.h"

namespace bnlab {

enum class ActivationKind { Relu, LeakyRelu, Tanh, Sigmoid, Linear };

// Slope of leaky_relu for negative inputs.
inline constexpr Scalar kLeakySlope = Scalar(0.01);

std::string_view activationName(ActivationKind kind);
std::optional<ActivationKind> activationFromName(std::string_view name);

// A (n × m) = g(Z (n × m)).
void activationForward(ActivationKind kind, const Matrix& input, Matrix& output);

// dInput (n × m) = dOutput ⊙ g'(input). Uses the forward's input and output (sigmoid and tanh
// derive from the output: σ' = σ(1 − σ), tanh' = 1 − tanh²).
void activationBackward(ActivationKind kind, const Matrix& input, const Matrix& output,
                        const Matrix& dOutput, Matrix& dInput);

}  // namespace bnlab
