#include "charts/layer_charts.h"

#include <QObject>

#include "charts/chart_common.h"
#include "charts/palette.h"
#include "stats/quantiles.h"

namespace bnlab {

using namespace plot;

namespace {

QString tr(const char* text) { return QObject::tr(text); }

QString focusNote(const LayerSnapshot& layer) {
  if (!layer.focused) return {};
  const DistributionFocus& f = layer.focused->focus;
  QString what = f.unit >= 0 ? tr("unit %1").arg(f.unit + 1) : tr("all units");
  what += f.source == DistributionSource::TrainingBatch ? tr(", training batch")
          : f.source == DistributionSource::TestInputs  ? tr(", test inputs")
                                                        : tr(", probe");
  return tr("%1 · since step %2").arg(what).arg(layer.focused->since);
}

const LayerSnapshot& layerOf(const Snapshot& snap, int run, const LayerView& view) {
  return snap.runs[std::size_t(run)].layers[std::size_t(view.layer)];
}

// Bands between symmetric basis points (an index into the nine and its mirror 8 − index) and
// their opacity. One run draws all four; two runs the ±1σ and ±1.5σ ones each; more runs only
// ±1σ, so that four runs' bands stay apart.
struct BandLevel {
  int lower;
  double alpha;
};
std::vector<BandLevel> bandLevels(const Snapshot& snap) {
  if (crowded(snap)) return {{.lower = 2, .alpha = 0.2}};
  if (multiRun(snap)) return {{.lower = 1, .alpha = 0.13}, {.lower = 2, .alpha = 0.25}};
  return {{.lower = 0, .alpha = 0.12},
          {.lower = 1, .alpha = 0.2},
          {.lower = 2, .alpha = 0.3},
          {.lower = 3, .alpha = 0.42}};
}

QString bandKey(const Snapshot& snap) {
  if (crowded(snap)) return tr("median · ±1σ");
  if (multiRun(snap)) return tr("median · ±1σ · ±1.5σ");
  return tr("median · ±0.5, 1, 1.5σ · min–max");
}

// "orange (plain)", "blue and green (batch norm, batch norm · batch 512)": the runs that do or
// do not have batch norm, by colour and name.
QString runsByColour(const Snapshot& snap, bool batchNorm) {
  QStringList colours, names;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    if (snap.runs[std::size_t(r)].batchNorm != batchNorm) continue;
    colours << palette::runColorName(r);
    names << runName(snap.runs[std::size_t(r)]);
  }
  const QString last = colours.takeLast();
  const QString joined =
      colours.isEmpty() ? last : colours.join(QStringLiteral(", ")) + tr(" and ") + last;
  return QStringLiteral("%1 (%2)").arg(joined, names.join(QStringLiteral(", ")));
}

}  // namespace

QString quantitySymbol(Quantity quantity, bool normalized) {
  switch (quantity) {
    case Quantity::PreNorm:
      return QStringLiteral("Z");
    case Quantity::ActivationInput:
      return normalized ? QStringLiteral("Z̃") : QStringLiteral("Z");
    case Quantity::Output:
      return QStringLiteral("A");
  }
  return {};
}

const std::array<DistributionStats, kQuantityCount>& currentStats(const LayerSnapshot& layer) {
  return layer.focused ? layer.focused->now : layer.now;
}

const std::array<DistributionHistory, kQuantityCount>& historyStats(const LayerSnapshot& layer) {
  return layer.focused ? layer.focused->history : layer.history;
}

PlotModel distributionOverSteps(const Snapshot& snap, const LayerView& view) {
  const QString symbol = quantitySymbol(view.quantity, anyNormalized(snap));
  PlotModel m = overSteps(snap, tr("Distribution of %1").arg(symbol), symbol);
  const LayerSnapshot& firstLayer = layerOf(snap, 0, view);
  // The key to the bands, or what the focus is.
  m.note = firstLayer.focused ? focusNote(firstLayer) : bandKey(snap);
  bool testInputs = false;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const LayerSnapshot& layer = layerOf(snap, r, view);
    const DistributionHistory& h = historyStats(layer)[int(view.quantity)];
    if (h.quantiles.size() != kTensorBoardPercentiles.size()) continue;
    const QColor color = runColor(snap, r);
    for (const BandLevel& level : bandLevels(snap))
      m.bands.push_back({.color = palette::withAlpha(color, level.alpha),
                         .lower = toPoints(h.quantiles[std::size_t(level.lower)]),
                         .upper = toPoints(h.quantiles[std::size_t(8 - level.lower)]),
                         .inLegend = false});
    m.lines.push_back({.name = multiRun(snap) ? runName(run) : tr("median"),
                       .color = color.darker(130),
                       .points = toPoints(h.quantiles[4]),
                       .width = 1.8});
    // On test inputs, the training inputs' (probe) median alongside: the covariate shift.
    if (layer.focused && layer.focused->focus.source == DistributionSource::TestInputs) {
      m.lines.push_back({.name = runName(run) + tr(" on training inputs"),
                         .color = color.darker(160),
                         .points = toPoints(layer.history[int(view.quantity)].quantiles[4]),
                         .width = 1.2,
                         .style = Qt::DashLine});
      testInputs = true;
    }
  }
  m.legend = multiRun(snap) || testInputs;
  return m;
}

