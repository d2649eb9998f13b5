#include "experiment/experiment_config.h"

#include <algorithm>

#include "common/name_table.h"
#include "experiment/settings_table.h"

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

std::optional<DataSource> dataSourceFromName(std::string_view name) {
  return kSourceNames.find(name);
}

std::vector<std::string_view> dataSourceNames() { return kSourceNames.names(); }

std::vector<std::string> ExperimentConfig::warnings() const {
  std::vector<std::string> found;
  for (const RunSpec& run : runs)
    if (usesBatchStatistics(run.normalization) && run.batchSize.value_or(batchSize) == 1) {
      found.push_back("batch norm on a batch of 1 (run \"" + runLabel(run) +
                      "\"): μ_B = z and σ_B = 0, so every unit's Ẑ is 0, no gradient reaches W and "
                      "the hidden layers learn nothing; use a batch of 8 or more");
      break;
    }
  return found;
}

std::vector<std::string> ExperimentConfig::validate() const {
  // Each setting's range (settings_table.cpp), then what ties settings together.
  std::vector<std::string> errors = rangeErrors(*this);
  if (data.source != DataSource::Toy && (data.unevenScales || data.testShift != 0))
    errors.push_back("uneven scales and the test-input shift apply to toy data only");
  if (data.source == DataSource::Csv && data.path.empty())
    errors.push_back("CSV data needs a file");
  const int depth = int(network.hiddenUnits.size());
  if (depth < 1 || depth > NetworkConfig::kMaxDepth)
    errors.push_back("network.hiddenLayers: hidden layers must number 1 to " +
                     std::to_string(NetworkConfig::kMaxDepth) + ", not " + std::to_string(depth));
  append(errors, validateRuns(runs));
  const auto grouped = [](const RunSpec& run) {
    return run.normalization == Normalization::GroupNorm;
  };
  if (std::any_of(runs.begin(), runs.end(), grouped))
    for (int units : network.hiddenUnits)
      if (network.groups < 1 || units % network.groups != 0) {
        errors.push_back("network.groups: group norm's " + std::to_string(network.groups) +
                         " groups must divide every hidden layer's units, not " +
                         std::to_string(units));
        break;
      }
  return errors;
}

}  // namespace bnlab
