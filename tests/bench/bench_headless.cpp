// The headless command line against the core: `bnlab --headless` training configuration (a)
// of bench_training (2 → 64×4 → 2, batch 64, batch norm, measurements off) should run within
// 5% of the core's own step loop; and the same run at the default measurement schedule
// (distributions every 10 steps, evaluation every 100) for comparison.
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QElapsedTimer>

#include "experiment/experiment.h"
#include "headless_run.h"

using namespace bnlab;

namespace {

constexpr qint64 kSteps = 20000;

ExperimentConfig configA(bool measure) {
  ExperimentConfig config;
  config.data.toy = {ToyKind::Spiral, 4000, 0.05, 2, 1};
  config.network.hiddenUnits.assign(4, 64);
  config.network.activation = ActivationKind::Relu;
  config.runs = *runsForBatchNorm("on");
  config.batchSize = 64;
  if (!measure) {
    config.recordEvery = 100000;
    config.evaluateEvery = 1000000;
  }
  return config;
}

void reportRate(benchmark::State& state, double seconds) {
  state.counters["steps_per_s"] = double(kSteps) / seconds;
  state.SetIterationTime(seconds);
}

void headless(benchmark::State& state, bool measure) {
  CommandLine cli;
  cli.action = CommandLine::Action::Headless;
  cli.config = configA(measure);
  cli.steps = kSteps;
  cli.quiet = true;
  for (auto _ : state) {
    QElapsedTimer timer;
    timer.start();
    if (runHeadless(cli) != kExitSuccess) state.SkipWithError("headless run failed");
    reportRate(state, double(timer.nsecsElapsed()) * 1e-9);
  }
}

}  // namespace

// The core alone: the experiment built and stepped, as the headless run does.
static void BM_CoreStepLoop(benchmark::State& state) {
  for (auto _ : state) {
    QElapsedTimer timer;
    timer.start();
    Experiment experiment(configA(false));
    for (qint64 s = 0; s < kSteps; ++s) benchmark::DoNotOptimize(experiment.step());
    reportRate(state, double(timer.nsecsElapsed()) * 1e-9);
  }
}
BENCHMARK(BM_CoreStepLoop)
    ->Iterations(1)
    ->Repetitions(5)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

static void BM_HeadlessRun(benchmark::State& state) { headless(state, false); }
BENCHMARK(BM_HeadlessRun)
    ->Iterations(1)
    ->Repetitions(5)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

static void BM_HeadlessRunDefaultMeasurements(benchmark::State& state) { headless(state, true); }
BENCHMARK(BM_HeadlessRunDefaultMeasurements)
    ->Iterations(1)
    ->Repetitions(3)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
