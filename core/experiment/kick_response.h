#pragma once
// How far a kick of one layer's W moved every hidden layer's activation input at once.
#include "experiment/snapshot.h"
#include "network/network.h"

namespace bnlab {

// `before` and `after` are the probe batch's forward passes (batch statistics) just before and
// just after W of hidden layer `layer` was kicked, with nothing else changed between them.
KickResponse kickResponse(std::int64_t step, int layer, double relative,
                          const ForwardRecord& before, const ForwardRecord& after);

}  // namespace bnlab
