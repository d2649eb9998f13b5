#include "data/file_bytes.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "data/data_error.h"

namespace bnlab {

namespace fs = std::filesystem;

std::string readFileBytes(const std::string& path, std::int64_t maxBytes, const std::string& why) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) throwDataError(path, "no such file");
  if (fs::is_directory(status)) throwDataError(path, "is a folder, not a file");
  std::ifstream file(path, std::ios::binary);
  if (!file) throwDataError(path, "cannot be opened for reading");
  const std::int64_t cap = std::max<std::int64_t>(maxBytes, 0);
  const auto tooBig = [&] {
    throwDataError(path, "the file is larger than the limit of ", cap, " bytes", why.empty() ? "" : ", ", why);
  };
  const auto size = fs::file_size(path, error);
  if (!error && size > static_cast<std::uintmax_t>(cap)) tooBig();

  constexpr std::size_t kChunk = 1 << 20;
  std::string bytes;
  if (!error) bytes.reserve(static_cast<std::size_t>(size));
  while (file) {
    if (static_cast<std::int64_t>(bytes.size()) > cap) tooBig();
    const std::size_t before = bytes.size();
    bytes.resize(before + kChunk);
    file.read(bytes.data() + before, kChunk);
    bytes.resize(before + static_cast<std::size_t>(file.gcount()));
  }
  if (file.bad()) throwDataError(path, "the file could not be read");
  if (static_cast<std::int64_t>(bytes.size()) > cap) tooBig();
  return bytes;
}

}  // namespace bnlab
