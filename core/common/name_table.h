#pragma once
// The names of an enum's values, both ways (for configs, the command line and labels).
#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace bnlab {

template <typename Enum, std::size_t N>
struct NameTable {
  std::array<std::pair<Enum, std::string_view>, N> entries;

  constexpr std::string_view name(Enum value) const {
    for (const auto& [v, n] : entries)
      if (v == value) return n;
    return "unknown";
  }
  // Every name, in the table's order.
  std::vector<std::string_view> names() const {
    std::vector<std::string_view> all;
    for (const auto& entry : entries) all.push_back(entry.second);
    return all;
  }
  constexpr std::optional<Enum> find(std::string_view name) const {
    for (const auto& [v, n] : entries)
      if (n == name) return v;
    return std::nullopt;
  }
};

}  // namespace bnlab
