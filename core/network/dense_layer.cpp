#include "network/dense_layer.h"

namespace bnlab {

DenseLayer::DenseLayer(int inputs, int outputs)
    : weights_(Matrix::Zero(outputs, inputs)),
      bias_(Matrix::Zero(outputs, 1)),
      weightsGrad_(Matrix::Zero(outputs, inputs)),
      biasGrad_(Matrix::Zero(outputs, 1)) {}

void DenseLayer::forward(const Matrix& input, Matrix& output) const {
  output.resize(weights_.rows(), input.cols());
  output.noalias() = weights_ * input;
  output.colwise() += bias_.col(0);
}

void DenseLayer::backward(const Matrix& input, const Matrix& dOutput, Matrix* dInput) {
  // ∂L/∂W = ∂L/∂Z · Aᵀ; ∂L/∂b = Σ_i ∂L/∂Z_{:,i}; ∂L/∂A = Wᵀ · ∂L/∂Z.
  weightsGrad_.noalias() = dOutput * input.transpose();
  biasGrad_ = dOutput.rowwise().sum();
  if (dInput) {
    dInput->resize(weights_.cols(), dOutput.cols());
    dInput->noalias() = weights_.transpose() * dOutput;
  }
}

}  // namespace bnlab
