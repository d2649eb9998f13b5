#include "charts/training_charts.h"

#include <QObject>

#include "charts/chart_common.h"
#include "charts/palette.h"

namespace bnlab {

using namespace plot;

namespace {

QString tr(const char* text) { return QObject::tr(text); }

// Train (solid) and test (dashed) series of every run in its colour. Up to two runs the legend
// names all four lines; more runs get one entry per run and the note tells solid from dashed.
void trainAndTest(PlotModel& m, const Snapshot& snap, const HistoryView RunSnapshot::*train,
                  const HistoryView RunSnapshot::*test) {
  const bool compact = crowded(snap);
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    m.lines.push_back({.name = compact ? runName(run) : runName(run) + tr(" train"),
                       .color = runColor(snap, r),
                       .points = toPoints(run.*train),
                       .width = 1.8});
    m.lines.push_back({.name = runName(run) + tr(" test"),
                       .color = runColor(snap, r),
                       .points = toPoints(run.*test),
                       .width = 1.8,
                       .style = Qt::DashLine,
                       .inLegend = !compact});
  }
}

// One run: train in the train colour, test in the test colour.
void trainAndTestOfOne(PlotModel& m, const RunSnapshot& run, const HistoryView RunSnapshot::*train,
                       const HistoryView RunSnapshot::*test) {
  m.lines.push_back({.name = tr("train"),
                     .color = palette::kTrain,
                     .points = toPoints(run.*train),
                     .width = 1.8});
  m.lines.push_back(
      {.name = tr("test"), .color = palette::kTest, .points = toPoints(run.*test), .width = 1.8});
}

}  // namespace

PlotModel lossOverSteps(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("Loss (cross-entropy)"), tr("loss"));
  m.yIncludesZero = true;
  if (snap.runs.empty()) return m;
  if (!multiRun(snap)) {
    const RunSnapshot& run = snap.runs.front();
    m.lines.push_back({.name = tr("mini-batch"),
                       .color = palette::withAlpha(palette::kGrey, 0.6),
                       .points = toPoints(run.batchLossHistory),
                       .width = 1.0});
    trainAndTestOfOne(m, run, &RunSnapshot::trainLossHistory, &RunSnapshot::testLossHistory);
    return m;
  }
  trainAndTest(m, snap, &RunSnapshot::trainLossHistory, &RunSnapshot::testLossHistory);
  if (crowded(snap)) m.note = tr("solid: train · dashed: test");
  return m;
}

PlotModel accuracyOverSteps(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("Accuracy"), tr("accuracy"));
  m.yRange = Range{0.0, 1.0};
  if (snap.runs.empty()) return m;
  if (!multiRun(snap)) {
    const RunSnapshot& run = snap.runs.front();
    trainAndTestOfOne(m, run, &RunSnapshot::trainAccuracyHistory,
                      &RunSnapshot::testAccuracyHistory);
    m.note = tr("test %1%").arg(run.test.accuracy * 100, 0, 'f', 1);
    return m;
  }
  trainAndTest(m, snap, &RunSnapshot::trainAccuracyHistory, &RunSnapshot::testAccuracyHistory);
  // The test accuracy of each run, in run order (the legend's colours).
  QStringList notes;
  for (const RunSnapshot& run : snap.runs) {
    const QString percent = QStringLiteral("%1%").arg(run.test.accuracy * 100, 0, 'f', 1);
    notes << (crowded(snap) ? percent : tr("%1 test %2").arg(runName(run), percent));
  }
  m.note = crowded(snap) ? tr("test %1").arg(notes.join(QStringLiteral(" · ")))
                         : notes.join(QStringLiteral(" · "));
  return m;
}

PlotModel lossGap(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("Train − test gap"), tr("test − train loss"));
  m.yIncludesZero = true;
  for (int r = 0; r < int(snap.runs.size()); ++r)
    m.lines.push_back({.name = runName(snap.runs[std::size_t(r)]),
                       .color = runColor(snap, r),
                       .points = toPoints(snap.runs[std::size_t(r)].lossGapHistory),
                       .width = 1.6});
  m.legend = multiRun(snap);
  return m;
}

PlotModel landscape(const Snapshot& snap) {
  PlotModel m = overSteps(snap, tr("Loss landscape along −∇L"), tr("value"));
  m.emptyText = tr("off (View → Loss-landscape probe)");
  m.note = tr("solid: β-smoothness · dashed: loss variation");
  m.yIncludesZero = true;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    m.lines.push_back({.name = runName(run),
                       .color = runColor(snap, r),
                       .points = toPoints(run.betaSmoothness),
                       .width = 1.6});
    m.lines.push_back({.name = runName(run) + tr(" loss variation"),
                       .color = runColor(snap, r),
                       .points = toPoints(run.lossVariation),
                       .width = 1.2,
                       .style = Qt::DashLine,
                       .inLegend = false});
  }
  m.legend = multiRun(snap);
  return m;
}

}  // namespace bnlab
