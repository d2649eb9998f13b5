// The window is readable at every size: at 1024×700 nothing needs a sideways scroll bar; at
// 1280×800 and 1600×1000 no chart's title, note or axis title and no label is cut, on every
// preset.
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QTest>

#include "config_json.h"
#include "data/idx_reader.h"
#include "experiment/experiment.h"
#include "main_window.h"
#include "plot/plot_header.h"

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
  Experiment experiment;
  MainWindow window;
};

// What the window shows cut short now: the texts of visible charts that do not fit (title,
// note, axis titles) and visible one-line labels narrower than their text.
QStringList cutShort(const QWidget& window) {
  QStringList cut;
  for (const plot::PlotWidget* chart : window.findChildren<plot::PlotWidget*>()) {
    if (!chart->isVisible()) continue;
    for (const QString& text : plot::cutTexts(chart->model(), QRectF(chart->rect()), chart->font()))
      cut << QStringLiteral("%1 (%2×%3): “%4”")
                 .arg(chart->objectName())
                 .arg(chart->width())
                 .arg(chart->height())
                 .arg(text);
  }
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

}  // namespace

class LayoutTest : public QObject {
  Q_OBJECT
 private slots:
  // At 1024×700 the window keeps its size, the layer rows need no sideways scroll bar and
  // stand in two rows of charts, none squeezed below its smallest size.
  void usableAt1024x700_data() {
    QTest::addColumn<ExperimentConfig>("config");
    QTest::newRow("one run") << toyConfig(1);
    QTest::newRow("plain and batch norm") << toyConfig(2);
    QTest::newRow("four runs") << toyConfig(4);
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
  }

  // A wide window keeps the five charts of a layer in one row and loss and accuracy side by side.
  void oneRowWhenWide() {
    ShownRun run(toyConfig(2), {1600, 1000}, 60);
    for (const LayerPanel* panel : run.window.layerPanels()) QCOMPARE(panel->chartRows(), 1);
    QVERIFY(!run.window.metrics()->curvesShareColumn());
  }

  // No title, note, axis title or label cut, on every preset.
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
    const QStringList cut = cutShort(run.window);
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral("; "))));
  }
};

QTEST_MAIN(LayoutTest)
#include "test_layout.moc"
