#include "data/idx_reader.h"
#include "data/file_bytes.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <climits>
#include <filesystem>
#include <limits>
#include <string_view>

namespace bnlab {
namespace {

namespace fs = std::filesystem;
using Bytes = std::span<const std::uint8_t>;

constexpr std::size_t kMaxHeaderBytes = 4 + 4 * 3;  // magic, then at most three int32 dims
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

// ---- gzip ---------------------------------------------------------------------------------

bool isGzip(Bytes bytes) { return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b; }

// zlib's inflate state, released on every way out (errors included).
struct InflateStream {
  z_stream z{};
  bool open = false;
  ~InflateStream() {
    if (open) inflateEnd(&z);
  }
};

// A first guess at the decompressed size: gzip's trailer holds it modulo 2³², and deflate never
// expands more than ~1032:1, so a lying trailer cannot make us reserve more than that.
std::size_t decompressedSizeHint(Bytes compressed, std::size_t limit) {
  if (compressed.size() < 18) return 1;
  const std::uint8_t* trailer = compressed.data() + compressed.size() - 4;
  const std::size_t stated = std::size_t{trailer[0]} | std::size_t{trailer[1]} << 8 |
                             std::size_t{trailer[2]} << 16 | std::size_t{trailer[3]} << 24;
  const std::size_t ratioBound = compressed.size() * 1032 + (1 << 16);
  return std::clamp<std::size_t>(std::min(stated, ratioBound), 1, limit);
}

// gzip (one member or several concatenated) → at most `cap` bytes.
std::vector<std::uint8_t> gunzip(Bytes compressed, const std::string& name, std::int64_t cap) {
  InflateStream stream;
  if (inflateInit2(&stream.z, 16 + MAX_WBITS) != Z_OK)
    throwDataError(name, "zlib could not start decompressing");
  stream.open = true;

  const std::size_t limit = static_cast<std::size_t>(cap) + 1;  // one byte more = too big
  std::vector<std::uint8_t> out(decompressedSizeHint(compressed, limit));
  std::size_t read = 0, written = 0;
  for (;;) {
    if (written == out.size()) {
      if (out.size() >= limit)
        throwDataError(name, "decompresses to more than ", cap,
                       " bytes, more than an IDX file within the limits can hold");
      out.resize(std::min(limit, std::max<std::size_t>(2 * out.size(), 1 << 16)));
    }
    const auto inAvailable =
        static_cast<uInt>(std::min<std::size_t>(compressed.size() - read, UINT_MAX));
    const auto outAvailable =
        static_cast<uInt>(std::min<std::size_t>(out.size() - written, UINT_MAX));
    stream.z.next_in = const_cast<Bytef*>(compressed.data() + read);  // zlib never writes it
    stream.z.avail_in = inAvailable;
    stream.z.next_out = out.data() + written;
    stream.z.avail_out = outAvailable;
    const int status = inflate(&stream.z, Z_NO_FLUSH);
    const std::size_t consumed = inAvailable - stream.z.avail_in;
    const std::size_t produced = outAvailable - stream.z.avail_out;
    read += consumed;
    written += produced;

    if (status == Z_STREAM_END) {
      if (read == compressed.size()) break;
      if (inflateReset(&stream.z) != Z_OK) throwDataError(name, "zlib could not continue");
      continue;  // another gzip member follows
    }
    if (status == Z_OK && (consumed > 0 || produced > 0)) continue;
    if (status == Z_OK || status == Z_BUF_ERROR)  // no progress: the input ran out
      throwDataError(name, "truncated: the gzip stream ends before its end marker");
    throwDataError(name, "corrupted gzip stream (", stream.z.msg ? stream.z.msg : "zlib error",
                   ")");
  }
  out.resize(written);
  return out;
}

// ---- IDX header ---------------------------------------------------------------------------

struct IdxHeader {
  std::vector<std::int32_t> dims;
  std::size_t bytes = 0;  // 4 + 4 · dims
};

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

// Checks magic, type, dimensions and limits, then that exactly the promised data follows.
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
  std::int64_t dataBytes = count;
  if (ndims == 3) {
    if (header.dims[1] > limits.maxImageSide || header.dims[2] > limits.maxImageSide)
      throwDataError(name, "the header promises ", describe(header.dims),
                     ", larger than the limit of ", limits.maxImageSide, "×", limits.maxImageSide);
    dataBytes = saturatingProduct(saturatingProduct(count, header.dims[1]), header.dims[2]);
  }
  if (dataBytes > limits.maxDataBytes)
    throwDataError(name, "the header promises ", describe(header.dims), " (", dataBytes,
                   " bytes), more than the limit of ", limits.maxDataBytes, " bytes");