PlotModel layerOverview(const Snapshot& snap, int layer) {
  PlotModel m =
      distributionOverSteps(snap, {.layer = layer, .quantity = Quantity::ActivationInput});
  const LayerSnapshot& first = snap.runs.front().layers[std::size_t(layer)];
  m.title = tr("Layer %1 · %2 units").arg(layer + 1).arg(first.units);
  if (layer > 0 && !first.focused) m.note.clear();
  m.legend = m.legend && layer == 0;
  return m;
}

PlotModel currentHistogram(const Snapshot& snap, const LayerView& view) {
  PlotModel m;
  m.title = tr("%1 now").arg(quantitySymbol(view.quantity, anyNormalized(snap)));
  m.xLabel = quantitySymbol(view.quantity, anyNormalized(snap));
  m.yLabel = tr("count");
  m.yIncludesZero = true;
  // Overlapping translucent bars: lighter the more runs share the axes.
  const double alpha = crowded(snap) ? 0.35 : multiRun(snap) ? 0.45 : 0.55;
  // Each run's mean and spread; with more than two runs only the spread, in the legend's order,
  // short enough for a small chart (the means are over steps beside it).
  QStringList notes;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const DistributionStats& stats = currentStats(layerOf(snap, r, view))[int(view.quantity)];
    notes << (crowded(snap) ? QString::number(stats.moments.stddev, 'g', 2)
                            : tr("μ %1 σ %2")
                                  .arg(stats.moments.mean, 0, 'g', 2)
                                  .arg(stats.moments.stddev, 0, 'g', 2));
    const Histogram& hist = stats.histogram;
    if (hist.counts.empty()) continue;
    Bars bars{.name = runName(snap.runs[std::size_t(r)]),
              .color = palette::withAlpha(runColor(snap, r), alpha),
              .start = hist.lower,
              .width = hist.binWidth(),
              .inLegend = multiRun(snap)};
    for (int c : hist.counts) bars.heights.append(c);
    m.bars.push_back(std::move(bars));
  }
  m.note = (crowded(snap) ? tr("σ ") : QString()) + notes.join(QStringLiteral(" | "));
  m.legend = multiRun(snap);
  return m;
}

PlotModel momentsOverSteps(const Snapshot& snap, const LayerView& view) {
  const QString symbol = quantitySymbol(view.quantity, anyNormalized(snap));
  PlotModel m = overSteps(snap, tr("Mean and std of %1").arg(symbol), symbol);
  const bool runs = multiRun(snap);
  if (runs) m.note = tr("solid: mean · dashed: std");
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const DistributionHistory& h = historyStats(layerOf(snap, r, view))[int(view.quantity)];
    // Several runs: one legend entry per run (colour); the line style tells mean from std.
    m.lines.push_back({.name = runs ? runName(snap.runs[std::size_t(r)]) : tr("mean"),
                       .color = runs ? runColor(snap, r) : palette::kBlue,
                       .points = toPoints(h.mean),
                       .width = 1.6});
    m.lines.push_back({.name = tr("std"),
                       .color = runs ? runColor(snap, r) : palette::kOrange,
                       .points = toPoints(h.stddev),
                       .width = 1.6,
                       .style = Qt::DashLine,
                       .inLegend = !runs});
  }
  // Batch norm: each unit's Z̃ has mean βᵤ and std |γᵤ| on the probe batch, so the pooled mean
  // is mean β and the pooled std is at least rms γ: dotted beside the moments they govern (also
  // for layer norm and noisy batch norm, whose Z̃ they govern less tightly).
  if (view.quantity != Quantity::ActivationInput || !anyNormalized(snap)) return m;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const LayerSnapshot& layer = layerOf(snap, r, view);
    if (!snap.runs[std::size_t(r)].normalized || layer.gammaRmsHistory.empty()) continue;
    const QColor color = runs ? runColor(snap, r) : palette::kGrey;
    m.lines.push_back({.name = tr("β, γ"),
                       .color = color,
                       .points = toPoints(layer.betaMeanHistory),
                       .width = 1.2,
                       .style = Qt::DotLine,
                       .inLegend = !runs});
    m.lines.push_back({.name = tr("rms γ"),
                       .color = color,
                       .points = toPoints(layer.gammaRmsHistory),
                       .width = 1.2,
                       .style = Qt::DotLine,
                       .inLegend = false});
  }
  m.note = runs ? tr("mean, std (dashed), β and γ (dotted)") : tr("dotted: mean β, rms γ");
  return m;
}

