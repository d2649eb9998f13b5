#pragma once
// Batch norm's sampling noise at fixed weights (FixedWeightNoise): many mini-batches drawn
// from the training set at the current W, each through the network with its own statistics.
#include <cstdint>

#include "data/dataset.h"
#include "experiment/snapshot.h"
#include "network/network.h"

namespace bnlab {

inline constexpr int kFixedWeightBatches = 64;
inline constexpr int kFewestFixedWeightBatches = 16;

// How many batches of `batchSize` to draw within about `examples` examples: kFixedWeightBatches
// when they fit, never fewer than kFewestFixedWeightBatches.
int fixedWeightBatches(int batchSize, int examples);

// μ_B and σ_B of unit `unit` of hidden layer `layer` (its Z, before batch norm) over
// `batches` batches of `batchSize` examples (each drawn without replacement; at most
// the whole set), in units of the population's σ around its μ. The same `seed` draws the same
// batches. Empty batches when σ = 0.
FixedWeightNoise measureFixedWeightNoise(const Network& network, const Dataset& train, int layer,
                                         int unit, int batchSize, double populationMean,
                                         double populationStd, std::uint64_t seed,
                                         std::int64_t step, int batches = kFixedWeightBatches);

}  // namespace bnlab
