#include "charts/batch_norm_charts.h"

#include <QObject>

#include "charts/chart_common.h"
#include "charts/palette.h"

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
  // Noise at fixed weights: mini-batches drawn at this step's W, each batch's μ_B and σ_B in
  // units of the population's σ, so every run's cloud sits around (0, 1) and their sizes
  // compare. The axes are one fixed square, ±0.5 around (0, 1), for every cloud and batch size
  // (it grows only for clouds that leave it, at very small batches), so a tighter cloud looks
  // tighter instead of being stretched to fill the chart.
  m.xLabel = QStringLiteral("(μ_B − μ) / σ");
  m.yLabel = QStringLiteral("σ_B / σ");
  const std::vector<int> runs = batchNormRuns(snap);
  QStringList spreads;
  double extent = 0;
  for (int r : runs) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const BatchNoise& noise = run.batchNoise;
    m.title = tr("Batch noise: L%1 u%2, fixed W").arg(noise.layer + 1).arg(noise.unit + 1);
    if (noise.fixedWeights.empty()) continue;
    const FixedWeightNoise& own = noise.fixedWeights.front();
    spreads << tr("%1 at %2").arg(own.meanSpread, 0, 'f', 3).arg(own.batchSize);
    Scatter batches{
        .name = runName(run), .color = palette::withAlpha(runColor(snap, r), 0.55), .radius = 2.4};
    for (const auto& [x, y] : own.batches) {
      batches.points.append(QPointF(x, y));
      extent = std::max({extent, std::abs(double(x)), std::abs(double(y) - 1)});
    }
    m.scatters.push_back(std::move(batches));
  }
  if (m.scatters.empty()) return m;
  double half = 0.5;
  for (double level : {0.5, 1.0, 2.0, 4.0}) {
    half = level;
    if (extent <= level) break;
  }
  m.xRange = Range{-half, half};
  m.yRange = Range{1 - half, 1 + half};
  m.scatters.push_back({.name = tr("population"),
                        .color = palette::kVermillion,
                        .points = {QPointF(0, 1)},
                        .radius = 4.5,
                        .outline = true,
                        .inLegend = false});
  m.note = tr("μ_B spread %1").arg(spreads.join(QStringLiteral(" | ")));
  m.legend = true;
  return m;
}

PlotModel testTime(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("Test time"), tr("value"));
  m.emptyText = tr("needs batch norm");
  const std::vector<int> runs = batchNormRuns(snap);
  const bool several = runs.size() > 1;
  // Every normalized run's accuracies (layer norm's and batch norm after g's too, which track
  // no unit of Z here), by name when there are several.
  std::vector<const RunSnapshot*> tested;
  for (const RunSnapshot& run : snap.runs)
    if (run.testTime.step >= 0) tested.push_back(&run);
  QStringList accuracies;
  for (const RunSnapshot* run : tested) {
    const TestTimeAccuracy& t = run->testTime;
    accuracies << QStringLiteral("%1%2/%3/%4%")
                      .arg(tested.size() > 1 ? runName(*run) + QLatin1Char(' ') : QString(),
                           percent(t.runningStatistics), percent(t.testSetStatistics),
                           percent(t.batchOfOne));
  }
  for (int r : runs) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const BatchNoise& noise = run.batchNoise;
    m.title = tr("Test time: L%1 u%2").arg(noise.layer + 1).arg(noise.unit + 1);
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
  if (tested.size() == 1) {
    const TestTimeAccuracy& t = tested.front()->testTime;
    m.note =
        tr("acc running %1% · own batch %2% · alone %3%")
            .arg(percent(t.runningStatistics), percent(t.testSetStatistics), percent(t.batchOfOne));
  } else if (!tested.empty()) {
    m.note = (several ? tr("solid μ · dashed σ² · ") : QString()) +
             tr("acc running/own/alone: %1").arg(accuracies.join(QStringLiteral(" | ")));
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
