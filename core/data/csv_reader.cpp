#include "data/csv_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "data/file_bytes.h"

namespace bnlab {
namespace {

// "data.csv:17" and "data.csv:17:3".
std::string where(const std::string& name, std::int64_t line) {
  return name + ":" + std::to_string(line);
}
std::string where(const std::string& name, std::int64_t line, int column) {
  return where(name, line) + ":" + std::to_string(column);
}

// Splits CSV text into rows of fields (RFC 4180 quoting), skipping blank lines.
class CsvRows {
 public:
  CsvRows(std::string_view text, const std::string& name, const CsvOptions& options)
      : text_(text), name_(name), delimiter_(options.delimiter), maxColumns_(options.maxColumns) {}

  // Reads the next non-blank row; false at the end of the text.
  bool next() {
    while (position_ < text_.size()) {
      rowLine_ = line_;
      readRow();
      const bool blank = count_ == 1 && fields_[0].empty() && !quoted_;
      if (!blank) return true;
    }
    return false;
  }
  std::span<const std::string> fields() const { return {fields_.data(), count_}; }
  std::int64_t line() const { return rowLine_; }  // 1-based line where the row starts

 private:
  bool isSpace(char c) const { return (c == ' ' || c == '\t') && c != delimiter_; }
  bool atEnd() const { return position_ >= text_.size(); }
  void skipSpaces(bool alsoCarriageReturn) {
    while (!atEnd() &&
           (isSpace(text_[position_]) || (alsoCarriageReturn && text_[position_] == '\r')))
      ++position_;
  }

  std::string& newField() {
    if (static_cast<int>(count_) >= maxColumns_)
      throwDataError(where(name_, rowLine_), "more than ", maxColumns_, " fields, the limit");
    if (count_ == fields_.size()) fields_.emplace_back();
    std::string& field = fields_[count_++];
    field.clear();
    return field;
  }

  // "…" with "" for a quote; may span lines. position_ is just past the opening quote.
  void readQuoted(std::string& field) {
    for (;;) {
      const std::size_t quote = text_.find('"', position_);
      if (quote == std::string_view::npos)
        throwDataError(where(name_, rowLine_, static_cast<int>(count_)),
                       "a quoted field is never closed");
      const std::string_view part = text_.substr(position_, quote - position_);
      line_ += std::count(part.begin(), part.end(), '\n');
      field += part;
      position_ = quote + 1;
      if (atEnd() || text_[position_] != '"') break;
      field += '"';
      ++position_;
    }
    skipSpaces(true);
    if (!atEnd() && text_[position_] != delimiter_ && text_[position_] != '\n')
      throwDataError(where(name_, line_, static_cast<int>(count_)),
                     "text after the closing quote of a field");
  }

  void readUnquoted(std::string& field) {
    const char ends[] = {delimiter_, '\n'};
    std::size_t end = text_.find_first_of(std::string_view(ends, 2), position_);
    if (end == std::string_view::npos) end = text_.size();
    field.assign(text_.substr(position_, end - position_));
    while (!field.empty() && (isSpace(field.back()) || field.back() == '\r')) field.pop_back();
    position_ = end;
  }

  void readRow() {
    count_ = 0;
    quoted_ = false;
    for (;;) {
      std::string& field = newField();
      skipSpaces(false);
      if (!atEnd() && text_[position_] == '"') {
        quoted_ = true;
        ++position_;
        readQuoted(field);
      } else {
        readUnquoted(field);
      }
      if (atEnd()) return;
      if (text_[position_++] == '\n') {
        ++line_;
        return;
      }
    }
  }

