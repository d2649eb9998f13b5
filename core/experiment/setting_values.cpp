// Values and ranges of the settings table's rows: checks and the words messages use.
#include <cmath>
#include <cstdio>

#include "experiment/settings_table.h"

namespace bnlab {

namespace {

// Whole numbers without an exponent, others as %g: "512", "100000000", "0.05", "1e-05".
std::string formatNumber(double v) {
  char text[40];
  if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15)
    std::snprintf(text, sizeof text, "%.0f", v);
  else
    std::snprintf(text, sizeof text, "%g", v);
  return text;
}

}  // namespace

bool SettingRange::contains(double v) const {
  return (openMin ? v > min : v >= min) && (openMax ? v < max : v <= max);
}

std::string SettingRange::text(bool integer) const {
  const std::string low =
      formatNumber(min) + (minMeaning.empty() ? "" : " (" + std::string(minMeaning) + ")");
  const bool noMax = max == std::numeric_limits<double>::infinity();
  if (integer || (!openMin && !openMax && !noMax)) {
    if (noMax) return low + " or more";
    return (integer ? "" : "between ") + low + (integer ? " to " : " and ") + formatNumber(max);
  }
  if (noMax) return (openMin ? "greater than " : "at least ") + low;
  return std::string("in ") + (openMin ? "(" : "[") + formatNumber(min) + ", " + formatNumber(max) +
         (openMax ? ")" : "]");
}

bool acceptsValue(const Setting& setting, const SettingValue& value) {
  switch (setting.kind) {
    case SettingKind::Integer:
      return std::holds_alternative<std::int64_t>(value);
    case SettingKind::Number:
      return std::holds_alternative<double>(value) && std::isfinite(std::get<double>(value));
    case SettingKind::Flag:
      return std::holds_alternative<bool>(value);
    case SettingKind::Text:
      return std::holds_alternative<std::string>(value);
    case SettingKind::Widths:
      return std::holds_alternative<std::vector<int>>(value) &&
             !std::get<std::vector<int>>(value).empty();
    case SettingKind::Choice:
      if (!std::holds_alternative<std::string>(value)) return false;
      for (std::string_view word : setting.choices())
        if (word == std::get<std::string>(value)) return true;
      return false;
  }
  return false;
}

std::string formatSettingValue(const SettingValue& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) return formatNumber(*d);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "on" : "off";
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  std::string list;
  for (int units : std::get<std::vector<int>>(value)) {
    if (!list.empty()) list += ',';
    list += std::to_string(units);
  }
  return list;
}

std::optional<std::string> rangeError(const Setting& s, const ExperimentConfig& config) {
  if (!s.ranged() || s.shorthand) return std::nullopt;
  const SettingValue value = s.get(config);
  std::vector<double> numbers;
  if (const auto* i = std::get_if<std::int64_t>(&value)) numbers.push_back(double(*i));
  if (const auto* d = std::get_if<double>(&value)) numbers.push_back(*d);
  if (const auto* w = std::get_if<std::vector<int>>(&value)) numbers.assign(w->begin(), w->end());
  for (double v : numbers)
    if (!s.range.contains(v))
      return std::string(s.key) + ": " + std::string(s.label) + " must be " +
             s.range.text(s.kind != SettingKind::Number) + ", not " + formatNumber(v);
  return std::nullopt;
}

std::vector<std::string> rangeErrors(const ExperimentConfig& config) {
  std::vector<std::string> errors;
  for (const Setting& s : settings())
    if (std::optional<std::string> error = rangeError(s, config)) errors.push_back(*error);
  return errors;
}

}  // namespace bnlab