  const auto available = static_cast<std::int64_t>(bytes.size() - header.bytes);
  const char* unit = ndims == 1 ? "labels" : "pixels";
  if (available < dataBytes)
    throwDataError(name, "truncated: the header promises ", describe(header.dims), " (", dataBytes,
                   " bytes) but the file holds ", available, " bytes of ", unit);
  if (available > dataBytes)
    throwDataError(name, "the file holds ", available - dataBytes, " bytes after the ", dataBytes,
                   " bytes of ", unit, " its header promises");
  return header;
}

// ---- helpers for datasets and folders -----------------------------------------------------

// Arrays built by hand are checked too: dims ≥ 1 and data of exactly their product.
void checkShape(const IdxArray& array, std::size_t ndims, const char* what,
                const std::string& name) {
  if (array.dims.size() != ndims)
    throwDataError(name, "the ", what, " have ", array.dims.size(), " dimensions; expected ",
                   ndims);
  std::int64_t product = 1;
  for (std::int32_t dim : array.dims) {
    if (dim < 1) throwDataError(name, "the ", what, " have a dimension of ", dim);
    product = saturatingProduct(product, dim);
  }
  if (product != static_cast<std::int64_t>(array.data.size()))
    throwDataError(name, "the ", what, " hold ", array.data.size(),
                   " bytes but their dimensions promise ", product);
}

struct MnistName {
  const char* stem;  // "train-images"
  const char* kind;  // "idx3-ubyte"
};
constexpr std::array<MnistName, 4> kMnistNames{{{"train-images", "idx3-ubyte"},
                                                {"train-labels", "idx1-ubyte"},
                                                {"t10k-images", "idx3-ubyte"},
                                                {"t10k-labels", "idx1-ubyte"}}};

// folder/stem-kind, folder/stem.kind, each raw or .gz: the first that is a file.
std::optional<std::string> findMnistFile(const std::string& folder, const MnistName& file) {
  for (const char* separator : {"-", "."})
    for (const char* extension : {"", ".gz"}) {
      const fs::path path =
          fs::path(folder) / (std::string(file.stem) + separator + file.kind + extension);
      std::error_code error;
      if (fs::is_regular_file(path, error)) return path.string();
    }
  return std::nullopt;
}

// The most an IDX file within the limits holds once decompressed: a header and the data.
std::int64_t maxRawBytes(const IdxLimits& limits) {
  return static_cast<std::int64_t>(kMaxHeaderBytes) +
         std::clamp<std::int64_t>(limits.maxDataBytes, 0, kInt64Max / 4);
}

// The largest file worth reading: the raw bytes and room for gzip's framing.
std::int64_t maxFileBytes(const IdxLimits& limits) {
  const std::int64_t raw = maxRawBytes(limits);
  return raw + raw / 64 + (1 << 16);
}

}  // namespace

IdxArray parseIdx(std::span<const std::uint8_t> bytes, const std::string& name,
                  const IdxLimits& limits) {
  if (isGzip(bytes)) {
    std::vector<std::uint8_t> raw = gunzip(bytes, name, maxRawBytes(limits));
    IdxHeader header = parseHeader(raw, name, limits);
    raw.erase(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(header.bytes));
    return {std::move(header.dims), std::move(raw)};
  }
  IdxHeader header = parseHeader(bytes, name, limits);
  return {std::move(header.dims),
          {bytes.begin() + static_cast<std::ptrdiff_t>(header.bytes), bytes.end()}};
}

IdxArray readIdxFile(const std::string& path, const IdxLimits& limits) {
  const std::string bytes =
      readFileBytes(path, maxFileBytes(limits), "more than an IDX file within the limits can take");
  return parseIdx({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()}, path, limits);
}

Dataset makeImageDataset(const IdxArray& images, const IdxArray& labels, const std::string& name) {
  checkShape(images, 3, "images", name);
  checkShape(labels, 1, "labels", name);
  const Eigen::Index count = images.dims[0];
  if (labels.dims[0] != count)
    throwDataError(name, count, " images but ", labels.dims[0], " labels; the counts must agree");

  Dataset data;
  data.imageRows = images.dims[1];
  data.imageColumns = images.dims[2];
  const Eigen::Index pixels = Eigen::Index{images.dims[1]} * images.dims[2];
  // Image j's pixels are bytes [j·d, (j+1)·d): exactly column j of a column-major d × n.
  using ByteMatrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>;
  const Eigen::Map<const ByteMatrix> bytes(images.data.data(), pixels, count);
  data.features = bytes.cast<Scalar>() / Scalar(255);
  data.labels.assign(labels.data.begin(), labels.data.end());
  data.classes = classesOf(data.labels, name);
  return data;
}

std::optional<MnistFiles> findMnistFiles(const std::string& folder) {
  std::array<std::string, 4> paths;
  for (std::size_t i = 0; i < kMnistNames.size(); ++i) {
    std::optional<std::string> path = findMnistFile(folder, kMnistNames[i]);
    if (!path) return std::nullopt;
    paths[i] = std::move(*path);
  }
  return MnistFiles{paths[0], paths[1], paths[2], paths[3]};
}

DataSplit loadMnistFolder(const std::string& folder, const IdxLimits& limits) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) throwDataError(folder, "no such folder");
  std::array<std::string, 4> paths;
  for (std::size_t i = 0; i < kMnistNames.size(); ++i) {
    std::optional<std::string> path = findMnistFile(folder, kMnistNames[i]);
    if (!path)
      throwDataError(folder, "no ", kMnistNames[i].stem, "-", kMnistNames[i].kind,
                     " (or .gz) in this folder");
    paths[i] = std::move(*path);
  }
  DataSplit split;
  split.train = makeImageDataset(readIdxFile(paths[0], limits), readIdxFile(paths[1], limits),
                                 folder + " (training set)");
  split.test = makeImageDataset(readIdxFile(paths[2], limits), readIdxFile(paths[3], limits),
                                folder + " (test set)");
  if (split.train.imageRows != split.test.imageRows ||
      split.train.imageColumns != split.test.imageColumns)
    throwDataError(folder, "the training images are ", split.train.imageRows, "×",
                   split.train.imageColumns, " but the test images are ", split.test.imageRows, "×",
                   split.test.imageColumns);
  split.train.classes = split.test.classes = std::max(split.train.classes, split.test.classes);
  return split;
}

std::vector<std::string> fashionMnistClassNames() {
  return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
          "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
}

}  // namespace bnlab
