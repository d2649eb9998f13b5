#pragma once
// Everything that defines a run, as plain values: the data, the network, training and what is
// measured. The GUI, the command line and JSON configs all resolve to this struct.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/toy_data.h"
#include "experiment/run_spec.h"
#include "network/network_config.h"
#include "training/optimizer.h"

namespace bnlab {

// Where examples come from: a generated 2-D toy set, a folder of MNIST-format (IDX) files
// (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-…), or a CSV table.
enum class DataSource { Toy, Mnist, Csv };

std::string_view dataSourceName(DataSource source);
std::optional<DataSource> dataSourceFromName(std::string_view name);
std::vector<std::string_view> dataSourceNames();

struct DataConfig {
  DataSource source = DataSource::Toy;
  ToyDataConfig toy;
  // Mnist: the folder ("" = Debian's Fashion-MNIST, package dataset-fashion-mnist); Csv: the file.
  std::string path;
  int labelColumn = -1;  // Csv: 0-based column of the labels; −1 = the last
  // Mnist and Csv: train on at most this many training examples (0 = all of them).
  int trainLimit = 0;
  double testFraction = 0.25;  // 0.05 … 0.9 (toy and CSV data; MNIST has its own test set)
  bool unevenScales = false;   // toy data: multiply the features by kUnevenScales (see toy_data.h)
  bool standardize = true;     // fit mean/std on the training split, apply to both
  // Covariate shift (toy data): test inputs moved along x₁ by this many training standard
  // deviations and relabelled by the same rule (see covariate_shift.h). 0 … 3.
  double testShift = 0;

  bool operator==(const DataConfig&) const = default;
};

struct ExperimentConfig {
  DataConfig data;
  // inputs and classes are taken from the data; batchNorm from each run's normalization.
  NetworkConfig network;
  // 1 to kMaxRuns runs trained side by side; by default the plain and the batch-norm twin.
  std::vector<RunSpec> runs = *runsForBatchNorm("compare");
  OptimizerConfig optimizer;
  int batchSize = 64;          // 1 … 512
  std::int64_t steps = 0;      // where training stops (the window pauses there); 0 = no end
  int probeSize = 256;         // examples in the fixed probe batch, 2 … 4096
  int recordEvery = 10;        // steps between recorded distributions at first, 1 … 100000
  int evaluateEvery = 25;      // steps between train/test evaluations at first, 1 … 1000000
  int landscapeEvery = 0;      // steps between loss-landscape probes; 0 = off
  int gradientShiftEvery = 0;  // steps between gradient-shift measures (gradient_shift.h); 0 = off
  std::uint64_t seed = 1;      // one seed for data, initial weights, batches and dropout

  static constexpr int kMaxBatchSize = bnlab::kMaxBatchSize;
  static constexpr std::int64_t kMaxSteps = 100'000'000;
  static constexpr std::uint64_t kMaxSeed = 2147483647;  // fits the GUI's seed field

  // Empty when valid; otherwise one message per problem, each a full sentence fragment.
  std::vector<std::string> validate() const;
  // Settings that are valid but defeat the experiment, each with its reason: batch norm on
  // batches of one example (μ_B = z and σ_B = 0 make Ẑ = 0, and ∂L/∂W = 0).
  std::vector<std::string> warnings() const;

  bool operator==(const ExperimentConfig&) const = default;
};

}  // namespace bnlab