  std::string_view text_;
  const std::string& name_;
  char delimiter_;
  int maxColumns_;
  std::size_t position_ = 0;
  std::int64_t line_ = 1, rowLine_ = 1;
  std::vector<std::string> fields_;  // reused from row to row; the first count_ are this row's
  std::size_t count_ = 0;
  bool quoted_ = false;
};

enum class NumberStatus { Ok, NotANumber, NotFinite, OutOfRange };

// A whole field as a finite Scalar: decimal or scientific notation, optional sign.
NumberStatus parseNumber(std::string_view text, Scalar& value) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
  double parsed = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, parsed);
  if (text.empty() || stop != end || error == std::errc::invalid_argument)
    return NumberStatus::NotANumber;
  if (!std::isfinite(parsed)) return NumberStatus::NotFinite;  // "inf", "nan"
  // Beyond double's range (either way), or beyond the Scalar's: casting it would be undefined.
  if (error == std::errc::result_out_of_range ||
      std::abs(parsed) > static_cast<double>(std::numeric_limits<Scalar>::max()))
    return NumberStatus::OutOfRange;
  value = static_cast<Scalar>(parsed);
  return NumberStatus::Ok;
}

// A number, even one out of range or not finite ("nan", "1e99"): not a header's word.
bool looksLikeNumber(std::string_view text) {
  Scalar ignored;
  return parseNumber(text, ignored) != NumberStatus::NotANumber;
}

// A label of digits only is a class number: its value, or kCsvMaxClasses when that is too large.
std::optional<int> classNumber(std::string_view label) {
  if (label.empty() ||
      !std::all_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  int value = 0;
  const auto [stop, error] = std::from_chars(label.data(), label.data() + label.size(), value);
  return error == std::errc() && value < kCsvMaxClasses ? value : kCsvMaxClasses;
}

// Labels → class numbers: integers as they are, otherwise names in order of first appearance.
void assignClasses(const std::vector<std::string>& labelTexts, const std::string& name,
                   std::int64_t firstTooLargeLine, Dataset& data) {
  bool integers = true;
  int maxClass = 0;
  for (const std::string& label : labelTexts) {
    const std::optional<int> number = classNumber(label);
    if (!number) {
      integers = false;
      break;
    }
    maxClass = std::max(maxClass, *number);
  }
  data.labels.reserve(labelTexts.size());
  if (integers) {
    if (maxClass >= kCsvMaxClasses)
      throwDataError(where(name, firstTooLargeLine), "a class number of ", kCsvMaxClasses,
                     " or more; integer labels must lie in 0 to ", kCsvMaxClasses - 1);
    for (const std::string& label : labelTexts) data.labels.push_back(*classNumber(label));
    data.classes = classesOf(data.labels, name);
    return;
  }
  std::unordered_map<std::string_view, int> classOf;
  for (const std::string& label : labelTexts) {
    const auto [entry, inserted] = classOf.try_emplace(label, static_cast<int>(classOf.size()));
    if (inserted) {
      if (static_cast<int>(classOf.size()) > kCsvMaxClasses)
        throwDataError(name, "more than ", kCsvMaxClasses, " different labels");
      data.classNames.push_back(label);
    }
    data.labels.push_back(entry->second);
  }
  if (data.classNames.size() < 2)
    throwDataError(name, "every row has the label \"", data.classNames[0],
                   "\"; at least 2 classes are needed");
  data.classes = static_cast<int>(data.classNames.size());
}

}  // namespace

