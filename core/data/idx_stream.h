#pragma once
// One IDX file (format in idx_reader.h), raw or gzip, read in pieces: the header first, checked
// against IdxLimits, then the items in order, as many as the reader wants. The length is
// checked all the same: finish() passes over the items not read (a seek in a raw file) and
// requires the data to end exactly where the header says.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "data/byte_source.h"
#include "data/gzip_source.h"

namespace bnlab {

struct IdxLimits {
  std::int64_t maxItems = 1'000'000;      // images or labels in one file
  std::int32_t maxImageSide = 1024;       // rows and columns of one image
  std::int64_t maxDataBytes = 1LL << 30;  // count × rows × columns (1 GiB); also caps
                                          // what a gzip stream may decompress to
};

// The largest file worth reading under `limits`: a header, the data and gzip's framing.
std::int64_t maxIdxFileBytes(const IdxLimits& limits);

class IdxStream {
 public:
  // Reads and checks the header of `source` (raw, or gzip: it starts with 0x1f 0x8b); throws
  // DataError naming `name`.
  IdxStream(ByteSource& source, std::string name, const IdxLimits& limits);
  IdxStream(const IdxStream&) = delete;  // its sources point into it
  IdxStream& operator=(const IdxStream&) = delete;

  // {count} or {count, rows, columns}, each ≥ 1.
  const std::vector<std::int32_t>& dims() const { return dims_; }
  std::int64_t count() const { return dims_[0]; }
  // Bytes of one item: 1 for a label, rows × columns for an image.
  std::int64_t itemBytes() const { return itemBytes_; }

  // The next `items` items, items × itemBytes() bytes, into `out` (no more than the header
  // promises).
  void read(std::uint8_t* out, std::int64_t items);
  // Passes over the items not read; throws unless the data ends where the header says.
  void finish();

 private:
  [[noreturn]] void truncated(std::int64_t available) const;

  std::string name_;
  std::vector<std::int32_t> dims_;
  std::int64_t itemBytes_ = 1, dataBytes_ = 0, consumed_ = 0;
  std::array<std::uint8_t, 16> head_{}, header_{};  // the file's first bytes; decompressed
  std::unique_ptr<PrefixedSource> compressed_;
  std::unique_ptr<GzipSource> gzip_;
  std::unique_ptr<PrefixedSource> data_;
};

}  // namespace bnlab
