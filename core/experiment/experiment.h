#pragma once
// A training experiment: the data, a list of runs (config.runs: 1 to 4 networks built from the
// same initial weights, each fed the mini-batch sequence of its batch size), the fixed probe
// batch, and the recorders that turn it all into Snapshots. Live settings change between
// steps. Not thread-safe: one thread owns it (it steps the runs on a pool of its own).
#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "common/task_pool.h"
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

// The measuring schedule thins as the run grows, as the histories it fills do: every `every`
// steps for the first `dense` measures, then every 2·every for as many steps again (dense / 2
// more), then every 4·every, … So a long run measured at full speed spends on measuring a
// share that falls with its length, and its charts keep points spread over all of it.
constexpr std::int64_t measureInterval(int every, int dense, std::int64_t step) {
  std::int64_t interval = every;
  for (std::int64_t horizon = std::int64_t(every) * dense; step > horizon; horizon *= 2)
    interval *= 2;
  return interval;
}

class Experiment {
 public:
  // Dense records fill a history (History::kDefaultCapacity points) once: 5,120 steps at the
  // default interval of 10. Evaluations, each a pass over up to kEvaluationLimit examples of
  // each set and many small batches, are dense for 16 (400 steps at the default 25), then 8
  // more in twice the steps, and so on.
  static constexpr int kDenseRecords = int(History::kDefaultCapacity);
  static constexpr int kDenseEvaluations = 16;
  // Evaluations use at most this many examples of each set (the first ones), in chunks.
  static constexpr int kEvaluationLimit = 10000;
  static constexpr int kChunk = 1024;
  // Fewer examples for faster, rougher evaluations (the live window's); 1 … kEvaluationLimit.
  void setEvaluationLimit(int examples) {
    evaluationLimit_ = std::clamp(examples, 1, kEvaluationLimit);
  }
  explicit Experiment(const ExperimentConfig& config);
  Experiment(const ExperimentConfig& config, std::shared_ptr<const DataSplit> data);
  ~Experiment();

  // One mini-batch through every run, the runs in parallel; records and evaluates on their
  // schedules. Returns the first run's batch loss.
  double step();
  // Whether a run's loss stopped being a finite number (from that step on nothing more is
  // measured: snapshots keep the last finite measurements), at which step and in which run.
  bool diverged() const { return divergedAt_ >= 0; }
  std::int64_t divergedAt() const { return divergedAt_; }
  int divergedRun() const { return divergedRun_; }
  // What is measured, and when, depends on steps alone (never on the clock or on who watches):
  // step() records every config.recordEvery steps and evaluates every config.evaluateEvery,
  // intervals that double as the run grows (measureInterval); a checkpoint (the end of a run, a
  // lesson's stop) measures with measureCheckpoint(). Commands never measure, so a run watched in
  // the window, paused and resumed, measures what the same run measures headless.
  // Records and evaluates now (once per step: a second call at the same step does nothing).
  void measureCheckpoint() {
    record();
    evaluate();
  }
  void record();
  void evaluate();
  // The steps of the last record and the last evaluation.
  std::int64_t recordedAt() const { return recordedAt_; }
  std::int64_t evaluatedAt() const { return evaluatedAt_; }
  // Recomputes every run's decision plane (2-D data only) on a columns × rows grid.
  void updateDecisionMaps(int columns = 50, int rows = 50);

  SnapshotPtr snapshot() const;

  // Threads that step and measure the runs (1 … kMaxThreads; by default one per core, at most
  // kMaxThreads); a single run splits its large matrix products over them. Results are the same
  // bit for bit whatever the number.
  void setThreads(int threads);
  int threads() const { return pool_->threads(); }
  static constexpr int kMaxThreads = 8;