Dataset parseCsv(std::string_view text, const std::string& name, const CsvOptions& options) {
  if (static_cast<std::int64_t>(text.size()) > options.maxBytes)
    throwDataError(name, "the text is ", text.size(), " bytes, more than the limit of ",
                   options.maxBytes);
  if (options.delimiter == '"' || options.delimiter == '\n' || options.delimiter == '\r')
    throwDataError(name, "the delimiter cannot be a quote or a line break");
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte-order mark

  CsvRows rows(text, name, options);
  if (!rows.next()) throwDataError(name, "no rows: the text is empty");
  const int fieldCount = static_cast<int>(rows.fields().size());
  const int labelColumn = options.labelColumn == -1 ? fieldCount - 1 : options.labelColumn;
  if (labelColumn < 0 || labelColumn >= fieldCount)
    throwDataError(name, "label column ", options.labelColumn,
                   " is out of range: the first row has ", fieldCount, " fields (columns 0 to ",
                   fieldCount - 1, ")");
  if (fieldCount < 2)
    throwDataError(where(name, rows.line()),
                   "only one field; a row needs at least one feature and a label");

  // A header has no number among its features; a first row with some is data (and any field
  // in it that is not a number an error at its line and column).
  bool header = true;
  for (int column = 0; column < fieldCount; ++column)
    if (column != labelColumn && looksLikeNumber(rows.fields()[static_cast<std::size_t>(column)]))
      header = false;

  // The features, one example per column, written in place: room for as many rows as the text
  // can hold (min(lines, bytes / (2·fields − 1) + 1): a row takes a byte per field and a
  // delimiter between fields), trimmed at the end. Pages never written are never touched.
  const Eigen::Index d = fieldCount - 1;
  const std::int64_t rowBound =
      std::min({static_cast<std::int64_t>(std::count(text.begin(), text.end(), '\n')) + 1,
                static_cast<std::int64_t>(text.size()) / (2 * fieldCount - 1) + 1,
                std::int64_t{options.maxRows}});
  Matrix features(d, static_cast<Eigen::Index>(rowBound));
  std::vector<std::string> labelTexts;
  std::int64_t firstTooLargeLine = 0;
  const auto addRow = [&] {
    const std::span<const std::string> fields = rows.fields();
    const std::int64_t line = rows.line();
    if (static_cast<int>(fields.size()) != fieldCount)
      throwDataError(where(name, line), "expected ", fieldCount, " fields, found ", fields.size());
    if (static_cast<int>(labelTexts.size()) >= options.maxRows)
      throwDataError(where(name, line), "more than ", options.maxRows, " rows of data, the limit");
    const auto row = static_cast<Eigen::Index>(labelTexts.size());
    if (row == features.cols())  // the bound was short: grow (never with well-formed rows)
      features.conservativeResize(d, std::min<Eigen::Index>(2 * row + 1, options.maxRows));
    Eigen::Index feature = 0;
    for (int column = 0; column < fieldCount; ++column) {
      const std::string& field = fields[static_cast<std::size_t>(column)];
      if (column == labelColumn) {
        if (field.empty()) throwDataError(where(name, line, column + 1), "the label is empty");
        if (firstTooLargeLine == 0 && classNumber(field) == kCsvMaxClasses)
          firstTooLargeLine = line;
        labelTexts.push_back(field);
        continue;
      }
      Scalar value = 0;
      switch (parseNumber(field, value)) {
        case NumberStatus::Ok:
          features(feature++, row) = value;
          break;
        case NumberStatus::NotANumber:
          throwDataError(where(name, line, column + 1), "\"", field, "\" is not a number");
        case NumberStatus::NotFinite:
          throwDataError(where(name, line, column + 1), "\"", field, "\" is not a finite number");
        case NumberStatus::OutOfRange:
          throwDataError(where(name, line, column + 1), "\"", field,
                         "\" is out of range (features are ", sizeof(Scalar) * 8, "-bit floats)");
      }
    }
  };
  if (!header) addRow();
  while (rows.next()) addRow();

  const auto rowCount = static_cast<Eigen::Index>(labelTexts.size());
  if (rowCount == 0) throwDataError(name, "only a header row, no data");
  if (rowCount < 2) throwDataError(name, "only 1 row of data; at least 2 are needed");
  Dataset data;
  features.conservativeResize(d, rowCount);
  data.features = std::move(features);
  assignClasses(labelTexts, name, firstTooLargeLine, data);
  return data;
}

Dataset readCsvFile(const std::string& path, const CsvOptions& options) {
  return parseCsv(readFileBytes(path, options.maxBytes), path, options);
}

}  // namespace bnlab
