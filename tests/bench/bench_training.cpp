// Training throughput on one thread (run from a release build; see the README):
//   (a) 2 → 64×4 → 2, batch 64, batch norm on, toy data
//   (b) 784 → 100×3 → 10, sigmoid, batch 60, batch norm on, random data
//   (c) 2 → 256×4 → 2, batch 256, against the floor of its matrix products alone
// and the cost of recording the probe distributions and building one Snapshot.
#include <benchmark/benchmark.h>

#include <chrono>

#include "common/rng.h"
#include "experiment/experiment.h"

using namespace bnlab;

namespace {

ExperimentConfig toyConfig(int width, int batch, const char* mode) {
  ExperimentConfig config;
  config.data.toy = {ToyKind::Spiral, 4000, 0.05, 2, 1};
  config.network.hiddenUnits.assign(4, width);
  config.network.activation = ActivationKind::Relu;
  config.runs = *runsForBatchNorm(mode);
  config.batchSize = batch;
  config.recordEvery = 100000;  // measured separately below
  config.evaluateEvery = 1000000;
  return config;
}

std::shared_ptr<const DataSplit> randomImages(int examples) {
  Rng rng(1);
  auto split = std::make_shared<DataSplit>();
  for (Dataset* d : {&split->train, &split->test}) {
    d->classes = 10;
    d->features.resize(784, examples);
    for (Eigen::Index i = 0; i < d->features.size(); ++i)
      d->features.data()[i] = static_cast<Scalar>(rng.uniform());
    d->labels.resize(static_cast<std::size_t>(examples));
    for (int& label : d->labels) label = static_cast<int>(rng.below(10));
  }
  return split;
}

void countSteps(benchmark::State& state) {
  state.counters["steps_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// The benchmark's argument, when it has one, is the number of threads: one run splits its large
// products over them (per CPU-second with one thread, per wall-clock second with two).
void runSteps(benchmark::State& state, Experiment& experiment) {
  if (state.range(0) > 0) experiment.setThreads(int(state.range(0)));
  for (int i = 0; i < 3; ++i) experiment.step();  // every buffer sized and touched: steady state
  for (auto _ : state) benchmark::DoNotOptimize(experiment.step());
  countSteps(state);
}

}  // namespace

static void BM_StepA_Toy64x4_Batch64_BatchNorm(benchmark::State& state) {
  Experiment experiment(toyConfig(64, 64, "on"));
  runSteps(state, experiment);
}
BENCHMARK(BM_StepA_Toy64x4_Batch64_BatchNorm)->Arg(1)->MinTime(2.0);
BENCHMARK(BM_StepA_Toy64x4_Batch64_BatchNorm)->Arg(2)->MinTime(2.0)->UseRealTime();

static void BM_StepA_Toy64x4_Batch64_Compare(benchmark::State& state) {
  Experiment experiment(toyConfig(64, 64, "compare"));
  runSteps(state, experiment);
}
BENCHMARK(BM_StepA_Toy64x4_Batch64_Compare)->Arg(2)->MinTime(2.0)->UseRealTime();

static void BM_StepB_Mnist784_100x3_Batch60_Sigmoid_BatchNorm(benchmark::State& state) {
  ExperimentConfig config;
  config.network.hiddenUnits = {100, 100, 100};
  config.network.activation = ActivationKind::Sigmoid;
  config.network.init = InitKind::Gaussian;
  config.runs = *runsForBatchNorm("on");
  config.batchSize = 60;
  config.recordEvery = 100000;
  config.evaluateEvery = 1000000;
  Experiment experiment(config, randomImages(6000));
  runSteps(state, experiment);
}
BENCHMARK(BM_StepB_Mnist784_100x3_Batch60_Sigmoid_BatchNorm)->Arg(1)->MinTime(2.0);
BENCHMARK(BM_StepB_Mnist784_100x3_Batch60_Sigmoid_BatchNorm)->Arg(2)->MinTime(2.0)->UseRealTime();

// (b) as the paper trains it: plain SGD on 60,000 examples (tests/bench/pytorch compares it).
static void BM_StepB_Paper_Sgd(benchmark::State& state) {
  ExperimentConfig config;
  config.network.hiddenUnits = {100, 100, 100};
  config.network.activation = ActivationKind::Sigmoid;
  config.network.init = InitKind::Gaussian;
  config.network.initSigma = Scalar(0.1);
  config.runs = *runsForBatchNorm("on");
  config.optimizer.kind = OptimizerKind::Sgd;
  config.optimizer.learningRate = 0.1;
  config.batchSize = 60;
  config.recordEvery = 100000;
  config.evaluateEvery = 1000000;
  Experiment experiment(config, randomImages(60000));
  runSteps(state, experiment);
}
BENCHMARK(BM_StepB_Paper_Sgd)->Arg(1)->MinTime(2.0);
BENCHMARK(BM_StepB_Paper_Sgd)->Arg(2)->MinTime(2.0)->UseRealTime();

static void BM_StepC_Toy256x4_Batch256(benchmark::State& state) {
  Experiment experiment(toyConfig(256, 256, "off"));
  runSteps(state, experiment);
}
BENCHMARK(BM_StepC_Toy256x4_Batch256)->Arg(1)->MinTime(2.0);
BENCHMARK(BM_StepC_Toy256x4_Batch256)->Arg(2)->MinTime(2.0)->UseRealTime();

static void BM_StepC_Toy256x4_Batch256_BatchNorm(benchmark::State& state) {
  Experiment experiment(toyConfig(256, 256, "on"));
  runSteps(state, experiment);
}
BENCHMARK(BM_StepC_Toy256x4_Batch256_BatchNorm)->Arg(1)->MinTime(2.0);
BENCHMARK(BM_StepC_Toy256x4_Batch256_BatchNorm)->Arg(2)->MinTime(2.0)->UseRealTime();

// The floor for (c): exactly the matrix products one step needs, nothing else.
//   forward  Z[l] = W[l]·A[l−1] for the 4 hidden layers and the output
//   backward dW[l] = dZ[l]·A[l−1]ᵀ for all 5, dA[l−1] = W[l]ᵀ·dZ[l] for all but the first
static void BM_StepC_MatrixProductsOnly(benchmark::State& state) {
  constexpr int kBatch = 256, kWidth = 256;
  const std::vector<int> sizes{2, kWidth, kWidth, kWidth, kWidth, 2};
  std::vector<Matrix> weights, activations, dWeights, dZ, dA;
  activations.push_back(Matrix::Random(sizes[0], kBatch));
  for (std::size_t l = 1; l < sizes.size(); ++l) {
    weights.push_back(Matrix::Random(sizes[l], sizes[l - 1]));
    activations.push_back(Matrix(sizes[l], kBatch));
    dWeights.push_back(Matrix(sizes[l], sizes[l - 1]));
    dZ.push_back(Matrix::Random(sizes[l], kBatch));
    dA.push_back(Matrix(sizes[l - 1], kBatch));
  }
  for (auto _ : state) {
    for (std::size_t l = 0; l < weights.size(); ++l)
      activations[l + 1].noalias() = weights[l] * activations[l];
    for (std::size_t l = weights.size(); l-- > 0;) {
      dWeights[l].noalias() = dZ[l] * activations[l].transpose();
      if (l > 0) dA[l].noalias() = weights[l].transpose() * dZ[l];
    }
    benchmark::ClobberMemory();
  }
  countSteps(state);
}
BENCHMARK(BM_StepC_MatrixProductsOnly)->MinTime(2.0);

// (a) with the live view's load: a record and a Snapshot every 1/30 s of wall time, as the
// training thread does for the window. Compare steps_per_s with BM_StepA_…_BatchNorm.
static void BM_StepA_WithSnapshotsAt30PerSecond(benchmark::State& state) {
  Experiment experiment(toyConfig(64, 64, "on"));
  using Clock = std::chrono::steady_clock;
  const auto interval = std::chrono::microseconds(1'000'000 / 30);
  auto next = Clock::now() + interval;
  long snapshots = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(experiment.step());
    if (Clock::now() >= next) {
      experiment.record();
      benchmark::DoNotOptimize(experiment.snapshot());
      ++snapshots;
      next += interval;
    }
  }
  countSteps(state);
  state.counters["snapshots_per_s"] =
      benchmark::Counter(static_cast<double>(snapshots), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_StepA_WithSnapshotsAt30PerSecond)->MinTime(3.0)->UseRealTime();

// One record (probe forward + every layer's statistics) and one Snapshot, for (a).
static void BM_RecordAndSnapshotA(benchmark::State& state) {
  ExperimentConfig config = toyConfig(64, 64, state.range(0) ? "compare" : "on");
  Experiment experiment(config);
  for (int i = 0; i < 2000; ++i) experiment.step();  // histories partly filled
  for (auto _ : state) {
    state.PauseTiming();
    experiment.step();  // a record measures only a network that has changed
    state.ResumeTiming();
    experiment.record();
    benchmark::DoNotOptimize(experiment.snapshot());
  }
}
BENCHMARK(BM_RecordAndSnapshotA)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("compare")
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(1.0);

// A Snapshot alone (copying the current measurements and bounded histories).
static void BM_SnapshotOnlyA(benchmark::State& state) {
  Experiment experiment(toyConfig(64, 64, "compare"));
  experiment.setRecordEvery(1);
  for (int i = 0; i < 3000; ++i) experiment.step();  // histories at capacity
  for (auto _ : state) benchmark::DoNotOptimize(experiment.snapshot());
}
BENCHMARK(BM_SnapshotOnlyA)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

BENCHMARK_MAIN();
