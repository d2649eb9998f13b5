#include "experiment/run_fields.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>

namespace bnlab {

namespace {

std::vector<std::string_view> normalizationKeys() {
  std::vector<std::string_view> keys;
  for (const NormalizationInfo& n : normalizations()) keys.push_back(n.key);
  return keys;
}

const std::vector<RunField>& table() {
  static const std::vector<RunField> rows = {
      {.key = "normalization",
       .kind = SettingKind::Choice,
       .label = "the normalization",
       .leading = true,
       .get = [](const RunSpec& r) -> std::optional<SettingValue> {
         return std::string(normalizationInfo(r.normalization).key);
       },
       .set =
           [](RunSpec& r, const SettingValue& v) {
             r.normalization = *normalizationFromKey(std::get<std::string>(v));
           },
       .choices = normalizationKeys},
      {.key = "batchSize",
       .alias = "batch",
       .kind = SettingKind::Integer,
       .label = "the batch size",
       .range = {.min = 1, .max = kMaxBatchSize},
       .get = [](const RunSpec& r) -> std::optional<SettingValue> {
         if (!r.batchSize) return std::nullopt;
         return std::int64_t(*r.batchSize);
       },
       .set =
           [](RunSpec& r, const SettingValue& v) {
             // Saturated, so that validation sees a number beyond int as out of range.
             r.batchSize =
                 int(std::clamp<std::int64_t>(std::get<std::int64_t>(v), INT_MIN, INT_MAX));
           }},
      {.key = "dropout",
       .kind = SettingKind::Number,
       .label = "dropout",
       .range = {.min = 0, .max = 0.9},
       .get = [](const RunSpec& r) -> std::optional<SettingValue> {
         if (!r.dropout) return std::nullopt;
         return *r.dropout;
       },
       .set = [](RunSpec& r, const SettingValue& v) { r.dropout = std::get<double>(v); }},
      {.key = "name",
       .kind = SettingKind::Text,
       .label = "the name",
       .get = [](const RunSpec& r) -> std::optional<SettingValue> {
         if (r.name.empty()) return std::nullopt;
         return r.name;
       },
       .set = [](RunSpec& r, const SettingValue& v) { r.name = std::get<std::string>(v); }},
  };
  return rows;
}

}  // namespace

std::span<const RunField> runFields() { return table(); }

const RunField* findRunField(std::string_view name) {
  for (const RunField& f : table())
    if (f.key == name || (!f.alias.empty() && f.alias == name)) return &f;
  return nullptr;
}

std::optional<SettingValue> parseRunValue(const RunField& field, std::string_view text) {
  const char* const end = text.data() + text.size();
  switch (field.kind) {
    case SettingKind::Integer: {
      int value = 0;
      const auto [stop, error] = std::from_chars(text.data(), end, value);
      if (error != std::errc() || stop != end) return std::nullopt;
      return std::int64_t(value);
    }
    case SettingKind::Number: {
      double value = 0;
      const auto [stop, error] = std::from_chars(text.data(), end, value);
      if (error != std::errc() || stop != end || !std::isfinite(value)) return std::nullopt;
      return value;
    }
    case SettingKind::Text:
      if (text.empty()) return std::nullopt;
      return std::string(text);
    case SettingKind::Choice:
      for (std::string_view word : field.choices())
        if (word == text) return std::string(text);
      return std::nullopt;
    case SettingKind::Flag:
    case SettingKind::Widths:
      break;
  }
  return std::nullopt;
}

}  // namespace bnlab
