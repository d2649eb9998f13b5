#pragma once
// A labelled data set: features X (d × n, one example per column), labels y (n), k classes.
#include <cstdint>
#include <string>
#include <vector>

#include "common/types.h"

namespace bnlab {

struct Dataset {
  Matrix features;          // d × n
  std::vector<int> labels;  // n, each in [0, classes)
  int classes = 0;
  std::vector<std::string> classNames;  // empty, or one per class
  // Image data: each column is an imageRows × imageColumns picture stored row by row
  // (features in [0, 1] before standardization). Both 0 for other data.
  int imageRows = 0, imageColumns = 0;

  int dimensions() const { return static_cast<int>(features.rows()); }
  int size() const { return static_cast<int>(features.cols()); }

  // The same description (classes, names, image shape) with no examples.
  Dataset emptyLike() const;
  // The examples at `indices`, in that order.
  Dataset subset(const std::vector<int>& indices) const;
  // Columns at `indices` into a preallocated X (d × |indices|) and labels.
  void gather(const std::vector<int>& indices, Matrix& x, std::vector<int>& y) const;
};

struct DataSplit {
  Dataset train;
  Dataset test;
};

// The classes of integer labels (0 … the largest): throws DataError naming `name` when fewer
// than two classes are present, or when the largest id lies far beyond the classes present
// (above max(10, 4 × present): ids that are not numbered from 0).
int classesOf(const std::vector<int>& labels, const std::string& name);

// Shuffles (seeded) and puts round(testFraction · n) examples in the test set, the rest in the
// training set; with a `trainLimit` > 0 only the first that many of those (the same examples
// as limiting the whole training set afterwards, without copying it first).
DataSplit splitTrainTest(const Dataset& data, double testFraction, std::uint64_t seed,
                         int trainLimit = 0);

}  // namespace bnlab
