#pragma once
// A run of an experiment and how it differs from the experiment's base settings: the
// normalization of its hidden layers and, optionally, its own batch size and dropout. Every run
// of an experiment starts from the same initial W; runs with the same batch size see the same
// mini-batches.
//
// Its fields are rows of one table (run_fields.h), which the command line's run list below and
// configuration files both read.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "network/network_config.h"

namespace bnlab {

struct RunSpec {
  std::string name;  // shown in legends; empty: made from the rest (see runLabel)
  Normalization normalization = Normalization::None;
  std::optional<int> batchSize;   // 1 … 512; unset: the experiment's
  std::optional<double> dropout;  // 0 … 0.9; unset: the experiment's

  bool operator==(const RunSpec&) const = default;
};

inline constexpr int kMaxRuns = 4;
inline constexpr int kMaxBatchSize = 512;  // of a run and of the experiment

// The network of a run: `base` (the experiment's) with the run's normalization and dropout.
NetworkConfig networkFor(const RunSpec& spec, const NetworkConfig& base);

// The run's name, or one made from what sets it apart: "batch norm", "batch norm · batch 512".
std::string runLabel(const RunSpec& spec);

// Problems with one run (empty when valid), each prefixed with the run's label.
std::vector<std::string> validateRun(const RunSpec& spec);
// Problems with a list: 1 to kMaxRuns runs, names unique, each run valid.
std::vector<std::string> validateRuns(const std::vector<RunSpec>& runs);

// The command line's run list: comma-separated runs, each a normalization key followed by
// optional `:key=value` fields (run_fields.h) — batch=N (or batchSize=N), dropout=P, name=TEXT —
// for example "plain,batch-norm,batch-norm:batch=512". Throws std::invalid_argument naming the
// bad part.
std::vector<RunSpec> parseRunList(std::string_view text);
std::string formatRunList(const std::vector<RunSpec>& runs);

// The batch-norm shorthand: "off" (one plain network), "on" (one with batch norm), "compare"
// (the plain and the batch-norm twin). nullopt for another word.
std::optional<std::vector<RunSpec>> runsForBatchNorm(std::string_view mode);
// The shorthand that describes `runs`, if one does ("compare" for [plain, batch norm]).
std::optional<std::string_view> batchNormShorthand(const std::vector<RunSpec>& runs);

}  // namespace bnlab
