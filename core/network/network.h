#pragma once
// A stack of hidden blocks (Dense → normalization → Activation → [Dropout]) and a dense
// softmax output trained with cross-entropy. Input X is n_in × m, one example per column.
#include <vector>

#include "common/rng.h"
#include "network/hidden_block.h"
#include "network/network_config.h"
#include "network/parameter.h"

namespace bnlab {

// Everything one forward pass computed: per hidden block Z, Ẑ, Z̃, A; then logits and P.
struct ForwardRecord {
  std::vector<LayerActivations> hidden;
  Matrix logits;         // k × m
  Matrix probabilities;  // k × m
};

class Network {
 public:
  explicit Network(const NetworkConfig& config);

  // Forward into the network's own record, which the next backward differentiates.
  // Train: batch statistics (running statistics updated) and dropout. Eval: neither.
  void forward(const Matrix& input, Mode mode);
  // Loss of the last forward against labels; then the gradient of every parameter.
  double lossAndBackward(const Matrix& input, const std::vector<int>& labels);

  // A forward pass that changes nothing in the network (no dropout, no running-stat update)
  // into `record`: NormStats::Running for evaluation, NormStats::Batch for the probe batch
  // (training-mode statistics of the probe batch itself).
  void infer(const Matrix& input, NormStats stats, ForwardRecord& record) const;

  // The last training forward pass. backward reads it and never overwrites it.
  const ForwardRecord& lastForward() const { return train_; }

  // Changes every hidden block's normalization; W and b are kept (see HiddenBlock).
  void setNormalization(Normalization kind);
  Normalization normalization() const { return config_.normalization; }
  // New noise for noisy batch norm's blocks, from the network's own stream (seeded by the
  // config's seed): called once per training step, before its forward pass.
  void drawNoise();
  void setDropout(Scalar rate);

  // Every learnable tensor in a fixed order: W1, b1, gamma1, beta1, …, Wout, bout.
  std::vector<ParameterRef> parameters();
  // The same into `params`, reusing its storage (a training step allocates nothing).
  void parameters(std::vector<ParameterRef>& params);

  const NetworkConfig& config() const { return config_; }
  int depth() const { return static_cast<int>(blocks_.size()); }
  HiddenBlock& block(int layer) { return blocks_[static_cast<std::size_t>(layer)]; }
  const HiddenBlock& block(int layer) const { return blocks_[static_cast<std::size_t>(layer)]; }
  DenseLayer& outputLayer() { return output_; }
  const DenseLayer& outputLayer() const { return output_; }

 private:
  NetworkConfig config_;
  std::vector<HiddenBlock> blocks_;
  DenseLayer output_;
  Rng dropoutRng_;
  Rng noiseRng_;
  ForwardRecord train_;
  Matrix dLogits_, dHidden_, dHiddenNext_;  // backward workspaces
};

}  // namespace bnlab
