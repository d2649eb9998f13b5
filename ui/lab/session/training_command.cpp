#include "session/training_command.h"

namespace bnlab {

namespace {

// One overload per command: a command added to the variant without its overload here does not
// compile.
struct CommandApplier {
  Experiment& experiment;

  void operator()(const SetBatchNorm& c) const { experiment.setBatchNorm(c.enabled); }
  void operator()(const SetBatchSize& c) const { experiment.setBatchSize(c.batchSize); }
  void operator()(const SetOptimizer& c) const { experiment.setOptimizer(c.optimizer); }
  void operator()(const SetDropout& c) const { experiment.setDropout(c.rate); }
  void operator()(const ChoosePoint& c) const { experiment.choosePoint(c.x, c.y); }
  void operator()(const Perturb& c) const { experiment.perturb(c.layer, c.relative); }
  void operator()(const SetLandscapeEvery& c) const { experiment.setLandscapeEvery(c.steps); }
  void operator()(const SetGradientShiftEvery& c) const {
    experiment.setGradientShiftEvery(c.steps);
  }
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
