// libFuzzer target for the IDX reader: every input must parse or throw DataError; a crash, a
// leak, undefined behaviour, any other exception or a broken invariant (abort) is a finding.
// Input: the whole input is one file; and, after a 2-byte little-endian split point s, bytes
// [2, 2 + s) and [2 + s, end) are an image file and a label file for makeImageDataset.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>

#include "data/idx_reader.h"

namespace {

using bnlab::IdxArray;

// Small limits keep runs fast; a zip bomb still meets the decompression cap.
const bnlab::IdxLimits kLimits{.maxItems = 4096, .maxImageSide = 64, .maxDataBytes = 1 << 20};

void require(bool condition) {
  if (!condition) std::abort();
}

std::optional<IdxArray> tryParse(std::span<const std::uint8_t> bytes) {
  try {
    return bnlab::parseIdx(bytes, "fuzz.idx", kLimits);
  } catch (const bnlab::DataError&) {
    return std::nullopt;
  }
}

// What a parsed array promises: 1 or 3 dims within the limits, exactly their product of bytes.
void checkArray(const IdxArray& array) {
  require(array.dims.size() == 1 || array.dims.size() == 3);
  std::int64_t product = 1;
  for (std::int32_t dim : array.dims) {
    require(dim >= 1);
    product *= dim;
  }
  require(array.dims[0] <= kLimits.maxItems && product <= kLimits.maxDataBytes);
  require(product == static_cast<std::int64_t>(array.data.size()));
}

void checkDataset(const bnlab::Dataset& data, const IdxArray& images) {
  require(data.imageRows == images.dims[1] && data.imageColumns == images.dims[2]);
  require(data.dimensions() == data.imageRows * data.imageColumns);
  require(data.size() == images.dims[0]);
  require(data.labels.size() == static_cast<std::size_t>(data.size()));
  require(data.classes >= 2 && data.classes <= 256);
  for (int label : data.labels) require(label >= 0 && label < data.classes);
  require(data.features.minCoeff() >= 0 && data.features.maxCoeff() <= 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  if (const std::optional<IdxArray> whole = tryParse(input)) checkArray(*whole);
  if (size < 2) return 0;
  const std::size_t split = std::min<std::size_t>(data[0] | data[1] << 8, size - 2);
  const std::optional<IdxArray> images = tryParse(input.subspan(2, split));
  const std::optional<IdxArray> labels = tryParse(input.subspan(2 + split));
  if (!images || !labels) return 0;
  checkArray(*images);
  checkArray(*labels);
  try {
    checkDataset(bnlab::makeImageDataset(*images, *labels, "fuzz"), *images);
  } catch (const bnlab::DataError&) {
  }
  return 0;
}
