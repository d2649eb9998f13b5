#include "snapshot_plots.h"

#include <QObject>

#include "palette.h"
#include "stats/quantiles.h"

namespace bnlab {

namespace {

using namespace plot;

QString tr(const char* text) { return QObject::tr(text); }

// Vertical markers where batch norm was switched; toggle i switched it to the state it has
// after every later toggle is undone.
std::vector<Marker> toggleMarkers(const Snapshot& snap, bool batchNormNow) {
  std::vector<Marker> markers;
  const auto& toggles = snap.batchNormToggles;
  for (std::size_t i = 0; i < toggles.size(); ++i) {
    const bool laterToggles = (toggles.size() - 1 - i) % 2 == 1;
    const bool switchedOn = laterToggles ? !batchNormNow : batchNormNow;
    markers.push_back({double(toggles[i]), switchedOn ? tr("BN on") : tr("BN off"), palette::kMarker});
  }
  return markers;
}

QString focusNote(const LayerSnapshot& layer) {
  if (!layer.focused) return {};
  const DistributionFocus& f = layer.focused->focus;
  QString what = f.unit >= 0 ? tr("unit %1").arg(f.unit + 1) : tr("all units");
  what += f.source == DistributionSource::TrainingBatch ? tr(", training batch") : tr(", probe");
  return tr("%1 · since step %2").arg(what).arg(layer.focused->since);
}

}  // namespace

QString quantityName(Quantity quantity, bool batchNorm) {
  switch (quantity) {
    case Quantity::PreNorm:
      return batchNorm ? tr("Z before batch norm") : tr("Z = W·A + b");
    case Quantity::ActivationInput:
      return batchNorm ? tr("activation input Z̃ = γẐ + β") : tr("activation input Z");
    case Quantity::Output:
      return tr("activation output A");
  }
  return {};
}

QString quantitySymbol(Quantity quantity, bool batchNorm) {
  switch (quantity) {
    case Quantity::PreNorm:
      return QStringLiteral("Z");
    case Quantity::ActivationInput:
      return batchNorm ? QStringLiteral("Z̃") : QStringLiteral("Z");
    case Quantity::Output:
      return QStringLiteral("A");
  }
  return {};
}

QVector<QPointF> toPoints(const HistoryView& history) {
  QVector<QPointF> points;
  points.reserve(qsizetype(history.size()));
  history.forEach([&](const HistoryPoint& p) { points.append(QPointF(double(p.step), p.value)); });
  return points;
}

const std::array<DistributionStats, kQuantityCount>& currentStats(const LayerSnapshot& layer) {
  return layer.focused ? layer.focused->now : layer.now;
}

const std::array<DistributionHistory, kQuantityCount>& historyStats(const LayerSnapshot& layer) {
  return layer.focused ? layer.focused->history : layer.history;
}

PlotModel distributionOverSteps(const Snapshot& snap, const RunSnapshot& run, const LayerView& view) {
  PlotModel m;
  const LayerSnapshot& layer = run.layers[std::size_t(view.layer)];
  const DistributionHistory& h = historyStats(layer)[int(view.quantity)];
  m.title = tr("Distribution of %1").arg(quantitySymbol(view.quantity, run.batchNorm));
  // The key to the bands, or what the focus is.
  m.note = layer.focused ? focusNote(layer) : tr("median · ±0.5, 1, 1.5σ · min–max");
  m.xLabel = tr("step");
  m.yLabel = quantitySymbol(view.quantity, run.batchNorm);
  m.xFormat = AxisFormat::Steps;
  m.markers = toggleMarkers(snap, run.batchNorm);
  if (h.quantiles.size() != kTensorBoardPercentiles.size()) return m;
  // Bands between symmetric basis points: 0–100, 6.68–93.32, 15.87–84.13, 30.85–69.15.
  const double alphas[4] = {0.12, 0.2, 0.3, 0.42};
  const char* names[4] = {"min–max", "±1.5σ", "±1σ", "±0.5σ"};
  for (int i = 0; i < 4; ++i) {
    Band band;
    band.name = tr(names[i]);
    band.color = palette::withAlpha(palette::kDistribution, alphas[i]);
    band.lower = toPoints(h.quantiles[std::size_t(i)]);
    band.upper = toPoints(h.quantiles[std::size_t(8 - i)]);
    band.inLegend = false;
    m.bands.push_back(std::move(band));
  }
  m.lines.push_back({tr("median"), palette::kDistribution.darker(140), toPoints(h.quantiles[4]), 1.8});
  m.legend = false;
  return m;
}

PlotModel currentHistogram(const RunSnapshot& run, const LayerView& view) {
  PlotModel m;
  const LayerSnapshot& layer = run.layers[std::size_t(view.layer)];
  const DistributionStats& stats = currentStats(layer)[int(view.quantity)];
  m.title = tr("%1 now").arg(quantitySymbol(view.quantity, run.batchNorm));
  m.xLabel = quantitySymbol(view.quantity, run.batchNorm);
  m.yLabel = tr("count");
  m.yIncludesZero = true;
  m.note = tr("μ %1 · σ %2").arg(stats.moments.mean, 0, 'g', 3).arg(stats.moments.stddev, 0, 'g', 3);
  const Histogram& hist = stats.histogram;
  if (hist.counts.empty()) return m;
  Bars bars;
  bars.color = palette::withAlpha(palette::kDistribution, 0.55);
  bars.start = hist.lower;
  bars.width = hist.binWidth();
  for (int c : hist.counts) bars.heights.append(c);
  bars.inLegend = false;
  m.bars.push_back(std::move(bars));
  m.legend = false;
  return m;
}

PlotModel momentsOverSteps(const Snapshot& snap, const RunSnapshot& run, const LayerView& view) {
  PlotModel m;
  const LayerSnapshot& layer = run.layers[std::size_t(view.layer)];
  const DistributionHistory& h = historyStats(layer)[int(view.quantity)];
  m.title = tr("Mean and std of %1").arg(quantitySymbol(view.quantity, run.batchNorm));
  m.xLabel = tr("step");
  m.yLabel = quantitySymbol(view.quantity, run.batchNorm);
  m.xFormat = AxisFormat::Steps;
  m.markers = toggleMarkers(snap, run.batchNorm);
  m.lines.push_back({tr("mean"), palette::kBlue, toPoints(h.mean), 1.6});
  m.lines.push_back({tr("std"), palette::kOrange, toPoints(h.stddev), 1.6, Qt::DashLine});
  return m;
}

PlotModel unitScatter(const RunSnapshot& run, const LayerView& view,
                      const std::deque<std::vector<std::array<float, 2>>>& trail) {
  PlotModel m;
  const LayerSnapshot& layer = run.layers[std::size_t(view.layer)];
  const QString symbol = quantitySymbol(Quantity::ActivationInput, run.batchNorm);
  m.title = tr("Units 1 and 2 (%1, probe)").arg(symbol);
  m.xLabel = symbol + QStringLiteral("₁");
  m.yLabel = symbol + QStringLiteral("₂");
  m.emptyText = layer.units < 2 ? tr("needs 2 units") : tr("No data yet");
  const int n = int(trail.size());
  for (int i = 0; i < n; ++i) {
    Scatter s;
    const bool newest = i == n - 1;
    s.name = newest ? tr("now") : QString();
    s.inLegend = newest;
    s.color = palette::withAlpha(newest ? palette::kBlue : palette::kGrey, newest ? 0.75 : 0.08 + 0.25 * i / std::max(1, n - 1));
    s.radius = newest ? 2.2 : 1.6;
    for (const auto& p : trail[std::size_t(i)]) s.points.append(QPointF(p[0], p[1]));
    m.scatters.push_back(std::move(s));
  }
  m.legend = false;
  return m;
}

PlotModel lossOverSteps(const Snapshot& snap) {
  PlotModel m;
  m.title = tr("Loss (cross-entropy)");
  m.xLabel = tr("step");
  m.yLabel = tr("loss");
  m.xFormat = AxisFormat::Steps;
  m.yIncludesZero = true;
  if (snap.runs.empty()) return m;
  const RunSnapshot& run = snap.runs.front();
  m.markers = toggleMarkers(snap, run.batchNorm);
  m.lines.push_back({tr("mini-batch"), palette::withAlpha(palette::kGrey, 0.6), toPoints(run.batchLossHistory), 1.0});
  m.lines.push_back({tr("train"), palette::kTrain, toPoints(run.trainLossHistory), 1.8});
  m.lines.push_back({tr("test"), palette::kTest, toPoints(run.testLossHistory), 1.8});
  return m;
}

PlotModel accuracyOverSteps(const Snapshot& snap) {
  PlotModel m;
  m.title = tr("Accuracy");
  m.xLabel = tr("step");
  m.yLabel = tr("accuracy");
  m.xFormat = AxisFormat::Steps;
  m.yRange = Range{0.0, 1.0};
  if (snap.runs.empty()) return m;
  const RunSnapshot& run = snap.runs.front();
  m.markers = toggleMarkers(snap, run.batchNorm);
  m.note = tr("test %1%").arg(run.test.accuracy * 100, 0, 'f', 1);
  m.lines.push_back({tr("train"), palette::kTrain, toPoints(run.trainAccuracyHistory), 1.8});
  m.lines.push_back({tr("test"), palette::kTest, toPoints(run.testAccuracyHistory), 1.8});
  return m;
}

PlotModel decisionPlane(const Snapshot& snap, int runIndex) {
  PlotModel m;
  m.title = tr("Decision plane");
  m.note = tr("● train  ○ test");
  m.xLabel = QStringLiteral("x₁");
  m.yLabel = QStringLiteral("x₂");
  m.emptyText = tr("2-D data only");
  if (snap.runs.empty() || !snap.data) return m;
  const DecisionMap& map = snap.runs[std::size_t(runIndex)].decisionMap;
  if (map.empty()) return m;
  const int classes = std::max(2, snap.data->train.classes);
  QImage image(map.columns, map.rows, QImage::Format_RGB32);
  for (int r = 0; r < map.rows; ++r) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(map.rows - 1 - r));  // top row = max y
    for (int c = 0; c < map.columns; ++c) {
      const std::size_t i = std::size_t(r) * std::size_t(map.columns) + std::size_t(c);
      const double floor = 1.0 / classes;
      const double strength = 0.15 + 0.5 * std::clamp((map.confidence[i] - floor) / (1 - floor), 0.0, 1.0);
      const QColor base = palette::classColor(map.classes[i]);
      line[c] = qRgb(int(255 + (base.red() - 255) * strength), int(255 + (base.green() - 255) * strength),
                     int(255 + (base.blue() - 255) * strength));
    }
  }
  m.backdrop = Backdrop{image, QRectF(QPointF(map.xMin, map.yMin), QPointF(map.xMax, map.yMax))};
  m.xRange = Range{map.xMin, map.xMax};
  m.yRange = Range{map.yMin, map.yMax};
  // A true map of the plane, unless the features' ranges are too uneven to show one that way.
  const double aspect = (map.xMax - map.xMin) / (map.yMax - map.yMin);
  m.equalAspect = aspect > 0.25 && aspect < 4;
  const auto addPoints = [&](const Dataset& data, bool outline) {
    std::vector<Scatter> byClass(static_cast<std::size_t>(classes));
    for (int k = 0; k < classes; ++k) {
      byClass[std::size_t(k)].color = palette::classColor(k).darker(outline ? 100 : 115);
      byClass[std::size_t(k)].radius = outline ? 2.6 : 2.0;
      byClass[std::size_t(k)].outline = outline;
      byClass[std::size_t(k)].inLegend = false;
    }
    const int limit = std::min(data.size(), 1500);
    for (int i = 0; i < limit; ++i)
      byClass[std::size_t(data.labels[std::size_t(i)])].points.append(
          QPointF(data.features(0, i), data.features(1, i)));
    for (Scatter& s : byClass) m.scatters.push_back(std::move(s));
  };
  if (snap.data->train.dimensions() == 2) {
    addPoints(snap.data->train, false);
    addPoints(snap.data->test, true);
  }
  m.legend = false;
  return m;
}

}  // namespace bnlab
