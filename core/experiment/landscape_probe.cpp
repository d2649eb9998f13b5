#include "experiment/landscape_probe.h"

#include <algorithm>
#include <cmath>

namespace bnlab {

namespace {

// The loss at the copy's parameters and every gradient, flattened into one vector.
double lossAndGradient(Network& net, const Matrix& x, const std::vector<int>& y, Vector& gradient) {
  net.forward(x, Mode::Train);
  const double loss = net.lossAndBackward(x, y);
  std::vector<ParameterRef> params = net.parameters();
  Eigen::Index size = 0;
  for (const ParameterRef& p : params)
    if (p.trainable) size += p.grad->size();
  gradient.resize(size);
  Eigen::Index at = 0;
  for (const ParameterRef& p : params) {
    if (!p.trainable) continue;
    gradient.segment(at, p.grad->size()) = p.grad->reshaped();
    at += p.grad->size();
  }
  return loss;
}

// θ ← θ − step·direction over the trainable parameters, in the same order as the gradient.
void move(Network& net, const Vector& direction, double step) {
  Eigen::Index at = 0;
  for (ParameterRef& p : net.parameters()) {
    if (!p.trainable) continue;
    p.value->reshaped() -= Scalar(step) * direction.segment(at, p.value->size());
    at += p.value->size();
  }
}

}  // namespace

LandscapeSample probeLandscape(const Network& network, const Matrix& x, const std::vector<int>& y,
                               double learningRate) {
  LandscapeSample sample;
  Network start = network;
  Vector gradient;
  const double loss0 = lossAndGradient(start, x, y, gradient);
  const double gradientNorm = gradient.norm();
  if (!(gradientNorm > 0) || !std::isfinite(loss0)) return sample;
  double lowest = loss0, highest = loss0;
  for (double multiple : {0.5, 1.0, 2.0, 4.0}) {
    const double eta = multiple * learningRate;
    Network moved = network;
    move(moved, gradient, eta);
    Vector movedGradient;
    const double loss = lossAndGradient(moved, x, y, movedGradient);
    if (!std::isfinite(loss)) continue;
    lowest = std::min(lowest, loss);
    highest = std::max(highest, loss);
    const double change = (movedGradient - gradient).norm();
    sample.gradientChange = std::max(sample.gradientChange, change);
    sample.betaSmoothness = std::max(sample.betaSmoothness, change / (eta * gradientNorm));
  }
  sample.lossVariation = highest - lowest;
  return sample;
}

}  // namespace bnlab
