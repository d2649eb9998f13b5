#pragma once
// The line above the charts when no preset describes the experiment: which run each colour is,
// and how the runs relate (same initial weights; same batches where the batch size agrees).
#include <QString>

#include "experiment/experiment_config.h"

namespace bnlab {

// Rich text (the runs' names in their colours).
QString runsCaption(const ExperimentConfig& config);

}  // namespace bnlab
