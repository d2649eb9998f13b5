#include "data/gzip_source.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "data/data_error.h"

namespace bnlab {

namespace {
constexpr std::size_t kPiece = 1 << 18;  // compressed bytes read at once, and output kept
}  // namespace

// zlib's inflate state, released on every way out (errors included).
struct GzipSource::Stream {
  z_stream z{};
  bool open = false;
  ~Stream() {
    if (open) inflateEnd(&z);
  }
};

GzipSource::GzipSource(ByteSource& compressed, std::string name, std::int64_t maxBytes,
                       std::string why)
    : compressed_(compressed),
      name_(std::move(name)),
      why_(std::move(why)),
      cap_(std::max<std::int64_t>(maxBytes, 0)),
      stream_(std::make_unique<Stream>()),
      input_(kPiece),
      output_(kPiece) {
  if (inflateInit2(&stream_->z, 16 + MAX_WBITS) != Z_OK)
    throwDataError(name_, "zlib could not start decompressing");
  stream_->open = true;
}

GzipSource::~GzipSource() = default;

std::size_t GzipSource::read(std::uint8_t* out, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    if (outputStart_ == outputEnd_ && !fill()) break;
    const std::size_t piece = std::min(size - got, outputEnd_ - outputStart_);
    std::memcpy(out + got, output_.data() + outputStart_, piece);
    outputStart_ += piece;
    got += piece;
  }
  return got;
}

bool GzipSource::fill() {
  z_stream& z = stream_->z;
  outputStart_ = outputEnd_ = 0;
  // Whether more compressed bytes wait; reads the next piece when none are left.
  const auto moreInput = [&] {
    if (z.avail_in == 0 && !inputEnded_) {
      const std::size_t got = compressed_.read(input_.data(), input_.size());
      z.next_in = input_.data();
      z.avail_in = static_cast<uInt>(got);
      inputEnded_ = got == 0;
    }
    return z.avail_in > 0;
  };
  while (!ended_ && outputEnd_ < output_.size()) {
    moreInput();
    const uInt inAvailable = z.avail_in;
    const auto outAvailable = static_cast<uInt>(output_.size() - outputEnd_);
    z.next_out = output_.data() + outputEnd_;
    z.avail_out = outAvailable;
    const int status = inflate(&z, Z_NO_FLUSH);
    const std::size_t consumed = inAvailable - z.avail_in;
    const std::size_t produced = outAvailable - z.avail_out;
    outputEnd_ += produced;
    produced_ += static_cast<std::int64_t>(produced);
    if (produced_ > cap_)
      throwDataError(name_, "decompresses to more than ", cap_, " bytes", why_.empty() ? "" : ", ",
                     why_);

    if (status == Z_STREAM_END) {
      if (!moreInput()) {
        ended_ = true;
        break;
      }
      if (inflateReset(&z) != Z_OK) throwDataError(name_, "zlib could not continue");
      continue;  // another gzip member follows
    }
    if (status == Z_OK && (consumed > 0 || produced > 0)) continue;
    if ((status == Z_OK || status == Z_BUF_ERROR) && z.avail_in == 0 && !inputEnded_)
      continue;  // the next piece of input is read at the top of the loop
    if (status == Z_OK || status == Z_BUF_ERROR)  // no progress: the input ran out
      throwDataError(name_, "truncated: the gzip stream ends before its end marker");
    throwDataError(name_, "corrupted gzip stream (", z.msg ? z.msg : "zlib error", ")");
  }
  return outputEnd_ > 0;
}

}  // namespace bnlab
