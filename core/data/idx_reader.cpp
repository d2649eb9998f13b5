#include "data/idx_reader.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <limits>

#include "data/file_bytes.h"

namespace bnlab {
namespace {

namespace fs = std::filesystem;
using ByteMatrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>;

constexpr const char* kTooLarge = "more than an IDX file within the limits can take";
constexpr std::int64_t kPieceBytes = 1 << 20;  // pixels converted to features at once

// a · b, or INT64_MAX when that overflows (a, b ≥ 0).
std::int64_t saturatingProduct(std::int64_t a, std::int64_t b) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  return b != 0 && a > kMax / b ? kMax : a * b;
}

// Arrays built by hand are checked too: dims ≥ 1 and data of exactly their product.
void checkShape(const IdxArray& array, std::size_t ndims, const char* what,
                const std::string& name) {
  if (array.dims.size() != ndims)
    throwDataError(name, "the ", what, " have ", array.dims.size(), " dimensions; expected ",
                   ndims);
  std::int64_t product = 1;
  for (std::int32_t dim : array.dims) {
    if (dim < 1) throwDataError(name, "the ", what, " have a dimension of ", dim);
    product = saturatingProduct(product, dim);
  }
  if (product != static_cast<std::int64_t>(array.data.size()))
    throwDataError(name, "the ", what, " hold ", array.data.size(),
                   " bytes but their dimensions promise ", product);
}

// The images' and labels' headers agree: 3 and 1 dimensions, the same count.
void checkPair(const std::vector<std::int32_t>& images, const std::vector<std::int32_t>& labels,
               const std::string& name) {
  if (images.size() != 3)
    throwDataError(name, "the images have ", images.size(), " dimensions; expected 3");
  if (labels.size() != 1)
    throwDataError(name, "the labels have ", labels.size(), " dimensions; expected 1");
  if (labels[0] != images[0])
    throwDataError(name, images[0], " images but ", labels[0], " labels; the counts must agree");
}

// Pixels of `count` images (d bytes each, image after image) → pixel / 255 in the d × count
// columns `features`. Image j's pixels are bytes [j·d, (j+1)·d): column j of a column-major
// d × count.
template <typename Columns>
void toFeatures(const std::uint8_t* pixels, Eigen::Index d, Eigen::Index count,
                Columns&& features) {
  features = Eigen::Map<const ByteMatrix>(pixels, d, count).cast<Scalar>() / Scalar(255);
}

// Integer labels and their classes.
void setLabels(const std::uint8_t* labels, std::size_t count, const std::string& name,
               Dataset& data) {
  data.labels.assign(labels, labels + count);
  data.classes = classesOf(data.labels, name);
}

struct MnistName {
  const char* stem;  // "train-images"
  const char* kind;  // "idx3-ubyte"
};
constexpr std::array<MnistName, 4> kMnistNames{{{"train-images", "idx3-ubyte"},
                                                {"train-labels", "idx1-ubyte"},
                                                {"t10k-images", "idx3-ubyte"},
                                                {"t10k-labels", "idx1-ubyte"}}};

// folder/stem-kind, folder/stem.kind, each raw or .gz: the first that is a file.
std::optional<std::string> findMnistFile(const std::string& folder, const MnistName& file) {
  for (const char* separator : {"-", "."})
    for (const char* extension : {"", ".gz"}) {
      const fs::path path =
          fs::path(folder) / (std::string(file.stem) + separator + file.kind + extension);
      std::error_code error;
      if (fs::is_regular_file(path, error)) return path.string();
    }
  return std::nullopt;
}

// The first `first` items of `stream` (all when 0), then the rest checked.
IdxArray readItems(IdxStream& stream, std::int64_t first) {
  IdxArray array{stream.dims(), {}};
  array.dims[0] =
      static_cast<std::int32_t>(first > 0 ? std::min(first, stream.count()) : stream.count());
  array.data.resize(static_cast<std::size_t>(array.dims[0] * stream.itemBytes()));
  stream.read(array.data.data(), array.dims[0]);
  stream.finish();
  return array;
}

}  // namespace

IdxArray parseIdx(std::span<const std::uint8_t> bytes, const std::string& name,
                  const IdxLimits& limits) {
  SpanSource source(bytes);
  IdxStream stream(source, name, limits);
  return readItems(stream, 0);
}

