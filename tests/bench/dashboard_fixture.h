#pragma once
// The dashboard the drawing benchmarks draw: four hidden layers of 16 units, both twins, and a
// snapshot whose every history holds its full 512 points.
#include "experiment/experiment.h"

namespace bnlab::bench {

inline ExperimentConfig dashboardConfig() {
  ExperimentConfig config;
  config.network.hiddenUnits = {16, 16, 16, 16};
  config.runs = *runsForBatchNorm("compare");  // the default: both twins in every view
  return config;
}

inline SnapshotPtr fullSnapshot() {
  ExperimentConfig config = dashboardConfig();
  config.recordEvery = 1;
  config.evaluateEvery = 2;
  Experiment experiment(config);
  for (int i = 0; i < 3000; ++i) experiment.step();
  experiment.updateDecisionMaps(56, 56);
  return experiment.snapshot();
}

}  // namespace bnlab::bench
