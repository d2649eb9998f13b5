#pragma once
// The line above the charts when no preset describes the experiment: which run each colour is,
// and how the runs relate (same initial weights; same batches where the batch size agrees).
#include <QString>
#include <QStringList>

#include "experiment/experiment_config.h"

namespace bnlab {

// Rich text (the runs' names in their colours), with a line for each normalization other than
// plain and batch norm.
QString runsCaption(const ExperimentConfig& config);

// One rich-text line per distinct normalization of `runs` ("<b>label</b>: description"),
// skipping plain and batch norm unless `all`.
QStringList normalizationLines(const std::vector<RunSpec>& runs, bool all);

}  // namespace bnlab