  // Live settings, applied from the next step. Batch size and dropout are the base values,
  // used by every run that does not set its own.
  void setBatchSize(int batchSize);
  void setOptimizer(const OptimizerConfig& optimizer);
  void setDropout(double rate);
  // One-run experiments only (a list of runs keeps each run's normalization): switches batch
  // norm in the run and marks the step.
  void setBatchNorm(bool enabled);
  void setRecordEvery(int steps);
  // Probe the loss landscape every `steps` steps (0: never).
  void setLandscapeEvery(int steps);
  // Measure every layer's gradient shift (gradient_shift.h) every `steps` steps (0: never).
  void setGradientShiftEvery(int steps);
  // Kicks W of hidden layer `layer` (0-based) in every run: W += relative · rms(W) · N, with
  // the same standard-normal matrix N in each run. Marks the step.
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
  // Completed passes over the training set of the first run's batches.
  std::int64_t epoch() const;
  int runCount() const { return static_cast<int>(runs_.size()); }
  Trainer& run(int i) { return *runs_[static_cast<std::size_t>(i)].trainer; }
  const Trainer& run(int i) const { return *runs_[static_cast<std::size_t>(i)].trainer; }
  const RunSpec& runSpec(int i) const { return config_.runs[static_cast<std::size_t>(i)]; }
  // The batch size and dropout rate run i trains with now.
  int batchSize(int i) const;
  double dropout(int i) const;
  const DataSplit& data() const { return *data_; }
  // The first run's last mini-batch.
  const std::vector<int>& lastBatchIndices() const;

 private:
  // Mini-batches of one size: every run that trains at that size reads the same ones.
  struct BatchStream {
    BatchStream(int size, BatchSampler sampler) : size(size), sampler(std::move(sampler)) {}
    int size = 0;
    BatchSampler sampler;
    std::vector<int> indices;
    Matrix x;  // n_in × size
    std::vector<int> y;
    std::int64_t drawnAt = -1;  // step of the batch held
  };
  struct LandscapeHistory {
    History lossVariation, gradientChange, betaSmoothness;
  };
  // Everything that belongs to one run; runs are stepped and measured in parallel, so each
  // has its own scratch records.
  struct Run {
    Run(std::unique_ptr<Trainer> trainer, int layers)
        : trainer(std::move(trainer)), recorder(layers) {}
    std::unique_ptr<Trainer> trainer;
    RunRecorder recorder;
    DecisionMap decisionMap;
    BatchNoiseTracker batchNoise;
    TestTimeAccuracy testTime;
    KickResponse lastKick;
    std::vector<int> noiseBatchSizes;  // this evaluation's fixed-weight noise sizes, own first
    LandscapeHistory landscape;
    std::optional<Network> beforeStep;  // the network as a measured step found it
    double batchLoss = 0;
    LossProgress progress;
    Evaluation trainEvaluation, testEvaluation;  // the last evaluation's parts
    std::size_t stream = 0;                      // index into streams_ of this step's batch
    ForwardRecord probeRecord, testProbeRecord;
  };

  // The stream of `size`-example batches: one per size, made when a run first needs it.
  std::size_t streamFor(int size);
  // What a step measures besides training, by the schedules of the configuration.
  struct StepMeasures {
    bool landscape = false;
    bool gradientShift = false;
  };
  void trainRun(Run& run, StepMeasures measures);
  void recordRun(Run& run);
  enum class EvaluationPart;
  void evaluatePart(Run& run, EvaluationPart part);
  // task(i) for i in [0, count), on the pool's threads, subnormal floats flushed to zero
  // (common/denormals.h); a task touches only what belongs to its i.
  template <typename Task>
  void forEachTask(int count, Task task);
  // task(run) for every run, the same way.
  template <typename Task>
  void forEachRun(Task task);

  ExperimentConfig config_;
  std::shared_ptr<const DataSplit> data_;
  std::vector<BatchStream> streams_;
  std::vector<Run> runs_;
  std::unique_ptr<TaskPool> pool_;
  PlaneExtent extent_;
  std::optional<std::array<double, 2>> chosenPoint_;
  Matrix probeX_;
  Matrix testProbeX_;  // the first probe-size test examples
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
