#include "training/trainer.h"

#include <algorithm>
#include <numeric>

#include "network/softmax_cross_entropy.h"

namespace bnlab {

Trainer::Trainer(std::string name, const NetworkConfig& network, const OptimizerConfig& optimizer)
    : name_(std::move(name)), network_(network), optimizer_(optimizer) {}

double Trainer::trainOnBatch(const Matrix& x, const std::vector<int>& y) {
  network_.drawNoise();
  network_.forward(x, Mode::Train);
  const double loss = network_.lossAndBackward(x, y);
  // Rebuilt every step: trainable flags follow the normalization. Cheap (a few pointers).
  network_.parameters(parameters_);
  optimizer_.step(parameters_);
  return loss;
}

Evaluation Trainer::evaluate(const Dataset& data, NormStats stats, int chunk, int limit) const {
  const int kChunk = std::max(chunk, 1);
  const int size = limit > 0 ? std::min(limit, data.size()) : data.size();
  Evaluation result;
  result.classes = std::max(data.classes, 2);
  result.confusion.assign(static_cast<std::size_t>(result.classes * result.classes), 0);
  if (size == 0) return result;
  ForwardRecord record;
  Matrix x;
  std::vector<int> y, indices;
  double lossSum = 0;
  long correct = 0;
  for (int start = 0; start < size; start += kChunk) {
    const int count = std::min(kChunk, size - start);
    indices.resize(static_cast<std::size_t>(count));
    std::iota(indices.begin(), indices.end(), start);
    data.gather(indices, x, y);
    network_.infer(x, stats, record);
    lossSum += crossEntropy(record.probabilities, y) * count;
    const std::vector<int> predicted = predictedClasses(record.probabilities);
    for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
      correct += predicted[i] == y[i];
      if (y[i] < result.classes && predicted[i] < result.classes)
        ++result.confusion[static_cast<std::size_t>(y[i] * result.classes + predicted[i])];
    }
  }
  result.loss = lossSum / size;
  result.accuracy = static_cast<double>(correct) / size;
  return result;
}

}  // namespace bnlab
