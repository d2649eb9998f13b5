#include "experiment/experiment.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/denormals.h"
#include "common/matrix_product.h"
#include "experiment/data_loading.h"
#include "experiment/gradient_shift.h"
#include "experiment/kick_response.h"
#include "experiment/landscape_probe.h"

namespace bnlab {

namespace {

ExperimentConfig checked(const ExperimentConfig& config) {
  const std::vector<std::string> errors = config.validate();
  if (errors.empty()) return config;
  std::string message;
  for (const std::string& e : errors) message += (message.empty() ? "" : "\n") + e;
  throw ConfigError(message);
}

std::uint64_t derivedSeed(std::uint64_t seed, int stream) {
  Rng rng(seed);
  std::uint64_t value = 0;
  for (int i = 0; i <= stream; ++i) value = rng.nextSeed();
  return value;
}

}  // namespace

Experiment::Experiment(const ExperimentConfig& config)
    : Experiment(config, loadDataSplit(checked(config).data)) {}

Experiment::Experiment(const ExperimentConfig& config, std::shared_ptr<const DataSplit> data)
    : config_(checked(config)), data_(std::move(data)) {
  if (data_->train.size() < 2) throw ConfigError("the training set needs at least 2 examples");
  NetworkConfig net = config_.network;
  net.inputs = data_->train.dimensions();
  net.classes = std::max(data_->train.classes, 2);
  net.seed = derivedSeed(config_.seed, 0);  // the same in every run: identical initial W
  config_.network.inputs = net.inputs;
  config_.network.classes = net.classes;

  streams_.emplace_back(config_.batchSize,
                        BatchSampler(data_->train.size(), derivedSeed(config_.seed, 1)));
  runs_.reserve(config_.runs.size());
  for (std::size_t i = 0; i < config_.runs.size(); ++i) {
    const RunSpec& spec = config_.runs[i];
    runs_.emplace_back(
        std::make_unique<Trainer>(runLabel(spec), networkFor(spec, net), config_.optimizer),
        int(net.hiddenUnits.size()));
    runs_.back().progress = LossProgress(net.classes);
  }
  // One thread per core: runs step in parallel, and even one run's evaluation has parts that do.
  pool_ = std::make_unique<TaskPool>(std::min(TaskPool::hardwareThreads(), kMaxThreads));
  setBatchNoiseTarget(int(net.hiddenUnits.size()) - 1, 0);  // the last hidden layer, unit 1
  extent_ = planeExtent(*data_);

  // The probe batch: a fixed, seeded choice of training examples.
  std::vector<int> order(static_cast<std::size_t>(data_->train.size()));
  std::iota(order.begin(), order.end(), 0);
  Rng(derivedSeed(config_.seed, 2)).shuffle(order);
  order.resize(std::min(order.size(), static_cast<std::size_t>(config_.probeSize)));
  std::vector<int> probeLabels;
  data_->train.gather(order, probeX_, probeLabels);
  std::vector<int> testOrder(
      static_cast<std::size_t>(std::min(data_->test.size(), config_.probeSize)));
  std::iota(testOrder.begin(), testOrder.end(), 0);
  data_->test.gather(testOrder, testProbeX_, probeLabels);
  record();
  evaluate();
}

Experiment::~Experiment() = default;

template <typename Task>
void Experiment::forEachTask(int count, Task task) {
  pool_->run(count, [&](int i) {
    const ScopedFlushDenormals flush;
    task(i);
  });
}

template <typename Task>
void Experiment::forEachRun(Task task) {
  forEachTask(runCount(), [&](int i) { task(runs_[static_cast<std::size_t>(i)]); });
}

void Experiment::setThreads(int threads) {
  pool_ = std::make_unique<TaskPool>(std::clamp(threads, 1, kMaxThreads));
}

int Experiment::batchSize(int i) const { return runSpec(i).batchSize.value_or(config_.batchSize); }

double Experiment::dropout(int i) const {
  return runSpec(i).dropout.value_or(double(config_.network.dropout));
}

std::int64_t Experiment::epoch() const { return streams_[runs_.front().stream].sampler.epoch(); }

const std::vector<int>& Experiment::lastBatchIndices() const {
  return streams_[runs_.front().stream].indices;
}

std::size_t Experiment::streamFor(int size) {
  for (std::size_t s = 0; s < streams_.size(); ++s)
    if (streams_[s].size == size) return s;
  streams_.emplace_back(size, BatchSampler(data_->train.size(), derivedSeed(config_.seed, 1)));
  return streams_.size() - 1;
}

void Experiment::trainRun(Run& run, StepMeasures measures) {
  const BatchStream& batch = streams_[run.stream];
  if (measures.landscape) {
    // From the parameters this step starts at, on this step's batch.
    const LandscapeSample s =
        probeLandscape(run.trainer->network(), batch.x, batch.y, config_.optimizer.learningRate);
    run.landscape.lossVariation.append(step_, s.lossVariation);
    run.landscape.gradientChange.append(step_, s.gradientChange);
    run.landscape.betaSmoothness.append(step_, s.betaSmoothness);
  }
  if (measures.gradientShift) run.beforeStep = run.trainer->network();
  run.batchLoss = run.trainer->trainOnBatch(batch.x, batch.y);
  run.progress.add(run.batchLoss);
  run.batchNoise.afterStep(run.trainer->network());
  if (measures.gradientShift && std::isfinite(run.batchLoss))
    run.recorder.recordGradientShift(
        step_, measureGradientShift(*run.beforeStep, run.trainer->network(), batch.x, batch.y));
}

double Experiment::step() {
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    Run& run = runs_[i];
    run.stream = streamFor(batchSize(int(i)));
    BatchStream& batch = streams_[run.stream];
    if (batch.drawnAt == step_) continue;  // drawn for an earlier run this step
    batch.indices = batch.sampler.next(batch.size);
    data_->train.gather(batch.indices, batch.x, batch.y);
    batch.drawnAt = step_;
  }
  const auto due = [this](int every) { return every > 0 && step_ % every == 0; };
  const StepMeasures measures{.landscape = due(config_.landscapeEvery),
                              .gradientShift = due(config_.gradientShiftEvery)};
  if (runCount() == 1) {
    // The pool's other threads are idle while one run trains: its large products use them.
    const ScopedFlushDenormals flush;
    const ParallelProducts products(pool_.get());
    trainRun(runs_.front(), measures);
  } else {
    forEachRun([&](Run& run) { trainRun(run, measures); });
  }
  for (std::size_t i = 0; i < runs_.size() && divergedAt_ < 0; ++i) {
    if (std::isfinite(runs_[i].batchLoss)) continue;
    divergedAt_ = step_ + 1;
    divergedRun_ = static_cast<int>(i);
  }
  ++step_;
  if (step_ % measureInterval(config_.recordEvery, kDenseRecords, step_) == 0) record();
  if (step_ % measureInterval(config_.evaluateEvery, kDenseEvaluations, step_) == 0) evaluate();
  return runs_.front().batchLoss;
}

