#pragma once
// Views for data beyond the plane: the confusion matrix that stands in for the decision plane
// when there are more than two features, and the batch norm paper's Figure 1 (b, c).
#include "experiment/snapshot.h"
#include "plot/plot_model.h"

namespace bnlab {

// Run `run`'s test-set confusion: rows the true class (named), columns the predicted class,
// each row's share of predictions as the cell's shade.
plot::PlotModel confusionMatrix(const Snapshot& snap, int run);

// The 15th, 50th and 85th percentiles of the followed unit's activation input over steps, for
// every run: Ioffe & Szegedy (2015), Figure 1 (b) without and (c) with batch norm.
plot::PlotModel paperFigureOne(const Snapshot& snap);

}  // namespace bnlab
