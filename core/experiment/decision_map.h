#pragma once
// The decision plane of a network on 2-D data: the most likely class and its probability on a
// grid over the data's extent, in Eval mode.
#include "data/dataset.h"
#include "experiment/snapshot.h"
#include "network/network.h"

namespace bnlab {

struct PlaneExtent {
  double xMin = -1, xMax = 1, yMin = -1, yMax = 1;
};

// The bounding box of both splits' points, padded by 10% on each side.
PlaneExtent planeExtent(const DataSplit& data);

// Grid of columns × rows cell centres over `extent`; empty unless the network takes 2 inputs.
DecisionMap computeDecisionMap(const Network& network, const PlaneExtent& extent, int columns,
                               int rows, std::int64_t step);

}  // namespace bnlab
