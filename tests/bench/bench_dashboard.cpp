// The live window's costs, offscreen:
//   - Export all of the dashboard (PNG at 2×, SVG, CSV, composite);
//   - a full redraw of the dashboard (4 hidden layers, every view, histories at capacity);
//   - training steps/s at full speed with the window open, against the same training thread
//     with no window.
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include "dashboard_fixture.h"
#include "window/main_window.h"

using namespace bnlab;
using bench::dashboardConfig;
using bench::fullSnapshot;

namespace {

// Steps per second of a training thread at full speed over `seconds`, optionally drawn by a
// window, for the experiment the window opens with (its default measuring schedule).
double trainingRate(bool withWindow, double seconds) {
  std::unique_ptr<MainWindow> window;
  std::unique_ptr<TrainingController> bare;
  TrainingController* controller = nullptr;
  if (withWindow) {
    window = std::make_unique<MainWindow>(ExperimentConfig{}, MainWindow::Start::Paused);
    window->resize(1600, 1300);
    window->show();
    window->controls()->speedSlider()->setValue(kFullSpeed);
    controller = &window->controller();
    controller->play();
  } else {
    bare = std::make_unique<TrainingController>();
    controller = bare.get();
    controller->setSpeed(kFullSpeed);
    controller->configure(ExperimentConfig{});
    controller->play();
  }
  // Warm up: by default until the charts' histories are full (512 points at about 30 records a
  // second before the schedule moved to steps), so both schedules draw as much as a long run does.
  QTest::qWait(qEnvironmentVariableIntValue("BNLAB_BENCH_WARMUP_MS") > 0
                   ? qEnvironmentVariableIntValue("BNLAB_BENCH_WARMUP_MS")
                   : 20000);
  const std::int64_t start = controller->latest() ? controller->latest()->step : 0;
  QElapsedTimer timer;
  timer.start();
  QTest::qWait(int(seconds * 1000));
  const std::int64_t end = controller->latest()->step;
  return double(end - start) / (double(timer.elapsed()) / 1000.0);
}

}  // namespace

static void BM_DashboardFullRedraw(benchmark::State& state) {
  const SnapshotPtr snapshot = fullSnapshot();
  MainWindow window(dashboardConfig(), MainWindow::Start::Paused);
  window.resize(1600, 1300);  // every layer panel in view
  window.show();
  QTest::qWait(200);
  for (auto _ : state) {
    window.showSnapshot(snapshot);
    window.repaint();
  }
  state.counters["ms_per_frame"] = benchmark::Counter(
      double(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert,
      benchmark::Counter::kIs1000);
}
BENCHMARK(BM_DashboardFullRedraw)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

// Export all: every chart as PNG at 2×, SVG and CSV, the dashboard picture in both formats,
// config.json and summary.json.
static void BM_ExportAll(benchmark::State& state) {
  const SnapshotPtr snapshot = fullSnapshot();
  MainWindow window(dashboardConfig(), MainWindow::Start::Viewer);
  window.resize(1600, 1000);
  window.show();
  window.showSnapshot(snapshot);
  QTest::qWait(200);
  QTemporaryDir dir;
  ExportOptions options;
  options.folder = dir.path();
  options.scale = 2;
  qsizetype files = 0;
  for (auto _ : state) {
    const ExportReport report = writeExport(window.exportJob(), options);
    if (!report.ok()) state.SkipWithError(qPrintable(report.error));
    files = report.written.size();
  }
  state.counters["files"] = double(files);
}
BENCHMARK(BM_ExportAll)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->Repetitions(3)
    ->UseRealTime();

// From nothing to the window on screen with its first snapshot drawn (in process; the
// executable's own start, dynamic linking included, is `bnlab --version`'s time).
static void BM_WindowStartup(benchmark::State& state) {
  for (auto _ : state) {
    QElapsedTimer timer;
    timer.start();
    MainWindow window(ExperimentConfig{}, MainWindow::Start::Playing);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) state.SkipWithError("never exposed");
    while (!window.controller().latest()) QCoreApplication::processEvents();
    window.redraw();
    window.repaint();
    state.SetIterationTime(double(timer.nsecsElapsed()) * 1e-9);
  }
}
BENCHMARK(BM_WindowStartup)
    ->Iterations(5)
    ->Repetitions(3)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

static void BM_TrainingWithoutWindow(benchmark::State& state) {
  double rate = 0;
  for (auto _ : state) rate = trainingRate(false, 3.0);
  state.counters["steps_per_s"] = rate;
}
BENCHMARK(BM_TrainingWithoutWindow)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

static void BM_TrainingWithWindowOpen(benchmark::State& state) {
  double rate = 0;
  for (auto _ : state) rate = trainingRate(true, 3.0);
  state.counters["steps_per_s"] = rate;
}
BENCHMARK(BM_TrainingWithWindowOpen)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
static void BM_DashboardShowSnapshotOnly(benchmark::State& state) {
  const SnapshotPtr snapshot = fullSnapshot();
  MainWindow window(dashboardConfig(), MainWindow::Start::Paused);
  window.resize(1600, 1300);
  window.show();
  QTest::qWait(200);
  for (auto _ : state) window.showSnapshot(snapshot);
}
BENCHMARK(BM_DashboardShowSnapshotOnly)->Unit(benchmark::kMillisecond)->MinTime(1.0)->UseRealTime();

static void BM_RenderOnePlot(benchmark::State& state) {
  const SnapshotPtr snapshot = fullSnapshot();
  MainWindow window(dashboardConfig(), MainWindow::Start::Paused);
  window.showSnapshot(snapshot);
  const int which = int(state.range(0));
  plot::PlotWidget* widget = which < 4 ? window.layerPanels()[0]->plots()[std::size_t(which)]
                                       : window.metrics()->plots()[std::size_t(which - 4)];
  QImage image(300, 200, QImage::Format_ARGB32_Premultiplied);
  for (auto _ : state) {
    QPainter painter(&image);
    widget->render(painter, image.rect());
  }
}
BENCHMARK(BM_RenderOnePlot)->DenseRange(0, 6)->Unit(benchmark::kMicrosecond)->MinTime(0.5);
