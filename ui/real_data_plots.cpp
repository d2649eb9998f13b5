#include "real_data_plots.h"

#include <QObject>

#include "palette.h"
#include "snapshot_plots.h"

namespace bnlab {

using namespace plot;

namespace {
QString tr(const char* text) { return QObject::tr(text); }
}  // namespace

PlotModel confusionMatrix(const Snapshot& snap, int runIndex) {
  PlotModel m;
  const bool twins = compare(snap);
  m.title = twins ? tr("Test confusion: %1").arg(runName(snap.runs[std::size_t(runIndex)]))
                  : tr("Test confusion");
  m.xLabel = tr("predicted class");
  m.emptyText = tr("No evaluation yet");
  m.legend = false;
  if (snap.runs.empty()) return m;
  const Evaluation& test = snap.runs[std::size_t(runIndex)].test;
  const int k = test.classes;
  if (k < 2 || test.confusion.size() != std::size_t(k * k)) return m;
  Cells cells;
  cells.name = tr("share of the true class");
  cells.color = twins ? runColor(snap, runIndex) : palette::kBlue;
  cells.rows = cells.columns = k;
  cells.rect = QRectF(QPointF(-0.5, -0.5), QPointF(k - 0.5, k - 0.5));
  cells.values.resize(std::size_t(k * k));
  for (int r = 0; r < k; ++r) {
    double total = 0;
    for (int c = 0; c < k; ++c) total += test.confusion[std::size_t(r * k + c)];
    for (int c = 0; c < k; ++c)
      cells.values[std::size_t(r * k + c)] = total > 0 ? test.confusion[std::size_t(r * k + c)] / total : 0;
  }
  m.cells.push_back(std::move(cells));
  // Row 0 (class 0) at the top: y = k − 1 − class.
  const std::vector<std::string>& names = snap.data ? snap.data->test.classNames : std::vector<std::string>{};
  for (int y = 0; y < k; ++y) {
    const int c = k - 1 - y;
    m.yCategories << (std::size_t(c) < names.size() ? QString::fromStdString(names[std::size_t(c)])
                                                     : QString::number(c));
  }
  for (int c = 0; c < k; ++c) m.xCategories << QString::number(c);
  m.xRange = Range{-0.5, k - 0.5};
  m.yRange = Range{-0.5, k - 0.5};
  m.note = tr("accuracy %1%").arg(test.accuracy * 100, 0, 'f', 1);
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
    QColor fill = color;
    fill.setAlphaF(0.18);
    const QString name = compare(snap) ? runName(run) : tr("network");
    m.bands.push_back({name + tr(" 15–85th"), fill, toPoints(unit.series[0]), toPoints(unit.series[2]), false});
    m.lines.push_back({name + tr(" 15th"), color, toPoints(unit.series[0]), 1.0, Qt::DashLine, false});
    m.lines.push_back({name, color, toPoints(unit.series[1]), 1.8});
    m.lines.push_back({name + tr(" 85th"), color, toPoints(unit.series[2]), 1.0, Qt::DashLine, false});
    m.note = tr("layer %1, unit %2 · 15th, 50th, 85th percentile").arg(unit.layer + 1).arg(unit.unit + 1);
  }
  return m;
}

}  // namespace bnlab
