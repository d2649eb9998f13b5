// Runs stepped in parallel against the same runs stepped in turn on one thread (what compare
// mode did before runs had threads of their own): configuration (a) of bench_training
// (2 → 64×4 → 2, batch 64) as the plain and batch-norm twins, on the headless default schedule
// (distributions every 10 steps, evaluations every 100) and without measurements; and three
// runs (plain, batch norm, batch norm at batch 512). Run from a release build with
//   build-release/tests/bench/bnlab_bench_parallel --benchmark_repetitions=5
//       --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true
// and compare the median steps_per_s of threads:2 with threads:1.
#include <benchmark/benchmark.h>

#include "experiment/experiment.h"

using namespace bnlab;

namespace {

ExperimentConfig configA(const char* runs, bool measure) {
  ExperimentConfig config;
  config.data.toy = {ToyKind::Spiral, 4000, 0.05, 2, 1};
  config.network.hiddenUnits.assign(4, 64);
  config.network.activation = ActivationKind::Relu;
  config.runs = parseRunList(runs);
  config.batchSize = 64;
  if (!measure) {
    config.recordEvery = 100000;
    config.evaluateEvery = 1000000;
  }
  return config;
}

void stepRuns(benchmark::State& state, const char* runs, bool measure) {
  Experiment experiment(configA(runs, measure));
  experiment.setThreads(int(state.range(0)));
  for (int i = 0; i < 200; ++i) experiment.step();  // warm: workspaces sized, caches filled
  for (auto _ : state) benchmark::DoNotOptimize(experiment.step());
  state.counters["steps_per_s"] =
      benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace

static void BM_Twins_DefaultSchedule(benchmark::State& state) {
  stepRuns(state, "plain,batch-norm", true);
}
BENCHMARK(BM_Twins_DefaultSchedule)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->MinTime(2.0)
    ->UseRealTime();

static void BM_Twins_StepsOnly(benchmark::State& state) {
  stepRuns(state, "plain,batch-norm", false);
}
BENCHMARK(BM_Twins_StepsOnly)->ArgName("threads")->Arg(1)->Arg(2)->MinTime(2.0)->UseRealTime();

static void BM_OneRun_StepsOnly(benchmark::State& state) { stepRuns(state, "batch-norm", false); }
BENCHMARK(BM_OneRun_StepsOnly)->ArgName("threads")->Arg(1)->MinTime(2.0)->UseRealTime();

static void BM_ThreeRuns_DefaultSchedule(benchmark::State& state) {
  stepRuns(state, "plain,batch-norm,batch-norm:batch=512", true);
}
BENCHMARK(BM_ThreeRuns_DefaultSchedule)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->MinTime(2.0)
    ->UseRealTime();

BENCHMARK_MAIN();
