#pragma once
// The one error of the data readers. Its message is one sentence that names the file (or the
// name the caller gave) and says what is wrong, e.g.
//   "train-images-idx3-ubyte.gz: truncated: the header promises 60000 images of 28×28
//    (47040000 bytes) but the file holds 1234 bytes of pixels"
//   "data.csv:17:3: \"abc\" is not a number"
#include <sstream>
#include <stdexcept>
#include <string>

namespace bnlab {

class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws DataError("<where>: <parts…>"), each part written with operator<<.
template <typename... Parts>
[[noreturn]] void throwDataError(const std::string& where, const Parts&... parts) {
  std::ostringstream message;
  message << where << ": ";
  (message << ... << parts);
  throw DataError(message.str());
}

}  // namespace bnlab
