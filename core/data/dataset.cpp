#include "data/dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "common/rng.h"
#include "data/data_error.h"

namespace bnlab {

int classesOf(const std::vector<int>& labels, const std::string& name) {
  if (labels.empty()) return 2;
  std::set<int> present(labels.begin(), labels.end());
  const int largest = *present.rbegin();
  if (present.size() < 2)
    throwDataError(name, "every label is ", largest, "; at least 2 classes are needed");
  const int count = static_cast<int>(present.size());
  if (largest + 1 > std::max(10, 4 * count))
    throwDataError(name, "class ids go up to ", largest, " but only ", count,
                   " classes are present; number the classes from 0");
  return largest + 1;
}

void Dataset::gather(const std::vector<int>& indices, Matrix& x, std::vector<int>& y) const {
  x.resize(features.rows(), static_cast<Eigen::Index>(indices.size()));
  y.resize(indices.size());
  for (std::size_t i = 0; i < indices.size(); ++i) {
    x.col(static_cast<Eigen::Index>(i)) = features.col(indices[i]);
    y[i] = labels[static_cast<std::size_t>(indices[i])];
  }
}

Dataset Dataset::emptyLike() const {
  Dataset out;
  out.classes = classes;
  out.classNames = classNames;
  out.imageRows = imageRows;
  out.imageColumns = imageColumns;
  return out;
}

Dataset Dataset::subset(const std::vector<int>& indices) const {
  Dataset out = emptyLike();
  gather(indices, out.features, out.labels);
  return out;
}

DataSplit splitTrainTest(const Dataset& data, double testFraction, std::uint64_t seed,
                         int trainLimit) {
  std::vector<int> order(static_cast<std::size_t>(data.size()));
  std::iota(order.begin(), order.end(), 0);
  Rng rng(seed);
  rng.shuffle(order);
  const auto testCount = static_cast<std::size_t>(std::lround(testFraction * data.size()));
  const std::vector<int> test(order.begin(), order.begin() + static_cast<long>(testCount));
  const std::size_t trainCount =
      trainLimit > 0 ? std::min(order.size() - testCount, static_cast<std::size_t>(trainLimit))
                     : order.size() - testCount;
  const std::vector<int> train(order.begin() + static_cast<long>(testCount),
                               order.begin() + static_cast<long>(testCount + trainCount));
  return {data.subset(train), data.subset(test)};
}

}  // namespace bnlab
