#pragma once
// The batch norm paper's Figure 1 as three (or more) charts of their own, for the large view:
// (a) each run's test accuracy over steps, and (b), (c), … one chart per run with the 15th,
// 50th and 85th percentiles of the followed unit's activation input over steps, all on the same
// y axis so that one run's drift reads against another's stillness.
#include <vector>

#include "experiment/snapshot.h"
#include "render/plot_model.h"

namespace bnlab {

// (a): test accuracy (evaluation mode) of every run over steps, in the runs' colours.
plot::PlotModel figureOneAccuracy(const Snapshot& snap);

// (b), (c), …: one chart per run of the followed unit's 15th, 50th and 85th percentiles, on one
// shared y range.
std::vector<plot::PlotModel> figureOnePercentiles(const Snapshot& snap);

}  // namespace bnlab
