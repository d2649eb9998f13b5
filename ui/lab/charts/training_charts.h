#pragma once
// How training goes, per run over steps: loss, accuracy, the generalization gap and the
// loss-landscape probe.
#include "experiment/snapshot.h"
#include "render/plot_model.h"

namespace bnlab {

plot::PlotModel lossOverSteps(const Snapshot& snap);
plot::PlotModel accuracyOverSteps(const Snapshot& snap);
// Test loss − train loss per run over steps: the generalization gap.
plot::PlotModel lossGap(const Snapshot& snap);
// The loss-landscape probe's effective β-smoothness and loss variation per run over steps.
plot::PlotModel landscape(const Snapshot& snap);

}  // namespace bnlab
