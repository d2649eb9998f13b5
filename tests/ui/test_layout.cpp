// The window is readable at every size: at 1024×700 nothing needs a sideways scroll bar; at
// 1280×800 and 1600×1000 no chart's title, note or axis title and no label is cut, on every
// preset and in every view; the overview of all layers and Figure 1 large draw the snapshot's
// own records, every layer on one screen.
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QTest>
#include <QToolButton>

#include "charts/chart_common.h"
#include "charts/layer_charts.h"
#include "config/config_json.h"
#include "data/idx_reader.h"
#include "experiment/experiment.h"
#include "render/plot_header.h"
#include "window/main_window.h"

using namespace bnlab;

Q_DECLARE_METATYPE(bnlab::ExperimentConfig)

namespace {

ExperimentConfig toyConfig(int runs, int layers = 4) {
  ExperimentConfig config;
  config.data.toy = {ToyKind::Spiral, 600, 0.05, 2, 4};
  config.network.hiddenUnits.assign(std::size_t(layers), 16);
  config.runs = runs > 2 ? parseRunList("plain,batch-norm,batch-norm:batch=256,plain:dropout=0.2")
                         : *runsForBatchNorm("compare");
  config.runs.resize(std::size_t(runs));
  config.recordEvery = 10;
  config.evaluateEvery = 50;
  return config;
}

ExperimentConfig presetConfig(const QString& name) {
  for (const Preset& preset : builtInPresets())
    if (preset.name == name) return preset.config;
  qFatal("no preset %s", qPrintable(name));
}

// Whether the configuration's data can be loaded here (Fashion-MNIST may not be installed).
bool dataAvailable(const ExperimentConfig& config) {
  return config.data.source != DataSource::Mnist || !config.data.path.empty() ||
         findMnistFiles(kFashionMnistFolder).has_value();
}

// A window showing `steps` steps of `config` at `size`, as the headless screenshots lay it out.
struct ShownRun {
  ShownRun(const ExperimentConfig& config, QSize size, int steps = 150)
      : experiment(config), window(config, MainWindow::Start::Viewer) {
    for (int s = 0; s < steps; ++s) experiment.step();
    experiment.record();
    experiment.evaluate();
    experiment.updateDecisionMaps();
    window.resize(size);
    window.show();
    window.showSnapshot(experiment.snapshot());
    QCoreApplication::processEvents();
  }
  QScrollArea* layers() const { return window.findChild<QScrollArea*>(QStringLiteral("layers")); }
  void show(MainWindow::View view) {
    window.showView(view);
    QCoreApplication::processEvents();
  }
  Experiment experiment;
  MainWindow window;
};

// Visible one-line labels narrower than their text.
QStringList cutLabels(const QWidget& window) {
  QStringList cut;
  for (const QLabel* label : window.findChildren<QLabel*>()) {
    if (!label->isVisible() || label->wordWrap() || label->text().isEmpty()) continue;
    if (label->width() < label->minimumSizeHint().width())
      cut << QStringLiteral("label “%1” (%2 of %3 px)")
                 .arg(label->text())
                 .arg(label->width())
                 .arg(label->minimumSizeHint().width());
  }
  return cut;
}

// What the window shows cut short now: the texts of visible charts that do not fit (title,
// note, axis titles) and visible one-line labels narrower than their text.
QStringList cutShort(const QWidget& window) {
  QStringList cut = cutLabels(window);
  for (const plot::PlotWidget* chart : window.findChildren<plot::PlotWidget*>()) {
    if (!chart->isVisible()) continue;
    for (const QString& text : plot::cutTexts(chart->model(), QRectF(chart->rect()), chart->font()))
      cut << QStringLiteral("%1 (%2×%3): “%4”")
                 .arg(chart->objectName())
                 .arg(chart->width())
                 .arg(chart->height())
                 .arg(text);
  }
  return cut;
}

QVector<QPointF> medianOf(const LayerSnapshot& layer) {
  return toPoints(historyStats(layer)[int(Quantity::ActivationInput)].quantiles[4]);
}

}  // namespace