void Experiment::recordRun(Run& run) {
  run.trainer->probe(probeX_, run.probeRecord);
  const bool testInputs = run.recorder.wantsTestInputs() && testProbeX_.cols() > 0;
  if (testInputs)
    run.trainer->network().infer(testProbeX_, NormStats::Running, run.testProbeRecord);
  run.recorder.record(step_, run.probeRecord, run.trainer->network(), run.batchLoss,
                      testInputs ? &run.testProbeRecord : nullptr);
}

void Experiment::record() {
  if (recordedAt_ == step_ || diverged()) return;
  forEachRun([&](Run& run) { recordRun(run); });
  recordedAt_ = step_;
}

// The evaluation's independent parts, each a task of its own so that the pool balances them
// across runs (a batch-norm run's test-time passes cost several times a plain run's evaluation).
enum class Experiment::EvaluationPart { Train, Test, Population, TestSetStatistics, BatchOfOne };

void Experiment::evaluatePart(Run& run, EvaluationPart part) {
  const Trainer& trainer = *run.trainer;
  constexpr int kSingles = 200;  // examples evaluated one at a time (each is a forward pass)
  switch (part) {
    case EvaluationPart::Train:
      run.trainEvaluation =
          trainer.evaluate(data_->train, NormStats::Running, kChunk, evaluationLimit_);
      break;
    case EvaluationPart::Test:
      run.testEvaluation =
          trainer.evaluate(data_->test, NormStats::Running, kChunk, evaluationLimit_);
      break;
    case EvaluationPart::Population:  // passes over the training set, like the evaluation
      // Fixed-weight noise within about 4 evaluations' examples (64 batches of each size at the
      // default limit; in the live window's quicker evaluations fewer, and the own size only).
      run.batchNoise.record(step_, trainer.network(), data_->train, run.noiseBatchSizes,
                            derivedSeed(config_.seed, 4) ^ std::uint64_t(step_),
                            4 * evaluationLimit_);
      break;
    case EvaluationPart::TestSetStatistics:
      run.testTime.testSetStatistics =
          trainer.evaluate(data_->test, NormStats::Batch, evaluationLimit_, evaluationLimit_)
              .accuracy;
      break;
    case EvaluationPart::BatchOfOne:
      run.testTime.batchOfOne =
          trainer.evaluate(data_->test, NormStats::Batch, 1, kSingles).accuracy;
      run.testTime.batchOfOneTogether =
          trainer.evaluate(data_->test, NormStats::Running, kChunk, kSingles).accuracy;
      break;
  }
}

