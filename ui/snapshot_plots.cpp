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
  for (const Snapshot::Perturbation& kick : snap.perturbations)
    markers.push_back({double(kick.step), tr("kick W%1").arg(kick.layer + 1), palette::kGreen});
  return markers;
}

QString focusNote(const LayerSnapshot& layer) {
  if (!layer.focused) return {};
  const DistributionFocus& f = layer.focused->focus;
  QString what = f.unit >= 0 ? tr("unit %1").arg(f.unit + 1) : tr("all units");
  what += f.source == DistributionSource::TrainingBatch ? tr(", training batch")
          : f.source == DistributionSource::TestInputs  ? tr(", test inputs")
                                                        : tr(", probe");
  return tr("%1 · since step %2").arg(what).arg(layer.focused->since);
}

}  // namespace

bool compare(const Snapshot& snap) { return snap.runs.size() > 1; }

PlotModel overSteps(const Snapshot& snap, const QString& title, const QString& yLabel) {
  PlotModel m;
  m.title = title;
  m.xLabel = tr("step");
  m.yLabel = yLabel;
  m.xFormat = AxisFormat::Steps;
  if (!snap.runs.empty()) m.markers = toggleMarkers(snap, snap.runs.front().batchNorm);
  return m;
}

QString runName(const RunSnapshot& run) { return QString::fromStdString(run.name); }


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

QColor runColor(const Snapshot& snap, int run) {
  return compare(snap) && run == 0 ? palette::kOrange : palette::kBlue;
}

PlotModel distributionOverSteps(const Snapshot& snap, const LayerView& view) {
  const QString symbol = quantitySymbol(view.quantity, snap.runs.back().batchNorm);
  PlotModel m = overSteps(snap, tr("Distribution of %1").arg(symbol), symbol);
  m.legend = false;  // on for twins or a test-input comparison, below
  const LayerSnapshot& firstLayer = snap.runs.front().layers[std::size_t(view.layer)];
  // The key to the bands, or what the focus is.
  m.note = firstLayer.focused ? focusNote(firstLayer)
           : compare(snap)    ? tr("median · ±1σ · ±1.5σ")
                              : tr("median · ±0.5, 1, 1.5σ · min–max");
  // Bands between symmetric basis points (indices into the nine): single mode draws all four,
  // compare mode the ±1σ and ±1.5σ ones per twin so that both stay readable.
  const std::vector<std::pair<int, double>> single{{0, 0.12}, {1, 0.2}, {2, 0.3}, {3, 0.42}};
  const std::vector<std::pair<int, double>> twins{{1, 0.13}, {2, 0.25}};
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const DistributionHistory& h = historyStats(run.layers[std::size_t(view.layer)])[int(view.quantity)];
    if (h.quantiles.size() != kTensorBoardPercentiles.size()) continue;
    const QColor color = runColor(snap, r);
    for (const auto& [lower, alpha] : compare(snap) ? twins : single) {
      Band band;
      band.color = palette::withAlpha(color, alpha);
      band.lower = toPoints(h.quantiles[std::size_t(lower)]);
      band.upper = toPoints(h.quantiles[std::size_t(8 - lower)]);
      band.inLegend = false;
      m.bands.push_back(std::move(band));
    }
    m.lines.push_back({compare(snap) ? runName(run) : tr("median"), color.darker(130),
                       toPoints(h.quantiles[4]), 1.8});
    // On test inputs, the training inputs' (probe) median alongside: the covariate shift.
    const LayerSnapshot& layer = run.layers[std::size_t(view.layer)];
    if (layer.focused && layer.focused->focus.source == DistributionSource::TestInputs) {
      m.lines.push_back({runName(run) + tr(" on training inputs"), color.darker(160),
                         toPoints(layer.history[int(view.quantity)].quantiles[4]), 1.2, Qt::DashLine});
      m.legend = true;
    }
  }
  m.legend = m.legend || compare(snap);
  return m;
}

