#pragma once
// Bytes read in pieces, for readers that keep only what they use: a span in memory, a file
// (file_bytes.h), a gzip stream over another source (gzip_source.h). Errors are DataError.
#include <cstddef>
#include <cstdint>
#include <span>

namespace bnlab {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // The next `size` bytes into `out`, or fewer when the source ends first; returns how many.
  virtual std::size_t read(std::uint8_t* out, std::size_t size) = 0;
  // Passes over the next `size` bytes, or fewer when the source ends first; returns how many.
  // By default reads them into a small buffer and drops them.
  virtual std::uint64_t skip(std::uint64_t size);
};

// The bytes of a span.
class SpanSource final : public ByteSource {
 public:
  explicit SpanSource(std::span<const std::uint8_t> bytes) : left_(bytes) {}
  std::size_t read(std::uint8_t* out, std::size_t size) override;
  std::uint64_t skip(std::uint64_t size) override;

 private:
  std::span<const std::uint8_t> left_;
};

// `prefix`, then what is left of `rest`: bytes read ahead to look at, put back in front.
class PrefixedSource final : public ByteSource {
 public:
  PrefixedSource(std::span<const std::uint8_t> prefix, ByteSource& rest)
      : prefix_(prefix), rest_(rest) {}
  std::size_t read(std::uint8_t* out, std::size_t size) override;
  std::uint64_t skip(std::uint64_t size) override;

 private:
  SpanSource prefix_;
  ByteSource& rest_;
};

}  // namespace bnlab
