#pragma once
// One run's decision plane (2-D data): the class it predicts at each point of the input plane,
// shaded by confidence, with the training and test points and the example the user chose.
#include "experiment/snapshot.h"
#include "render/plot_model.h"

namespace bnlab {

plot::PlotModel decisionPlane(const Snapshot& snap, int run);

}  // namespace bnlab