PlotModel currentHistogram(const Snapshot& snap, const LayerView& view) {
  PlotModel m;
  const RunSnapshot& last = snap.runs.back();
  m.title = tr("%1 now").arg(quantitySymbol(view.quantity, last.batchNorm));
  m.xLabel = quantitySymbol(view.quantity, last.batchNorm);
  m.yLabel = tr("count");
  m.yIncludesZero = true;
  QStringList notes;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const DistributionStats& stats = currentStats(run.layers[std::size_t(view.layer)])[int(view.quantity)];
    notes << tr("μ %1 σ %2").arg(stats.moments.mean, 0, 'g', 2).arg(stats.moments.stddev, 0, 'g', 2);
    const Histogram& hist = stats.histogram;
    if (hist.counts.empty()) continue;
    Bars bars;
    bars.name = runName(run);
    bars.color = palette::withAlpha(runColor(snap, r), compare(snap) ? 0.45 : 0.55);
    bars.start = hist.lower;
    bars.width = hist.binWidth();
    for (int c : hist.counts) bars.heights.append(c);
    bars.inLegend = compare(snap);
    m.bars.push_back(std::move(bars));
  }
  m.note = notes.join(QStringLiteral(" | "));
  m.legend = compare(snap);
  return m;
}

PlotModel momentsOverSteps(const Snapshot& snap, const LayerView& view) {
  const QString symbol = quantitySymbol(view.quantity, snap.runs.back().batchNorm);
  PlotModel m = overSteps(snap, tr("Mean and std of %1").arg(symbol), symbol);
  const bool twins = compare(snap);
  if (twins) m.note = tr("solid: mean · dashed: std");
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const DistributionHistory& h = historyStats(run.layers[std::size_t(view.layer)])[int(view.quantity)];
    // Twins: one legend entry per twin (colour); the line style tells mean from std.
    m.lines.push_back({twins ? runName(run) : tr("mean"), twins ? runColor(snap, r) : palette::kBlue,
                       toPoints(h.mean), 1.6});
    m.lines.push_back({tr("std"), twins ? runColor(snap, r) : palette::kOrange, toPoints(h.stddev), 1.6,
                       Qt::DashLine, !twins});
  }
  return m;
}

PlotModel shiftOverSteps(const Snapshot& snap, const LayerView& view) {
  PlotModel m = overSteps(snap, tr("Shift per 100 steps"), QStringLiteral("W₁"));
  m.yIncludesZero = true;
  QStringList recent;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const LayerSnapshot& layer = run.layers[std::size_t(view.layer)];
    m.lines.push_back({runName(run), runColor(snap, r), toPoints(layer.shiftHistory), 1.4});
    recent << QStringLiteral("%1").arg(layer.recentShift, 0, 'g', 2);
  }
  m.note = tr("recent %1").arg(recent.join(QStringLiteral(" | ")));
  m.legend = compare(snap);
  return m;
}

PlotModel unitScatter(const Snapshot& snap, const LayerView& view,
                      const std::vector<ScatterTrail>& trails) {
  PlotModel m;
  const RunSnapshot& last = snap.runs.back();
  const LayerSnapshot& layer = last.layers[std::size_t(view.layer)];
  const QString symbol = quantitySymbol(Quantity::ActivationInput, last.batchNorm);
  m.title = tr("Units 1 and 2 (%1, probe)").arg(symbol);
  m.xLabel = symbol + QStringLiteral("₁");
  m.yLabel = symbol + QStringLiteral("₂");
  m.emptyText = layer.units < 2 ? tr("needs 2 units") : tr("No data yet");
  for (int r = 0; r < int(trails.size()) && r < int(snap.runs.size()); ++r) {
    const ScatterTrail& trail = trails[std::size_t(r)];
    const int n = int(trail.size());
    const QColor color = runColor(snap, r);
    for (int i = 0; i < n; ++i) {
      Scatter s;
      const bool newest = i == n - 1;
      s.name = newest ? runName(snap.runs[std::size_t(r)]) : QString();
      s.inLegend = newest && compare(snap);
      s.color = newest ? palette::withAlpha(color, 0.7)
                       : palette::withAlpha(compare(snap) ? color : palette::kGrey,
                                            0.06 + 0.2 * i / std::max(1, n - 1));
      s.radius = newest ? 2.2 : 1.6;
      for (const auto& p : trail[std::size_t(i)]) s.points.append(QPointF(p[0], p[1]));
      m.scatters.push_back(std::move(s));
    }
  }
  m.legend = compare(snap);
  return m;
}

