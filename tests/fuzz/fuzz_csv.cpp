// libFuzzer target for the CSV reader: every input must parse or throw DataError; a crash, a
// leak, undefined behaviour, any other exception or a broken invariant (abort) is a finding.
// Input: byte 0 chooses the options (bits 0–1: label column −1…2; bits 2–3: the delimiter
// , ; tab space), the rest is the text.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "data/csv_reader.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

// What a parsed table promises: d ≥ 1 finite features, n ≥ 2 labels in [0, classes).
void checkDataset(const bnlab::Dataset& data, const bnlab::CsvOptions& options) {
  require(data.dimensions() >= 1 && data.size() >= 2 && data.size() <= options.maxRows);
  require(data.features.allFinite());
  require(data.labels.size() == static_cast<std::size_t>(data.size()));
  require(data.classes >= 2 && data.classes <= bnlab::kCsvMaxClasses);
  require(data.classNames.empty() || data.classNames.size() == std::size_t(data.classes));
  for (int label : data.labels) require(label >= 0 && label < data.classes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static constexpr char kDelimiters[] = {',', ';', '\t', ' '};
  bnlab::CsvOptions options;
  options.labelColumn = (data[0] & 3) - 1;
  options.delimiter = kDelimiters[(data[0] >> 2) & 3];
  options.maxBytes = 16384;  // small caps keep runs fast and are themselves exercised
  options.maxRows = 512;
  options.maxColumns = 64;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    checkDataset(bnlab::parseCsv(text, "fuzz.csv", options), options);
  } catch (const bnlab::DataError&) {
  }
  return 0;
}
