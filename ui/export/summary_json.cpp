#include "export/summary_json.h"

#include <QJsonArray>
#include <algorithm>

#include "config_json.h"
#include "stats/quantiles.h"

namespace bnlab {

namespace {

QJsonObject evaluationJson(const Evaluation& e) {
  return {{QStringLiteral("loss"), e.loss}, {QStringLiteral("accuracy"), e.accuracy}};
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
          {QStringLiteral("quantiles"), quantiles}};
}

QJsonObject layerJson(const LayerSnapshot& layer, int index) {
  double maxShift = 0;
  layer.shiftHistory.forEach([&](const HistoryPoint& p) { maxShift = std::max(maxShift, p.max); });
  return {{QStringLiteral("layer"), index + 1},
          {QStringLiteral("units"), layer.units},
          {QStringLiteral("activationInput"),
           distributionJson(layer.now[std::size_t(Quantity::ActivationInput)])},
          {QStringLiteral("shift"), QJsonObject{{QStringLiteral("last"), layer.shift},
                                                {QStringLiteral("recent"), layer.recentShift},
                                                {QStringLiteral("max"), maxShift}}}};
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
  if (run.batchNorm && run.testTime.step >= 0)
    json.insert(QStringLiteral("testTime"),
                QJsonObject{{QStringLiteral("runningStatistics"), run.testTime.runningStatistics},
                            {QStringLiteral("testSetStatistics"), run.testTime.testSetStatistics},
                            {QStringLiteral("batchOfOne"), run.testTime.batchOfOne}});
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
  QJsonArray layers;
  for (std::size_t l = 0; l < run.layers.size(); ++l) layers.append(layerJson(run.layers[l], int(l)));
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
