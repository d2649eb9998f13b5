#include "network/hidden_block.h"

namespace bnlab {

HiddenBlock::HiddenBlock(int inputs, int units, ActivationKind activation, bool batchNorm,
                         BatchNormOptions batchNormOptions, Scalar dropoutRate)
    : dense_(inputs, units),
      batchNorm_(units, batchNormOptions),
      dropout_(dropoutRate),
      activation_(activation),
      batchNormEnabled_(batchNorm) {}

void HiddenBlock::setBatchNormEnabled(bool enabled) {
  if (enabled && !batchNormEnabled_) batchNorm_.resetRunningStatistics();
  batchNormEnabled_ = enabled;
}

void HiddenBlock::forward(const Matrix& input, Mode mode, Rng& rng, LayerActivations& out) {
  dense_.forward(input, out.z);
  out.normalized = batchNormEnabled_;
  if (batchNormEnabled_) {
    batchNorm_.forward(out.z, mode, out.zHat, out.zTilde);
  } else {
    out.zHat.resize(0, 0);
    out.zTilde.resize(0, 0);
  }
  activationForward(activation_, out.activationInput(), out.a);
  out.droppedOut = dropout_.active(mode);
  if (out.droppedOut) dropout_.forward(out.a, mode, rng, out.dropped);
}

void HiddenBlock::infer(const Matrix& input, NormStats stats, LayerActivations& out) const {
  dense_.forward(input, out.z);
  out.normalized = batchNormEnabled_;
  if (batchNormEnabled_) {
    batchNorm_.normalize(out.z, stats, out.zHat, out.zTilde);
  } else {
    out.zHat.resize(0, 0);
    out.zTilde.resize(0, 0);
  }
  activationForward(activation_, out.activationInput(), out.a);
  out.droppedOut = false;
}

void HiddenBlock::backward(const Matrix& input, const LayerActivations& cache,
                           const Matrix& dOutput, Matrix* dInput) {
  const Matrix* dA = &dOutput;
  if (cache.droppedOut) {
    dropout_.backward(dOutput, dA_);
    dA = &dA_;
  }
  activationBackward(activation_, cache.activationInput(), cache.a, *dA, dActivationInput_);
  const Matrix* dZ = &dActivationInput_;
  if (cache.normalized) {
    batchNorm_.backward(cache.zHat, dActivationInput_, dZ_);
    dZ = &dZ_;
  }
  dense_.backward(input, *dZ, dInput);
}

}  // namespace bnlab