PlotModel batchNoise(const Snapshot& snap) {
  PlotModel m;
  m.xLabel = QStringLiteral("μ_B");
  m.yLabel = QStringLiteral("σ_B");
  m.emptyText = tr("needs batch norm");
  m.title = tr("Batch noise");
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const BatchNoise& noise = snap.runs[std::size_t(r)].batchNoise;
    if (noise.layer < 0) continue;
    m.title = tr("Batch noise: layer %1, unit %2").arg(noise.layer + 1).arg(noise.unit + 1);
    m.note = tr("spread μ ±%1 σ ±%2 (batch %3)")
                 .arg(noise.meanSpread, 0, 'g', 2)
                 .arg(noise.stdSpread, 0, 'g', 2)
                 .arg(snap.config.batchSize);
    Scatter batches;
    batches.name = tr("batches");
    batches.color = palette::withAlpha(runColor(snap, r), 0.45);
    for (const auto& b : noise.batches) batches.points.append(QPointF(b[0], b[1]));
    Scatter population;
    population.name = tr("population");
    population.color = palette::kVermillion;
    population.radius = 4.5;
    population.outline = true;
    population.points.append(QPointF(noise.populationMean, noise.populationStd));
    m.scatters.push_back(std::move(batches));
    m.scatters.push_back(std::move(population));
  }
  m.legend = false;  // the ring can sit anywhere; a legend box would hide it (see the tooltip)
  return m;
}

PlotModel lossGap(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("Train − test gap"), tr("test − train loss"));
  m.yIncludesZero = true;
  for (int r = 0; r < int(snap.runs.size()); ++r)
    m.lines.push_back({runName(snap.runs[std::size_t(r)]), runColor(snap, r),
                       toPoints(snap.runs[std::size_t(r)].lossGapHistory), 1.6});
  m.legend = compare(snap);
  return m;
}

PlotModel landscape(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("Loss landscape along −∇L"), tr("value"));
  m.emptyText = tr("off (View → Loss-landscape probe)");
  m.note = tr("solid: β-smoothness · dashed: loss variation");
  m.yIncludesZero = true;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    m.lines.push_back({runName(run), runColor(snap, r), toPoints(run.betaSmoothness), 1.6});
    m.lines.push_back({runName(run) + tr(" loss variation"), runColor(snap, r),
                       toPoints(run.lossVariation), 1.2, Qt::DashLine, false});
  }
  m.legend = compare(snap);
  return m;
}

PlotModel testTime(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("Test time"), tr("value"));
  m.emptyText = tr("needs batch norm");
  for (const RunSnapshot& run : snap.runs) {
    const BatchNoise& noise = run.batchNoise;
    if (noise.layer < 0) continue;
    m.title = tr("Test time: L%1 u%2").arg(noise.layer + 1).arg(noise.unit + 1);
    const TestTimeAccuracy& t = run.testTime;
    m.note = tr("acc running %1% · own batch %2% · alone %3%")
                 .arg(t.runningStatistics * 100, 0, 'f', 0)
                 .arg(t.testSetStatistics * 100, 0, 'f', 0)
                 .arg(t.batchOfOne * 100, 0, 'f', 0);
    m.lines.push_back({tr("running μ"), palette::kBlue, toPoints(noise.runningMean), 1.6});
    m.lines.push_back({tr("population μ"), palette::kGrey, toPoints(noise.populationMeanHistory), 1.2, Qt::DashLine});
    m.lines.push_back({tr("running σ²"), palette::kGreen, toPoints(noise.runningVariance), 1.6});
    m.lines.push_back({tr("population σ²"), palette::kGrey, toPoints(noise.populationVarianceHistory), 1.2, Qt::DotLine});
  }
  return m;
}

