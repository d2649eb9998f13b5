#pragma once
// How a row of the settings table reaches its field of ExperimentConfig: field(row, ref) gives
// the row the kind, accessors and choices that the field's C++ type calls for. Included by
// settings_table.cpp only.
#include <algorithm>
#include <climits>
#include <concepts>
#include <type_traits>

#include "experiment/settings_table.h"

namespace bnlab::setting_field {

// A field's value as a SettingValue and back, by the field's C++ type.
inline SettingValue toValue(int v) { return std::int64_t(v); }
inline SettingValue toValue(std::int64_t v) { return v; }
inline SettingValue toValue(std::uint64_t v) { return std::int64_t(v); }
template <std::floating_point Real>  // float or double (Scalar is either)
inline SettingValue toValue(Real v) {
  return double(v);
}
inline SettingValue toValue(bool v) { return v; }
inline SettingValue toValue(const std::string& v) { return v; }
inline SettingValue toValue(const std::vector<int>& v) { return v; }
inline SettingValue toValue(DataSource v) { return std::string(dataSourceName(v)); }
inline SettingValue toValue(ToyKind v) { return std::string(toyName(v)); }
inline SettingValue toValue(ActivationKind v) { return std::string(activationName(v)); }
inline SettingValue toValue(InitKind v) { return std::string(initName(v)); }
inline SettingValue toValue(OptimizerKind v) { return std::string(optimizerName(v)); }

// Out-of-range whole numbers saturate, so that validation sees them as out of range.
inline void fromValue(const SettingValue& v, int& out) {
  out = int(std::clamp<std::int64_t>(std::get<std::int64_t>(v), INT_MIN, INT_MAX));
}
inline void fromValue(const SettingValue& v, std::int64_t& out) { out = std::get<std::int64_t>(v); }
inline void fromValue(const SettingValue& v, std::uint64_t& out) {
  out = std::uint64_t(std::get<std::int64_t>(v));
}
template <std::floating_point Real>
inline void fromValue(const SettingValue& v, Real& out) {
  out = Real(std::get<double>(v));
}
inline void fromValue(const SettingValue& v, bool& out) { out = std::get<bool>(v); }
inline void fromValue(const SettingValue& v, std::string& out) { out = std::get<std::string>(v); }
inline void fromValue(const SettingValue& v, std::vector<int>& out) {
  out = std::get<std::vector<int>>(v);
}
template <typename Enum, typename FromName>
void fromName(const SettingValue& v, Enum& out, FromName from) {
  if (const auto parsed = from(std::get<std::string>(v))) out = *parsed;
}
inline void fromValue(const SettingValue& v, DataSource& out) {
  fromName(v, out, dataSourceFromName);
}
inline void fromValue(const SettingValue& v, ToyKind& out) { fromName(v, out, toyFromName); }
inline void fromValue(const SettingValue& v, ActivationKind& out) {
  fromName(v, out, activationFromName);
}
inline void fromValue(const SettingValue& v, InitKind& out) { fromName(v, out, initFromName); }
inline void fromValue(const SettingValue& v, OptimizerKind& out) {
  fromName(v, out, optimizerFromName);
}

template <typename T>
constexpr SettingKind kindOf() {
  if constexpr (std::is_same_v<T, bool>)
    return SettingKind::Flag;
  else if constexpr (std::is_integral_v<T>)
    return SettingKind::Integer;
  else if constexpr (std::is_floating_point_v<T>)
    return SettingKind::Number;
  else if constexpr (std::is_enum_v<T>)
    return SettingKind::Choice;
  else if constexpr (std::is_same_v<T, std::string>)
    return SettingKind::Text;
  else
    return SettingKind::Widths;
}

template <typename T>
constexpr auto choicesOf() -> std::vector<std::string_view> (*)() {
  if constexpr (std::is_same_v<T, DataSource>)
    return dataSourceNames;
  else if constexpr (std::is_same_v<T, ToyKind>)
    return toyNames;
  else if constexpr (std::is_same_v<T, ActivationKind>)
    return activationNames;
  else if constexpr (std::is_same_v<T, InitKind>)
    return initNames;
  else if constexpr (std::is_same_v<T, OptimizerKind>)
    return optimizerNames;
  else
    return nullptr;
}

// `row` with the kind, accessors and choices of the field `Ref` reaches: Ref is a captureless
// lambda `[](auto& c) -> auto& { return c.batchSize; }` (for const and mutable configs).
template <typename Ref>
Setting field(Setting row, Ref) {
  using T = std::remove_cvref_t<decltype(Ref{}(std::declval<ExperimentConfig&>()))>;
  row.kind = kindOf<T>();
  row.get = [](const ExperimentConfig& c) { return toValue(Ref{}(c)); };
  row.set = [](ExperimentConfig& c, const SettingValue& v) { fromValue(v, Ref{}(c)); };
  row.choices = choicesOf<T>();
  return row;
}

// --batch-norm off|on|compare: a shorthand for the list of runs.
inline Setting batchNormShorthandRow(Setting row) {
  row.kind = SettingKind::Choice;
  row.get = [](const ExperimentConfig& c) -> SettingValue {
    return std::string(batchNormShorthand(c.runs).value_or(""));
  };
  row.set = [](ExperimentConfig& c, const SettingValue& v) {
    if (auto runs = runsForBatchNorm(std::get<std::string>(v))) c.runs = *runs;
  };
  row.choices = [] { return std::vector<std::string_view>{"off", "on", "compare"}; };
  row.shorthand = true;
  return row;
}

}  // namespace bnlab::setting_field
