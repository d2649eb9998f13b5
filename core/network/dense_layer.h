#pragma once
// Fully connected layer: Z (n_out × m) = W (n_out × n_in) · A (n_in × m) + b (n_out × 1).
#include "common/types.h"

namespace bnlab {

class DenseLayer {
 public:
  DenseLayer(int inputs, int outputs);

  // Z = W·A + b.
  void forward(const Matrix& input, Matrix& output) const;

  // Given dZ = ∂L/∂Z: dW = dZ·Aᵀ, db = Σ_columns dZ, and, when dInput is given,
  // dA = Wᵀ·dZ. `input` is the A of the forward pass.
  void backward(const Matrix& input, const Matrix& dOutput, Matrix* dInput);

  int inputs() const { return static_cast<int>(weights_.cols()); }
  int outputs() const { return static_cast<int>(weights_.rows()); }

  Matrix& weights() { return weights_; }
  const Matrix& weights() const { return weights_; }
  Matrix& bias() { return bias_; }
  const Matrix& bias() const { return bias_; }
  Matrix& weightsGrad() { return weightsGrad_; }
  const Matrix& weightsGrad() const { return weightsGrad_; }
  Matrix& biasGrad() { return biasGrad_; }
  const Matrix& biasGrad() const { return biasGrad_; }

 private:
  Matrix weights_;      // n_out × n_in
  Matrix bias_;         // n_out × 1
  Matrix weightsGrad_;  // ∂L/∂W, n_out × n_in
  Matrix biasGrad_;     // ∂L/∂b, n_out × 1
};

}  // namespace bnlab
