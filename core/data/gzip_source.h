#pragma once
// gzip (one member or several concatenated, as gzip writes them) decompressed in pieces from
// another source, with a cap on what it may decompress to (a zip bomb meets the cap, not the
// memory). Errors are DataError naming the stream: corrupted, truncated, or larger than the cap.
#include <memory>
#include <string>
#include <vector>

#include "data/byte_source.h"

namespace bnlab {

class GzipSource final : public ByteSource {
 public:
  // `why` explains the cap in its error ("more than …").
  GzipSource(ByteSource& compressed, std::string name, std::int64_t maxBytes, std::string why = {});
  ~GzipSource() override;
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  std::size_t read(std::uint8_t* out, std::size_t size) override;

 private:
  struct Stream;
  // Decompresses the next piece into output_; false when the last member has ended.
  bool fill();

  ByteSource& compressed_;
  std::string name_, why_;
  std::int64_t cap_;
  std::unique_ptr<Stream> stream_;
  std::vector<std::uint8_t> input_, output_;
  std::size_t outputStart_ = 0, outputEnd_ = 0;
  std::int64_t produced_ = 0;
  bool inputEnded_ = false, ended_ = false;
};

}  // namespace bnlab
