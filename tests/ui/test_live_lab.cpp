// The live lab end to end, offscreen: snapshots from the training thread reach every panel,
// controls reach the worker, rebuilds, hostile sequences of commands, and a prompt shutdown.
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <set>

#include "config/config_json.h"
#include "experiment/experiment.h"
#include "render/plot_renderer.h"
#include "session/training_command.h"
#include "wait_for.h"
#include "window/main_window.h"

using namespace bnlab;

namespace {

ExperimentConfig smallConfig() {
  ExperimentConfig config;
  config.data.toy = {ToyKind::Moons, 600, 0.1, 2, 3};
  config.network.hiddenUnits = {8, 8, 8};
  config.runs = *runsForBatchNorm("off");
  return config;
}

// Waits (processing events) until the newest snapshot satisfies `condition`.
template <typename Condition>
bool waitForSnapshot(MainWindow& window, Condition condition, int timeoutMs = 5000) {
  QElapsedTimer timer;
  timer.start();
  while (timer.elapsed() < timeoutMs) {
    const SnapshotPtr snap = window.controller().latest();
    if (snap && condition(*snap)) return true;
    QTest::qWait(10);
  }
  return false;
}

void setFullSpeed(MainWindow& window) { window.controls()->speedSlider()->setValue(kFullSpeed); }

// A valid value of `row` other than its value in `config`.
SettingValue anotherValue(const Setting& row, const ExperimentConfig& config) {
  const SettingValue now = row.get(config);
  const SettingRange& r = row.range;
  switch (row.kind) {
    case SettingKind::Integer:
      for (double v : {r.min + 1, r.min, r.max})
        if (r.contains(v) && SettingValue(std::int64_t(v)) != now) return std::int64_t(v);
      break;
    case SettingKind::Number:
      for (double v : {(r.min + r.max) / 2, (r.min + 3 * r.max) / 4})
        if (r.contains(v) && SettingValue(v) != now) return v;
      break;
    case SettingKind::Choice:
      for (std::string_view word : row.choices())
        if (SettingValue(std::string(word)) != now) return std::string(word);
      break;
    case SettingKind::Flag:
      return !std::get<bool>(now);
    default:
      break;
  }
  return now;
}

// What the runs train and measure with, read from the trainers after one more step.
struct Training {
  OptimizerConfig optimizer;
  Scalar dropout;
  std::size_t batch;
  int landscapeEvery, gradientShiftEvery;
  bool operator==(const Training&) const = default;
};
Training trainingOf(Experiment& experiment) {
  experiment.step();
  return {experiment.run(0).optimizer().config(), experiment.run(0).network().config().dropout,
          experiment.lastBatchIndices().size(), experiment.config().landscapeEvery,
          experiment.config().gradientShiftEvery};
}

// Moves `control` to another value, as a hand would.
void change(QWidget* control) {
  if (auto* spin = qobject_cast<QSpinBox*>(control))
    spin->setValue(spin->value() < spin->maximum() ? spin->value() + 1 : spin->minimum());
  else if (auto* spin = qobject_cast<QDoubleSpinBox*>(control))
    spin->setValue(spin->value() < spin->maximum() ? spin->maximum() : spin->minimum());
  else if (auto* slider = qobject_cast<ValueSlider*>(control))
    slider->slider()->setValue(slider->slider()->value() == 0 ? 1 : 0);
  else if (auto* box = qobject_cast<QCheckBox*>(control))
    box->toggle();
  else if (auto* combo = qobject_cast<QComboBox*>(control))
    combo->setCurrentIndex((combo->currentIndex() + 1) % combo->count());
}

}  // namespace

