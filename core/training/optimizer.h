#pragma once
// Parameter updates from gradients, with optional L2 weight decay on the weights
// (g ← g + λ·W before the update):
//   sgd:      θ ← θ − η g
//   momentum: v ← μ v + g;  θ ← θ − η v
//   adam:     m ← β₁ m + (1−β₁) g;  v ← β₂ v + (1−β₂) g²;
//             θ ← θ − η · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
#include <optional>
#include <string_view>
#include <vector>

#include "network/parameter.h"

namespace bnlab {

enum class OptimizerKind { Sgd, Momentum, Adam };

std::string_view optimizerName(OptimizerKind kind);
std::optional<OptimizerKind> optimizerFromName(std::string_view name);
// Every name, in menu order.
std::vector<std::string_view> optimizerNames();

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Adam;
  double learningRate = 0.01;
  double momentum = 0.9;  // μ of momentum
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
  double weightDecay = 0;  // λ of L2 decay

  std::vector<std::string> validate() const;

  bool operator==(const OptimizerConfig&) const = default;
};

class Optimizer {
 public:
  explicit Optimizer(OptimizerConfig config) : config_(config) {}

  // One update of every trainable parameter from its gradient. The list must keep its order
  // and shapes between calls (the optimizer's state is matched by position).
  void step(const std::vector<ParameterRef>& parameters);

  const OptimizerConfig& config() const { return config_; }
  // Changing the kind clears the accumulated state; the learning rate and decay apply at once.
  void setConfig(OptimizerConfig config);
  void reset();
  long steps() const { return steps_; }

 private:
  OptimizerConfig config_;
  std::vector<Matrix> first_;   // velocity (momentum) or first moment m (adam)
  std::vector<Matrix> second_;  // second moment v (adam)
  Matrix decayed_;              // g + λW workspace
  long steps_ = 0;
};

}  // namespace bnlab
