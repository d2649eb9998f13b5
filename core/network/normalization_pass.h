#pragma once
// What a normalization's backward needs of the forward pass it differentiates, beside that
// pass's Ẑ (LayerActivations::zHat). Forward fills it, the pass's record keeps it and backward
// reads it, so a later forward pass (a probe, a measure, an evaluation) cannot change it.
#include "common/types.h"

namespace bnlab {

struct NormalizationPass {
  // 1/√(σ² + ε) the pass divided by. Batch norm: n, one per unit. Layer and group norm: G·m,
  // one per group of each example (group g of example j at g + G·j).
  Vector inverseStd;
  // Batch norm: the batch's own μ_B and σ²_B (Train), which depend on Z; otherwise the running
  // statistics (Eval), constants.
  bool batchStatistics = false;
};

}  // namespace bnlab
