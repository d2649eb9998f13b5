#include "network/network.h"

#include "network/softmax_cross_entropy.h"

namespace bnlab {

Network::Network(const NetworkConfig& config)
    : config_(config),
      output_(config.hiddenUnits.empty() ? config.inputs : config.hiddenUnits.back(),
              config.classes),
      dropoutRng_(config.seed ^ 0x9E3779B97F4A7C15ull),
      noiseRng_(config.seed ^ 0xD1B54A32D192ED03ull) {
  Rng initRng(config.seed);
  int inputs = config.inputs;
  blocks_.reserve(config.hiddenUnits.size());
  for (int units : config.hiddenUnits) {
    blocks_.emplace_back(inputs, units, config);
    initializeWeights(config.init, config.initSigma, initRng, blocks_.back().dense().weights());
    inputs = units;
  }
  // The softmax layer's inputs are not followed by a relu, so Xavier suits it for every init
  // but the paper's small Gaussian.
  initializeWeights(config.init == InitKind::Gaussian ? InitKind::Gaussian : InitKind::Xavier,
                    config.initSigma, initRng, output_.weights());
  train_.hidden.resize(blocks_.size());
  drawNoise();
}

void Network::drawNoise() {
  for (auto& block : blocks_) block.drawNoise(noiseRng_);
}

void Network::forward(const Matrix& input, Mode mode) {
  const Matrix* layerInput = &input;
  for (std::size_t l = 0; l < blocks_.size(); ++l) {
    blocks_[l].forward(*layerInput, mode, dropoutRng_, train_.hidden[l]);
    layerInput = &train_.hidden[l].output();
  }
  output_.forward(*layerInput, train_.logits);
  softmax(train_.logits, train_.probabilities);
}

void Network::infer(const Matrix& input, NormStats stats, ForwardRecord& record) const {
  record.hidden.resize(blocks_.size());
  const Matrix* layerInput = &input;
  for (std::size_t l = 0; l < blocks_.size(); ++l) {
    blocks_[l].infer(*layerInput, stats, record.hidden[l]);
    layerInput = &record.hidden[l].output();
  }
  output_.forward(*layerInput, record.logits);
  softmax(record.logits, record.probabilities);
}

double Network::lossAndBackward(const Matrix& input, const std::vector<int>& labels) {
  const double loss = crossEntropy(train_.probabilities, labels);
  crossEntropyGradient(train_.probabilities, labels, dLogits_);
  const Matrix& lastHidden = blocks_.empty() ? input : train_.hidden.back().output();
  output_.backward(lastHidden, dLogits_, blocks_.empty() ? nullptr : &dHidden_);
  for (std::size_t l = blocks_.size(); l-- > 0;) {
    const Matrix& blockInput = l == 0 ? input : train_.hidden[l - 1].output();
    blocks_[l].backward(blockInput, train_.hidden[l], dHidden_, l == 0 ? nullptr : &dHiddenNext_);
    std::swap(dHidden_, dHiddenNext_);
  }
  return loss;
}

void Network::setNormalization(Normalization kind) {
  config_.normalization = kind;
  for (auto& block : blocks_) block.setNormalization(kind);
}

void Network::setDropout(Scalar rate) {
  config_.dropout = rate;
  for (auto& block : blocks_) block.dropout().setRate(rate);
}

std::vector<ParameterRef> Network::parameters() {
  std::vector<ParameterRef> params;
  parameters(params);
  return params;
}

void Network::parameters(std::vector<ParameterRef>& params) {
  params.clear();
  params.reserve(blocks_.size() * 4 + 2);
  const Normalization kind = config_.normalization;
  for (std::size_t l = 0; l < blocks_.size(); ++l) {
    const std::string index = std::to_string(l + 1);
    HiddenBlock& block = blocks_[l];
    auto& dense = block.dense();
    // γ and β of the normalization in use; batch norm's, left alone, without one.
    auto& norm = block.batchNorm();
    const bool learns = learnsScaleAndShift(kind);
    params.push_back({"W" + index, &dense.weights(), &dense.weightsGrad(), true, true});
    params.push_back(
        {"b" + index, &dense.bias(), &dense.biasGrad(), false, !cancelsDenseBias(kind)});
    params.push_back({"gamma" + index, learns ? block.gamma() : &norm.gamma(),
                      learns ? block.gammaGrad() : &norm.gammaGrad(), false, learns});
    params.push_back({"beta" + index, learns ? block.beta() : &norm.beta(),
                      learns ? block.betaGrad() : &norm.betaGrad(), false, learns});
  }
  params.push_back({"Wout", &output_.weights(), &output_.weightsGrad(), true, true});
  params.push_back({"bout", &output_.bias(), &output_.biasGrad(), false, true});
}

}  // namespace bnlab
