#include "plots/batch_norm_charts.h"

#include <QObject>

#include "palette.h"
#include "plots/chart_common.h"

namespace bnlab {

using namespace plot;

namespace {

QString tr(const char* text) { return QObject::tr(text); }

// The runs that measured batch noise (those with batch norm), by index.
std::vector<int> batchNormRuns(const Snapshot& snap) {
  std::vector<int> runs;
  for (int r = 0; r < int(snap.runs.size()); ++r)
    if (snap.runs[std::size_t(r)].batchNoise.layer >= 0) runs.push_back(r);
  return runs;
}

QString percent(double fraction) { return QString::number(fraction * 100, 'f', 0); }

}  // namespace

PlotModel batchNoise(const Snapshot& snap) {
  PlotModel m;
  m.emptyText = tr("needs batch norm");
  m.title = tr("Batch noise");
  const std::vector<int> runs = batchNormRuns(snap);
  // One run: its batches' μ_B and σ_B around the population's ring, no legend (a legend box
  // could hide the ring). Several: in units of each run's population σ, so that every cloud
  // sits around the one ring at (0, 1) and their sizes compare directly; named in the legend.
  const bool several = runs.size() > 1;
  m.xLabel = several ? QStringLiteral("(μ_B − μ) / σ") : QStringLiteral("μ_B");
  m.yLabel = several ? QStringLiteral("σ_B / σ") : QStringLiteral("σ_B");
  QStringList spreads;
  for (int r : runs) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const BatchNoise& noise = run.batchNoise;
    m.title = tr("Batch noise: layer %1, unit %2").arg(noise.layer + 1).arg(noise.unit + 1);
    spreads << (several ? tr("±%1, ±%2 (batch %3)") : tr("μ ±%1 σ ±%2 (batch %3)"))
                   .arg(several ? noise.relativeMeanSpread : noise.meanSpread, 0, 'g', 2)
                   .arg(several ? noise.relativeStdSpread : noise.stdSpread, 0, 'g', 2)
                   .arg(run.batchSize);
    Scatter batches{.name = several ? runName(run) : tr("batches"),
                    .color = palette::withAlpha(runColor(snap, r), 0.45),
                    .inLegend = several};
    for (const auto& [x, y] : several ? noise.standardizedBatches : noise.batches)
      batches.points.append(QPointF(x, y));
    m.scatters.push_back(std::move(batches));
  }
  if (!runs.empty()) {
    const BatchNoise& first = snap.runs[std::size_t(runs.front())].batchNoise;
    m.scatters.push_back(
        {.name = tr("population"),
         .color = palette::kVermillion,
         .points = {several ? QPointF(0, 1) : QPointF(first.populationMean, first.populationStd)},
         .radius = 4.5,
         .outline = true,
         .inLegend = false});
    m.note = (several ? tr("spread μ, σ: %1") : tr("spread %1"))
                 .arg(spreads.join(QStringLiteral(" | ")));
  }
  m.legend = several;
  return m;
}

PlotModel testTime(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("Test time"), tr("value"));
  m.emptyText = tr("needs batch norm");
  const std::vector<int> runs = batchNormRuns(snap);
  const bool several = runs.size() > 1;
  QStringList accuracies;
  for (int r : runs) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const BatchNoise& noise = run.batchNoise;
    m.title = tr("Test time: L%1 u%2").arg(noise.layer + 1).arg(noise.unit + 1);
    const TestTimeAccuracy& t = run.testTime;
    accuracies << QStringLiteral("%1/%2/%3%")
                      .arg(percent(t.runningStatistics), percent(t.testSetStatistics),
                           percent(t.batchOfOne));
    // One run: μ blue, σ² green, each beside the population's (grey). Several: each run's μ
    // (solid) and σ² (dashed) in its colour, the populations grey.
    m.lines.push_back({.name = several ? runName(run) : tr("running μ"),
                       .color = several ? runColor(snap, r) : palette::kBlue,
                       .points = toPoints(noise.runningMean),
                       .width = 1.6});
    m.lines.push_back({.name = tr("population μ"),
                       .color = palette::kGrey,
                       .points = toPoints(noise.populationMeanHistory),
                       .width = 1.2,
                       .style = Qt::DashLine,
                       .inLegend = !several});
    m.lines.push_back({.name = several ? runName(run) + tr(" running σ²") : tr("running σ²"),
                       .color = several ? runColor(snap, r) : palette::kGreen,
                       .points = toPoints(noise.runningVariance),
                       .width = 1.6,
                       .style = several ? Qt::DashLine : Qt::SolidLine,
                       .inLegend = !several});
    m.lines.push_back({.name = several ? tr("population") : tr("population σ²"),
                       .color = palette::kGrey,
                       .points = toPoints(noise.populationVarianceHistory),
                       .width = 1.2,
                       .style = Qt::DotLine,
                       .inLegend = !several || r == runs.front()});
  }
  // Test accuracy with running statistics, the test set's own, and each example alone.
  if (several) {
    m.note = tr("solid μ · dashed σ² · acc %1").arg(accuracies.join(QStringLiteral(" | ")));
  } else if (!runs.empty()) {
    const TestTimeAccuracy& t = snap.runs[std::size_t(runs.front())].testTime;
    m.note =
        tr("acc running %1% · own batch %2% · alone %3%")
            .arg(percent(t.runningStatistics), percent(t.testSetStatistics), percent(t.batchOfOne));
  }
  return m;
}

PlotModel paperFigureOne(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("Figure 1: one unit's input"), tr("activation input"));
  m.emptyText = tr("Nothing recorded yet");
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const UnitPercentiles& unit = run.unitPercentiles;
    if (unit.layer < 0) continue;
    const QColor color = runColor(snap, r);
    const QString name = multiRun(snap) ? runName(run) : tr("network");
    // The 15–85 band of each run; lighter when more than two overlap.
    m.bands.push_back({.name = name + tr(" 15–85th"),
                       .color = palette::withAlpha(color, crowded(snap) ? 0.12 : 0.18),
                       .lower = toPoints(unit.series[0]),
                       .upper = toPoints(unit.series[2]),
                       .inLegend = false});
    m.lines.push_back({.name = name + tr(" 15th"),
                       .color = color,
                       .points = toPoints(unit.series[0]),
                       .width = 1.0,
                       .style = Qt::DashLine,
                       .inLegend = false});
    m.lines.push_back(
        {.name = name, .color = color, .points = toPoints(unit.series[1]), .width = 1.8});
    m.lines.push_back({.name = name + tr(" 85th"),
                       .color = color,
                       .points = toPoints(unit.series[2]),
                       .width = 1.0,
                       .style = Qt::DashLine,
                       .inLegend = false});
    m.note = tr("layer %1, unit %2 · 15th, 50th, 85th percentile")
                 .arg(unit.layer + 1)
                 .arg(unit.unit + 1);
  }
  return m;
}

}  // namespace bnlab
