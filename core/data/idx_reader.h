#pragma once
// IDX files, the format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/):
//   bytes 0–1   0x00 0x00
//   byte  2     data type; only 0x08 (unsigned byte) is read here
//   byte  3     number of dimensions: 1 (labels: count) or 3 (images: count, rows, columns)
//   then        each dimension as a big-endian int32
//   then        the data, count × rows × columns bytes, row by row, nothing after it
// Files may be gzip-compressed (they start with 0x1f 0x8b) or raw. Every reader throws
// DataError on a malformed, truncated or oversized file; nothing is trusted before it is
// checked against IdxLimits (idx_stream.h). Files are read in pieces: a reader that wants the
// first n items reads those (and checks the file's length), not the whole file.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "data/data_error.h"
#include "data/dataset.h"
#include "data/idx_stream.h"

namespace bnlab {

struct IdxArray {
  std::vector<std::int32_t> dims;  // {count} or {count, rows, columns}, each ≥ 1
  std::vector<std::uint8_t> data;  // product of dims bytes, in file order
};

// Parses raw or gzip-compressed IDX bytes; `name` goes into error messages.
IdxArray parseIdx(std::span<const std::uint8_t> bytes, const std::string& name,
                  const IdxLimits& limits = {});

// Reads one file (raw or .gz): its first `first` items, all when 0 (dims[0] is the count
// read). Errors name `path`.
IdxArray readIdxFile(const std::string& path, const IdxLimits& limits = {}, std::int64_t first = 0);

// images {n, rows, columns} and labels {n} → features (rows·columns) × n with pixel / 255 in
// [0, 1], one image per column in row-major pixel order; classes = max label + 1, at least 2.
Dataset makeImageDataset(const IdxArray& images, const IdxArray& labels, const std::string& name);

// The same from an image file and a label file, for their first `first` images (all when 0):
// pixels become features a piece at a time, so the file's bytes are never held beside the
// features. The two files must declare the same count. Errors name `name` or the file.
Dataset readImageDataset(const std::string& imagesPath, const std::string& labelsPath,
                         const std::string& name, const IdxLimits& limits = {},
                         std::int64_t first = 0);

// The four files of an MNIST-style folder, each found as e.g. train-images-idx3-ubyte,
// train-images-idx3-ubyte.gz, train-images.idx3-ubyte or train-images.idx3-ubyte.gz.
struct MnistFiles {
  std::string trainImages, trainLabels, testImages, testLabels;
};
std::optional<MnistFiles> findMnistFiles(const std::string& folder);

// How many examples of each set to read, the first ones (0: all).
struct MnistCounts {
  std::int64_t train = 0;
  std::int64_t test = 0;
};

// The training and test sets of an MNIST-style folder (same image shape, same classes;
// classNames left empty). Errors name the folder and the missing or bad file.
DataSplit loadMnistFolder(const std::string& folder, const IdxLimits& limits = {},
                          MnistCounts first = {});

inline constexpr const char* kFashionMnistFolder = "/usr/share/datasets/fashion-mnist";
// Fashion-MNIST's ten classes, by label: "T-shirt/top", "Trouser", … "Ankle boot".
std::vector<std::string> fashionMnistClassNames();

}  // namespace bnlab
