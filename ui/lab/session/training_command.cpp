#include "session/training_command.h"

namespace bnlab {

namespace {

// One overload per command: a command added to the variant without its overload here does not
// compile.
struct CommandApplier {
  Experiment& experiment;

  void operator()(const SetBatchNorm& c) const { experiment.setBatchNorm(c.enabled); }
  void operator()(const SetSetting& c) const {
    const Setting* row = findSetting(c.key);
    if (!row || !row->applyLive || !acceptsValue(*row, c.value)) return;
    ExperimentConfig config = experiment.config();
    row->set(config, c.value);
    if (rangeError(*row, config)) return;
    row->applyLive(experiment, config);
  }
  void operator()(const ChoosePoint& c) const { experiment.choosePoint(c.x, c.y); }
  void operator()(const Perturb& c) const { experiment.perturb(c.layer, c.relative); }
  void operator()(const SetBatchNoiseTarget& c) const {
    experiment.setBatchNoiseTarget(c.layer, c.unit);
  }
  void operator()(const SetFocus& c) const { experiment.setFocus(c.layer, c.focus); }
};

}  // namespace

void applyCommand(Experiment& experiment, const TrainingCommand& command) {
  std::visit(CommandApplier{experiment}, command);
}

}  // namespace bnlab
