#pragma once
// The closed set of commands the window sends to the training thread. Each is a small value
// struct (no pointers, nothing that could reach a widget); a TrainingCommand travels through a
// queued connection and is applied to the experiment between two steps by applyCommand().
#include <QMetaType>
#include <string>
#include <variant>

#include "experiment/experiment.h"
#include "experiment/settings_table.h"

namespace bnlab {

// One-network mode's live switch: batch norm in the run's hidden layers, W kept.
struct SetBatchNorm {
  bool enabled = false;
};
// A live row of the settings table (one whose applyLive is set, settings_table.h) takes `value`
// in the running experiment: the batch size, the optimizer's settings, dropout, the measures'
// intervals. A row that is not live, or a value that is not of the row's kind or in its range,
// changes nothing.
struct SetSetting {
  std::string key;     // "training.batchSize"
  SettingValue value;  // of the row's kind: std::int64_t(64)

  // The row's value in `config`.
  static SetSetting of(const Setting& row, const ExperimentConfig& config) {
    return {std::string(row.key), row.get(config)};
  }
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
    std::variant<SetBatchNorm, SetSetting, ChoosePoint, Perturb, SetBatchNoiseTarget, SetFocus>;

// Applies `command` to `experiment` (on the thread that owns it).
void applyCommand(Experiment& experiment, const TrainingCommand& command);

}  // namespace bnlab

Q_DECLARE_METATYPE(bnlab::TrainingCommand)
