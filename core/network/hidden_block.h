#pragma once
// One hidden block: Dense → [BatchNorm] → Activation → [Dropout].
// Batch norm can be switched on and off without touching W. While it is on, the dense bias b
// is frozen (β takes its role: b cancels in Z − μ_B, so ∂L/∂b = 0 exactly). γ and β keep
// their learned values across a switch off and on again; the running statistics restart from
// μ_run = 0, σ²_run = 1 on every re-enable, since they described a Z that has since moved.
#include "common/rng.h"
#include "network/activation.h"
#include "network/batch_norm.h"
#include "network/dense_layer.h"
#include "network/dropout.h"
#include "network/layer_activations.h"

namespace bnlab {

class HiddenBlock {
 public:
  HiddenBlock(int inputs, int units, ActivationKind activation, bool batchNorm,
              BatchNormOptions batchNormOptions, Scalar dropoutRate);

  // input A[l−1] (n_in × m) → out (Z, Ẑ, Z̃, A, dropped), ready for backward. Train mode
  // uses batch statistics (updating the running ones) and dropout; Eval mode neither.
  void forward(const Matrix& input, Mode mode, Rng& rng, LayerActivations& out);

  // The same pass without changing the block: no dropout, no running-stat update.
  void infer(const Matrix& input, NormStats stats, LayerActivations& out) const;

  // ∂L/∂output (n × m) → parameter gradients, and ∂L/∂A[l−1] when dInput is given.
  // `input` and `cache` are the input and result of the forward pass being differentiated.
  void backward(const Matrix& input, const LayerActivations& cache, const Matrix& dOutput,
                Matrix* dInput);

  void setBatchNormEnabled(bool enabled);
  bool batchNormEnabled() const { return batchNormEnabled_; }
  void setActivation(ActivationKind kind) { activation_ = kind; }
  ActivationKind activation() const { return activation_; }

  int inputs() const { return dense_.inputs(); }
  int units() const { return dense_.outputs(); }
  DenseLayer& dense() { return dense_; }
  const DenseLayer& dense() const { return dense_; }
  BatchNorm& batchNorm() { return batchNorm_; }
  const BatchNorm& batchNorm() const { return batchNorm_; }
  Dropout& dropout() { return dropout_; }
  const Dropout& dropout() const { return dropout_; }

 private:
  DenseLayer dense_;
  BatchNorm batchNorm_;
  Dropout dropout_;
  ActivationKind activation_;
  bool batchNormEnabled_;
  // Backward workspaces (n × m), reused between steps.
  Matrix dA_, dActivationInput_, dZ_;
};

}  // namespace bnlab
