#pragma once
// A hidden layer's gradient shift over steps (internal covariate shift as Santurkar et al. 2018
// measure it, core/experiment/gradient_shift.h), every run on shared axes: ‖G − G′‖/‖G‖ in one
// chart and cos(G, G′) in another, since the two read on different scales.
#include "experiment/snapshot.h"
#include "render/plot_model.h"

namespace bnlab {

// Whether the layer charts should show the gradient shift: it is measured now or was.
bool gradientShiftShown(const Snapshot& snap);

plot::PlotModel gradientShiftOverSteps(const Snapshot& snap, int layer);
plot::PlotModel gradientCosineOverSteps(const Snapshot& snap, int layer);

}  // namespace bnlab
