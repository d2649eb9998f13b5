#pragma once
// Parameter updates from gradients, with optional L2 weight decay on the weights
// (g ← g + λ·W before the update):
//   sgd:      θ ← θ − η g
//   momentum: v ← μ v + g;  θ ← θ − η v
//   adam:     m ← β₁ m + (1−β₁) g;  v ← β₂ v + (1−β₂) g²;
//             θ ← θ − η · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
// State is per parameter, as in torch.optim: t counts that parameter's own updates. A parameter
// left alone (not trainable: γ and β while batch norm is off, b under it) keeps its m, v and t
// as they were, so under Adam its first update is η·sign(g) however long the others trained.
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
  // Updates taken by the parameter at `index` of the list (Adam's t); 0 before the first.
  long steps(std::size_t index) const { return index < state_.size() ? state_[index].steps : 0; }

 private:
  struct State {
    Matrix first;   // velocity (momentum) or first moment m (adam), the parameter's shape
    Matrix second;  // second moment v (adam)
    long steps = 0;
  };
  OptimizerConfig config_;
  std::vector<State> state_;  // one per parameter, by position
  Matrix decayed_;            // g + λW workspace
};

}  // namespace bnlab
