#pragma once
// The examples of a DataConfig: generated, read from MNIST-format files or a CSV table, split,
// optionally limited, and standardized with statistics of the training split. Only what is
// used is read: with a training limit, the first n training images of an MNIST folder (the
// first n of the shuffled training split of a CSV table, which is read whole); of an MNIST
// test set, the first Experiment::kEvaluationLimit images, all that evaluations look at. Files
// are read once: the last data set loaded is kept and shared while its config stays the same.
#include <memory>

#include "data/dataset.h"
#include "experiment/experiment_config.h"

namespace bnlab {

// Throws DataError (data/data_error.h) when files are missing or malformed.
DataSplit makeDataSplit(const DataConfig& config);

// makeDataSplit, memoized for the last config asked for (thread-safe).
std::shared_ptr<const DataSplit> loadDataSplit(const DataConfig& config);

// What a missing Fashion-MNIST install says, and how to get it.
extern const char* const kFashionMnistMissing;

}  // namespace bnlab
