#pragma once
// The one table of an experiment's settings: for each, its key in configuration files, its
// command-line option, its kind, its range, its help text and how to reach its field of
// ExperimentConfig. Configuration files (ui/config_json), the command line (app/command_line),
// validation (ExperimentConfig::validate) and the window's controls (ui/control_panel) all read
// it; a new setting is one row in settings_table.cpp. A row that sets applyLive changes a
// running experiment (its control sends SetSetting, ui/lab/session/training_command.h); any
// other row's change rebuilds the network.
//
// The list of runs is not a row: it is a structured list of its own (run_spec.h), set by the
// "runs" key, --runs and the batch-norm shorthand row ("network.batchNorm", --batch-norm).
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "experiment/experiment_config.h"

namespace bnlab {

class Experiment;

enum class SettingKind {
  Integer,  // a whole number
  Number,   // a finite real number
  Flag,     // true or false (on or off on the command line)
  Choice,   // one word of a fixed list
  Widths,   // a list of whole numbers (units of each hidden layer)
  Text,     // any text (a path)
};

// A setting's value, one alternative per kind: Integer → int64, Number → double, Flag → bool,
// Choice and Text → string, Widths → vector<int>.
using SettingValue = std::variant<std::int64_t, double, bool, std::string, std::vector<int>>;

// The values a number may take: [min, max], either end open. Widths: each element's range.
struct SettingRange {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool openMin = false, openMax = false;
  std::string_view minMeaning = {};  // what the minimum stands for, e.g. "off", "no end"

  bool bounded() const {
    return min > -std::numeric_limits<double>::infinity() ||
           max < std::numeric_limits<double>::infinity();
  }
  bool contains(double v) const;
  // "1 to 512", "0 (off) to 1000000", "between 0.05 and 0.9", "in (0, 10]".
  std::string text(bool integer) const;
};

struct Setting {
  std::string_view key = {};  // in configuration files: "section.field", e.g. "training.batchSize"
  std::string_view option = {};     // on the command line (without "--"); "" = files only
  std::string_view valueName = {};  // the option's value in --help: "n", "x", "name"
  SettingKind kind = SettingKind::Number;
  std::string_view label = {};    // names it in messages: "the batch size"
  std::string_view help = {};     // one line for --help (the range and default are added)
  std::string_view tooltip = {};  // the window's longer explanation ("" = help)
  SettingRange range = {};        // Integer, Number and Widths; unbounded otherwise
  // Gives a running experiment the row's value in `config`, from its next step, without a
  // rebuild. Null: a change rebuilds the network.
  void (*applyLive)(Experiment&, const ExperimentConfig& config) = nullptr;
  // The field itself (from field(), settings_table.cpp).
  SettingValue (*get)(const ExperimentConfig&) = nullptr;
  // Sets the field from a value of this kind (a Choice already checked against choices()).
  void (*set)(ExperimentConfig&, const SettingValue&) = nullptr;
  std::vector<std::string_view> (*choices)() = nullptr;  // Choice: every accepted word
  // Read from files and the command line but never written: another setting holds its value
  // (the batch-norm shorthand writes "runs").
  bool shorthand = false;

  std::string_view section() const { return key.substr(0, key.find('.')); }
  std::string_view field() const { return key.substr(key.find('.') + 1); }
  bool ranged() const { return range.bounded(); }
};

// Every setting, in the order of the configuration file format and of --help.
std::span<const Setting> settings();
// The setting with this key ("training.batchSize"), or null.
const Setting* findSetting(std::string_view key);
// The setting with this command-line option ("batch-size"), or null.
const Setting* findOption(std::string_view option);

// Whether `value` is of `setting`'s kind and, for a Choice, one of its words.
bool acceptsValue(const Setting& setting, const SettingValue& value);
// The value as text: "64", "0.01", "on", "relu", "16,16,16".
std::string formatSettingValue(const SettingValue& value);

// The message for `setting`'s field of `config` when it is outside the setting's range, naming
// the setting's key: "training.batchSize: the batch size must be 1 to 512, not 4096".
std::optional<std::string> rangeError(const Setting& setting, const ExperimentConfig& config);
// One such message for each setting.
std::vector<std::string> rangeErrors(const ExperimentConfig& config);

}  // namespace bnlab
