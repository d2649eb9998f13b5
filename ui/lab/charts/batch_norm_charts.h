#pragma once
// What batch norm itself does, for every run that has it: the noise of batch statistics, the
// running statistics used at test time, and the paper's Figure 1. Several batch-norm runs share
// one set of axes, each in its colour: batch noise shrinking with the batch size is the
// regularization lesson.
#include "experiment/snapshot.h"
#include "render/plot_model.h"

namespace bnlab {

// μ_B against σ_B of recent training batches around the population values (batch-norm runs).
plot::PlotModel batchNoise(const Snapshot& snap);
// Running μ and σ² against the population's over steps, and test accuracy three ways.
plot::PlotModel testTime(const Snapshot& snap);
// The 15th, 50th and 85th percentiles of the followed unit's activation input over steps, for
// every run: Ioffe & Szegedy (2015), Figure 1 (b) without and (c) with batch norm.
plot::PlotModel paperFigureOne(const Snapshot& snap);

}  // namespace bnlab
