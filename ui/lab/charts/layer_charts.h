#pragma once
// A hidden layer's charts: its distribution over steps (percentile bands), the histogram now,
// mean and std over steps, units 1 and 2 against each other, and its shift; every run on
// shared axes. And the caption under them.
#include "experiment/snapshot.h"
#include "render/plot_model.h"

namespace bnlab {

// Display names of the quantities.
QString quantitySymbol(Quantity quantity, bool normalized);

// Which layer a panel shows, and which of its quantities.
struct LayerView {
  int layer = 0;
  Quantity quantity = Quantity::ActivationInput;
};

// The distributions to draw for a layer: the focused ones when the snapshot has them.
const std::array<DistributionStats, kQuantityCount>& currentStats(const LayerSnapshot& layer);
const std::array<DistributionHistory, kQuantityCount>& historyStats(const LayerSnapshot& layer);

plot::PlotModel distributionOverSteps(const Snapshot& snap, const LayerView& view);
plot::PlotModel currentHistogram(const Snapshot& snap, const LayerView& view);
plot::PlotModel momentsOverSteps(const Snapshot& snap, const LayerView& view);
plot::PlotModel shiftOverSteps(const Snapshot& snap, const LayerView& view);

// The activation inputs of units 1 and 2 on the probe batch, now and (fading) at the records
// before (LayerSnapshot::scatterTrail).
plot::PlotModel unitScatter(const Snapshot& snap, const LayerView& view);

// A small chart of layer `layer` for the overview of every layer: its activation input's bands
// and median over steps for every run, as distributionOverSteps draws them, titled by the
// layer; the key to the bands only on the first layer's.
plot::PlotModel layerOverview(const Snapshot& snap, int layer);

// One or two plain sentences under a layer's charts: which point they show, what to look for,
// naming the runs by their colours.
QString layerCaption(const Snapshot& snap, int layer);

}  // namespace bnlab
