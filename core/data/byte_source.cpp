#include "data/byte_source.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace bnlab {

std::uint64_t ByteSource::skip(std::uint64_t size) {
  std::vector<std::uint8_t> scratch(
      static_cast<std::size_t>(std::min<std::uint64_t>(size, 1 << 16)));
  std::uint64_t skipped = 0;
  while (skipped < size) {
    const auto piece =
        static_cast<std::size_t>(std::min<std::uint64_t>(size - skipped, scratch.size()));
    const std::size_t got = read(scratch.data(), piece);
    skipped += got;
    if (got < piece) break;
  }
  return skipped;
}

std::size_t SpanSource::read(std::uint8_t* out, std::size_t size) {
  const std::size_t got = std::min(size, left_.size());
  if (got > 0) std::memcpy(out, left_.data(), got);
  left_ = left_.subspan(got);
  return got;
}

std::uint64_t SpanSource::skip(std::uint64_t size) {
  const auto got = static_cast<std::size_t>(std::min<std::uint64_t>(size, left_.size()));
  left_ = left_.subspan(got);
  return got;
}

std::size_t PrefixedSource::read(std::uint8_t* out, std::size_t size) {
  const std::size_t got = prefix_.read(out, size);
  return got == size ? got : got + rest_.read(out + got, size - got);
}

std::uint64_t PrefixedSource::skip(std::uint64_t size) {
  const std::uint64_t got = prefix_.skip(size);
  return got == size ? got : got + rest_.skip(size - got);
}

}  // namespace bnlab
