#include "report/summary_json.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>

#include "config/config_json.h"
#include "stats/quantiles.h"

namespace bnlab {

namespace {

QJsonObject evaluationJson(const Evaluation& e) {
  return {{QStringLiteral("loss"), e.loss}, {QStringLiteral("accuracy"), e.accuracy}};
}

QJsonArray numbers(const std::vector<double>& values) {
  QJsonArray array;
  for (double v : values) array.append(v);
  return array;
}

QJsonObject distributionJson(const DistributionStats& stats) {
  QJsonArray percentiles, quantiles;
  for (std::size_t i = 0; i < stats.quantiles.size() && i < kTensorBoardPercentiles.size(); ++i) {
    percentiles.append(kTensorBoardPercentiles[i]);
    quantiles.append(stats.quantiles[i]);
  }
  return {{QStringLiteral("mean"), stats.moments.mean},
          {QStringLiteral("std"), stats.moments.stddev},
          {QStringLiteral("percentiles"), percentiles},
          {QStringLiteral("quantiles"), quantiles},
          {QStringLiteral("unitMean"), numbers(stats.unitMean)},
          {QStringLiteral("unitStd"), numbers(stats.unitStddev)}};
}

QJsonObject gradientShiftJson(const GradientShiftSummary& shift) {
  return {{QStringLiteral("measures"), qint64(shift.measures)},
          {QStringLiteral("measuredAt"), qint64(shift.measuredAt)},
          {QStringLiteral("last"), shift.last},
          {QStringLiteral("recent"), shift.recent},
          {QStringLiteral("mean"), shift.mean},
          {QStringLiteral("median"), shift.median},
          {QStringLiteral("lastRelative"), shift.lastRelative},
          {QStringLiteral("recentRelative"), shift.recentRelative},
          {QStringLiteral("meanRelative"), shift.meanRelative},
          {QStringLiteral("medianRelative"), shift.medianRelative},
          {QStringLiteral("cosineLast"), shift.cosineLast},
          {QStringLiteral("cosineRecent"), shift.cosineRecent},
          {QStringLiteral("cosineMean"), shift.cosineMean},
          {QStringLiteral("cosineMedian"), shift.cosineMedian},
          {QStringLiteral("gradientNorm"), shift.gradientNorm}};
}

QJsonObject layerJson(const LayerSnapshot& layer, int index) {
  double maxShift = 0;
  layer.shiftHistory.forEach([&](const HistoryPoint& p) { maxShift = std::max(maxShift, p.max); });
  const QJsonObject fromEarlier{
      {QStringLiteral("last"), layer.earlierShift},
      {QStringLiteral("recent"), layer.recentEarlierShift},
      {QStringLiteral("mean"), layer.meanEarlierShift},
      {QStringLiteral("recentRelative"), layer.recentEarlierShiftRelative},
      {QStringLiteral("meanRelative"), layer.meanEarlierShiftRelative}};
  QJsonObject json{{QStringLiteral("layer"), index + 1},
                   {QStringLiteral("units"), layer.units},
                   {QStringLiteral("activationInput"),
                    distributionJson(layer.now[std::size_t(Quantity::ActivationInput)])},
                   {QStringLiteral("shift"),
                    QJsonObject{{QStringLiteral("last"), layer.shift},
                                {QStringLiteral("recent"), layer.recentShift},
                                {QStringLiteral("mean"), layer.meanShift},
                                {QStringLiteral("meanRelative"), layer.meanShiftRelative},
                                {QStringLiteral("max"), maxShift},
                                {QStringLiteral("fromEarlierLayers"), fromEarlier}}}};
  if (layer.gradientShift.measures > 0)
    json.insert(QStringLiteral("gradientShift"), gradientShiftJson(layer.gradientShift));
  if (!layer.gamma.empty()) {
    double gammaSquares = 0, betaSum = 0;
    for (double g : layer.gamma) gammaSquares += g * g;
    for (double b : layer.beta) betaSum += b;
    json.insert(QStringLiteral("gammaRms"), std::sqrt(gammaSquares / double(layer.gamma.size())));
    json.insert(QStringLiteral("betaMean"), betaSum / double(layer.beta.size()));
    json.insert(QStringLiteral("gamma"), numbers(layer.gamma));
    json.insert(QStringLiteral("beta"), numbers(layer.beta));
  }
  return json;
}

QJsonObject noiseJson(const FixedWeightNoise& noise) {
  return {{QStringLiteral("batchSize"), noise.batchSize},
          {QStringLiteral("meanSpread"), noise.meanSpread},
          {QStringLiteral("stdSpread"), noise.stdSpread}};
}

// The samples in a series, and their mean over the run (each point weighted by its count).
std::pair<std::int64_t, double> seriesMean(const HistoryView& series) {
  double sum = 0;
  std::int64_t count = 0;
  series.forEach([&](const HistoryPoint& p) {
    sum += p.value * double(p.count);
    count += p.count;
  });
  return {count, count > 0 ? sum / double(count) : 0.0};
}

QJsonObject runJson(const RunSnapshot& run) {
  QJsonObject json{{QStringLiteral("name"), QString::fromStdString(run.name)},
                   {QStringLiteral("spec"), runsToJson({run.spec}).first()},
                   {QStringLiteral("batchNorm"), run.batchNorm},
                   {QStringLiteral("batchSize"), run.batchSize},
                   {QStringLiteral("dropout"), run.dropout},
                   {QStringLiteral("epoch"), qint64(run.epoch)},
                   {QStringLiteral("batchLoss"), run.batchLoss},
                   {QStringLiteral("evaluatedAt"), qint64(run.evaluatedAt)},
                   {QStringLiteral("train"), evaluationJson(run.train)},
                   {QStringLiteral("test"), evaluationJson(run.test)}};
  if (run.progress.steps() > 0)
    json.insert(QStringLiteral("lossProgress"),
                QJsonObject{{QStringLiteral("firstLoss"), run.progress.firstLoss()},
                            {QStringLiteral("chanceLoss"), run.progress.chanceLoss()},
                            {QStringLiteral("recentLoss"), run.progress.recentLoss()},
                            {QStringLiteral("notLearning"), run.progress.stalled()}});
  if (run.normalization != Normalization::None && run.testTime.step >= 0)
    json.insert(
        QStringLiteral("testTime"),
        QJsonObject{{QStringLiteral("runningStatistics"), run.testTime.runningStatistics},
                    {QStringLiteral("testSetStatistics"), run.testTime.testSetStatistics},
                    {QStringLiteral("batchOfOne"), run.testTime.batchOfOne},
                    {QStringLiteral("batchOfOneTogether"), run.testTime.batchOfOneTogether}});
  if (const UnitPercentiles& unit = run.unitPercentiles; unit.layer >= 0) {
    const auto triple = [](const std::array<double, 3>& v) { return QJsonArray{v[0], v[1], v[2]}; };
    json.insert(QStringLiteral("unitPercentiles"),
                QJsonObject{{QStringLiteral("layer"), unit.layer + 1},
                            {QStringLiteral("unit"), unit.unit + 1},
                            {QStringLiteral("percentiles"), QJsonArray{15, 50, 85}},
                            {QStringLiteral("first"), triple(unit.first)},
                            {QStringLiteral("last"), triple(unit.last)},
                            {QStringLiteral("drift"), unit.drift()}});
  }
  if (const BatchNoise& noise = run.batchNoise; noise.layer >= 0 && !noise.fixedWeights.empty()) {
    QJsonObject own = noiseJson(noise.fixedWeights.front());
    own.insert(QStringLiteral("layer"), noise.layer + 1);
    own.insert(QStringLiteral("unit"), noise.unit + 1);
    own.insert(QStringLiteral("step"), qint64(noise.fixedWeights.front().step));
    QJsonArray others;
    for (std::size_t i = 1; i < noise.fixedWeights.size(); ++i)
      others.append(noiseJson(noise.fixedWeights[i]));
    own.insert(QStringLiteral("atOtherBatchSizes"), others);
    own.insert(QStringLiteral("overRecentSteps"),
               QJsonObject{{QStringLiteral("meanSpread"), noise.relativeMeanSpread},
                           {QStringLiteral("stdSpread"), noise.relativeStdSpread}});
    json.insert(QStringLiteral("batchNoise"), own);
  }
  if (const SinglePrediction& chosen = run.chosen; chosen.valid)
    json.insert(QStringLiteral("chosen"),
                QJsonObject{{QStringLiteral("x"), chosen.x},
                            {QStringLiteral("y"), chosen.y},
                            {QStringLiteral("evalClass"), chosen.evalClass + 1},
                            {QStringLiteral("evalConfidence"), chosen.evalConfidence},
                            {QStringLiteral("aloneClass"), chosen.aloneClass + 1},
                            {QStringLiteral("aloneConfidence"), chosen.aloneConfidence}});
  if (const KickResponse& kick = run.lastKick; kick.step >= 0)
    json.insert(QStringLiteral("lastKick"),
                QJsonObject{{QStringLiteral("step"), qint64(kick.step)},
                            {QStringLiteral("layer"), kick.layer + 1},
                            {QStringLiteral("relative"), kick.relative},
                            {QStringLiteral("moved"), numbers(kick.moved)},
                            {QStringLiteral("movedRelative"), numbers(kick.movedRelative)}});
  if (!run.lossVariation.empty())
    json.insert(
        QStringLiteral("landscape"),
        QJsonObject{{QStringLiteral("probes"), qint64(seriesMean(run.lossVariation).first)},
                    {QStringLiteral("lossVariation"), seriesMean(run.lossVariation).second},
                    {QStringLiteral("gradientChange"), seriesMean(run.gradientChange).second},
                    {QStringLiteral("betaSmoothness"), seriesMean(run.betaSmoothness).second}});
  QJsonArray layers;
  for (std::size_t l = 0; l < run.layers.size(); ++l)
    layers.append(layerJson(run.layers[l], int(l)));
  json.insert(QStringLiteral("layers"), layers);
  return json;
}

}  // namespace

QJsonObject summaryToJson(const Snapshot& snap) {
  QJsonArray runs;
  for (const RunSnapshot& run : snap.runs) runs.append(runJson(run));
  return {{QStringLiteral("step"), qint64(snap.step)},
          {QStringLiteral("epoch"), qint64(snap.epoch)},
          {QStringLiteral("recordedAt"), qint64(snap.recordedAt)},
          {QStringLiteral("runs"), runs}};
}

}  // namespace bnlab
