#include "charts/gradient_shift_charts.h"

#include <QObject>

#include "charts/chart_common.h"

namespace bnlab {

using namespace plot;

namespace {

QString tr(const char* text) { return QObject::tr(text); }

using Series = HistoryView GradientShiftSummary::*;
using Latest = double GradientShiftSummary::*;
using Format = QString (*)(double);

// One line per run of `series`, and the runs' `latest` values in the note after "recent".
PlotModel overStepsPerRun(const Snapshot& snap, int layer, const QString& title,
                          const QString& yLabel, Series series, Latest latest, Format format) {
  PlotModel m = overSteps(snap, title, yLabel);
  m.emptyText = layer == 0                           ? tr("no earlier layer: G′ = G")
                : snap.config.gradientShiftEvery > 0 ? tr("No data yet")
                                                     : tr("off (View → Gradient shift)");
  m.legend = multiRun(snap);
  if (layer == 0) return m;  // 0 and 1 by definition: nothing to read
  QStringList values;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const GradientShiftSummary& shift = run.layers[std::size_t(layer)].gradientShift;
    m.lines.push_back({.name = runName(run),
                       .color = runColor(snap, r),
                       .points = toPoints(shift.*series),
                       .width = 1.4});
    if (shift.measures > 0) values << format(shift.*latest);
  }
  if (!values.isEmpty()) m.note = tr("recent %1").arg(values.join(QStringLiteral(" | ")));
  return m;
}

}  // namespace

bool gradientShiftShown(const Snapshot& snap) {
  if (snap.config.gradientShiftEvery > 0) return true;
  for (const RunSnapshot& run : snap.runs)
    for (const LayerSnapshot& layer : run.layers)
      if (layer.gradientShift.measures > 0) return true;
  return false;
}

PlotModel gradientShiftOverSteps(const Snapshot& snap, int layer) {
  PlotModel m = overStepsPerRun(snap, layer, tr("Gradient shift from earlier layers' updates"),
                                QStringLiteral("‖G−G′‖ / ‖G‖"), &GradientShiftSummary::relative,
                                &GradientShiftSummary::recentRelative,
                                [](double v) { return QString::number(v, 'g', 2); });
  m.yIncludesZero = true;
  return m;
}

PlotModel gradientCosineOverSteps(const Snapshot& snap, int layer) {
  return overStepsPerRun(snap, layer, tr("Gradient direction kept"), QStringLiteral("cos(G, G′)"),
                         &GradientShiftSummary::cosine, &GradientShiftSummary::cosineRecent,
                         [](double v) { return QString::number(v, 'f', 3); });
}

}  // namespace bnlab