QString layerCaption(const Snapshot& snap, int layer) {
  if (compare(snap)) {
    return layer == 0
               ? tr("Layer 1 sees the (fixed) inputs. Compare the later layers: their inputs "
                    "come from layers that keep learning.")
               : tr("Covariate shift (points 2–3): the orange bands drift and spread as the "
                    "earlier layers learn; the blue ones keep the mean β and spread γ batch norm "
                    "learned. The shift chart measures it.");
  }
  return snap.runs.front().batchNorm
             ? tr("With batch norm each unit's activation input has mean β and spread γ on every "
                  "batch, however the earlier layers change (point 3). Press B to switch it off.")
             : tr("Without batch norm this layer's input moves whenever an earlier layer's "
                  "weights change (point 2). Press B to switch batch norm on and watch it settle.");
}

PlotModel lossOverSteps(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("Loss (cross-entropy)"), tr("loss"));
  m.yIncludesZero = true;
  if (snap.runs.empty()) return m;
  if (!compare(snap)) {
    const RunSnapshot& run = snap.runs.front();
    m.lines.push_back({tr("mini-batch"), palette::withAlpha(palette::kGrey, 0.6), toPoints(run.batchLossHistory), 1.0});
    m.lines.push_back({tr("train"), palette::kTrain, toPoints(run.trainLossHistory), 1.8});
    m.lines.push_back({tr("test"), palette::kTest, toPoints(run.testLossHistory), 1.8});
    return m;
  }
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    m.lines.push_back({runName(run) + tr(" train"), runColor(snap, r), toPoints(run.trainLossHistory), 1.8});
    m.lines.push_back({runName(run) + tr(" test"), runColor(snap, r), toPoints(run.testLossHistory), 1.8, Qt::DashLine});
  }
  return m;
}

PlotModel accuracyOverSteps(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("Accuracy"), tr("accuracy"));
  m.yRange = Range{0.0, 1.0};
  if (snap.runs.empty()) return m;
  QStringList notes;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const bool twin = compare(snap);
    const QString prefix = twin ? runName(run) + QStringLiteral(" ") : QString();
    m.lines.push_back({prefix + tr("train"), twin ? runColor(snap, r) : palette::kTrain,
                       toPoints(run.trainAccuracyHistory), 1.8});
    m.lines.push_back({prefix + tr("test"), twin ? runColor(snap, r) : palette::kTest,
                       toPoints(run.testAccuracyHistory), 1.8, twin ? Qt::DashLine : Qt::SolidLine});
    notes << tr("%1test %2%").arg(prefix).arg(run.test.accuracy * 100, 0, 'f', 1);
  }
  m.note = notes.join(QStringLiteral(" · "));
  return m;
}

PlotModel decisionPlane(const Snapshot& snap, int runIndex) {
  PlotModel m;
  m.title = compare(snap) ? tr("Decision plane: %1").arg(runName(snap.runs[std::size_t(runIndex)]))
                          : tr("Decision plane");
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
  const SinglePrediction& chosen = snap.runs[std::size_t(runIndex)].chosen;
  if (chosen.valid) {
    m.scatters.push_back({tr("chosen"), QColor(0x20, 0x21, 0x24), {QPointF(chosen.x, chosen.y)}, 5.0, true, false});
    m.note = tr("running: c%1 %2% · own stats: c%3 %4%")
                 .arg(chosen.evalClass + 1)
                 .arg(chosen.evalConfidence * 100, 0, 'f', 0)
                 .arg(chosen.aloneClass + 1)
                 .arg(chosen.aloneConfidence * 100, 0, 'f', 0);
  }
  m.legend = false;
  return m;
}

}  // namespace bnlab
