#pragma once
// Files for the data readers, refusing more than a limit: the size is checked on opening and
// the count again while reading (a pipe or a growing file does not report it).
#include <cstdint>
#include <fstream>
#include <optional>
#include <string>

#include "data/byte_source.h"

namespace bnlab {

// A file read in pieces. Errors are DataError naming the file: missing, a folder, unreadable
// or larger than `maxBytes` (`why` explains the limit, e.g. "more than …").
class BoundedFile final : public ByteSource {
 public:
  BoundedFile(const std::string& path, std::int64_t maxBytes, std::string why = {});

  std::size_t read(std::uint8_t* out, std::size_t size) override;
  // Seeks over the bytes when the file's size is known (a regular file): nothing is read.
  std::uint64_t skip(std::uint64_t size) override;

  // The size on opening, when the file reports one.
  std::optional<std::int64_t> size() const { return size_; }

 private:
  [[noreturn]] void tooBig() const;

  std::string path_, why_;
  std::int64_t cap_;
  std::ifstream file_;
  std::optional<std::int64_t> size_;
  std::int64_t position_ = 0;
};

// The bytes of `path`, with BoundedFile's checks.
std::string readFileBytes(const std::string& path, std::int64_t maxBytes,
                          const std::string& why = {});

}  // namespace bnlab
