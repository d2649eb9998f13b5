#include "network/network.h"

#include "network/softmax_cross_entropy.h"

namespace bnlab {

Network::Network(const NetworkConfig& config)
    : config_(config),
      output_(config.hiddenUnits.empty() ? config.inputs : config.hiddenUnits.back(),
              config.classes),
      dropoutRng_(config.seed ^ 0x9E3779B97F4A7C15ull) {
  Rng initRng(config.seed);
  int inputs = config.inputs;
  blocks_.reserve(config.hiddenUnits.size());
  for (int units : config.hiddenUnits) {
    blocks_.emplace_back(inputs, units, config.activation, config.batchNorm,
                         config.batchNormOptions, config.dropout);
    initializeWeights(config.init, config.initSigma, initRng, blocks_.back().dense().weights());
    inputs = units;
  }
  // The softmax layer's inputs are not followed by a relu, so Xavier suits it for every init
  // but the paper's small Gaussian.
  initializeWeights(config.init == InitKind::Gaussian ? InitKind::Gaussian : InitKind::Xavier,
                    config.initSigma, initRng, output_.weights());
  train_.hidden.resize(blocks_.size());
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

void Network::setBatchNorm(bool enabled) {
  config_.batchNorm = enabled;
  for (auto& block : blocks_) block.setBatchNormEnabled(enabled);
}

void Network::setDropout(Scalar rate) {
  config_.dropout = rate;
  for (auto& block : blocks_) block.dropout().setRate(rate);
}

std::vector<ParameterRef> Network::parameters() {
  std::vector<ParameterRef> params;
  params.reserve(blocks_.size() * 4 + 2);
  const bool bn = config_.batchNorm;
  for (std::size_t l = 0; l < blocks_.size(); ++l) {
    const std::string index = std::to_string(l + 1);
    auto& dense = blocks_[l].dense();
    auto& norm = blocks_[l].batchNorm();
    params.push_back({"W" + index, &dense.weights(), &dense.weightsGrad(), true, true});
    params.push_back({"b" + index, &dense.bias(), &dense.biasGrad(), false, !bn});
    params.push_back({"gamma" + index, &norm.gamma(), &norm.gammaGrad(), false, bn});
    params.push_back({"beta" + index, &norm.beta(), &norm.betaGrad(), false, bn});
  }
  params.push_back({"Wout", &output_.weights(), &output_.weightsGrad(), true, true});
  params.push_back({"bout", &output_.bias(), &output_.biasGrad(), false, true});
  return params;
}

}  // namespace bnlab