IdxArray readIdxFile(const std::string& path, const IdxLimits& limits, std::int64_t first) {
  BoundedFile file(path, maxIdxFileBytes(limits), kTooLarge);
  IdxStream stream(file, path, limits);
  return readItems(stream, first);
}

Dataset makeImageDataset(const IdxArray& images, const IdxArray& labels, const std::string& name) {
  checkShape(images, 3, "images", name);
  checkShape(labels, 1, "labels", name);
  checkPair(images.dims, labels.dims, name);
  Dataset data;
  data.imageRows = images.dims[1];
  data.imageColumns = images.dims[2];
  const Eigen::Index d = Eigen::Index{images.dims[1]} * images.dims[2];
  data.features.resize(d, images.dims[0]);
  toFeatures(images.data.data(), d, images.dims[0], data.features);
  setLabels(labels.data.data(), labels.data.size(), name, data);
  return data;
}

Dataset readImageDataset(const std::string& imagesPath, const std::string& labelsPath,
                         const std::string& name, const IdxLimits& limits, std::int64_t first) {
  BoundedFile imageFile(imagesPath, maxIdxFileBytes(limits), kTooLarge);
  IdxStream images(imageFile, imagesPath, limits);
  BoundedFile labelFile(labelsPath, maxIdxFileBytes(limits), kTooLarge);
  IdxStream labels(labelFile, labelsPath, limits);
  checkPair(images.dims(), labels.dims(), name);
  const std::int64_t count = first > 0 ? std::min(first, images.count()) : images.count();

  Dataset data;
  data.imageRows = images.dims()[1];
  data.imageColumns = images.dims()[2];
  const Eigen::Index d = images.itemBytes();
  data.features.resize(d, static_cast<Eigen::Index>(count));
  const std::int64_t perPiece = std::max<std::int64_t>(kPieceBytes / d, 1);
  std::vector<std::uint8_t> piece;
  for (std::int64_t start = 0; start < count; start += perPiece) {
    const std::int64_t n = std::min(perPiece, count - start);
    piece.resize(static_cast<std::size_t>(n * d));
    images.read(piece.data(), n);
    toFeatures(piece.data(), d, n, data.features.middleCols(start, n));
  }
  images.finish();
  std::vector<std::uint8_t> labelBytes(static_cast<std::size_t>(count));
  labels.read(labelBytes.data(), count);
  labels.finish();
  setLabels(labelBytes.data(), labelBytes.size(), name, data);
  return data;
}

std::optional<MnistFiles> findMnistFiles(const std::string& folder) {
  std::array<std::string, 4> paths;
  for (std::size_t i = 0; i < kMnistNames.size(); ++i) {
    std::optional<std::string> path = findMnistFile(folder, kMnistNames[i]);
    if (!path) return std::nullopt;
    paths[i] = std::move(*path);
  }
  return MnistFiles{paths[0], paths[1], paths[2], paths[3]};
}

DataSplit loadMnistFolder(const std::string& folder, const IdxLimits& limits, MnistCounts first) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) throwDataError(folder, "no such folder");
  std::array<std::string, 4> paths;
  for (std::size_t i = 0; i < kMnistNames.size(); ++i) {
    std::optional<std::string> path = findMnistFile(folder, kMnistNames[i]);
    if (!path)
      throwDataError(folder, "no ", kMnistNames[i].stem, "-", kMnistNames[i].kind,
                     " (or .gz) in this folder");
    paths[i] = std::move(*path);
  }
  DataSplit split;
  split.train =
      readImageDataset(paths[0], paths[1], folder + " (training set)", limits, first.train);
  split.test = readImageDataset(paths[2], paths[3], folder + " (test set)", limits, first.test);
  if (split.train.imageRows != split.test.imageRows ||
      split.train.imageColumns != split.test.imageColumns)
    throwDataError(folder, "the training images are ", split.train.imageRows, "×",
                   split.train.imageColumns, " but the test images are ", split.test.imageRows, "×",
                   split.test.imageColumns);
  split.train.classes = split.test.classes = std::max(split.train.classes, split.test.classes);
  return split;
}

std::vector<std::string> fashionMnistClassNames() {
  return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
          "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
}

}  // namespace bnlab
