#include "experiment/run_recorder.h"

#include "experiment/distribution.h"
#include "stats/quantiles.h"

namespace bnlab {

namespace {

std::vector<double> toDoubles(const Vector& v) { return {v.data(), v.data() + v.size()}; }

}  // namespace

RunRecorder::RunRecorder(int layers, std::size_t historyCapacity)
    : capacity_(historyCapacity),
      batchLossHistory_(historyCapacity),
      trainLoss_(historyCapacity),
      testLoss_(historyCapacity),
      trainAccuracy_(historyCapacity),
      testAccuracy_(historyCapacity) {
  layers_.resize(static_cast<std::size_t>(layers));
  for (Layer& layer : layers_) {
    layer.shift = History(capacity_);
    for (DistributionSeries& series : layer.series) {
      series.quantiles.assign(kTensorBoardPercentiles.size(), History(capacity_));
      series.mean = History(capacity_);
      series.stddev = History(capacity_);
    }
  }
}

void RunRecorder::record(std::int64_t step, const ForwardRecord& probe, const Network& network,
                         double batchLoss) {
  batchLoss_ = batchLoss;
  batchLossHistory_.append(step, batchLoss);
  for (std::size_t l = 0; l < layers_.size() && l < probe.hidden.size(); ++l)
    recordLayer(layers_[l], step, probe.hidden[l], network.block(static_cast<int>(l)));
}

void RunRecorder::recordLayer(Layer& layer, std::int64_t step, const LayerActivations& values,
                              const HiddenBlock& block) {
  LayerSnapshot& now = layer.latest;
  now.units = block.units();
  constexpr int kPre = int(Quantity::PreNorm), kInput = int(Quantity::ActivationInput),
                kOutput = int(Quantity::Output);
  // One sort of the activation input gives its pooled order and each unit's order (for the
  // shift); A's order follows from it. Without batch norm the activation input is Z itself.
  std::swap(layer.sortedRows, layer.previousSortedRows);
  const Matrix& input = values.activationInput();
  if (values.normalized) {
    sortValues(values.z, sorted_, nullptr, scratch_);
    now.now[kPre] = describeSorted(values.z, sorted_);
  }
  sortValues(input, sorted_, &layer.sortedRows, scratch_);
  now.now[kInput] = describeSorted(input, sorted_);
  if (!values.normalized) now.now[kPre] = now.now[kInput];
  now.now[kOutput] = describeActivation(block.activation(), values.a, sorted_);
  for (int q = 0; q < kQuantityCount; ++q) {
    DistributionSeries& series = layer.series[q];
    for (std::size_t i = 0; i < series.quantiles.size(); ++i)
      series.quantiles[i].append(step, now.now[q].quantiles[i]);
    series.mean.append(step, now.now[q].moments.mean);
    series.stddev.append(step, now.now[q].moments.stddev);
  }

  const bool comparable = layer.previousSortedRows.size() == layer.sortedRows.size();
  now.shift = comparable ? meanUnitWasserstein(layer.previousSortedRows, layer.sortedRows,
                                               static_cast<int>(input.rows()))
                         : 0.0;
  if (comparable) layer.shift.append(step, now.shift);

  now.scatter.clear();
  if (input.rows() >= 2) {
    now.scatter.resize(static_cast<std::size_t>(input.cols()));
    for (Eigen::Index i = 0; i < input.cols(); ++i)
      now.scatter[static_cast<std::size_t>(i)] = {float(input(0, i)), float(input(1, i))};
  }

  const BatchNorm& norm = block.batchNorm();
  const bool bn = block.batchNormEnabled();
  now.runningMean = bn ? toDoubles(norm.runningMean()) : std::vector<double>{};
  now.runningVariance = bn ? toDoubles(norm.runningVariance()) : std::vector<double>{};
  now.batchMean = bn ? toDoubles(norm.batchMean()) : std::vector<double>{};
  now.batchVariance = bn ? toDoubles(norm.batchVariance()) : std::vector<double>{};
}

void RunRecorder::recordEvaluation(std::int64_t step, const Evaluation& train,
                                   const Evaluation& test) {
  train_ = train;
  test_ = test;
  evaluatedAt_ = step;
  trainLoss_.append(step, train.loss);
  testLoss_.append(step, test.loss);
  trainAccuracy_.append(step, train.accuracy);
  testAccuracy_.append(step, test.accuracy);
}

void RunRecorder::fill(RunSnapshot& run) const {
  run.batchLoss = batchLoss_;
  run.train = train_;
  run.test = test_;
  run.evaluatedAt = evaluatedAt_;
  run.batchLossHistory = batchLossHistory_.view();
  run.trainLossHistory = trainLoss_.view();
  run.testLossHistory = testLoss_.view();
  run.trainAccuracyHistory = trainAccuracy_.view();
  run.testAccuracyHistory = testAccuracy_.view();
  run.layers.resize(layers_.size());
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const Layer& layer = layers_[l];
    LayerSnapshot& out = run.layers[l];
    out = layer.latest;
    out.shiftHistory = layer.shift.view();
    for (int q = 0; q < kQuantityCount; ++q) {
      const DistributionSeries& series = layer.series[q];
      DistributionHistory& history = out.history[q];
      history.quantiles.clear();
      for (const History& h : series.quantiles) history.quantiles.push_back(h.view());
      history.mean = series.mean.view();
      history.stddev = series.stddev.view();
    }
  }
}

}  // namespace bnlab
