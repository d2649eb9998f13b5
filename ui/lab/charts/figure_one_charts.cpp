#include "charts/figure_one_charts.h"

#include <QObject>

#include "charts/chart_common.h"
#include "charts/palette.h"
#include "render/plot_renderer.h"

namespace bnlab {

using namespace plot;

namespace {

QString tr(const char* text) { return QObject::tr(text); }

// The letter of run `run`'s panel: (b) for the first, as in the paper.
QString panelLetter(int run) { return QStringLiteral("(%1)").arg(QChar(u'b' + run)); }

PlotModel percentilesOfRun(const Snapshot& snap, int r) {
  const RunSnapshot& run = snap.runs[std::size_t(r)];
  const UnitPercentiles& unit = run.unitPercentiles;
  const QString symbol = run.normalized ? QStringLiteral("Z̃") : QStringLiteral("Z");
  PlotModel m = overSteps(snap, tr("%1 %2").arg(panelLetter(r), runName(run)),
                          tr("activation input %1").arg(symbol));
  m.emptyText = tr("Nothing recorded yet");
  if (unit.layer < 0) return m;
  const QColor color = runColor(snap, r);
  m.bands.push_back({.name = tr("15th–85th"),
                     .color = palette::withAlpha(color, 0.18),
                     .lower = toPoints(unit.series[0]),
                     .upper = toPoints(unit.series[2]),
                     .inLegend = false});
  m.lines.push_back({.name = tr("85th"),
                     .color = color,
                     .points = toPoints(unit.series[2]),
                     .width = 1.2,
                     .style = Qt::DashLine});
  m.lines.push_back({.name = tr("50th"),
                     .color = color.darker(130),
                     .points = toPoints(unit.series[1]),
                     .width = 2.0});
  m.lines.push_back({.name = tr("15th"),
                     .color = color,
                     .points = toPoints(unit.series[0]),
                     .width = 1.2,
                     .style = Qt::DotLine});
  m.note = tr("layer %1, unit %2 · band moved %3")
               .arg(unit.layer + 1)
               .arg(unit.unit + 1)
               .arg(unit.drift(), 0, 'g', 2);
  return m;
}

}  // namespace

PlotModel figureOneAccuracy(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("(a) Test accuracy"), tr("accuracy"));
  QStringList latest;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    m.lines.push_back({.name = runName(run),
                       .color = runColor(snap, r),
                       .points = toPoints(run.testAccuracyHistory),
                       .width = 2.0});
    if (run.evaluatedAt >= 0)
      latest << tr("%1 %2%").arg(runName(run)).arg(run.test.accuracy * 100, 0, 'f', 1);
  }
  m.note = latest.join(QStringLiteral(" · "));
  return m;
}

std::vector<PlotModel> figureOnePercentiles(const Snapshot& snap) {
  std::vector<PlotModel> charts;
  for (int r = 0; r < int(snap.runs.size()); ++r) charts.push_back(percentilesOfRun(snap, r));
  // One y range for every panel: the union of the ranges each would take alone.
  std::optional<Range> shared;
  for (const PlotModel& m : charts) {
    if (!hasData(m)) continue;
    Range x, y;
    dataRanges(m, x, y);
    shared = shared ? Range{std::min(shared->min, y.min), std::max(shared->max, y.max)} : y;
  }
  for (PlotModel& m : charts) m.yRange = shared;
  return charts;
}

}  // namespace bnlab
