// Long runs keep their memory flat: resident memory after warm-up against the end of
//   - 1,000,000 steps of the headless training loop (configuration (a), measured on the default
//     schedule: distributions every 10 steps, evaluations every 100), and
//   - 200,000 steps with the window open (offscreen) at full speed, redrawing all the while,
//     after a warm-up that fills every history to its capacity.
// Histories are bounded (History decimates), snapshots are shared and dropped: the end should be
// within 10% of the warm-up value.
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QTest>
#include <fstream>

#include "experiment/experiment.h"
#include "window/main_window.h"

using namespace bnlab;

namespace {

double residentMegabytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

void report(benchmark::State& state, double warm, double end) {
  state.counters["rss_warm_MB"] = warm;
  state.counters["rss_end_MB"] = end;
  state.counters["growth_pct"] = 100.0 * (end - warm) / warm;
}

ExperimentConfig configA() {
  ExperimentConfig config;
  config.data.toy = {ToyKind::Spiral, 4000, 0.05, 2, 1};
  config.network.hiddenUnits.assign(4, 64);
  config.network.activation = ActivationKind::Relu;
  config.runs = *runsForBatchNorm("on");
  return config;
}

}  // namespace

static void BM_HeadlessMillionSteps(benchmark::State& state) {
  for (auto _ : state) {
    Experiment experiment(configA());
    double warm = 0;
    for (int s = 1; s <= 1'000'000; ++s) {
      experiment.step();
      if (s == 50'000) {
        (void)experiment.snapshot();
        warm = residentMegabytes();
      }
    }
    (void)experiment.snapshot();
    report(state, warm, residentMegabytes());
  }
}
BENCHMARK(BM_HeadlessMillionSteps)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

static void BM_WindowTwoHundredThousandSteps(benchmark::State& state) {
  for (auto _ : state) {
    ExperimentConfig config;
    config.network.hiddenUnits = {16, 16, 16, 16};
    MainWindow window(config, MainWindow::Start::Paused);
    window.resize(1600, 1000);
    window.show();
    window.controls()->speedSlider()->setValue(kFullSpeed);
    window.controller().play();
    const auto stepNow = [&] {
      return window.controller().latest() ? window.controller().latest()->step : 0;
    };
    // Warm: every history at its capacity (the window records ~30 times a second).
    const auto historiesFull = [&] {
      const SnapshotPtr snap = window.controller().latest();
      return snap && snap->runs.front().batchLossHistory.size() >= History::kDefaultCapacity;
    };
    while (!historiesFull()) QTest::qWait(100);
    const double warm = residentMegabytes();
    const std::int64_t start = stepNow();
    while (stepNow() < start + 200'000) QTest::qWait(50);
    window.controller().pause();
    QTest::qWait(200);
    report(state, warm, residentMegabytes());
  }
}
BENCHMARK(BM_WindowTwoHundredThousandSteps)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
