#pragma once
// The fields of a run (RunSpec), one row each: the one table that the command line's run list
// (parseRunList and formatRunList, run_spec.cpp) and the "runs" of configuration files
// (ui/lab/config/config_json.cpp) read and write, and whose ranges validateRun checks. Both
// forms accept a field by its key and by its alias:
//   command line   batch-norm:batch=512:dropout=0.1:name=big
//   file           {"normalization": "batch-norm", "batchSize": 512, "dropout": 0.1,
//                   "name": "big"}
// A new field of a run is a member of RunSpec and a row in run_fields.cpp.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "experiment/settings_table.h"

namespace bnlab {

struct RunField {
  std::string_view key = {};    // in files, and accepted on the command line: "batchSize"
  std::string_view alias = {};  // the short form the command line writes: "batch" ("": none)
  SettingKind kind = SettingKind::Number;  // Choice, Integer, Number or Text
  std::string_view label = {};             // names it in messages: "the batch size"
  SettingRange range = {};                 // Integer and Number: what validateRun accepts
  // The run's kind: first on the command line, with no key ("batch-norm:batch=512"); required
  // in files.
  bool leading = false;
  // The field's value; nullopt while the run takes the experiment's.
  std::optional<SettingValue> (*get)(const RunSpec&) = nullptr;
  // Sets the field from a value of its kind (a Choice already one of choices()).
  void (*set)(RunSpec&, const SettingValue&) = nullptr;
  std::vector<std::string_view> (*choices)() = nullptr;  // Choice: every accepted word

  // What the command line writes before "=": the alias, or the key when there is none.
  std::string_view shortName() const { return alias.empty() ? key : alias; }
};

// Every field of a run, in the order both forms write them.
std::span<const RunField> runFields();
// The field called `name`, by its key or its alias; null for another word.
const RunField* findRunField(std::string_view name);
// `text` from the command line as a value of the field's kind (a whole number that fits an
// int, a finite number, non-empty text, one of the words), or nullopt.
std::optional<SettingValue> parseRunValue(const RunField& field, std::string_view text);

}  // namespace bnlab
