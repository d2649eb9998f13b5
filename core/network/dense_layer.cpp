#include "network/dense_layer.h"

#include "common/matrix_product.h"

namespace bnlab {

DenseLayer::DenseLayer(int inputs, int outputs)
    : weights_(Matrix::Zero(outputs, inputs)),
      bias_(Matrix::Zero(outputs, 1)),
      weightsGrad_(Matrix::Zero(outputs, inputs)),
      biasGrad_(Matrix::Zero(outputs, 1)) {}

void DenseLayer::forward(const Matrix& input, Matrix& output) const {
  multiply(weights_, Op::Plain, input, Op::Plain, output);
  output.colwise() += bias_.col(0);
}

void DenseLayer::backward(const Matrix& input, const Matrix& dOutput, Matrix* dInput) {
  // ∂L/∂W = ∂L/∂Z · Aᵀ; ∂L/∂b = Σ_i ∂L/∂Z_{:,i}; ∂L/∂A = Wᵀ · ∂L/∂Z.
  multiply(dOutput, Op::Plain, input, Op::Transposed, weightsGrad_);
  biasGrad_ = dOutput.rowwise().sum();
  if (dInput) multiply(weights_, Op::Transposed, dOutput, Op::Plain, *dInput);
}

}  // namespace bnlab
