#include "stats/radix_sort.h"

namespace bnlab {

void radixSort(std::span<float> values, SortScratch& scratch) {
  auto& keys = scratch.keys;
  keys.resize(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) keys[i] = floatSortKey(values[i]);
  radixSortByKey(keys, scratch.keyBuffer, [](std::uint32_t key) { return key; });
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = floatFromSortKey(keys[i]);
}

}  // namespace bnlab
