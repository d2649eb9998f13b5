#include "experiment/experiment_config.h"

#include "common/name_table.h"

namespace bnlab {

namespace {
constexpr NameTable<DataSource, 3> kSourceNames{{{
    {DataSource::Toy, "toy"},
    {DataSource::Mnist, "mnist"},
    {DataSource::Csv, "csv"},
}}};

void append(std::vector<std::string>& to, const std::vector<std::string>& from) {
  to.insert(to.end(), from.begin(), from.end());
}
}  // namespace

std::string_view dataSourceName(DataSource source) { return kSourceNames.name(source); }

std::optional<DataSource> dataSourceFromName(std::string_view name) { return kSourceNames.find(name); }

std::vector<std::string> ExperimentConfig::validate() const {
  std::vector<std::string> errors;
  if (data.source == DataSource::Toy) {
    append(errors, data.toy.validate());
  } else {
    if (data.unevenScales || data.testShift != 0)
      errors.push_back("uneven scales and the test-input shift apply to toy data only");
    if (data.source == DataSource::Csv && data.path.empty()) errors.push_back("CSV data needs a file");
    if (data.labelColumn < -1) errors.push_back("the label column must be −1 (the last) or a column number from 0");
    if (data.trainLimit < 0) errors.push_back("the training-example limit must be 0 (all) or more");
  }
  if (!(data.testFraction >= 0.05 && data.testFraction <= 0.9))
    errors.push_back("the test fraction must be between 0.05 and 0.9");
  if (!(data.testShift >= 0 && data.testShift <= 3))
    errors.push_back("the test shift must be between 0 and 3 (training standard deviations)");
  NetworkConfig net = network;
  net.inputs = 2;  // checked against the data when the experiment is built
  net.classes = 2;
  append(errors, net.validate());
  append(errors, optimizer.validate());
  append(errors, validateRuns(runs));
  if (batchSize < 1 || batchSize > kMaxBatchSize)
    errors.push_back("the batch size must be 1 to " + std::to_string(kMaxBatchSize) + ", not " +
                     std::to_string(batchSize));
  if (steps < 0 || steps > kMaxSteps)
    errors.push_back("the number of steps must be 0 (no end) to " + std::to_string(kMaxSteps));
  if (probeSize < 2 || probeSize > 4096) errors.push_back("the probe batch must hold 2 to 4096 examples");
  if (recordEvery < 1 || recordEvery > 100000)
    errors.push_back("record-every must be 1 to 100000 steps");
  if (landscapeEvery < 0 || landscapeEvery > 1000000)
    errors.push_back("landscape-every must be 0 (off) to 1000000 steps");
  if (evaluateEvery < 1 || evaluateEvery > 1000000)
    errors.push_back("evaluate-every must be 1 to 1000000 steps");
  if (seed > kMaxSeed || data.toy.seed > kMaxSeed)
    errors.push_back("seeds must be 0 to " + std::to_string(kMaxSeed));
  return errors;
}

}  // namespace bnlab
