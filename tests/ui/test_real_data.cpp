// Real data end to end: the Paper Figure 1 preset on the installed Fashion-MNIST (the batch-norm
// twin learns faster and its unit's 15–85 band drifts less), a clear message without the data,
// and data beyond the plane shown as confusion matrices.
#include <QTemporaryDir>
#include <QTest>

#include "charts/confusion_matrix.h"
#include "data/data_error.h"
#include "data/idx_reader.h"
#include "experiment/data_loading.h"
#include "experiment/experiment.h"
#include "window/main_window.h"

using namespace bnlab;

namespace {

Preset paperPreset() {
  for (const Preset& p : builtInPresets())
    if (p.name == QStringLiteral("Paper Figure 1")) return p;
  return {};
}

}  // namespace

class RealDataTest : public QObject {
  Q_OBJECT
 private slots:
  void paperPresetIsThePapersNetwork() {
    const Preset preset = paperPreset();
    QCOMPARE(preset.name, QStringLiteral("Paper Figure 1"));
    const ExperimentConfig& c = preset.config;
    QCOMPARE(c.data.source, DataSource::Mnist);
    QCOMPARE(c.network.hiddenUnits, (std::vector<int>{100, 100, 100}));
    QCOMPARE(c.network.activation, ActivationKind::Sigmoid);
    QCOMPARE(c.network.init, InitKind::Gaussian);
    QVERIFY(c.runs == *runsForBatchNorm("compare"));
    QCOMPARE(c.optimizer.kind, OptimizerKind::Sgd);
    QCOMPARE(c.batchSize, 60);
    QCOMPARE(c.steps, std::int64_t(50000));
    QCOMPARE(preset.tab, QStringLiteral("figure-1"));
  }

  void batchNormTwinLearnsFasterAndItsBandDriftsLess() {
    if (!findMnistFiles(kFashionMnistFolder))
      QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    ExperimentConfig config = paperPreset().config;
    config.evaluateEvery = 1000000;  // once at the start, once at the end
    Experiment experiment(config);
    for (int s = 0; s < 3000; ++s) experiment.step();
    experiment.record();
    experiment.evaluate();
    const SnapshotPtr snap = experiment.snapshot();
    QCOMPARE(int(snap->runs.size()), 2);
    const RunSnapshot& plain = snap->runs[0];
    const RunSnapshot& batchNorm = snap->runs[1];
    QVERIFY(!plain.batchNorm && batchNorm.batchNorm);
    QVERIFY(!plain.progress.stalled() && !batchNorm.progress.stalled());  // learning, if slowly
    qInfo(
        "test accuracy after 3000 steps: plain %.3f, batch norm %.3f; 15-85 drift: plain %.3f, "
        "batch norm %.3f",
        plain.test.accuracy, batchNorm.test.accuracy, plain.unitPercentiles.drift(),
        batchNorm.unitPercentiles.drift());
    QVERIFY(batchNorm.test.accuracy > plain.test.accuracy);
    QCOMPARE(plain.unitPercentiles.layer, 2);  // the last hidden layer
    QVERIFY(plain.unitPercentiles.series[1].size() > 10);
    QVERIFY(batchNorm.unitPercentiles.drift() < plain.unitPercentiles.drift());
    // The three percentiles are ordered at every record.
    const auto low = plain.unitPercentiles.series[0].toVector(),
               high = plain.unitPercentiles.series[2].toVector();
    for (std::size_t i = 0; i < low.size(); ++i) QVERIFY(low[i].value <= high[i].value);
  }

  void missingDataSaysWhere() {
    QTemporaryDir dir;
    DataConfig data;
    data.source = DataSource::Mnist;
    data.path = dir.filePath("no-such-folder").toStdString();
    try {
      (void)makeDataSplit(data);
      QFAIL("no error");
    } catch (const DataError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains("no-such-folder"), e.what());
    }
    data.source = DataSource::Csv;
    data.path.clear();
    ExperimentConfig config;
    config.data = data;
    QVERIFY(!config.validate().empty());  // CSV needs a file
    QVERIFY(QString::fromUtf8(kFashionMnistMissing).contains("dataset-fashion-mnist"));
  }

  void dataControlsKeepTheSource() {
    ControlPanel panel;
    ExperimentConfig config;
    config.data.source = DataSource::Csv;
    config.data.path = "/data/iris.csv";
    config.data.labelColumn = 0;
    panel.setConfig(config);
    QCOMPARE(panel.config().data.source, DataSource::Csv);
    QCOMPARE(panel.config().data.path, std::string("/data/iris.csv"));
    QCOMPARE(panel.config().data.labelColumn, 0);
    QVERIFY(panel.datasetCombo()->currentText().contains("iris.csv"));
    // Fashion-MNIST from the box: the Debian folder, toy-only controls off.
    QComboBox* box = panel.datasetCombo();
    box->setCurrentIndex(box->findData(ControlPanel::kFashionMnist));
    QCOMPARE(panel.config().data.source, DataSource::Mnist);
    QVERIFY(panel.config().data.path.empty());
    // Back to a toy set.
    box->setCurrentIndex(box->findData(int(ToyKind::Moons)));
    QCOMPARE(panel.config().data.source, DataSource::Toy);
    QCOMPARE(panel.config().data.toy.kind, ToyKind::Moons);
  }

  void dataBeyondThePlaneShowsConfusionMatrices() {
    QTemporaryDir dir;
    QFile csv(dir.filePath("three.csv"));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("a,b,c,label\n");
    for (int i = 0; i < 300; ++i)
      csv.write(QStringLiteral("%1,%2,%3,%4\n")
                    .arg(i % 7)
                    .arg((i * 3) % 5)
                    .arg(i % 2)
                    .arg(i % 3 == 0 ? "cat" : "dog")
                    .toUtf8());
    csv.close();
    ExperimentConfig config;
    config.data.source = DataSource::Csv;
    config.data.path = csv.fileName().toStdString();
    config.network.hiddenUnits = {8, 8};
    Experiment experiment(config);
    for (int s = 0; s < 50; ++s) experiment.step();
    experiment.evaluate();
    MainWindow window(config, MainWindow::Start::Viewer);
    window.resize(1400, 900);
    window.show();
    window.showSnapshot(experiment.snapshot());
    auto* plain = window.findChild<plot::PlotWidget*>("confusion-plain");
    auto* batchNorm = window.findChild<plot::PlotWidget*>("confusion-batch-norm");
    QVERIFY(plain && batchNorm);
    QCOMPARE(int(plain->model().cells.size()), 1);
    const plot::Cells& cells = plain->model().cells.front();
    QCOMPARE(cells.rows, 2);
    // Each row holds the shares of one true class: they add up to 1.
    for (int r = 0; r < 2; ++r)
      QVERIFY(std::abs(cells.values[std::size_t(2 * r)] + cells.values[std::size_t(2 * r + 1)] -
                       1) < 1e-9);
    QCOMPARE(plain->model().yCategories,
             (QStringList{"dog", "cat"}));  // class 0 ("cat") at the top
  }
};

QTEST_MAIN(RealDataTest)
#include "test_real_data.moc"
