#pragma once
// A whole file into memory for the data readers, refusing more than a limit: the size is
// checked first and again while reading (a pipe or a growing file does not report it).
#include <cstdint>
#include <string>

namespace bnlab {

// The bytes of `path`. Throws DataError naming the file when it is missing, a folder,
// unreadable or larger than `maxBytes` (`why` explains the limit, e.g. "more than …").
std::string readFileBytes(const std::string& path, std::int64_t maxBytes, const std::string& why = {});

}  // namespace bnlab