void Experiment::evaluate() {
  if (evaluatedAt_ == step_ || diverged()) return;
  evaluatedAt_ = step_;
  std::vector<std::pair<Run*, EvaluationPart>> parts;
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    std::vector<int>& sizes = runs_[i].noiseBatchSizes;
    sizes = {batchSize(int(i))};
    for (int j = 0; j < runCount(); ++j)
      if (std::find(sizes.begin(), sizes.end(), batchSize(j)) == sizes.end())
        sizes.push_back(batchSize(j));
  }
  for (Run& run : runs_) {
    for (EvaluationPart part :
         {EvaluationPart::Train, EvaluationPart::Test, EvaluationPart::Population})
      parts.emplace_back(&run, part);
    if (run.trainer->network().normalization() != Normalization::None)
      for (EvaluationPart part : {EvaluationPart::TestSetStatistics, EvaluationPart::BatchOfOne})
        parts.emplace_back(&run, part);
  }
  forEachTask(int(parts.size()), [&](int i) {
    evaluatePart(*parts[std::size_t(i)].first, parts[std::size_t(i)].second);
  });
  for (Run& run : runs_) {
    run.recorder.recordEvaluation(step_, run.trainEvaluation, run.testEvaluation);
    if (run.trainer->network().normalization() == Normalization::None) continue;
    run.testTime.runningStatistics = run.testEvaluation.accuracy;
    run.testTime.step = step_;
  }
}

void Experiment::updateDecisionMaps(int columns, int rows) {
  if (diverged()) return;
  forEachRun([&](Run& run) {
    run.decisionMap = computeDecisionMap(run.trainer->network(), extent_, columns, rows, step_);
  });
}

SnapshotPtr Experiment::snapshot() const {
  auto snap = std::make_shared<Snapshot>();
  snap->step = step_;
  snap->epoch = epoch();
  snap->recordedAt = recordedAt_;
  snap->config = config_;
  snap->batchNormToggles = batchNormToggles_;
  snap->perturbations = perturbations_;
  snap->data = data_;
  snap->lastBatchSize = static_cast<int>(lastBatchIndices().size());
  snap->divergedAt = divergedAt_;
  snap->divergedRun = divergedRun_;
  snap->runs.resize(runs_.size());
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    const Run& source = runs_[i];
    const Network& network = source.trainer->network();
    RunSnapshot& run = snap->runs[i];
    run.spec = config_.runs[i];
    run.name = runLabel(run.spec);
    run.normalization = network.normalization();
    run.batchNorm = usesBatchStatistics(run.normalization);
    run.normalized = normalizesActivationInput(run.normalization);
    run.batchSize = batchSize(int(i));
    run.dropout = dropout(int(i));
    run.epoch = streams_[source.stream].sampler.epoch();
    source.recorder.fill(run);
    run.decisionMap = source.decisionMap;
    run.batchNoise = source.batchNoise.measure(network);
    run.testTime = source.testTime;
    run.lastKick = source.lastKick;
    run.progress = source.progress;
    if (chosenPoint_ && data_->train.dimensions() == 2) {
      const auto [px, py] = *chosenPoint_;
      Matrix x(2, 1);
      x << Scalar(px), Scalar(py);
      ForwardRecord eval, alone;
      network.infer(x, NormStats::Running, eval);
      network.infer(x, NormStats::Batch, alone);
      Eigen::Index evalClass = 0, aloneClass = 0;
      const double evalConfidence = eval.probabilities.col(0).maxCoeff(&evalClass);
      const double aloneConfidence = alone.probabilities.col(0).maxCoeff(&aloneClass);
      run.chosen = {true, px, py, int(evalClass), int(aloneClass), evalConfidence, aloneConfidence};
    }
    run.lossVariation = source.landscape.lossVariation.view();
    run.gradientChange = source.landscape.gradientChange.view();
    run.betaSmoothness = source.landscape.betaSmoothness.view();
  }
  return snap;
}

