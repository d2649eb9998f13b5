#pragma once
// What every chart builder shares: run names and colours, the empty chart over steps with its
// markers, and recorded series as points. Builders turn a Snapshot into a PlotModel; every
// statistic they show was computed by the core.
#include <QString>

#include "experiment/snapshot.h"
#include "render/plot_model.h"

namespace bnlab {

// One snapshot run or several: with several, every series is coloured by its run and
// legends carry the runs' names.
bool multiRun(const Snapshot& snap);
// Whether any run normalizes its activation input now: it is then named Z̃ (Z in the others).
bool anyNormalized(const Snapshot& snap);
// More than two runs: charts draw fewer bands and shorter legends (one entry per run) so that
// four runs stay readable on one set of axes. Two runs look like the original comparison.
bool crowded(const Snapshot& snap);

QString runName(const RunSnapshot& run);
// Run `run`'s colour: blue when it is the only one, else the palette's run colours in order
// (orange, blue, green, purple: the plain and batch-norm pair is orange and blue).
QColor runColor(const Snapshot& snap, int run);
// A stable file-name part for a run, unique in the snapshot: "plain", "batch-norm",
// "batch-norm-batch-512" (made from its label).
QString runFileName(const Snapshot& snap, int run);

// The title of run `run`'s own chart: "Decision plane" for the only run, "Decision plane:
// plain" for one of two; with more runs the name first ("batch norm · batch 512: decision
// plane"), so that a narrow chart in the grid keeps it.
QString runViewTitle(const Snapshot& snap, int run, const QString& what);

// An empty chart over training steps, with every batch norm switch and kick marked.
plot::PlotModel overSteps(const Snapshot& snap, const QString& title, const QString& yLabel);

QVector<QPointF> toPoints(const HistoryView& history);

}  // namespace bnlab