PlotModel shiftOverSteps(const Snapshot& snap, const LayerView& view) {
  PlotModel m = overSteps(snap, tr("Shift per 100 steps"), QStringLiteral("W₁"));
  m.yIncludesZero = true;
  QStringList recent;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const LayerSnapshot& layer = layerOf(snap, r, view);
    m.lines.push_back({.name = runName(snap.runs[std::size_t(r)]),
                       .color = runColor(snap, r),
                       .points = toPoints(layer.shiftHistory),
                       .width = 1.4});
    if (view.layer > 0)  // the part the earlier layers caused (layer 1's input is the data)
      m.lines.push_back({.name = tr("from earlier layers"),
                         .color = runColor(snap, r),
                         .points = toPoints(layer.earlierShiftHistory),
                         .width = 1.4,
                         .style = Qt::DashLine,
                         .inLegend = false});
    recent << QStringLiteral("%1").arg(
        view.layer > 0 ? layer.recentEarlierShift : layer.recentShift, 0, 'g', 2);
  }
  m.note = view.layer > 0
               ? tr("dashed: from earlier layers %1").arg(recent.join(QStringLiteral(" | ")))
               : tr("recent %1").arg(recent.join(QStringLiteral(" | ")));
  m.legend = multiRun(snap);
  return m;
}

PlotModel unitScatter(const Snapshot& snap, const LayerView& view) {
  PlotModel m;
  const QString symbol = quantitySymbol(Quantity::ActivationInput, anyNormalized(snap));
  m.title = tr("Units 1 and 2 (%1, probe)").arg(symbol);
  m.xLabel = symbol + QStringLiteral("₁");
  m.yLabel = symbol + QStringLiteral("₂");
  m.emptyText = snap.runs.back().layers[std::size_t(view.layer)].units < 2 ? tr("needs 2 units")
                                                                           : tr("No data yet");
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const auto& trail = snap.runs[std::size_t(r)].layers[std::size_t(view.layer)].scatterTrail;
    const int n = int(trail.size());
    const QColor color = runColor(snap, r);
    for (int i = 0; i < n; ++i) {
      const bool newest = i == n - 1;
      const double fading = 0.06 + 0.2 * i / std::max(1, n - 1);
      Scatter s{.name = newest ? runName(snap.runs[std::size_t(r)]) : QString(),
                .color = newest
                             ? palette::withAlpha(color, 0.7)
                             : palette::withAlpha(multiRun(snap) ? color : palette::kGrey, fading),
                .radius = newest ? 2.2 : 1.6,
                .inLegend = newest && multiRun(snap)};
      for (const auto& p : trail[std::size_t(i)]) s.points.append(QPointF(p[0], p[1]));
      m.scatters.push_back(std::move(s));
    }
  }
  m.legend = multiRun(snap);
  return m;
}

QString layerCaption(const Snapshot& snap, int layer) {
  const bool relatives =
      std::any_of(snap.runs.begin(), snap.runs.end(), [](const RunSnapshot& run) {
        return run.normalization != Normalization::None &&
               run.normalization != Normalization::BatchNorm;
      });
  if (relatives)
    return layer == 0
               ? tr("Layer 1 sees the (fixed) inputs; the later layers' inputs come from layers "
                    "that keep learning. The line above the charts says what each run's "
                    "normalization does.")
               : tr("Each run holds this layer's activation input its own way (the line above "
                    "the charts says how). The shift chart measures how far it moves: solid, "
                    "all of it; dashed, the part the earlier layers caused.");
  if (!multiRun(snap)) {
    return snap.runs.front().batchNorm
               ? tr("With batch norm each unit's activation input has mean β and spread γ on "
                    "every batch, however the earlier layers change (point 3). Press B to switch "
                    "it off.")
               : tr("Without batch norm this layer's input moves whenever an earlier layer's "
                    "weights change (point 2). Press B to switch batch norm on and watch it "
                    "settle.");
  }
  if (layer == 0)
    return tr(
        "Layer 1 sees the (fixed) inputs. Compare the later layers: their inputs come from "
        "layers that keep learning.");
  const auto normed = std::count_if(snap.runs.begin(), snap.runs.end(),
                                    [](const RunSnapshot& run) { return run.batchNorm; });
  if (normed == 0)
    return tr(
        "Covariate shift (point 2): without batch norm every run's bands drift and spread "
        "as the earlier layers learn. The shift chart measures it.");
  if (normed == std::ssize(snap.runs))
    return tr(
        "Every run has batch norm: each keeps the mean β and spread γ it learned, however "
        "the earlier layers change (point 3). The Batch noise tab shows what sets them "
        "apart.");
  return tr("Covariate shift (points 2–3): the %1 bands drift and spread as the earlier layers "
            "learn; the %2 ones keep the mean β and spread γ batch norm learned. The shift chart "
            "measures it.")
      .arg(runsByColour(snap, false), runsByColour(snap, true));
}

}  // namespace bnlab
