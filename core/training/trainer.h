#pragma once
// One network with its optimizer: trains on given mini-batches, evaluates, and probes.
#include <string>
#include <vector>

#include "data/dataset.h"
#include "network/network.h"
#include "training/evaluation.h"
#include "training/optimizer.h"

namespace bnlab {

class Trainer {
 public:
  Trainer(std::string name, const NetworkConfig& network, const OptimizerConfig& optimizer);

  // New step noise (noisy batch norm), forward (Train mode), backward, update. Returns the
  // mini-batch's mean cross-entropy.
  double trainOnBatch(const Matrix& x, const std::vector<int>& y);

  // Mean loss and accuracy in Eval mode (running statistics, no dropout), in chunks so memory
  // stays bounded for large sets. Changes nothing.
  Evaluation evaluate(const Dataset& data) const { return evaluate(data, NormStats::Running); }
  // The same with a choice of statistics: with NormStats::Batch each chunk of `chunk` examples
  // is normalized with its own batch statistics (chunk 1: every example alone). At most
  // `limit` examples (all when 0).
  Evaluation evaluate(const Dataset& data, NormStats stats, int chunk = 1024, int limit = 0) const;

  // Forward on a fixed batch with that batch's own (training-mode) statistics, without
  // dropout, running-stat updates or parameter changes.
  void probe(const Matrix& x, ForwardRecord& record) const {
    network_.infer(x, NormStats::Batch, record);
  }

  const std::string& name() const { return name_; }
  Network& network() { return network_; }
  const Network& network() const { return network_; }
  Optimizer& optimizer() { return optimizer_; }
  const Optimizer& optimizer() const { return optimizer_; }

 private:
  std::string name_;
  Network network_;
  Optimizer optimizer_;
  std::vector<ParameterRef> parameters_;
};

}  // namespace bnlab