class LiveLabTest : public QObject {
  Q_OBJECT
 private slots:
  void divergingRunPausesSaysWhyAndResetRecovers() {
    ExperimentConfig config = smallConfig();
    config.network.activation = ActivationKind::Linear;
    config.optimizer.kind = OptimizerKind::Sgd;
    config.optimizer.learningRate = 10;
    MainWindow window(config, MainWindow::Start::Playing);
    setFullSpeed(window);
    window.show();
    QSignalSpy failed(&window.controller(), &TrainingController::failed);
    QVERIFY(failed.wait(5000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains("diverged") && message.contains("learning rate"),
             qPrintable(message));
    BNLAB_TRY_VERIFY(window.controller().latest()->divergedAt > 0 &&
                     !window.controller().running());
    // The charts keep the last finite measurements: no NaN drawn, no wrecked axis.
    window.redraw();
    for (LayerPanel* panel : window.layerPanels())
      for (const plot::PlotWidget* p : panel->plots())
        for (const plot::Line& line : p->model().lines)
          for (const QPointF& point : line.points) QVERIFY(std::isfinite(point.y()));
    // A sane learning rate and Reset: training goes on.
    window.controls()->learningRateSlider()->setValue(0.01);
    emit window.controls()->resetClicked();
    emit window.controls()->playPauseClicked();
    QVERIFY(waitForSnapshot(window,
                            [](const Snapshot& s) { return s.divergedAt < 0 && s.step > 100; }));
  }

  // Export all from the live window writes a configuration that repeats the run: the measuring
  // schedule set (not the clock's), and the steps shown. Run headless, it measures as often as
  // the original configuration does.
  void exportedConfigurationRepeatsTheRun() {
    ExperimentConfig config = smallConfig();
    config.recordEvery = 10;
    config.evaluateEvery = 50;
    MainWindow window(config, MainWindow::Start::Playing);
    setFullSpeed(window);
    window.show();
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) { return s.step >= 300; }));
    emit window.controls()->playPauseClicked();
    BNLAB_TRY_VERIFY(!window.controller().running());
    window.redraw();
    const std::int64_t shownStep = window.controller().latest()->step;
    Preset exported;
    QStringList errors;
    QVERIFY(parseConfigFile(QJsonDocument(window.exportJob().config).toJson(), "config.json",
                            exported, errors));
    QCOMPARE(exported.config.recordEvery, 10);
    QCOMPARE(exported.config.evaluateEvery, 50);
    QCOMPARE(exported.config.steps, shownStep);
    const auto pointsAfter = [&](const ExperimentConfig& c) {
      Experiment experiment(c);
      for (std::int64_t s = 0; s < shownStep; ++s) experiment.step();
      const SnapshotPtr snap = experiment.snapshot();
      return std::pair{snap->runs[0].testAccuracyHistory.size(),
                       snap->runs[0].layers[0].shiftHistory.size()};
    };
    config.steps = shownStep;
    const auto [accuracyPoints, shiftPoints] = pointsAfter(exported.config);
    QCOMPARE(accuracyPoints, pointsAfter(config).first);
    QCOMPARE(shiftPoints, pointsAfter(config).second);
    // Every 50 steps for 16 evaluations, then less often (Experiment::measureInterval): step 0
    // and each scheduled step up to the one shown, which may be one (wherever the pause landed).
    std::size_t scheduled = 1;  // step 0
    for (std::int64_t s = 1; s <= shownStep; ++s)
      scheduled += s % measureInterval(50, Experiment::kDenseEvaluations, s) == 0;
    QCOMPARE(accuracyPoints, scheduled);
  }

  // Relu at learning rate 10 trains at chance with a finite loss: the window says it is not
  // learning, and stops saying so after a rebuild at a sane learning rate.
  void notLearningIsSaid() {
    ExperimentConfig config;  // the default spiral network, seed 1: stalls, does not diverge
    config.optimizer.kind = OptimizerKind::Sgd;
    config.optimizer.learningRate = 10;
    config.runs = *runsForBatchNorm("off");
    MainWindow window(config, MainWindow::Start::Playing);
    setFullSpeed(window);
    window.show();
    QVERIFY(waitForSnapshot(
        window, [](const Snapshot& s) { return s.step >= 600; }, 20000));
    window.redraw();
    QVERIFY2(window.warningText().contains("not learning"), qPrintable(window.warningText()));
    emit window.controls()->playPauseClicked();
    BNLAB_TRY_VERIFY(!window.controller().running());
    window.controls()->learningRateSlider()->setValue(0.01);
    emit window.controls()->resetClicked();
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) { return s.step == 0; }));
    emit window.controls()->playPauseClicked();
    QVERIFY(waitForSnapshot(
        window, [](const Snapshot& s) { return s.step >= 600; }, 20000));
    window.redraw();
    QVERIFY2(window.warningText().isEmpty(), qPrintable(window.warningText()));
  }

  void opensWithAPanelPerHiddenLayer() {
    MainWindow window(smallConfig(), MainWindow::Start::Paused);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(int(window.layerPanels().size()), 3);
    for (LayerPanel* panel : window.layerPanels()) {
      QCOMPARE(int(panel->plots().size()), 7);
      // The gradient shift's two charts only while it is measured (off by default).
      for (int i = 0; i < 7; ++i) QCOMPARE(panel->plots()[std::size_t(i)]->isVisible(), i < 5);
    }
  }

  // View → Gradient shift switches the measure on in the worker, and every layer panel shows
  // its two charts: layer 2's with every run, layer 1's empty (no earlier layers).
  void gradientShiftSwitchShowsItsCharts() {
    MainWindow window(smallConfig(), MainWindow::Start::Playing);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction* toggle = nullptr;
    for (MeasureAction* action : window.findChildren<MeasureAction*>())
      if (action->text().startsWith(QLatin1String("&Gradient shift"))) toggle = action;
    QVERIFY(toggle && !toggle->isChecked());
    toggle->trigger();
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) {
      return s.config.gradientShiftEvery == 10 && s.runs[0].layers[1].gradientShift.measures >= 2;
    }));
    window.redraw();
    for (LayerPanel* panel : window.layerPanels()) {
      const plot::PlotWidget* shift = panel->plots()[5];
      const plot::PlotWidget* cosine = panel->plots()[6];
      QCOMPARE(shift->objectName(),
               QStringLiteral("layer%1-gradient-shift").arg(panel->layer() + 1));
      if (panel->layer() == 0) {  // no earlier layers: nothing to show
        QVERIFY(!shift->isVisible() && !cosine->isVisible());
        continue;
      }
      QVERIFY(shift->isVisible() && cosine->isVisible());
      QCOMPARE(shift->model().lines.size(), window.shownSnapshot()->runs.size());
      QVERIFY(plot::hasData(shift->model()) && plot::hasData(cosine->model()));
    }
  }

  void playDeliversSnapshotsThatFillEveryPanel() {
    MainWindow window(smallConfig(), MainWindow::Start::Playing);
    window.show();
    QSignalSpy spy(&window.controller(), &TrainingController::snapshotArrived);
    QVERIFY(spy.wait(3000));
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) { return s.step >= 30; }));
    BNLAB_TRY_VERIFY(spy.count() >= 3);
    window.redraw();
    for (LayerPanel* panel : window.layerPanels()) {
      const auto& plots = panel->plots();
      const plot::PlotModel& bands = plots[0]->model();
      QCOMPARE(int(bands.bands.size()), 4);
      QVERIFY(bands.bands[0].lower.size() >= 2);
      QVERIFY(!bands.lines.empty() && bands.lines[0].points.size() >= 2);
      const plot::PlotModel& histogram = plots[1]->model();
      QVERIFY(!histogram.bars.empty() && histogram.bars[0].heights.size() > 0);
      const plot::PlotModel& moments = plots[2]->model();
      QVERIFY(!moments.lines.empty() && moments.lines[0].points.size() >= 2);
      const plot::PlotModel& scatter = plots[3]->model();
      QVERIFY(!scatter.scatters.empty() && scatter.scatters.back().points.size() > 0);
      const plot::PlotModel& shift = plots[4]->model();
      QVERIFY(!shift.lines.empty() && shift.lines[0].points.size() >= 1);
    }
    const auto& metrics = window.metrics()->plots();
    QVERIFY(metrics[0]->model().lines.size() >= 2);
    QVERIFY(metrics[0]->model().lines[1].points.size() >= 1);  // train loss
    QVERIFY(metrics[2]->model().backdrop.has_value());         // decision plane
  }

  void batchNormSwitchReachesTheWorker() {
    MainWindow window(smallConfig(), MainWindow::Start::Playing);
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) { return s.step > 5; }));
    window.controls()->batchNormSwitch()->setChecked(true);
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) {
      return s.runs[0].batchNorm && s.batchNormToggles.size() == 1;
    }));
    window.controls()->batchNormSwitch()->setChecked(false);
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) {
      return !s.runs[0].batchNorm && s.batchNormToggles.size() == 2;
    }));
  }

  // Typed commands sent straight through the controller arrive, in order, between steps.
  void typedCommandsReachTheWorker() {
    MainWindow window(smallConfig(), MainWindow::Start::Paused);
    TrainingController& controller = window.controller();
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) { return s.step == 0; }));
    controller.apply(SetSetting{"training.batchSize", std::int64_t(24)});
    controller.apply(Perturb{1, 0.5});
    controller.apply(SetSetting{"measure.landscapeEvery", std::int64_t(5)});
    controller.apply(SetSetting{"measure.gradientShiftEvery", std::int64_t(3)});
    controller.apply(SetSetting{"training.batchSize", std::int64_t(48)});
    controller.stepOnce();
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) {
      return s.step == 1 && s.config.batchSize == 48 && s.lastBatchSize == 48 &&
             s.perturbations.size() == 1 && s.config.landscapeEvery == 5 &&
             s.config.gradientShiftEvery == 3;
    }));
  }

  // Every live row of the settings table reaches a running experiment through SetSetting: from
  // the next step its runs train as those of an experiment built with the new value, and it goes
  // on from the step it was at.
  void everyLiveRowChangesTheRunningExperiment_data() {
    QTest::addColumn<QString>("key");
    for (const Setting& row : settings())
      if (row.applyLive) QTest::newRow(row.key.data()) << QString::fromUtf8(row.key.data());
  }
  void everyLiveRowChangesTheRunningExperiment() {
    QFETCH(QString, key);
    const Setting& row = *findSetting(key.toStdString());
    ExperimentConfig config = smallConfig();
    Experiment experiment(config);
    for (int i = 0; i < 3; ++i) experiment.step();
    const SettingValue value = anotherValue(row, config);
    QVERIFY(value != row.get(config));
    applyCommand(experiment, SetSetting{std::string(row.key), value});
    QCOMPARE(experiment.steps(), std::int64_t(3));
    row.set(config, value);
    QVERIFY(row.get(experiment.config()) == row.get(config));  // as its field holds it (a float)
    Experiment built(config);
    QVERIFY(trainingOf(experiment) == trainingOf(built));
  }

  // SetSetting changes nothing for a row that rebuilds, a key of no row, or a value outside the
  // row's range or of another kind.
  void setSettingLeavesTheExperimentOtherwise() {
    Experiment experiment(smallConfig());
    experiment.step();
    const ExperimentConfig before = experiment.config();
    applyCommand(experiment, SetSetting{"network.activation", std::string("tanh")});
    applyCommand(experiment, SetSetting{"training.batchSz", std::int64_t(8)});
    applyCommand(experiment, SetSetting{"training.batchSize", std::int64_t(4096)});
    applyCommand(experiment, SetSetting{"training.batchSize", 8.0});
    applyCommand(experiment, SetSetting{"training.optimizer", std::string("lion")});
    QVERIFY(experiment.config() == before);
  }

  // The panel's controls bound to live rows (batch size, learning rate, optimizer, dropout)
  // emit liveSettingChanged with their row and never a rebuild; every other control asks for a
  // rebuild; showing a configuration emits neither.
  void liveControlsApplyAndTheOthersRebuild() {
    ControlPanel panel;
    std::vector<std::string_view> live;
    int rebuilds = 0, switches = 0;
    connect(&panel, &ControlPanel::liveSettingChanged, &panel,
            [&](const Setting& row) { live.push_back(row.key); });
    connect(&panel, &ControlPanel::architectureChanged, &panel, [&] { ++rebuilds; });
    connect(&panel, &ControlPanel::batchNormToggled, &panel, [&] { ++switches; });
    std::set<std::string_view> liveRows;
    for (const auto& [row, control] : panel.settingControls().bound()) {
      live.clear();
      rebuilds = 0;
      change(control);
      if (row->applyLive) {
        liveRows.insert(row->key);
        QVERIFY2(live == std::vector{row->key} && rebuilds == 0, row->key.data());
      } else {
        QVERIFY2(live.empty() && rebuilds == 1, row->key.data());
      }
    }
    QCOMPARE(liveRows, (std::set<std::string_view>{"training.batchSize", "training.learningRate",
                                                   "training.optimizer", "network.dropout"}));
    live.clear();
    rebuilds = 0;
    for (QWidget* control : std::initializer_list<QWidget*>{
             panel.layersSpin(), panel.unitsSpin(), panel.datasetCombo(), panel.modeCombo()})
      change(control);
    QVERIFY(live.empty() && rebuilds == 4 && switches == 0);

    ExperimentConfig other;
    for (const auto& [row, control] : panel.settingControls().bound())
      row->set(other, anotherValue(*row, panel.config()));
    other.network.hiddenUnits = {5, 5};
    other.seed = 99;
    other.data.toy.kind = ToyKind::Circles;
    other.runs = *runsForBatchNorm("on");
    live.clear();
    rebuilds = switches = 0;
    panel.setConfig(other);
    panel.setConfig(smallConfig());
    QVERIFY(live.empty() && rebuilds == 0 && switches == 0);
  }

  void batchSizeSliderIsTheBatchSizeOfTheNextSnapshot() {
    MainWindow window(smallConfig(), MainWindow::Start::Playing);
    window.controls()->batchSizeSlider()->setValue(128);
    QCOMPARE(window.controls()->batchSizeSlider()->value(), 128.0);
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) {
      return s.config.batchSize == 128 && s.lastBatchSize == 128;
    }));
    window.controls()->batchSizeSlider()->setValue(1);
    QVERIFY(waitForSnapshot(
        window, [](const Snapshot& s) { return s.config.batchSize == 1 && s.lastBatchSize == 1; }));
  }

  // Batch norm on batches of one is warned about while it is the setting, in one-network mode
  // and for a list of runs alike.
  void batchNormOnBatchesOfOneIsWarnedAbout() {
    ExperimentConfig config = smallConfig();
    config.runs = *runsForBatchNorm("on");
    MainWindow window(config, MainWindow::Start::Paused);
    QVERIFY(window.warningText().isEmpty());
    window.controls()->batchSizeSlider()->setValue(1);
    QVERIFY2(window.warningText().contains("batch of 1"), qPrintable(window.warningText()));
    window.controls()->batchNormSwitch()->setChecked(false);  // a plain network: nothing to warn
    QVERIFY(window.warningText().isEmpty());
    window.controls()->batchNormSwitch()->setChecked(true);
    QVERIFY(!window.warningText().isEmpty());
    window.controls()->batchSizeSlider()->setValue(64);
    QVERIFY(window.warningText().isEmpty());
  }

  // A preset sets its own pace; a preset without one leaves the speed as it was.
  void presetsSetTheirSpeed() {
    MainWindow window(smallConfig(), MainWindow::Start::Paused);
    // The window starts slow enough to watch the first hundreds of steps form.
    QVERIFY(window.controls()->speed() > 0 && window.controls()->speed() <= 100);
    window.controls()->speedSlider()->setValue(kFullSpeed);
    Preset preset = builtInPresets().front();
    QVERIFY(preset.speed && *preset.speed != kFullSpeed);
    window.applyPreset(preset);
    QCOMPARE(window.controls()->speed(), *preset.speed);
    preset.speed.reset();
    window.controls()->speedSlider()->setValue(20);
    window.applyPreset(preset);
    QCOMPARE(window.controls()->speed(), 20);
  }

  void changingTheLayerCountRebuildsThatManyPanels() {
    MainWindow window(smallConfig(), MainWindow::Start::Playing);
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) { return s.step > 5; }));
    window.controls()->layersSpin()->setValue(5);
    QCOMPARE(int(window.layerPanels().size()), 5);
    QVERIFY(
        waitForSnapshot(window, [](const Snapshot& s) { return s.runs[0].layers.size() == 5; }));
    window.redraw();
    QVERIFY(window.layerPanels()[4]->plots()[0]->model().bands[0].lower.size() >= 1);
    window.controls()->layersSpin()->setValue(1);
    QCOMPARE(int(window.layerPanels().size()), 1);
  }

  void compareModeDrawsBothTwinsOnSharedAxes() {
    ExperimentConfig config = smallConfig();
    config.runs = *runsForBatchNorm("compare");
    MainWindow window(config, MainWindow::Start::Playing);
    QVERIFY(!window.controls()->batchNormSwitch()->isEnabled());
    QVERIFY(waitForSnapshot(window,
                            [](const Snapshot& s) { return s.runs.size() == 2 && s.step > 30; }));
    window.redraw();
    const auto& plots = window.layerPanels()[2]->plots();
    QCOMPARE(int(plots[0]->model().lines.size()), 2);  // a median per twin
    QCOMPARE(plots[0]->model().lines[0].name, QStringLiteral("plain"));
    QCOMPARE(plots[0]->model().lines[1].name, QStringLiteral("batch norm"));
    QVERIFY(plots[0]->model().lines[0].color != plots[0]->model().lines[1].color);
    QCOMPARE(int(plots[1]->model().bars.size()), 2);
    // Shift per twin: the whole movement, and dashed the part the earlier layers caused.
    QCOMPARE(int(plots[4]->model().lines.size()), 4);
    QCOMPARE(plots[4]->model().lines[1].style, Qt::DashLine);
    QCOMPARE(int(window.layerPanels()[0]->plots()[4]->model().lines.size()),
             2);  // layer 1: data in
    // Mean and std per twin, and the batch-norm twin's mean β and rms γ dotted beside them.
    QCOMPARE(int(plots[2]->model().lines.size()), 6);
    QCOMPARE(plots[2]->model().lines[5].style, Qt::DotLine);
    QCOMPARE(int(window.metrics()->plots()[0]->model().lines.size()), 4);  // train, test × 2
  }

  // View → Log-scale step axis puts every chart over steps on a log scale, and back.
  void logStepAxisForEveryChart() {
    MainWindow window(smallConfig(), MainWindow::Start::Playing);
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) { return s.step > 20; }));
    QAction* log = nullptr;
    for (QAction* action : window.findChildren<QAction*>())
      if (action->text() == QStringLiteral("&Log-scale step axis")) log = action;
    QVERIFY(log);
    log->trigger();
    window.redraw();
    BNLAB_TRY_VERIFY(window.layerPanels()[1]->plots()[0]->model().xLog);
    QVERIFY(window.metrics()->plots()[0]->model().xLog);          // loss
    QVERIFY(!window.layerPanels()[1]->plots()[1]->model().xLog);  // the histogram has no steps
    log->trigger();
    QVERIFY(!window.layerPanels()[1]->plots()[0]->model().xLog);
  }

  void perturbationKickMarksEveryChart() {
    ExperimentConfig config = smallConfig();
    config.runs = *runsForBatchNorm("compare");
    MainWindow window(config, MainWindow::Start::Playing);
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) { return s.step > 20; }));
    window.controls()->requestPerturb();
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) { return s.perturbations.size() == 1; }));
    window.redraw();
    QCOMPARE(int(window.layerPanels()[1]->plots()[0]->model().markers.size()), 1);
  }

  void clickingTheDecisionPlaneClassifiesThatExample() {
    ExperimentConfig config = smallConfig();
    config.runs = *runsForBatchNorm("compare");
    MainWindow window(config, MainWindow::Start::Playing);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) { return s.step > 10; }));
    window.redraw();
    plot::PlotWidget* plane = window.metrics()->plots()[2];
    QTest::mouseClick(plane, Qt::LeftButton, {}, plane->rect().center());
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) { return s.runs[1].chosen.valid; }));
    window.redraw();
    QVERIFY(plane->model().note.contains("own stats"));
  }

  void focusOnOneUnitReachesTheWorker() {
    MainWindow window(smallConfig(), MainWindow::Start::Playing);
    window.layerPanels()[1]->unitCombo()->setCurrentIndex(3);  // unit 3
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) {
      const auto& focused = s.runs[0].layers[1].focused;
      return focused && focused->focus.unit == 2 && focused->now[0].unitMean.size() == 1;
    }));
  }

  void rapidCommandsAtFullSpeedLeaveAConsistentState() {
    MainWindow window(smallConfig(), MainWindow::Start::Playing);
    setFullSpeed(window);
    QVERIFY(waitForSnapshot(window, [](const Snapshot& s) { return s.step > 50; }));
    auto* random = QRandomGenerator::global();
    ControlPanel* controls = window.controls();
    for (int i = 0; i < 50; ++i) {
      controls->batchNormSwitch()->toggle();
      controls->batchSizeSlider()->slider()->setValue(
          random->bounded(controls->batchSizeSlider()->slider()->maximum() + 1));
      controls->learningRateSlider()->slider()->setValue(
          random->bounded(controls->learningRateSlider()->slider()->maximum() + 1));
      controls->dropoutSlider()->slider()->setValue(
          random->bounded(controls->dropoutSlider()->slider()->maximum() + 1));
      if (i % 10 == 0) window.layerPanels()[0]->sourceCombo()->setCurrentIndex(i % 20 == 0 ? 1 : 0);
      QTest::qWait(random->bounded(3));
    }
    const bool bn = controls->batchNormSwitch()->isChecked();
    const int batch = int(controls->batchSizeSlider()->value());
    const double dropout = controls->dropoutSlider()->value();
    const double rate = controls->learningRateSlider()->value();
    const std::int64_t after = window.controller().latest()->step;
    const bool consistent = waitForSnapshot(
        window,
        [&](const Snapshot& s) {
          return s.step > after + 20 && s.runs[0].batchNorm == bn && s.config.batchSize == batch &&
                 std::abs(s.config.network.dropout - dropout) < 1e-6 &&
                 s.config.optimizer.learningRate == rate;
        },
        20000);
    const SnapshotPtr last = window.controller().latest();
    QVERIFY2(consistent,
             qPrintable(QStringLiteral(
                            "step %1 (from %2), bn %3/%4, batch %5/%6, dropout %7/%8, lr %9/%10")
                            .arg(last->step)
                            .arg(after)
                            .arg(last->runs[0].batchNorm)
                            .arg(bn)
                            .arg(last->config.batchSize)
                            .arg(batch)
                            .arg(last->config.network.dropout)
                            .arg(dropout)
                            .arg(last->config.optimizer.learningRate)
                            .arg(rate)));
    QCOMPARE(int(window.controller().latest()->batchNormToggles.size()) % 2, bn ? 1 : 0);
  }

  void closingDuringFullSpeedTrainingReturnsWithinASecond() {
    auto* window = new MainWindow(smallConfig(), MainWindow::Start::Playing);
    window->show();
    setFullSpeed(*window);
    QVERIFY(waitForSnapshot(*window, [](const Snapshot& s) { return s.step > 200; }));
    QElapsedTimer timer;
    timer.start();
    window->close();
    delete window;
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
  }
};

QTEST_MAIN(LiveLabTest)
#include "test_live_lab.moc"
