#pragma once
// Snapshot → PlotModel: what each chart shows. Pure conversions of recorded values into points;
// every statistic was computed by the core.
#include <deque>

#include "experiment/snapshot.h"
#include "plot/plot_model.h"

namespace bnlab {

// Display names of the quantities and sources.
QString quantityName(Quantity quantity, bool batchNorm);
QString quantitySymbol(Quantity quantity, bool batchNorm);

// A layer's distribution in one panel: which quantity, and (when focused) the focus.
struct LayerView {
  int layer = 0;
  Quantity quantity = Quantity::ActivationInput;
};

// The distributions to draw for a view: the focused ones when the snapshot has them.
const std::array<DistributionStats, kQuantityCount>& currentStats(const LayerSnapshot& layer);
const std::array<DistributionHistory, kQuantityCount>& historyStats(const LayerSnapshot& layer);

bool compare(const Snapshot& snap);  // the plain and the batch-norm twin?
QString runName(const RunSnapshot& run);
// An empty chart over training steps, with every batch norm switch and kick marked.
plot::PlotModel overSteps(const Snapshot& snap, const QString& title, const QString& yLabel);

// Each run's colour: in compare mode the plain twin orange and the batch-norm twin blue.
QColor runColor(const Snapshot& snap, int run);

// Every chart shows every run of the snapshot on shared axes (one run, or the twins).
plot::PlotModel distributionOverSteps(const Snapshot& snap, const LayerView& view);
plot::PlotModel currentHistogram(const Snapshot& snap, const LayerView& view);
plot::PlotModel momentsOverSteps(const Snapshot& snap, const LayerView& view);
plot::PlotModel shiftOverSteps(const Snapshot& snap, const LayerView& view);

// Per run, the probe batch's (unit 1, unit 2) activation inputs at recent records, oldest first.
using ScatterTrail = std::deque<std::vector<std::array<float, 2>>>;
// The activation inputs of units 1 and 2 on the probe batch, now and (fading) before.
plot::PlotModel unitScatter(const Snapshot& snap, const LayerView& view,
                            const std::vector<ScatterTrail>& trails);

// One or two plain sentences under a layer's charts: which point they show, what to look for.
QString layerCaption(const Snapshot& snap, int layer);

plot::PlotModel lossOverSteps(const Snapshot& snap);
plot::PlotModel accuracyOverSteps(const Snapshot& snap);
plot::PlotModel decisionPlane(const Snapshot& snap, int run);
// μ_B against σ_B of recent training batches around the population values (batch-norm runs).
plot::PlotModel batchNoise(const Snapshot& snap);
// Test loss − train loss per run over steps: the generalization gap.
plot::PlotModel lossGap(const Snapshot& snap);
// The loss-landscape probe's effective β-smoothness and loss variation per run over steps.
plot::PlotModel landscape(const Snapshot& snap);
// Running μ and σ² against the population's over steps, and test accuracy three ways.
plot::PlotModel testTime(const Snapshot& snap);

QVector<QPointF> toPoints(const HistoryView& history);

}  // namespace bnlab
