// What the gradient shift (experiment/gradient_shift.h) costs in training speed: the default
// experiment (2 → 16×3 → 2, plain and batch-norm twins, batch 64) and the 4-layer 64-wide one,
// each on the default schedule (distributions every 10 steps, evaluations every 100) and steps
// only, with the measure off (every: 0) and every 10 or 50 steps. Run from a release build with
//   build-release/tests/bench/bnlab_bench_gradient_shift --benchmark_repetitions=5
//       --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true
// and divide each median steps_per_s by the one of every:0 with the same network and schedule.
#include <benchmark/benchmark.h>

#include "experiment/experiment.h"

using namespace bnlab;

namespace {

ExperimentConfig configFor(int width, int depth, bool schedule) {
  ExperimentConfig config;  // toy data, plain and batch-norm twins, batch 64
  config.network.hiddenUnits.assign(std::size_t(depth), width);
  if (!schedule) {
    config.recordEvery = 100000;
    config.evaluateEvery = 1000000;
  }
  return config;
}

void stepTwins(benchmark::State& state, int width, int depth, bool schedule) {
  ExperimentConfig config = configFor(width, depth, schedule);
  config.gradientShiftEvery = int(state.range(0));
  Experiment experiment(config);
  for (int i = 0; i < 200; ++i) experiment.step();  // warm: workspaces sized, caches filled
  for (auto _ : state) benchmark::DoNotOptimize(experiment.step());
  state.counters["steps_per_s"] =
      benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

// The measure off, every 10 and every 50 steps.
void everyInterval(benchmark::internal::Benchmark* b) {
  b->ArgName("every")->Arg(0)->Arg(10)->Arg(50)->MinTime(2.0)->UseRealTime();
}

}  // namespace

static void BM_Default16x3_DefaultSchedule(benchmark::State& state) {
  stepTwins(state, 16, 3, true);
}
static void BM_Default16x3_StepsOnly(benchmark::State& state) { stepTwins(state, 16, 3, false); }
static void BM_Wide64x4_DefaultSchedule(benchmark::State& state) { stepTwins(state, 64, 4, true); }
static void BM_Wide64x4_StepsOnly(benchmark::State& state) { stepTwins(state, 64, 4, false); }

BENCHMARK(BM_Default16x3_DefaultSchedule)->Apply(everyInterval);
BENCHMARK(BM_Default16x3_StepsOnly)->Apply(everyInterval);
BENCHMARK(BM_Wide64x4_DefaultSchedule)->Apply(everyInterval);
BENCHMARK(BM_Wide64x4_StepsOnly)->Apply(everyInterval);

BENCHMARK_MAIN();
