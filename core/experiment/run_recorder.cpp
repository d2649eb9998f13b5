#include "experiment/run_recorder.h"

#include <algorithm>
#include <cmath>

#include "experiment/distribution.h"
#include "stats/quantiles.h"

namespace bnlab {

namespace {

std::vector<double> toDoubles(const Vector& v) { return {v.data(), v.data() + v.size()}; }

double meanOf(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0.0 : sum / double(values.size());
}

// The median of a history's values (the newest sample of each bucket).
double medianOf(const History& history) {
  std::vector<double> values;
  values.reserve(history.size());
  history.view().forEach([&](const HistoryPoint& p) { values.push_back(p.value); });
  if (values.empty()) return 0;
  const auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  if (values.size() % 2 == 1) return *middle;
  return 0.5 * (*middle + *std::max_element(values.begin(), middle));
}

}  // namespace

RunRecorder::RunRecorder(int layers, std::size_t historyCapacity)
    : capacity_(historyCapacity),
      batchLossHistory_(historyCapacity),
      trainLoss_(historyCapacity),
      testLoss_(historyCapacity),
      trainAccuracy_(historyCapacity),
      testAccuracy_(historyCapacity),
      lossGap_(historyCapacity) {
  layers_.resize(static_cast<std::size_t>(layers));
  for (Layer& layer : layers_) {
    layer.shift = History(capacity_);
    layer.earlierShift = History(capacity_);
    layer.gammaRms = History(capacity_);
    layer.betaMean = History(capacity_);
    layer.gradientDifference = History(capacity_);
    layer.gradientRelative = History(capacity_);
    layer.gradientCosine = History(capacity_);
    layer.series = emptySeries();
  }
}

RunRecorder::QuantitySeries RunRecorder::emptySeries() const {
  QuantitySeries all;
  for (DistributionSeries& series : all) {
    series.quantiles.assign(kTensorBoardPercentiles.size(), History(capacity_));
    series.mean = History(capacity_);
    series.stddev = History(capacity_);
  }
  return all;
}

void RunRecorder::setFocus(int layer, DistributionFocus focus) {
  if (layer < 0 || layer >= static_cast<int>(layers_.size())) return;
  Layer& l = layers_[static_cast<std::size_t>(layer)];
  if (l.focus == focus) return;
  l.focus = focus;
  l.focusSeries = focus.isDefault() ? QuantitySeries{} : emptySeries();
  l.focusSince = -1;
  l.latest.focused.reset();
}

bool RunRecorder::wantsTestInputs() const {
  for (const Layer& layer : layers_)
    if (layer.focus.source == DistributionSource::TestInputs) return true;
  return false;
}

void RunRecorder::record(std::int64_t step, const ForwardRecord& probe, const Network& network,
                         double batchLoss, const ForwardRecord* testInputs) {
  if (step == lastRecordedStep_) return;  // nothing has changed since
  lastRecordedStep_ = step;
  batchLoss_ = batchLoss;
  if (step > 0) batchLossHistory_.append(step, batchLoss);  // no batch before the first step
  const ForwardRecord& batch = network.lastForward();
  for (std::size_t l = 0; l < layers_.size() && l < probe.hidden.size(); ++l) {
    Layer& layer = layers_[l];
    const HiddenBlock& block = network.block(static_cast<int>(l));
    const std::int64_t lag = layer.previousStep >= 0 ? step - layer.previousStep : 0;
    recordLayer(layer, step, probe.hidden[l], block);
    if (l > 0) recordEarlierShift(layer, step, lag, probe.hidden[l - 1].output(), block);
    if (static_cast<int>(l) == tracked_.layer)
      recordTrackedUnit(step, layer, static_cast<int>(probe.hidden[l].z.cols()));
    if (layer.focus.isDefault()) continue;
    const ForwardRecord* source = &probe;
    if (layer.focus.source == DistributionSource::TrainingBatch) source = &batch;
    if (layer.focus.source == DistributionSource::TestInputs) source = testInputs;
    if (!source || source->hidden.size() <= l || source->hidden[l].z.size() == 0) continue;
    recordFocus(layer, step, source->hidden[l], block);
  }
}

RunRecorder::Quantities RunRecorder::describe(const LayerActivations& values,
                                              ActivationKind activation,
                                              std::vector<float>* sortedInputRows) {
  constexpr int kPre = int(Quantity::PreNorm), kInput = int(Quantity::ActivationInput),
                kOutput = int(Quantity::Output);
  // One sort of the activation input gives its pooled order and each unit's order; A's order
  // follows from it (g is non-decreasing). Without batch norm the activation input is Z.
  Quantities stats;
  const Matrix& input = values.activationInput();
  if (values.normalized) {
    sortValues(values.z, sorted_, nullptr, scratch_);
    stats[kPre] = describeSorted(values.z, sorted_);
  }
  sortValues(input, sorted_, sortedInputRows, scratch_);
  stats[kInput] = describeSorted(input, sorted_);
  if (!values.normalized) stats[kPre] = stats[kInput];
  stats[kOutput] = describeActivation(activation, values.a, sorted_);
  return stats;
}

void RunRecorder::append(QuantitySeries& series, std::int64_t step, const Quantities& stats) {
  for (int q = 0; q < kQuantityCount; ++q) {
    for (std::size_t i = 0; i < series[q].quantiles.size(); ++i)
      series[q].quantiles[i].append(step, stats[q].quantiles[i]);
    series[q].mean.append(step, stats[q].moments.mean);
    series[q].stddev.append(step, stats[q].moments.stddev);
  }
}

void RunRecorder::recordLayer(Layer& layer, std::int64_t step, const LayerActivations& values,
                              const HiddenBlock& block) {
  LayerSnapshot& now = layer.latest;
  now.units = block.units();
  std::swap(layer.sortedRows, layer.previousSortedRows);
  const Quantities stats = describe(values, block.activation(), &layer.sortedRows);
  for (int q = 0; q < kQuantityCount; ++q) now.now[q] = stats[q];
  append(layer.series, step, stats);

  const Matrix& input = values.activationInput();
  const bool comparable =
      layer.previousStep >= 0 && layer.previousSortedRows.size() == layer.sortedRows.size();
  now.shift = 0.0;
  if (comparable) {
    const double lag = static_cast<double>(step - layer.previousStep);
    now.shift = meanUnitWasserstein(layer.previousSortedRows, layer.sortedRows,
                                    static_cast<int>(input.rows())) *
                (100.0 / lag);
    layer.shift.append(step, now.shift);
    layer.recentShifts.append(now.shift);
    now.recentShift = layer.recentShifts.recentMean();
    now.meanShift = layer.recentShifts.mean();
    const double spread = meanOf(now.now[int(Quantity::ActivationInput)].unitStddev);
    if (spread > 0) layer.shiftRelative.append(now.shift / spread);
    now.meanShiftRelative = layer.shiftRelative.mean();
  }
  layer.previousStep = step;

  now.scatter.clear();
  if (input.rows() >= 2) {
    now.scatter.resize(static_cast<std::size_t>(input.cols()));
    for (Eigen::Index i = 0; i < input.cols(); ++i)
      now.scatter[static_cast<std::size_t>(i)] = {float(input(0, i)), float(input(1, i))};
  }
  now.scatterTrail.push_back(now.scatter);
  while (now.scatterTrail.size() > LayerSnapshot::kScatterTrail) now.scatterTrail.pop_front();

  const BatchNorm& norm = block.batchNorm();
  const bool bn = usesBatchStatistics(block.normalization());
  const Matrix* gamma = block.gamma();
  const Matrix* beta = block.beta();
  now.gamma = gamma ? toDoubles(gamma->col(0)) : std::vector<double>{};
  now.beta = beta ? toDoubles(beta->col(0)) : std::vector<double>{};
  if (gamma && beta) {
    layer.gammaRms.append(step,
                          std::sqrt(gamma->cast<double>().squaredNorm() / double(gamma->rows())));
    layer.betaMean.append(step, beta->cast<double>().mean());
  }
  now.runningMean = bn ? toDoubles(norm.runningMean()) : std::vector<double>{};
  now.runningVariance = bn ? toDoubles(norm.runningVariance()) : std::vector<double>{};
  now.batchMean = bn ? toDoubles(norm.batchMean()) : std::vector<double>{};
  now.batchVariance = bn ? toDoubles(norm.batchVariance()) : std::vector<double>{};
}

void RunRecorder::Averages::append(double value) {
  recent.push_back(value);
  if (recent.size() > kRecentShifts) recent.pop_front();
  sum += value;
  ++count;
}

double RunRecorder::Averages::recentMean() const {
  double total = 0;
  for (double v : recent) total += v;
  return recent.empty() ? 0.0 : total / double(recent.size());
}

void RunRecorder::recordEarlierShift(Layer& layer, std::int64_t step, std::int64_t lag,
                                     const Matrix& input, const HiddenBlock& block) {
  LayerSnapshot& now = layer.latest;
  now.earlierShift = 0;
  if (lag > 0 && layer.previousInput.rows() == input.rows() &&
      layer.previousInput.cols() == input.cols()) {
    // Layer l's parameters now, on the earlier layers' output of Δ steps ago.
    block.infer(layer.previousInput, NormStats::Batch, shifted_);
    sortValues(shifted_.activationInput(), sorted_, &shiftedRows_, scratch_);
    now.earlierShift =
        meanUnitWasserstein(shiftedRows_, layer.sortedRows, block.units()) * (100.0 / double(lag));
    const double meanSpread = meanOf(now.now[int(Quantity::ActivationInput)].unitStddev);
    layer.earlierShift.append(step, now.earlierShift);
    layer.earlier.append(now.earlierShift);
    if (meanSpread > 0) layer.earlierRelative.append(now.earlierShift / meanSpread);
  }
  now.recentEarlierShift = layer.earlier.recentMean();
  now.meanEarlierShift = layer.earlier.mean();
  now.recentEarlierShiftRelative = layer.earlierRelative.recentMean();
  now.meanEarlierShiftRelative = layer.earlierRelative.mean();
  layer.previousInput = input;
}

void RunRecorder::recordFocus(Layer& layer, std::int64_t step, const LayerActivations& values,
                              const HiddenBlock& block) {
  const int unit = layer.focus.unit;
  Quantities stats;
  if (unit >= 0 && unit < block.units()) {
    // One unit: its row (1 × m) of each matrix.
    LayerActivations row;
    row.normalized = values.normalized;
    row.z = values.z.row(unit);
    if (values.normalized) row.zTilde = values.zTilde.row(unit);
    row.a = values.a.row(unit);
    stats = describe(row, block.activation(), nullptr);
  } else {
    stats = describe(values, block.activation(), nullptr);
  }
  if (layer.focusSince < 0) layer.focusSince = step;
  append(layer.focusSeries, step, stats);
  FocusedDistribution& focused = layer.latest.focused.emplace();
  focused.focus = layer.focus;
  focused.since = layer.focusSince;
  focused.now = stats;
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
  lossGap_.append(step, test.loss - train.loss);
}

void RunRecorder::recordGradientShift(std::int64_t step, const std::vector<GradientShift>& shifts) {
  for (std::size_t l = 0; l < layers_.size() && l < shifts.size(); ++l) {
    const GradientShift& shift = shifts[l];
    if (!std::isfinite(shift.difference) || !std::isfinite(shift.cosine) ||
        !std::isfinite(shift.gradientNorm))
      continue;
    Layer& layer = layers_[l];
    layer.gradientDifference.append(step, shift.difference);
    layer.gradientRelative.append(step, shift.relative());
    layer.gradientCosine.append(step, shift.cosine);
    layer.difference.append(shift.difference);
    layer.relative.append(shift.relative());
    layer.cosine.append(shift.cosine);
    GradientShiftSummary& now = layer.latest.gradientShift;
    now.measures = layer.difference.count;
    now.measuredAt = step;
    now.last = shift.difference;
    now.recent = layer.difference.recentMean();
    now.mean = layer.difference.mean();
    now.median = medianOf(layer.gradientDifference);
    now.lastRelative = shift.relative();
    now.recentRelative = layer.relative.recentMean();
    now.meanRelative = layer.relative.mean();
    now.medianRelative = medianOf(layer.gradientRelative);
    now.cosineLast = shift.cosine;
    now.cosineRecent = layer.cosine.recentMean();
    now.cosineMean = layer.cosine.mean();
    now.cosineMedian = medianOf(layer.gradientCosine);
    now.gradientNorm = shift.gradientNorm;
  }
}

void RunRecorder::fillHistory(const QuantitySeries& series,
                              std::array<DistributionHistory, kQuantityCount>& history) {
  for (int q = 0; q < kQuantityCount; ++q) {
    history[q].quantiles.clear();
    for (const History& h : series[q].quantiles) history[q].quantiles.push_back(h.view());
    history[q].mean = series[q].mean.view();
    history[q].stddev = series[q].stddev.view();
  }
}

void RunRecorder::setTrackedUnit(int layer, int unit) {
  tracked_ = TrackedUnit{};
  if (layer < 0 || layer >= static_cast<int>(layers_.size())) return;
  tracked_.layer = layer;
  tracked_.unit = unit;
  for (History& h : tracked_.series) h = History(capacity_);
}

void RunRecorder::recordTrackedUnit(std::int64_t step, const Layer& layer, int examples) {
  const auto begin = static_cast<std::size_t>(tracked_.unit) * static_cast<std::size_t>(examples);
  if (examples <= 0 || begin + static_cast<std::size_t>(examples) > layer.sortedRows.size()) return;
  const std::span<const float> unitValues(layer.sortedRows.data() + begin,
                                          static_cast<std::size_t>(examples));
  const std::vector<double> q = quantilesOfSorted(unitValues, kPaperPercentiles);
  for (std::size_t i = 0; i < 3; ++i) {
    tracked_.series[i].append(step, q[i]);
    tracked_.last[i] = q[i];
    if (!tracked_.recorded) tracked_.first[i] = q[i];
  }
  tracked_.recorded = true;
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
  run.lossGapHistory = lossGap_.view();
  run.unitPercentiles = {};
  if (tracked_.recorded) {
    run.unitPercentiles.layer = tracked_.layer;
    run.unitPercentiles.unit = tracked_.unit;
    for (std::size_t i = 0; i < 3; ++i) run.unitPercentiles.series[i] = tracked_.series[i].view();
    run.unitPercentiles.first = tracked_.first;
    run.unitPercentiles.last = tracked_.last;
  }
  run.layers.resize(layers_.size());
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const Layer& layer = layers_[l];
    LayerSnapshot& out = run.layers[l];
    out = layer.latest;
    out.shiftHistory = layer.shift.view();
    out.earlierShiftHistory = layer.earlierShift.view();
    out.gammaRmsHistory = layer.gammaRms.view();
    out.betaMeanHistory = layer.betaMean.view();
    out.gradientShift.difference = layer.gradientDifference.view();
    out.gradientShift.relative = layer.gradientRelative.view();
    out.gradientShift.cosine = layer.gradientCosine.view();
    fillHistory(layer.series, out.history);
    if (out.focused) fillHistory(layer.focusSeries, out.focused->history);
  }
}

}  // namespace bnlab
