#pragma once
// One run's test-set confusion: it stands in for the decision plane when the data has more than
// two features.
#include "experiment/snapshot.h"
#include "render/plot_model.h"

namespace bnlab {

// Rows the true class (named), columns the predicted class, each row's share of predictions as
// the cell's shade.
plot::PlotModel confusionMatrix(const Snapshot& snap, int run);

}  // namespace bnlab
