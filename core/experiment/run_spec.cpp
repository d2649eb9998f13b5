#include "experiment/run_spec.h"

#include <cstdio>
#include <set>
#include <stdexcept>

#include "experiment/run_fields.h"

namespace bnlab {

namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

std::string compactNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// The non-leading fields as the command line names them: "batch, dropout or name".
std::string fieldNames() {
  std::vector<std::string_view> names;
  for (const RunField& f : runFields())
    if (!f.leading) names.push_back(f.shortName());
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i)
    text += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + std::string(names[i]);
  return text;
}

// One run: the leading field's value, then `:name=value` for any of the others.
RunSpec parseRun(std::string_view part) {
  const std::string whole = trim(part);
  std::string_view rest = whole;
  const auto colon = rest.find(':');
  const std::string kind = trim(rest.substr(0, colon));
  const RunField& leading = runFields().front();
  RunSpec spec;
  if (const auto value = parseRunValue(leading, kind)) {
    leading.set(spec, *value);
  } else {
    std::string known;
    for (std::string_view word : leading.choices())
      known += (known.empty() ? "" : ", ") + std::string(word);
    throw std::invalid_argument("unknown run kind \"" + kind + "\" in \"" + whole +
                                "\" (one of: " + known + ")");
  }
  rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
  while (!rest.empty()) {
    const auto next = rest.find(':');
    const std::string setting = trim(rest.substr(0, next));
    rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
    const auto equals = setting.find('=');
    if (equals == std::string::npos)
      throw std::invalid_argument("\"" + setting + "\" in \"" + whole + "\" is not key=value");
    const std::string name = trim(std::string_view(setting).substr(0, equals));
    const std::string text = trim(std::string_view(setting).substr(equals + 1));
    const RunField* field = findRunField(name);
    if (!field || field->leading)
      throw std::invalid_argument("unknown setting \"" + name + "\" in \"" + whole + "\" (" +
                                  fieldNames() + ")");
    const auto value = parseRunValue(*field, text);
    if (!value)
      throw std::invalid_argument("bad value \"" + text + "\" for " + name + " in \"" + whole +
                                  "\"");
    field->set(spec, *value);
  }
  return spec;
}

}  // namespace

NetworkConfig networkFor(const RunSpec& spec, const NetworkConfig& base) {
  NetworkConfig network = base;
  network.normalization = spec.normalization;
  if (spec.dropout) network.dropout = static_cast<Scalar>(*spec.dropout);
  return network;
}

std::string runLabel(const RunSpec& spec) {
  if (!spec.name.empty()) return spec.name;
  std::string label(normalizationInfo(spec.normalization).label);
  if (spec.batchSize) label += " · batch " + std::to_string(*spec.batchSize);
  if (spec.dropout) label += " · dropout " + compactNumber(*spec.dropout);
  return label;
}

std::vector<std::string> validateRun(const RunSpec& spec) {
  std::vector<std::string> errors;
  const std::string who = "run \"" + runLabel(spec) + "\": ";
  for (const RunField& field : runFields()) {
    const std::optional<SettingValue> value = field.get(spec);
    if (!value || !field.range.bounded()) continue;
    const bool whole = field.kind == SettingKind::Integer;
    const double number = whole ? double(std::get<std::int64_t>(*value)) : std::get<double>(*value);
    if (!field.range.contains(number))
      errors.push_back(who + std::string(field.label) + " must be " + field.range.text(whole) +
                       ", not " + formatSettingValue(*value));
  }
  if (spec.name.size() > 80) errors.push_back(who + "the name must be at most 80 characters");
  if (spec.name.find_first_of(",:") != std::string::npos)
    errors.push_back(who +
                     "a name cannot hold a comma or a colon (they separate runs and settings)");
  if (!spec.name.empty() && trim(spec.name) != spec.name)
    errors.push_back(who + "a name cannot begin or end with a space");
  return errors;
}

std::vector<std::string> validateRuns(const std::vector<RunSpec>& runs) {
  std::vector<std::string> errors;
  if (runs.empty() || int(runs.size()) > kMaxRuns)
    errors.push_back("an experiment has 1 to " + std::to_string(kMaxRuns) + " runs, not " +
                     std::to_string(runs.size()));
  std::set<std::string> labels;
  for (const RunSpec& spec : runs) {
    const std::vector<std::string> own = validateRun(spec);
    errors.insert(errors.end(), own.begin(), own.end());
    if (!labels.insert(runLabel(spec)).second)
      errors.push_back("two runs are called \"" + runLabel(spec) + "\"; give one a name");
  }
  return errors;
}

std::vector<RunSpec> parseRunList(std::string_view text) {
  std::vector<RunSpec> runs;
  while (true) {
    const auto comma = text.find(',');
    const std::string part = trim(text.substr(0, comma));
    if (part.empty()) throw std::invalid_argument("an empty run in the run list");
    runs.push_back(parseRun(part));
    if (comma == std::string_view::npos) break;
    text = text.substr(comma + 1);
  }
  return runs;
}

std::string formatRunList(const std::vector<RunSpec>& runs) {
  std::string text;
  for (const RunSpec& spec : runs) {
    if (!text.empty()) text += ',';
    for (const RunField& field : runFields())
      if (const std::optional<SettingValue> value = field.get(spec))
        text += field.leading
                    ? formatSettingValue(*value)
                    : ":" + std::string(field.shortName()) + "=" + formatSettingValue(*value);
  }
  return text;
}

std::optional<std::vector<RunSpec>> runsForBatchNorm(std::string_view mode) {
  RunSpec plain, normed;
  normed.normalization = Normalization::BatchNorm;
  if (mode == "off") return std::vector<RunSpec>{plain};
  if (mode == "on") return std::vector<RunSpec>{normed};
  if (mode == "compare") return std::vector<RunSpec>{plain, normed};
  return std::nullopt;
}

std::optional<std::string_view> batchNormShorthand(const std::vector<RunSpec>& runs) {
  for (std::string_view mode : {"off", "on", "compare"})
    if (runsForBatchNorm(mode) == runs) return mode;
  return std::nullopt;
}

}  // namespace bnlab
