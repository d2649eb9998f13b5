#pragma once
// IDX files, the format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/):
//   bytes 0–1   0x00 0x00
//   byte  2     data type; only 0x08 (unsigned byte) is read here
//   byte  3     number of dimensions: 1 (labels: count) or 3 (images: count, rows, columns)
//   then        each dimension as a big-endian int32
//   then        the data, count × rows × columns bytes, row by row, nothing after it
// Files may be gzip-compressed (they start with 0x1f 0x8b) or raw. Every reader throws
// DataError on a malformed, truncated or oversized file; nothing is trusted before it is
// checked against IdxLimits.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "data/data_error.h"
#include "data/dataset.h"

namespace bnlab {

struct IdxLimits {
  std::int64_t maxItems = 1'000'000;      // images or labels in one file
  std::int32_t maxImageSide = 1024;       // rows and columns of one image
  std::int64_t maxDataBytes = 1LL << 30;  // count × rows × columns (1 GiB); also caps
                                          // what a gzip stream may decompress to
};

struct IdxArray {
  std::vector<std::int32_t> dims;  // {count} or {count, rows, columns}, each ≥ 1
  std::vector<std::uint8_t> data;  // product of dims bytes, in file order
};

// Parses raw or gzip-compressed IDX bytes; `name` goes into error messages.
IdxArray parseIdx(std::span<const std::uint8_t> bytes, const std::string& name,
                  const IdxLimits& limits = {});

// Reads and parses one file (raw or .gz); errors name `path`.
IdxArray readIdxFile(const std::string& path, const IdxLimits& limits = {});

// images {n, rows, columns} and labels {n} → features (rows·columns) × n with pixel / 255 in
// [0, 1], one image per column in row-major pixel order; classes = max label + 1, at least 2.
Dataset makeImageDataset(const IdxArray& images, const IdxArray& labels, const std::string& name);

// The four files of an MNIST-style folder, each found as e.g. train-images-idx3-ubyte,
// train-images-idx3-ubyte.gz, train-images.idx3-ubyte or train-images.idx3-ubyte.gz.
struct MnistFiles {
  std::string trainImages, trainLabels, testImages, testLabels;
};
std::optional<MnistFiles> findMnistFiles(const std::string& folder);

// The training and test sets of an MNIST-style folder (same image shape, same classes;
// classNames left empty). Errors name the folder and the missing or bad file.
DataSplit loadMnistFolder(const std::string& folder, const IdxLimits& limits = {});

inline constexpr const char* kFashionMnistFolder = "/usr/share/datasets/fashion-mnist";
// Fashion-MNIST's ten classes, by label: "T-shirt/top", "Trouser", … "Ankle boot".
std::vector<std::string> fashionMnistClassNames();

}  // namespace bnlab
