#include "experiment/experiment.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "experiment/data_loading.h"
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
    : config_(checked(config)),
      data_(std::move(data)),
      sampler_(data_->train.size(), derivedSeed(config.seed, 1)) {
  if (data_->train.size() < 2) throw ConfigError("the training set needs at least 2 examples");
  NetworkConfig net = config_.network;
  net.inputs = data_->train.dimensions();
  net.classes = std::max(data_->train.classes, 2);
  net.seed = derivedSeed(config_.seed, 0);
  config_.network.inputs = net.inputs;
  config_.network.classes = net.classes;

  const auto addRun = [&](const char* name, bool batchNorm) {
    net.batchNorm = batchNorm;
    trainers_.push_back(std::make_unique<Trainer>(name, net, config_.optimizer));
  };
  switch (config_.batchNormMode) {
    case BatchNormMode::Off:
    case BatchNormMode::On:
      addRun("network", config_.batchNormMode == BatchNormMode::On);
      break;
    case BatchNormMode::Compare:  // same net.seed: identical initial W
      addRun("plain", false);
      addRun("batch norm", true);
      break;
  }
  for (std::size_t i = 0; i < trainers_.size(); ++i) recorders_.emplace_back(net.hiddenUnits.size());
  batchLoss_.assign(trainers_.size(), 0.0);
  decisionMaps_.resize(trainers_.size());
  batchNoise_.resize(trainers_.size());
  testTime_.resize(trainers_.size());
  landscape_.resize(trainers_.size());
  setBatchNoiseTarget(int(net.hiddenUnits.size()) - 1, 0);  // the last hidden layer, unit 1
  extent_ = planeExtent(*data_);

  // The probe batch: a fixed, seeded choice of training examples.
  std::vector<int> order(static_cast<std::size_t>(data_->train.size()));
  std::iota(order.begin(), order.end(), 0);
  Rng(derivedSeed(config_.seed, 2)).shuffle(order);
  order.resize(std::min(order.size(), static_cast<std::size_t>(config_.probeSize)));
  std::vector<int> probeLabels;
  data_->train.gather(order, probeX_, probeLabels);
  std::vector<int> testOrder(static_cast<std::size_t>(std::min(data_->test.size(), config_.probeSize)));
  std::iota(testOrder.begin(), testOrder.end(), 0);
  data_->test.gather(testOrder, testProbeX_, probeLabels);
  record();
  evaluate();
}

double Experiment::step() {
  batchIndices_ = sampler_.next(config_.batchSize);
  data_->train.gather(batchIndices_, batchX_, batchY_);
  const bool probeLandscapeNow = config_.landscapeEvery > 0 && step_ % config_.landscapeEvery == 0;
  for (std::size_t i = 0; i < trainers_.size(); ++i) {
    if (probeLandscapeNow) {
      // From the parameters this step starts at, on this step's batch.
      const LandscapeSample s = probeLandscape(trainers_[i]->network(), batchX_, batchY_,
                                               config_.optimizer.learningRate);
      landscape_[i].lossVariation.append(step_, s.lossVariation);
      landscape_[i].gradientChange.append(step_, s.gradientChange);
      landscape_[i].betaSmoothness.append(step_, s.betaSmoothness);
    }
    batchLoss_[i] = trainers_[i]->trainOnBatch(batchX_, batchY_);
    batchNoise_[i].afterStep(trainers_[i]->network());
    if (!std::isfinite(batchLoss_[i]) && divergedAt_ < 0) {
      divergedAt_ = step_ + 1;
      divergedRun_ = static_cast<int>(i);
    }
  }
  ++step_;
  if (step_ % config_.recordEvery == 0) record();
  if (step_ % config_.evaluateEvery == 0) evaluate();
  return batchLoss_.front();
}

void Experiment::record() {
  if (recordedAt_ == step_ || diverged()) return;
  for (std::size_t i = 0; i < trainers_.size(); ++i) {
    trainers_[i]->probe(probeX_, probeRecord_);
    const bool testInputs = recorders_[i].wantsTestInputs() && testProbeX_.cols() > 0;
    if (testInputs) trainers_[i]->network().infer(testProbeX_, NormStats::Running, testProbeRecord_);
    recorders_[i].record(step_, probeRecord_, trainers_[i]->network(), batchLoss_[i],
                         testInputs ? &testProbeRecord_ : nullptr);
  }
  recordedAt_ = step_;
}

void Experiment::evaluate() {
  if (evaluatedAt_ == step_ || diverged()) return;
  evaluatedAt_ = step_;
  for (std::size_t i = 0; i < trainers_.size(); ++i) {
    const Trainer& run = *trainers_[i];
    const Evaluation test = run.evaluate(data_->test, NormStats::Running, kChunk, evaluationLimit_);
    recorders_[i].recordEvaluation(step_, run.evaluate(data_->train, NormStats::Running, kChunk, evaluationLimit_), test);
    // A pass over the training set, like the evaluation: on the same (slower) schedule.
    batchNoise_[i].record(step_, trainers_[i]->network(), data_->train);
    if (!trainers_[i]->network().batchNorm()) continue;
    constexpr int kSingles = 200;  // examples evaluated one at a time (each is a forward pass)
    testTime_[i] = {test.accuracy,
                    run.evaluate(data_->test, NormStats::Batch, evaluationLimit_, evaluationLimit_).accuracy,
                    run.evaluate(data_->test, NormStats::Batch, 1, kSingles).accuracy, step_};
  }
}

