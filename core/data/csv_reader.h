#pragma once
// Tables of examples as CSV text: one example per row, numeric feature columns and one label
// column.
//   - Fields are separated by `delimiter`; spaces and tabs around a field are ignored.
//   - A field may be quoted, "…", with "" for a quote inside (RFC 4180); quoted fields may
//     span lines.
//   - Lines end in \n or \r\n; a trailing newline, blank lines and a UTF-8 byte-order mark are
//     ignored.
//   - The first row is a header (and skipped) when any of its feature fields is not a number.
//   - Features must be finite numbers (as a float). Labels that are all non-negative integers
//     are the class numbers (classes = max + 1, at least 2); otherwise every label is a name,
//     classes numbered in order of first appearance and named in classNames.
// Errors are DataError: "data.csv:17: expected 5 fields, found 4",
// "data.csv:17:3: \"abc\" is not a number" (line : 1-based column).
#include <cstdint>
#include <string>
#include <string_view>

#include "data/data_error.h"
#include "data/dataset.h"

namespace bnlab {

struct CsvOptions {
  int labelColumn = -1;                 // 0-based; −1 = the last column
  std::int64_t maxBytes = 512LL << 20;  // the whole text, 512 MiB
  int maxRows = 2'000'000;              // rows of data
  int maxColumns = 10'000;              // fields per row
  char delimiter = ',';
};

// At most this many classes, integer or named.
inline constexpr int kCsvMaxClasses = 1000;

// features d × n (one row per column), labels n; at least 2 rows of data and 1 feature.
Dataset parseCsv(std::string_view text, const std::string& name, const CsvOptions& options = {});

// Reads the whole file (at most options.maxBytes) and parses it; errors name `path`.
Dataset readCsvFile(const std::string& path, const CsvOptions& options = {});

}  // namespace bnlab
