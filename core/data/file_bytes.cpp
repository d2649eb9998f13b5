#include "data/file_bytes.h"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <utility>

#include "data/data_error.h"

namespace bnlab {

namespace fs = std::filesystem;

BoundedFile::BoundedFile(const std::string& path, std::int64_t maxBytes, std::string why)
    : path_(path), why_(std::move(why)), cap_(std::max<std::int64_t>(maxBytes, 0)) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) throwDataError(path, "no such file");
  if (fs::is_directory(status)) throwDataError(path, "is a folder, not a file");
  file_.open(path, std::ios::binary);
  if (!file_) throwDataError(path, "cannot be opened for reading");
  if (fs::is_regular_file(status)) {
    const auto size = fs::file_size(path, error);
    if (!error)
      size_ = static_cast<std::int64_t>(
          std::min<std::uintmax_t>(size, std::numeric_limits<std::int64_t>::max()));
  }
  if (size_ && *size_ > cap_) tooBig();
}

void BoundedFile::tooBig() const {
  throwDataError(path_, "the file is larger than the limit of ", cap_, " bytes",
                 why_.empty() ? "" : ", ", why_);
}

std::size_t BoundedFile::read(std::uint8_t* out, std::size_t size) {
  if (size == 0 || !file_) return 0;
  file_.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(size));
  if (file_.bad()) throwDataError(path_, "the file could not be read");
  const auto got = static_cast<std::size_t>(file_.gcount());
  position_ += static_cast<std::int64_t>(got);
  if (position_ > cap_) tooBig();
  return got;
}

std::uint64_t BoundedFile::skip(std::uint64_t size) {
  if (!size_ || !file_) return ByteSource::skip(size);
  const auto known = static_cast<std::uint64_t>(std::max<std::int64_t>(*size_ - position_, 0));
  const std::uint64_t step = std::min(size, known);
  file_.seekg(static_cast<std::streamoff>(step), std::ios::cur);
  if (!file_) throwDataError(path_, "the file could not be read");
  position_ += static_cast<std::int64_t>(step);
  if (step == size) return step;
  // Bytes beyond the size seen on opening (a file that grew) are read as they come.
  return step + ByteSource::skip(size - step);
}

std::string readFileBytes(const std::string& path, std::int64_t maxBytes, const std::string& why) {
  BoundedFile file(path, maxBytes, why);
  constexpr std::size_t kChunk = 1 << 20;
  std::string bytes;
  if (file.size()) bytes.reserve(static_cast<std::size_t>(*file.size()));
  for (;;) {
    const std::size_t before = bytes.size();
    bytes.resize(before + kChunk);
    const std::size_t got =
        file.read(reinterpret_cast<std::uint8_t*>(bytes.data() + before), kChunk);
    bytes.resize(before + got);
    if (got < kChunk) break;
  }
  return bytes;
}

}  // namespace bnlab