void Experiment::updateDecisionMaps(int columns, int rows) {
  if (diverged()) return;
  for (std::size_t i = 0; i < trainers_.size(); ++i)
    decisionMaps_[i] = computeDecisionMap(trainers_[i]->network(), extent_, columns, rows, step_);
}

SnapshotPtr Experiment::snapshot() const {
  auto snap = std::make_shared<Snapshot>();
  snap->step = step_;
  snap->epoch = sampler_.epoch();
  snap->recordedAt = recordedAt_;
  snap->config = config_;
  snap->batchNormToggles = batchNormToggles_;
  snap->perturbations = perturbations_;
  snap->data = data_;
  snap->lastBatchSize = static_cast<int>(batchIndices_.size());
  snap->divergedAt = divergedAt_;
  snap->divergedRun = divergedRun_;
  snap->runs.resize(trainers_.size());
  for (std::size_t i = 0; i < trainers_.size(); ++i) {
    RunSnapshot& run = snap->runs[i];
    run.name = trainers_[i]->name();
    run.batchNorm = trainers_[i]->network().batchNorm();
    recorders_[i].fill(run);
    run.decisionMap = decisionMaps_[i];
    run.batchNoise = batchNoise_[i].measure(trainers_[i]->network());
    run.testTime = testTime_[i];
    if (chosenPoint_ && data_->train.dimensions() == 2) {
      const auto [px, py] = *chosenPoint_;
      Matrix x(2, 1);
      x << Scalar(px), Scalar(py);
      ForwardRecord eval, alone;
      trainers_[i]->network().infer(x, NormStats::Running, eval);
      trainers_[i]->network().infer(x, NormStats::Batch, alone);
      Eigen::Index evalClass = 0, aloneClass = 0;
      const double evalConfidence = eval.probabilities.col(0).maxCoeff(&evalClass);
      const double aloneConfidence = alone.probabilities.col(0).maxCoeff(&aloneClass);
      run.chosen = {true, px, py, int(evalClass), int(aloneClass), evalConfidence, aloneConfidence};
    }
    run.lossVariation = landscape_[i].lossVariation.view();
    run.gradientChange = landscape_[i].gradientChange.view();
    run.betaSmoothness = landscape_[i].betaSmoothness.view();
  }
  return snap;
}

void Experiment::setBatchSize(int batchSize) {
  const int size = std::clamp(batchSize, 1, ExperimentConfig::kMaxBatchSize);
  if (size != config_.batchSize)
    for (BatchNoiseTracker& tracker : batchNoise_) tracker.clear();  // a new noise level
  config_.batchSize = size;
}

void Experiment::setOptimizer(const OptimizerConfig& optimizer) {
  config_.optimizer = optimizer;
  for (auto& trainer : trainers_) trainer->optimizer().setConfig(optimizer);
}

void Experiment::setDropout(double rate) {
  config_.network.dropout = static_cast<Scalar>(std::clamp(rate, 0.0, 0.9));
  for (auto& trainer : trainers_) trainer->network().setDropout(config_.network.dropout);
}

void Experiment::setBatchNorm(bool enabled) {
  if (config_.batchNormMode == BatchNormMode::Compare) return;
  Trainer& trainer = *trainers_.front();
  if (trainer.network().batchNorm() == enabled) return;
  trainer.network().setBatchNorm(enabled);
  config_.batchNormMode = enabled ? BatchNormMode::On : BatchNormMode::Off;
  batchNormToggles_.push_back(step_);
}

void Experiment::perturb(int layer, double relative) {
  if (layer < 0 || layer >= int(config_.network.hiddenUnits.size()) || !(relative > 0)) return;
  Rng rng(derivedSeed(config_.seed, 3) ^ std::uint64_t(step_ * 31 + layer));
  const Matrix& shape = trainers_.front()->network().block(layer).dense().weights();
  Matrix noise(shape.rows(), shape.cols());
  for (Eigen::Index i = 0; i < noise.size(); ++i) noise.data()[i] = Scalar(rng.normal());
  for (auto& trainer : trainers_) {
    Matrix& w = trainer->network().block(layer).dense().weights();
    const Scalar rms = std::sqrt(w.squaredNorm() / Scalar(std::max<Eigen::Index>(w.size(), 1)));
    w += (Scalar(relative) * rms) * noise;
  }
  perturbations_.push_back({step_, layer, relative});
}

void Experiment::choosePoint(double x, double y) { chosenPoint_ = std::array<double, 2>{x, y}; }

void Experiment::setBatchNoiseTarget(int layer, int unit) {
  for (BatchNoiseTracker& tracker : batchNoise_) tracker.setTarget(layer, std::max(unit, 0));
  for (RunRecorder& recorder : recorders_) recorder.setTrackedUnit(layer, std::max(unit, 0));
}

void Experiment::setFocus(int layer, DistributionFocus focus) {
  for (RunRecorder& recorder : recorders_) recorder.setFocus(layer, focus);
}

void Experiment::setLandscapeEvery(int steps) { config_.landscapeEvery = std::clamp(steps, 0, 1000000); }

void Experiment::setRecordEvery(int steps) { config_.recordEvery = std::clamp(steps, 1, 100000); }

}  // namespace bnlab
