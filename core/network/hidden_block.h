#pragma once
// One hidden block: Dense → normalization (normalization.h) → Activation → [Dropout].
// The normalization can be changed without touching W. Under batch statistics of Z the dense
// bias b is frozen (β takes its role: b cancels in Z − μ_B, so ∂L/∂b = 0 exactly). γ and β keep
// their learned values across a switch off and on again; the running statistics restart from
// μ_run = 0, σ²_run = 1 whenever batch statistics come back, since they described a Z that has
// since moved.
#include "common/rng.h"
#include "network/activation.h"
#include "network/batch_norm.h"
#include "network/dense_layer.h"
#include "network/dropout.h"
#include "network/layer_activations.h"
#include "network/layer_norm.h"
#include "network/network_config.h"
#include "network/step_noise.h"

namespace bnlab {

class HiddenBlock {
 public:
  // Takes the activation, normalization, its options and dropout from `config`.
  HiddenBlock(int inputs, int units, const NetworkConfig& config);

  // input A[l−1] (n_in × m) → out (Z, Ẑ, Z̃, A, dropped), ready for backward. Train mode
  // uses batch statistics (updating the running ones), the step's noise and dropout; Eval
  // mode running statistics and neither.
  void forward(const Matrix& input, Mode mode, Rng& rng, LayerActivations& out);

  // The same pass without changing the block: no dropout, no running-stat update. Batch
  // statistics come with the step's noise (what training sees); running ones without.
  void infer(const Matrix& input, NormStats stats, LayerActivations& out) const;

  // ∂L/∂output (n × m) → parameter gradients, and ∂L/∂A[l−1] when dInput is given.
  // `input` and `cache` are the input and result of the forward pass being differentiated.
  void backward(const Matrix& input, const LayerActivations& cache, const Matrix& dOutput,
                Matrix* dInput);

  void setNormalization(Normalization kind);
  Normalization normalization() const { return normalization_; }
  // Noisy batch norm's c and s for the next steps (nothing for other kinds).
  void drawNoise(Rng& rng);
  void setActivation(ActivationKind kind) { activation_ = kind; }
  ActivationKind activation() const { return activation_; }

  // The learned γ and β of the normalization in use; null without them.
  const Matrix* gamma() const;
  const Matrix* beta() const;
  Matrix* gamma();
  Matrix* beta();
  Matrix* gammaGrad();
  Matrix* betaGrad();

  int inputs() const { return dense_.inputs(); }
  int units() const { return dense_.outputs(); }
  DenseLayer& dense() { return dense_; }
  const DenseLayer& dense() const { return dense_; }
  BatchNorm& batchNorm() { return batchNorm_; }
  const BatchNorm& batchNorm() const { return batchNorm_; }
  LayerNorm& layerNorm() { return layerNorm_; }
  const LayerNorm& layerNorm() const { return layerNorm_; }
  const StepNoise& noise() const { return noise_; }
  Dropout& dropout() { return dropout_; }
  const Dropout& dropout() const { return dropout_; }

 private:
  // Z (n × m) → Ẑ, Z̃ by the block's normalization; `noisy` applies the step's noise.
  void normalizeZ(const Matrix& z, Mode mode, bool noisy, LayerActivations& out);
  void normalizeZ(const Matrix& z, NormStats stats, LayerActivations& out) const;

  DenseLayer dense_;
  BatchNorm batchNorm_;
  LayerNorm layerNorm_;
  StepNoise noise_;
  Dropout dropout_;
  ActivationKind activation_;
  Normalization normalization_;
  // Backward workspaces (n × m), reused between steps.
  Matrix dA_, dActivationInput_, dZ_, dNormalized_;
};

}  // namespace bnlab
