#include "data/idx_stream.h"

#include <algorithm>
#include <limits>
#include <span>
#include <stdexcept>

#include "data/data_error.h"

namespace bnlab {
namespace {

using Bytes = std::span<const std::uint8_t>;

constexpr std::uint8_t kUnsignedByte = 0x08;
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

std::string hexByte(std::uint8_t byte) {
  static constexpr char kDigits[] = "0123456789abcdef";
  return {'0', 'x', kDigits[byte >> 4], kDigits[byte & 15]};
}

// a · b, or INT64_MAX when that overflows (a, b ≥ 0).
std::int64_t saturatingProduct(std::int64_t a, std::int64_t b) {
  return b != 0 && a > kInt64Max / b ? kInt64Max : a * b;
}

bool isGzip(Bytes bytes) { return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b; }

std::uint32_t bigEndian32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 |
         std::uint32_t{p[3]};
}

const char* typeName(std::uint8_t type) {
  switch (type) {
    case 0x09:
      return " (signed byte)";
    case 0x0B:
      return " (short)";
    case 0x0C:
      return " (int)";
    case 0x0D:
      return " (float)";
    case 0x0E:
      return " (double)";
    default:
      return "";
  }
}

// "60000 images of 28×28" or "60000 labels".
std::string describe(const std::vector<std::int32_t>& dims) {
  std::string text = std::to_string(dims[0]);
  if (dims.size() == 1) return text + " labels";
  return text + " images of " + std::to_string(dims[1]) + "×" + std::to_string(dims[2]);
}

const char* unitOf(const std::vector<std::int32_t>& dims) {
  return dims.size() == 1 ? "labels" : "pixels";
}

struct IdxHeader {
  std::vector<std::int32_t> dims;
  std::size_t bytes = 0;       // 4 + 4 · dims
  std::int64_t dataBytes = 0;  // the product of dims
};

// Magic, type, dimensions and limits, from the file's first bytes (at most 16; fewer only when
// the file is that short).
IdxHeader parseHeader(Bytes bytes, const std::string& name, const IdxLimits& limits) {
  if (bytes.empty()) throwDataError(name, "the file is empty");
  if (bytes.size() < 4)
    throwDataError(name, "truncated: the file holds ", bytes.size(),
                   " bytes, fewer than the 4 of an IDX header");
  if (bytes[0] != 0 || bytes[1] != 0)
    throwDataError(name, "not an IDX file: it starts with ", hexByte(bytes[0]), " ",
                   hexByte(bytes[1]), " instead of 0x00 0x00");
  if (bytes[2] != kUnsignedByte)
    throwDataError(name, "unsupported IDX data type ", hexByte(bytes[2]), typeName(bytes[2]),
                   "; only 0x08 (unsigned byte) is read");
  const int ndims = bytes[3];
  if (ndims != 1 && ndims != 3)
    throwDataError(name, "the header has ", ndims,
                   " dimensions; expected 1 (labels) or 3 (images: count, rows, columns)");
  IdxHeader header;
  header.bytes = 4 + 4 * static_cast<std::size_t>(ndims);
  if (bytes.size() < header.bytes)
    throwDataError(name, "truncated: a header of ", ndims, " dimensions takes ", header.bytes,
                   " bytes but the file holds ", bytes.size());

  static constexpr std::array<const char*, 3> kDimNames{"count", "rows", "columns"};
  for (int i = 0; i < ndims; ++i) {
    const std::uint32_t dim = bigEndian32(bytes.data() + 4 + 4 * i);
    const char* what = ndims == 1 ? "count" : kDimNames[static_cast<std::size_t>(i)];
    if (dim == 0)
      throwDataError(name, "dimension ", i + 1, " (", what,
                     ") is 0; every dimension must be at least 1");
    if (dim > static_cast<std::uint32_t>(std::numeric_limits<std::int32_t>::max()))
      throwDataError(name, "dimension ", i + 1, " (", what, ") is ", dim, ", more than 2147483647");
    header.dims.push_back(static_cast<std::int32_t>(dim));
  }

  const std::int64_t count = header.dims[0];
  if (count > limits.maxItems)
    throwDataError(name, "the header promises ", describe(header.dims), ", more than the limit of ",
                   limits.maxItems);
  header.dataBytes = count;
  if (ndims == 3) {
    if (header.dims[1] > limits.maxImageSide || header.dims[2] > limits.maxImageSide)
      throwDataError(name, "the header promises ", describe(header.dims),
                     ", larger than the limit of ", limits.maxImageSide, "×", limits.maxImageSide);
    header.dataBytes = saturatingProduct(saturatingProduct(count, header.dims[1]), header.dims[2]);
  }
  if (header.dataBytes > limits.maxDataBytes)
    throwDataError(name, "the header promises ", describe(header.dims), " (", header.dataBytes,
                   " bytes), more than the limit of ", limits.maxDataBytes, " bytes");
  return header;
}

// The most an IDX file within the limits holds once decompressed: a header and the data.
std::int64_t maxRawBytes(const IdxLimits& limits) {
  return 16 + std::clamp<std::int64_t>(limits.maxDataBytes, 0, kInt64Max / 4);
}

}  // namespace

std::int64_t maxIdxFileBytes(const IdxLimits& limits) {
  const std::int64_t raw = maxRawBytes(limits);
  return raw + raw / 64 + (1 << 16);
}

IdxStream::IdxStream(ByteSource& source, std::string name, const IdxLimits& limits)
    : name_(std::move(name)) {
  Bytes header(head_.data(), source.read(head_.data(), head_.size()));
  ByteSource* rest = &source;
  if (isGzip(header)) {
    compressed_ = std::make_unique<PrefixedSource>(header, source);
    gzip_ = std::make_unique<GzipSource>(*compressed_, name_, maxRawBytes(limits),
                                         "more than an IDX file within the limits can hold");
    header = Bytes(header_.data(), gzip_->read(header_.data(), header_.size()));
    rest = gzip_.get();
  }
  IdxHeader parsed = parseHeader(header, name_, limits);
  dims_ = std::move(parsed.dims);
  itemBytes_ = dims_.size() == 3 ? std::int64_t{dims_[1]} * dims_[2] : 1;
  dataBytes_ = parsed.dataBytes;
  data_ = std::make_unique<PrefixedSource>(header.subspan(parsed.bytes), *rest);
}

void IdxStream::truncated(std::int64_t available) const {
  throwDataError(name_, "truncated: the header promises ", describe(dims_), " (", dataBytes_,
                 " bytes) but the file holds ", available, " bytes of ", unitOf(dims_));
}

void IdxStream::read(std::uint8_t* out, std::int64_t items) {
  const std::int64_t bytes = items * itemBytes_;
  if (items < 0 || bytes > dataBytes_ - consumed_)
    throw std::out_of_range(name_ + ": more items asked for than the header promises");
  const std::size_t got = data_->read(out, static_cast<std::size_t>(bytes));
  consumed_ += static_cast<std::int64_t>(got);
  if (static_cast<std::int64_t>(got) < bytes) truncated(consumed_);
}

void IdxStream::finish() {
  consumed_ +=
      static_cast<std::int64_t>(data_->skip(static_cast<std::uint64_t>(dataBytes_ - consumed_)));
  if (consumed_ < dataBytes_) truncated(consumed_);
  const std::uint64_t after = data_->skip(std::numeric_limits<std::uint64_t>::max());
  if (after > 0)
    throwDataError(name_, "the file holds ", after, " bytes after the ", dataBytes_, " bytes of ",
                   unitOf(dims_), " its header promises");
}

}  // namespace bnlab
