#include "network/hidden_block.h"

#include <utility>

namespace bnlab {

HiddenBlock::HiddenBlock(int inputs, int units, const NetworkConfig& config)
    : dense_(inputs, units),
      batchNorm_(units, config.batchNormOptions),
      layerNorm_(units, config.batchNormOptions.epsilon,
                 config.normalization == Normalization::GroupNorm ? config.groups : 1),
      noise_(units, config.noiseSpread),
      dropout_(config.dropout),
      activation_(config.activation),
      normalization_(config.normalization) {}

void HiddenBlock::setNormalization(Normalization kind) {
  if (usesBatchStatistics(kind) && !usesBatchStatistics(normalization_))
    batchNorm_.resetRunningStatistics();
  if (kind == Normalization::BatchNormWithoutAffine) {
    batchNorm_.gamma().setOnes();
    batchNorm_.beta().setZero();
  }
  normalization_ = kind;
}

void HiddenBlock::drawNoise(Rng& rng) {
  if (normalization_ == Normalization::NoisyBatchNorm) noise_.draw(rng);
}

const Matrix* HiddenBlock::gamma() const {
  if (!learnsScaleAndShift(normalization_)) return nullptr;
  return normalizesPerExample(normalization_) ? &layerNorm_.gamma() : &batchNorm_.gamma();
}

const Matrix* HiddenBlock::beta() const {
  if (!learnsScaleAndShift(normalization_)) return nullptr;
  return normalizesPerExample(normalization_) ? &layerNorm_.beta() : &batchNorm_.beta();
}

Matrix* HiddenBlock::gamma() { return const_cast<Matrix*>(std::as_const(*this).gamma()); }
Matrix* HiddenBlock::beta() { return const_cast<Matrix*>(std::as_const(*this).beta()); }

Matrix* HiddenBlock::gammaGrad() {
  if (!learnsScaleAndShift(normalization_)) return nullptr;
  return normalizesPerExample(normalization_) ? &layerNorm_.gammaGrad() : &batchNorm_.gammaGrad();
}

Matrix* HiddenBlock::betaGrad() {
  if (!learnsScaleAndShift(normalization_)) return nullptr;
  return normalizesPerExample(normalization_) ? &layerNorm_.betaGrad() : &batchNorm_.betaGrad();
}

namespace {

void describeKind(Normalization kind, bool noisy, LayerActivations& out) {
  out.normalized = normalizesActivationInput(kind);
  out.normalizedAfter = kind == Normalization::BatchNormAfterActivation;
  out.noised = noisy && kind == Normalization::NoisyBatchNorm;
  if (!out.normalized && !out.normalizedAfter) {
    out.zHat.resize(0, 0);
    out.zTilde.resize(0, 0);
  }
}

}  // namespace

void HiddenBlock::forward(const Matrix& input, Mode mode, Rng& rng, LayerActivations& out) {
  dense_.forward(input, out.z);
  describeKind(normalization_, mode == Mode::Train, out);
  if (normalizesPerExample(normalization_))
    layerNorm_.forward(out.z, out.zHat, out.zTilde, out.norm);
  else if (out.normalized)
    batchNorm_.forward(out.z, mode, out.zHat, out.zTilde, out.norm);
  if (out.noised) noise_.apply(out.zTilde);
  activationForward(activation_, out.activationInput(), out.a);
  if (out.normalizedAfter) batchNorm_.forward(out.a, mode, out.zHat, out.zTilde, out.norm);
  out.droppedOut = dropout_.active(mode);
  if (out.droppedOut)
    dropout_.forward(out.normalizedOutput(), mode, rng, out.dropped, out.dropMask);
}

void HiddenBlock::infer(const Matrix& input, NormStats stats, LayerActivations& out) const {
  dense_.forward(input, out.z);
  describeKind(normalization_, stats == NormStats::Batch, out);
  if (normalizesPerExample(normalization_))
    layerNorm_.normalize(out.z, out.zHat, out.zTilde);
  else if (out.normalized)
    batchNorm_.normalize(out.z, stats, out.zHat, out.zTilde);
  if (out.noised) noise_.apply(out.zTilde);
  activationForward(activation_, out.activationInput(), out.a);
  if (out.normalizedAfter) batchNorm_.normalize(out.a, stats, out.zHat, out.zTilde);
  out.droppedOut = false;
  out.dropMask.resize(0, 0);
  out.norm = {};  // nothing of another pass: this record is not for backward
}

void HiddenBlock::backward(const Matrix& input, const LayerActivations& cache,
                           const Matrix& dOutput, Matrix* dInput) {
  const Matrix* dA = &dOutput;
  if (cache.droppedOut) {
    Dropout::backward(dOutput, cache.dropMask, dA_);
    dA = &dA_;
  }
  if (cache.normalizedAfter) {
    batchNorm_.backward(cache.zHat, cache.norm, *dA, dNormalized_);
    dA = &dNormalized_;
  }
  activationBackward(activation_, cache.activationInput(), cache.a, *dA, dActivationInput_);
  const Matrix* dZ = &dActivationInput_;
  if (cache.normalized) {
    if (cache.noised) noise_.backward(dActivationInput_);
    if (normalizesPerExample(normalization_))
      layerNorm_.backward(cache.zHat, cache.norm, dActivationInput_, dZ_);
    else
      batchNorm_.backward(cache.zHat, cache.norm, dActivationInput_, dZ_);
    dZ = &dZ_;
  }
  dense_.backward(input, *dZ, dInput);
}

}  // namespace bnlab
