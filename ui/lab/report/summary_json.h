#pragma once
// summary.json: the final metrics of each run and each hidden layer's distribution and shift,
// for scripts that compare runs.
//   { "step", "epoch", "recordedAt",
//     "runs": [ { "name", "batchNorm", "batchLoss", "evaluatedAt",
//                 "train": { "loss", "accuracy" }, "test": { "loss", "accuracy" },
//                 "lossProgress": { "firstLoss", "chanceLoss", "recentLoss", "notLearning" },
//                 "testTime": { "runningStatistics", "testSetStatistics", "batchOfOne" },  (batch
//                 norm) "unitPercentiles": { "layer", "unit" (1-based), "percentiles": [15, 50,
//                 85],
//                                      "first": […], "last": […], "drift" },  (Figure 1)
//                 "layers": [ { "layer" (1-based), "units",
//                               "activationInput": { "mean", "std", "percentiles": [0, 6.68, …,
//                               100],
//                                                   "quantiles": [values at those percentiles] },
//                               "shift": { "last", "recent", "max" },
//                               "gradientShift": { "measures", "measuredAt", "last", "recent",
//                                   "mean", "median", "lastRelative", "recentRelative",
//                                   "meanRelative", "medianRelative", "cosineLast",
//                                   "cosineRecent", "cosineMean", "cosineMedian",
//                                   "gradientNorm" } } ] } ] }  (measure.gradientShiftEvery > 0)
// Shifts are 1-Wasserstein distances per 100 steps (see LayerSnapshot); the gradient shift is
// ‖G − G′‖, ‖G − G′‖/‖G‖ and cos(G, G′) (see GradientShiftSummary).
#include <QJsonObject>

#include "experiment/snapshot.h"

namespace bnlab {

QJsonObject summaryToJson(const Snapshot& snapshot);

}  // namespace bnlab
