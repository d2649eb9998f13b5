#include "experiment/decision_map.h"

#include <algorithm>

namespace bnlab {

PlaneExtent planeExtent(const DataSplit& data) {
  PlaneExtent e{1e300, -1e300, 1e300, -1e300};
  for (const Dataset* d : {&data.train, &data.test}) {
    if (d->dimensions() != 2 || d->size() == 0) continue;
    e.xMin = std::min(e.xMin, double(d->features.row(0).minCoeff()));
    e.xMax = std::max(e.xMax, double(d->features.row(0).maxCoeff()));
    e.yMin = std::min(e.yMin, double(d->features.row(1).minCoeff()));
    e.yMax = std::max(e.yMax, double(d->features.row(1).maxCoeff()));
  }
  if (e.xMin > e.xMax) return PlaneExtent{};
  const double padX = 0.1 * std::max(e.xMax - e.xMin, 1e-6);
  const double padY = 0.1 * std::max(e.yMax - e.yMin, 1e-6);
  return {e.xMin - padX, e.xMax + padX, e.yMin - padY, e.yMax + padY};
}

DecisionMap computeDecisionMap(const Network& network, const PlaneExtent& extent, int columns,
                               int rows, std::int64_t step) {
  DecisionMap map;
  if (network.config().inputs != 2 || columns < 1 || rows < 1) return map;
  map.columns = columns;
  map.rows = rows;
  map.xMin = extent.xMin;
  map.xMax = extent.xMax;
  map.yMin = extent.yMin;
  map.yMax = extent.yMax;
  map.step = step;
  // X (2 × rows·columns): cell centres, row-major from (xMin, yMin).
  Matrix grid(2, Eigen::Index(rows) * columns);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < columns; ++c) {
      const Eigen::Index i = Eigen::Index(r) * columns + c;
      grid(0, i) = Scalar(extent.xMin + (c + 0.5) * (extent.xMax - extent.xMin) / columns);
      grid(1, i) = Scalar(extent.yMin + (r + 0.5) * (extent.yMax - extent.yMin) / rows);
    }
  ForwardRecord record;
  network.infer(grid, NormStats::Running, record);
  map.classes.resize(static_cast<std::size_t>(grid.cols()));
  map.confidence.resize(static_cast<std::size_t>(grid.cols()));
  for (Eigen::Index i = 0; i < grid.cols(); ++i) {
    Eigen::Index best = 0;
    map.confidence[static_cast<std::size_t>(i)] =
        float(record.probabilities.col(i).maxCoeff(&best));
    map.classes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(best);
  }
  return map;
}

}  // namespace bnlab
