#pragma once
// The closed set of commands the window sends to the training thread. Each is a small value
// struct (no pointers, nothing that could reach a widget); a TrainingCommand travels through a
// queued connection and is applied to the experiment between two steps by applyCommand().
#include <QMetaType>
#include <variant>

#include "experiment/experiment.h"

namespace bnlab {

// One-network mode's live switch: batch norm in the run's hidden layers, W kept.
struct SetBatchNorm {
  bool enabled = false;
};
// The base batch size (runs with their own keep theirs).
struct SetBatchSize {
  int batchSize = 64;
};
struct SetOptimizer {
  OptimizerConfig optimizer;
};
// The base dropout rate of the hidden layers.
struct SetDropout {
  double rate = 0;
};
// Classify this 2-D input alone in every snapshot from now on.
struct ChoosePoint {
  double x = 0, y = 0;
};
// W of hidden layer `layer` (0-based) += relative · rms(W) · N, in every run.
struct Perturb {
  int layer = 0;
  double relative = 0;
};
// Probe the loss landscape every `steps` steps (0: never).
struct SetLandscapeEvery {
  int steps = 0;
};
// Measure every layer's gradient shift every `steps` steps (0: never).
struct SetGradientShiftEvery {
  int steps = 0;
};
// The unit whose μ_B and σ_B the batch-noise view follows.
struct SetBatchNoiseTarget {
  int layer = 0;
  int unit = 0;
};
// What hidden layer `layer` is measured on besides the default.
struct SetFocus {
  int layer = 0;
  DistributionFocus focus;
};

using TrainingCommand =
    std::variant<SetBatchNorm, SetBatchSize, SetOptimizer, SetDropout, ChoosePoint, Perturb,
                 SetLandscapeEvery, SetGradientShiftEvery, SetBatchNoiseTarget, SetFocus>;

// Applies `command` to `experiment` (on the thread that owns it).
void applyCommand(Experiment& experiment, const TrainingCommand& command);

}  // namespace bnlab

Q_DECLARE_METATYPE(bnlab::TrainingCommand)
