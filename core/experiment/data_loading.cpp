#include "experiment/data_loading.h"

#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "data/covariate_shift.h"
#include "data/csv_reader.h"
#include "data/data_error.h"
#include "data/idx_reader.h"
#include "data/standardizer.h"
#include "data/toy_data.h"
#include "experiment/experiment.h"

namespace bnlab {

const char* const kFashionMnistMissing =
    "Fashion-MNIST is not installed: install Debian's package dataset-fashion-mnist "
    "(sudo apt-get install dataset-fashion-mnist), or open a folder of MNIST-format files";

namespace {

DataSplit toySplit(const DataConfig& config) {
  DataSplit split = splitTrainTest(makeToyData(config.toy), config.testFraction, config.toy.seed);
  shiftTestInputs(split, config.toy, config.testShift);  // in the generator's own coordinates
  if (config.unevenScales)
    for (Dataset* d : {&split.train, &split.test})
      rescaleFeatures(*d, kUnevenScales, kUnevenOffsets);
  return split;
}

DataSplit mnistSplit(const DataConfig& config) {
  const bool fashion = config.path.empty();
  const std::string folder = fashion ? kFashionMnistFolder : config.path;
  if (fashion && !findMnistFiles(folder)) throw DataError(kFashionMnistMissing);
  // The first trainLimit training images, and of the test set what evaluations look at.
  DataSplit split = loadMnistFolder(folder, {}, {config.trainLimit, Experiment::kEvaluationLimit});
  if (fashion ||
      std::filesystem::path(folder).filename().string().find("fashion") != std::string::npos)
    if (split.train.classes == 10)
      for (Dataset* d : {&split.train, &split.test}) d->classNames = fashionMnistClassNames();
  return split;
}

DataSplit csvSplit(const DataConfig& config) {
  CsvOptions options;
  options.labelColumn = config.labelColumn;
  const Dataset table = readCsvFile(config.path, options);
  return splitTrainTest(table, config.testFraction, config.toy.seed, config.trainLimit);
}

// The data's file or folder, as messages name it.
std::string sourceName(const DataConfig& config) {
  switch (config.source) {
    case DataSource::Toy:
      return "the generated data";
    case DataSource::Mnist:
      return config.path.empty() ? std::string(kFashionMnistFolder) : config.path;
    case DataSource::Csv:
      return config.path;
  }
  return {};
}

// Throws unless the split leaves 2 examples to train on and 1 to test on, naming the data and
// what divided it.
void checkSplitSizes(const DataSplit& split, const DataConfig& config) {
  if (split.train.size() >= 2 && split.test.size() >= 1) return;
  std::vector<std::string> how;
  if (config.source != DataSource::Mnist) {
    char fraction[32];
    std::snprintf(fraction, sizeof fraction, "test fraction %g", config.testFraction);
    how.emplace_back(fraction);
  }
  if (config.source != DataSource::Toy && config.trainLimit > 0)
    how.push_back("train limit " + std::to_string(config.trainLimit));
  std::string where = sourceName(config) + ": " +
                      std::to_string(split.train.size() + split.test.size()) + " examples";
  if (!how.empty()) where += " (" + how.front() + (how.size() > 1 ? ", " + how.back() : "") + ")";
  if (split.train.size() < 2)
    throw DataError(where + " leave " + std::to_string(split.train.size()) +
                    " to train on; training needs at least 2");
  throw DataError(where + " leave none to test on: raise the test fraction");
}

}  // namespace

DataSplit makeDataSplit(const DataConfig& config) {
  DataSplit split;
  switch (config.source) {
    case DataSource::Toy:
      split = toySplit(config);
      break;
    case DataSource::Mnist:
      split = mnistSplit(config);
      break;
    case DataSource::Csv:
      split = csvSplit(config);
      break;
  }
  checkSplitSizes(split, config);
  if (config.standardize) Standardizer::fit(split.train.features).apply(split);
  return split;
}

std::shared_ptr<const DataSplit> loadDataSplit(const DataConfig& config) {
  static std::mutex mutex;
  static DataConfig lastConfig;
  static std::shared_ptr<const DataSplit> last;
  std::lock_guard lock(mutex);
  if (!last || config != lastConfig) {
    last.reset();  // free the old data before reading the new
    last = std::make_shared<const DataSplit>(makeDataSplit(config));
    lastConfig = config;
  }
  return last;
}

}  // namespace bnlab
