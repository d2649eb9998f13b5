#include "experiment/gradient_shift.h"

namespace bnlab {

namespace {

// ∂L/∂W of every hidden layer at `network`'s parameters (training mode), on (x, y), as a
// training step computes it: the step's noise drawn first (noisy batch norm), then the pass.
void backpropagate(Network& network, const Matrix& x, const std::vector<int>& y) {
  network.drawNoise();
  network.forward(x, Mode::Train);
  network.lossAndBackward(x, y);
}

// ‖G − G′‖, cos(G, G′) = ⟨G, G′⟩ / (‖G‖·‖G′‖) and ‖G‖, summed in double precision.
GradientShift compare(const Matrix& gradient, const Matrix& shiftedGradient) {
  const Eigen::MatrixXd g = gradient.cast<double>(), shifted = shiftedGradient.cast<double>();
  GradientShift shift;
  shift.gradientNorm = g.norm();
  shift.difference = (g - shifted).norm();
  const double norms = shift.gradientNorm * shifted.norm();
  if (shift.difference == 0)
    shift.cosine = 1;
  else
    shift.cosine = norms > 0 ? g.cwiseProduct(shifted).sum() / norms : 0.0;
  return shift;
}

}  // namespace

std::vector<GradientShift> measureGradientShift(const Network& before, const Network& after,
                                                const Matrix& x, const std::vector<int>& y) {
  const int depth = before.depth();
  std::vector<GradientShift> shifts(static_cast<std::size_t>(depth));
  if (depth == 0) return shifts;
  Network pass = before;
  backpropagate(pass, x, y);
  std::vector<Matrix> gradients;  // G_l (n_l × n_{l−1}) per hidden layer
  gradients.reserve(shifts.size());
  for (int l = 0; l < depth; ++l) gradients.push_back(pass.block(l).dense().weightsGrad());
  shifts[0] = compare(gradients[0], gradients[0]);

  // parameters(): every block's tensors in block order (W, b, then the normalization's), the
  // output layer's last; so a prefix of the list is the earlier blocks, whole.
  Network updated = after;  // parameters() is not const
  const std::vector<ParameterRef> updatedParameters = updated.parameters();
  const std::size_t perBlock = (updatedParameters.size() - 2) / std::size_t(depth);
  for (int l = 1; l < depth; ++l) {
    pass = before;  // the step's starting point, dropout generator included
    std::vector<ParameterRef> parameters = pass.parameters();
    for (std::size_t i = 0; i < perBlock * std::size_t(l); ++i)
      *parameters[i].value = *updatedParameters[i].value;
    backpropagate(pass, x, y);
    shifts[std::size_t(l)] =
        compare(gradients[std::size_t(l)], pass.block(l).dense().weightsGrad());
  }
  return shifts;
}

}  // namespace bnlab