class LayoutTest : public QObject {
  Q_OBJECT
 private slots:
  // At 1024×700 the window keeps its size, the layer rows need no sideways scroll bar and
  // stand in two rows of charts, none squeezed below its smallest size, and no label is cut.
  void usableAt1024x700_data() {
    QTest::addColumn<ExperimentConfig>("config");
    QTest::newRow("one run") << toyConfig(1);
    QTest::newRow("plain and batch norm") << toyConfig(2);
    QTest::newRow("four runs") << toyConfig(4);
    QTest::newRow("eight layers") << toyConfig(2, 8);
    ExperimentConfig named = toyConfig(4);
    for (std::size_t r = 0; r < named.runs.size(); ++r)
      named.runs[r].name = "a long name for run " + std::to_string(r + 1);
    QTest::newRow("four runs with long names") << named;
    QTest::newRow("Figure 1 preset (3 × 100 units)")
        << presetConfig(QStringLiteral("Paper Figure 1"));
  }
  void usableAt1024x700() {
    QFETCH(ExperimentConfig, config);
    if (!dataAvailable(config)) QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    ShownRun run(config, {1024, 700}, 60);
    QCOMPARE(run.window.size(), QSize(1024, 700));
    QVERIFY2(run.window.minimumSizeHint().width() <= 1024,
             qPrintable(QString::number(run.window.minimumSizeHint().width())));
    QVERIFY(run.layers());
    QCOMPARE(run.layers()->horizontalScrollBar()->maximum(), 0);
    for (const LayerPanel* panel : run.window.layerPanels()) {
      QCOMPARE(panel->chartRows(), 2);
      for (const plot::PlotWidget* chart : panel->plots())
        QVERIFY2(chart->width() >= LayerPanel::kSmallestChart.width(),
                 qPrintable(chart->objectName()));
    }
    QVERIFY(run.window.metrics()->curvesShareColumn());
    const QStringList cut = cutLabels(run.window);  // the status bar's included
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral("; "))));
    // The other views fit too.
    for (const MainWindow::View view : {MainWindow::View::AllLayers, MainWindow::View::FigureOne}) {
      run.show(view);
      QCOMPARE(run.window.size(), QSize(1024, 700));
      QVERIFY(run.window.minimumSizeHint().width() <= 1024);
    }
  }

  // A configuration's name and description of one long word wrap inside the caption: they never
  // widen the window (a word of 100,000 characters once made it 700,000 pixels wide).
  void longWordsWrap() {
    Preset preset{
        QString(3000, QLatin1Char('N')), QString(100000, QLatin1Char('x')), {}, {}, toyConfig(2)};
    for (std::size_t r = 0; r < preset.config.runs.size(); ++r)
      preset.config.runs[r].name = std::string(80, char('a' + r));  // the longest a name may be
    for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
      ShownRun run(preset.config, size, 10);
      run.window.showCaption(preset);
      QCoreApplication::processEvents();
      QCOMPARE(run.window.size(), size);
      QVERIFY2(run.window.minimumSizeHint().width() <= 1024,
               qPrintable(QString::number(run.window.minimumSizeHint().width())));
      for (const QLabel* label : run.window.findChildren<QLabel*>())
        QVERIFY2(!label->isVisible() || label->height() <= size.height() / 4,
                 qPrintable(label->text().left(40)));
    }
  }

  // A wide window keeps the five charts of a layer in one row and loss and accuracy side by side.
  void oneRowWhenWide() {
    ShownRun run(toyConfig(2), {1600, 1000}, 60);
    for (const LayerPanel* panel : run.window.layerPanels()) QCOMPARE(panel->chartRows(), 1);
    QVERIFY(!run.window.metrics()->curvesShareColumn());
  }

  // No title, note, axis title or label cut, on every preset and in every view.
  void nothingCut_data() {
    QTest::addColumn<ExperimentConfig>("config");
    QTest::addColumn<QSize>("size");
    QList<std::pair<QString, ExperimentConfig>> configs;
    for (const Preset& preset : builtInPresets()) configs.append({preset.name, preset.config});
    configs.append({QStringLiteral("four runs"), toyConfig(4)});
    for (const QSize size : {QSize(1280, 800), QSize(1600, 1000)})
      for (const auto& [name, config] : configs)
        QTest::addRow("%s, %dx%d", qPrintable(name), size.width(), size.height()) << config << size;
  }
  void nothingCut() {
    QFETCH(ExperimentConfig, config);
    QFETCH(QSize, size);
    if (!dataAvailable(config)) QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    ShownRun run(config, size, 120);
    for (const MainWindow::View view :
         {MainWindow::View::Dashboard, MainWindow::View::AllLayers, MainWindow::View::FigureOne}) {
      run.show(view);
      const QStringList cut = cutShort(run.window);
      QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral("; "))));
    }
  }

  // Every hidden layer on one screen, even eight of them at 1024×700, each chart drawing its
  // layer's recorded activation-input median and bands for every run.
  void allLayersOnOneScreen_data() {
    QTest::addColumn<int>("layers");
    QTest::addColumn<QSize>("size");
    QTest::newRow("4 layers, 1024x700") << 4 << QSize(1024, 700);
    QTest::newRow("8 layers, 1024x700") << 8 << QSize(1024, 700);
    QTest::newRow("8 layers, 1600x1000") << 8 << QSize(1600, 1000);
  }
  void allLayersOnOneScreen() {
    QFETCH(int, layers);
    QFETCH(QSize, size);
    ShownRun run(toyConfig(2, layers), size);
    run.show(MainWindow::View::AllLayers);
    QCOMPARE(run.window.size(), size);
    QVERIFY(run.window.minimumSizeHint().width() <= size.width());
    const SnapshotPtr snap = run.window.shownSnapshot();
    const auto& charts = run.window.allLayersView()->plots();
    QCOMPARE(int(charts.size()), layers);
    for (int l = 0; l < layers; ++l) {
      const plot::PlotWidget* chart = charts[std::size_t(l)];
      QVERIFY(chart->isVisible());
      const QRect onWindow(chart->mapTo(&run.window, QPoint(0, 0)), chart->size());
      QVERIFY2(run.window.rect().contains(onWindow), qPrintable(chart->objectName()));
      QVERIFY(chart->width() >= RunViewGrid::kSmallestCell.width());
      QVERIFY(chart->height() >= RunViewGrid::kSmallestCell.height());
      const plot::PlotModel& m = chart->model();
      for (int r = 0; r < 2; ++r) {
        const LayerSnapshot& layer = snap->runs[std::size_t(r)].layers[std::size_t(l)];
        QVERIFY(!medianOf(layer).isEmpty());
        QCOMPARE(m.lines[std::size_t(r)].points, medianOf(layer));
        QCOMPARE(m.lines[std::size_t(r)].color.rgb(), runColor(*snap, r).darker(130).rgb());
      }
    }
  }

  // "One y axis for every layer" gives every layer's chart the same range, holding every value.
  void allLayersShareOneScale() {
    ShownRun run(toyConfig(2), {1280, 800});
    run.show(MainWindow::View::AllLayers);
    AllLayersView* view = run.window.allLayersView();
    QCOMPARE(view->plots().front()->model().yRange.has_value(), false);
    view->sameScale()->setChecked(true);
    const std::optional<plot::Range> shared = view->plots().front()->model().yRange;
    QVERIFY(shared);
    for (const plot::PlotWidget* chart : view->plots()) {
      QCOMPARE(chart->model().yRange->min, shared->min);
      QCOMPARE(chart->model().yRange->max, shared->max);
      for (const plot::Band& band : chart->model().bands)
        for (const QPointF& p : band.lower + band.upper)
          QVERIFY(p.y() >= shared->min && p.y() <= shared->max);
    }
  }

  // Figure 1 large: (a) each run's test accuracy, (b) and (c) each run's recorded 15th, 50th
  // and 85th percentiles on one y axis, each chart at least a third of the window each way;
  // the Figure 1 chart's button opens it.
  void figureOneLarge() {
    ShownRun run(toyConfig(2, 3), {1280, 800}, 300);
    MetricsPanel* metrics = run.window.metrics();
    metrics->showTab(QStringLiteral("figure-1"));
    auto* large = metrics->findChild<QToolButton*>(QStringLiteral("figure-1-large"));
    QVERIFY(large && large->isVisible());
    large->click();
    QCoreApplication::processEvents();
    QCOMPARE(run.window.shownView(), MainWindow::View::FigureOne);
    const SnapshotPtr snap = run.window.shownSnapshot();
    const FigureOneView* view = run.window.figureOneView();
    const plot::PlotModel& accuracy = view->accuracy()->model();
    QCOMPARE(int(accuracy.lines.size()), 2);
    for (int r = 0; r < 2; ++r) {
      const RunSnapshot& runSnap = snap->runs[std::size_t(r)];
      QVERIFY(!runSnap.testAccuracyHistory.empty());
      QCOMPARE(accuracy.lines[std::size_t(r)].points, toPoints(runSnap.testAccuracyHistory));
      const plot::PlotWidget* chart = view->percentiles()[std::size_t(r)];
      QVERIFY(chart->isVisible());
      QVERIFY(chart->width() >= run.window.width() / 3 - 40 &&
              chart->height() >= run.window.height() / 3);
      const UnitPercentiles& unit = runSnap.unitPercentiles;
      QVERIFY(unit.layer >= 0);
      QVector<QVector<QPointF>> drawn;
      for (const plot::Line& line : chart->model().lines) drawn << line.points;
      for (const HistoryView& series : unit.series) QVERIFY(drawn.contains(toPoints(series)));
      QVERIFY(chart->model().yRange);
      QCOMPARE(chart->model().yRange->min, view->percentiles()[0]->model().yRange->min);
      QCOMPARE(chart->model().yRange->max, view->percentiles()[0]->model().yRange->max);
    }
    QVERIFY(!view->percentiles()[2]->isVisible());
  }
};

QTEST_MAIN(LayoutTest)
#include "test_layout.moc"