void Experiment::setBatchSize(int batchSize) {
  const int size = std::clamp(batchSize, 1, ExperimentConfig::kMaxBatchSize);
  const int old = config_.batchSize;
  if (size == old) return;
  config_.batchSize = size;
  // The stream of the old size goes on at the new one (its order of examples kept, as one run's
  // would), unless a run with a batch size of its own still reads it or a stream of the new size
  // exists already: then the runs that follow the base move to that size's stream.
  const auto readsOld = [&](const RunSpec& spec) { return spec.batchSize == old; };
  const auto hasSize = [&](const BatchStream& s) { return s.size == size; };
  if (std::none_of(config_.runs.begin(), config_.runs.end(), readsOld) &&
      std::none_of(streams_.begin(), streams_.end(), hasSize))
    for (BatchStream& stream : streams_)
      if (stream.size == old) stream.size = size;
  for (std::size_t i = 0; i < runs_.size(); ++i)
    if (!config_.runs[i].batchSize) runs_[i].batchNoise.clear();  // a new noise level
}

void Experiment::setOptimizer(const OptimizerConfig& optimizer) {
  config_.optimizer = optimizer;
  for (Run& run : runs_) run.trainer->optimizer().setConfig(optimizer);
}

void Experiment::setDropout(double rate) {
  config_.network.dropout = static_cast<Scalar>(std::clamp(rate, 0.0, 0.9));
  for (int i = 0; i < runCount(); ++i)
    runs_[std::size_t(i)].trainer->network().setDropout(static_cast<Scalar>(dropout(i)));
}

void Experiment::setBatchNorm(bool enabled) {
  if (runCount() != 1) return;
  Network& network = runs_.front().trainer->network();
  const Normalization kind = enabled ? Normalization::BatchNorm : Normalization::None;
  if ((network.normalization() != Normalization::None) == enabled) return;
  network.setNormalization(kind);
  config_.runs.front().normalization = kind;
  batchNormToggles_.push_back(step_);
}

void Experiment::perturb(int layer, double relative) {
  if (layer < 0 || layer >= int(config_.network.hiddenUnits.size()) || !(relative > 0)) return;
  Rng rng(derivedSeed(config_.seed, 3) ^ std::uint64_t(step_ * 31 + layer));
  const Matrix& shape = runs_.front().trainer->network().block(layer).dense().weights();
  Matrix noise(shape.rows(), shape.cols());
  for (Eigen::Index i = 0; i < noise.size(); ++i) noise.data()[i] = Scalar(rng.normal());
  forEachRun([&](Run& run) {
    Network& network = run.trainer->network();
    ForwardRecord before, after;
    network.infer(probeX_, NormStats::Batch, before);
    Matrix& w = network.block(layer).dense().weights();
    const Scalar rms = std::sqrt(w.squaredNorm() / Scalar(std::max<Eigen::Index>(w.size(), 1)));
    w += (Scalar(relative) * rms) * noise;
    network.infer(probeX_, NormStats::Batch, after);
    run.lastKick = kickResponse(step_, layer, relative, before, after);
  });
  perturbations_.push_back({step_, layer, relative});
}

void Experiment::choosePoint(double x, double y) { chosenPoint_ = std::array<double, 2>{x, y}; }

void Experiment::setBatchNoiseTarget(int layer, int unit) {
  for (Run& run : runs_) {
    run.batchNoise.setTarget(layer, std::max(unit, 0));
    run.recorder.setTrackedUnit(layer, std::max(unit, 0));
  }
}

void Experiment::setFocus(int layer, DistributionFocus focus) {
  for (Run& run : runs_) run.recorder.setFocus(layer, focus);
}

void Experiment::setLandscapeEvery(int steps) {
  config_.landscapeEvery = std::clamp(steps, 0, 1000000);
}

void Experiment::setGradientShiftEvery(int steps) {
  config_.gradientShiftEvery = std::clamp(steps, 0, 1000000);
}

void Experiment::setRecordEvery(int steps) { config_.recordEvery = std::clamp(steps, 1, 100000); }

}  // namespace bnlab
