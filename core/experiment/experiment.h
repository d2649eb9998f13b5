#pragma once
// A training experiment: the data, one network or (compare mode) the plain and the batch-norm
// twin built from the same initial weights and fed the same mini-batch sequence, the fixed
// probe batch, and the recorders that turn it all into Snapshots. Live settings change between
// steps. Not thread-safe: one thread owns it.
#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "data/dataset.h"
#include "experiment/batch_noise.h"
#include "experiment/decision_map.h"
#include "experiment/experiment_config.h"
#include "experiment/run_recorder.h"
#include "experiment/snapshot.h"
#include "training/batch_sampler.h"
#include "training/trainer.h"

namespace bnlab {

// Thrown when a configuration is invalid; what() lists every problem, one per line.
class ConfigError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

class Experiment {
 public:
  // Evaluations use at most this many examples of each set (the first ones), in chunks.
  static constexpr int kEvaluationLimit = 10000;
  static constexpr int kChunk = 1024;
  // Fewer examples for faster, rougher evaluations (the live window's); 1 … kEvaluationLimit.
  void setEvaluationLimit(int examples) { evaluationLimit_ = std::clamp(examples, 1, kEvaluationLimit); }

  explicit Experiment(const ExperimentConfig& config);
  Experiment(const ExperimentConfig& config, std::shared_ptr<const DataSplit> data);

  // One mini-batch through every run; records and evaluates on their schedules. Returns the
  // first run's batch loss.
  double step();
  // Whether a run's loss stopped being a finite number (from that step on nothing more is
  // measured: snapshots keep the last finite measurements), at which step and in which run.
  bool diverged() const { return divergedAt_ >= 0; }
  std::int64_t divergedAt() const { return divergedAt_; }
  int divergedRun() const { return divergedRun_; }
  // Measures now, off schedule (once per step: a second call at the same step does nothing).
  void record();
  void evaluate();
  // Recomputes every run's decision plane (2-D data only) on a columns × rows grid.
  void updateDecisionMaps(int columns = 50, int rows = 50);

  SnapshotPtr snapshot() const;

  // Live settings, applied from the next step.
  void setBatchSize(int batchSize);
  void setOptimizer(const OptimizerConfig& optimizer);
  void setDropout(double rate);
  // Single mode only (compare mode keeps one twin of each kind): switches batch norm in the
  // run and marks the step.
  void setBatchNorm(bool enabled);
  void setRecordEvery(int steps);
  // Probe the loss landscape every `steps` steps (0: never).
  void setLandscapeEvery(int steps);
  // Kicks W of hidden layer `layer` (0-based) in every run: W += relative · rms(W) · N, with
  // the same standard-normal matrix N in each twin. Marks the step.
  void perturb(int layer, double relative);
  // Classify the 2-D input (x, y) alone in every snapshot from now on (see SinglePrediction).
  void choosePoint(double x, double y);
  // Follow `unit` of hidden layer `layer` (0-based): μ_B and σ_B in every batch-norm run, and
  // the paper percentiles of its activation input in every run (Figure 1).
  void setBatchNoiseTarget(int layer, int unit);
  // Measure hidden layer `layer` (0-based) of every run under `focus` too.
  void setFocus(int layer, DistributionFocus focus);

  const ExperimentConfig& config() const { return config_; }
  std::int64_t steps() const { return step_; }
  std::int64_t epoch() const { return sampler_.epoch(); }
  int runCount() const { return static_cast<int>(trainers_.size()); }
  Trainer& run(int i) { return *trainers_[static_cast<std::size_t>(i)]; }
  const Trainer& run(int i) const { return *trainers_[static_cast<std::size_t>(i)]; }
  const DataSplit& data() const { return *data_; }
  const Matrix& probeInputs() const { return probeX_; }
  const std::vector<int>& lastBatchIndices() const { return batchIndices_; }

 private:
  ExperimentConfig config_;
  std::shared_ptr<const DataSplit> data_;
  BatchSampler sampler_;
  std::vector<std::unique_ptr<Trainer>> trainers_;
  std::vector<RunRecorder> recorders_;
  std::vector<DecisionMap> decisionMaps_;
  std::vector<BatchNoiseTracker> batchNoise_;
  std::vector<TestTimeAccuracy> testTime_;
  struct LandscapeHistory {
    History lossVariation, gradientChange, betaSmoothness;
  };
  std::vector<LandscapeHistory> landscape_;
  PlaneExtent extent_;
  std::optional<std::array<double, 2>> chosenPoint_;
  std::vector<double> batchLoss_;
  Matrix probeX_;
  std::vector<int> batchIndices_;
  Matrix batchX_;
  std::vector<int> batchY_;
  ForwardRecord probeRecord_;
  Matrix testProbeX_;  // the first probe-size test examples
  ForwardRecord testProbeRecord_;
  std::int64_t step_ = 0;
  int evaluationLimit_ = kEvaluationLimit;
  std::int64_t divergedAt_ = -1;
  int divergedRun_ = -1;
  std::int64_t recordedAt_ = -1;
  std::int64_t evaluatedAt_ = -1;
  std::vector<std::int64_t> batchNormToggles_;
  std::vector<Snapshot::Perturbation> perturbations_;
};

}  // namespace bnlab
