// Every chart draws every run: a snapshot of three runs (plain, batch norm, batch norm with
// batches of 512) through each chart builder gives one named series per run in three distinct
// colours; the metrics panel shows one decision plane per run under its own name; Export all
// writes every run's charts; two runs keep the names the plain and batch-norm pair always had.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <map>
#include <set>

#include "charts/batch_norm_charts.h"
#include "charts/chart_catalog.h"
#include "charts/chart_common.h"
#include "charts/decision_plane.h"
#include "charts/gradient_shift_charts.h"
#include "charts/layer_charts.h"
#include "charts/training_charts.h"
#include "experiment/experiment.h"
#include "panels/metrics_panel.h"
#include "panels/run_view_grid.h"
#include "render/plot_renderer.h"
#include "report/dashboard_export.h"
#include "window/main_window.h"

using namespace bnlab;
using plot::PlotModel;

namespace {

ExperimentConfig configFor(const char* runs) {
  ExperimentConfig config;
  config.data.toy = {ToyKind::Circles, 400, 0.05, 2, 4};
  config.network.hiddenUnits = {8, 8};
  config.runs = parseRunList(runs);
  config.landscapeEvery = 50;
  config.gradientShiftEvery = 25;
  return config;
}

SnapshotPtr snapshotAfter(const ExperimentConfig& config, int steps) {
  Experiment experiment(config);
  for (int s = 0; s < steps; ++s) experiment.step();
  experiment.record();
  experiment.evaluate();
  experiment.updateDecisionMaps(20, 20);
  return experiment.snapshot();
}

// The series a legend would list, by name, with their colours (opaque).
std::map<QString, QRgb> legendColours(const PlotModel& m) {
  std::map<QString, QRgb> named;
  const auto add = [&](const auto& series) {
    for (const auto& s : series)
      if (s.inLegend && !s.name.isEmpty()) named[s.name] = s.color.rgb();
  };
  add(m.lines);
  add(m.bands);
  add(m.bars);
  add(m.scatters);
  return named;
}

using Builder = std::function<PlotModel(const Snapshot&)>;

}  // namespace

Q_DECLARE_METATYPE(Builder)

class RunChartsTest : public QObject {
  Q_OBJECT
  SnapshotPtr three_;

 private slots:
  void initTestCase() {
    three_ = snapshotAfter(configFor("plain,batch-norm,batch-norm:batch=512"), 300);
  }

  void everyChartShowsEveryRun_data() {
    QTest::addColumn<Builder>("build");
    QTest::addColumn<bool>("batchNormOnly");  // only runs with batch norm have the series
    // Every chart of the metrics strip and of a layer's row, as the catalog lists them (layer 2).
    for (const ChartKind& kind : chartKinds()) {
      const bool place = kind.place == ChartPlace::Curves || kind.place == ChartPlace::Insight ||
                         kind.place == ChartPlace::Layer;
      if (!place) continue;
      const ChartTarget target{.layer = 1};
      const bool batchNormOnly = kind.id == "batch-noise" || kind.id == "test-time";
      QTest::newRow(kind.id.data())
          << Builder([&kind, target](const Snapshot& s) { return kind.build(s, target); })
          << batchNormOnly;
    }
  }

  // Each run that the chart applies to has a legend entry named after it (alone or as the start
  // of "<run> train"), each in its own colour; runs it does not apply to have none.
  // The batch-noise chart keeps one square whatever the batch size: a run at 64 and one at 256
  // draw on the same ±0.5 axes, alone or together, so the larger batch's cloud looks tighter.
  void batchNoiseKeepsItsAxes() {
    ExperimentConfig config = configFor("batch-norm,batch-norm:batch=256");
    config.data.toy.size = 1600;
    const SnapshotPtr both = snapshotAfter(config, 120);
    config.runs = parseRunList("batch-norm:batch=256");
    const SnapshotPtr large = snapshotAfter(config, 120);
    config.runs = parseRunList("batch-norm");
    const SnapshotPtr small = snapshotAfter(config, 120);
    for (const SnapshotPtr& snap : {both, large, small}) {
      const PlotModel m = batchNoise(*snap);
      QVERIFY(m.xRange && m.yRange);
      QCOMPARE(m.xRange->min, -0.5);
      QCOMPARE(m.xRange->max, 0.5);
      QCOMPARE(m.yRange->min, 0.5);
      QCOMPARE(m.yRange->max, 1.5);
    }
    const auto spread = [](const PlotModel& m) {
      double s = 0;
      for (const QPointF& p : m.scatters.front().points) s = std::max(s, std::abs(p.x()));
      return s;
    };
    QVERIFY(spread(batchNoise(*large)) < spread(batchNoise(*small)));
  }

  void everyChartShowsEveryRun() {
    QFETCH(Builder, build);
    QFETCH(bool, batchNormOnly);
    const Snapshot& snap = *three_;
    QCOMPARE(snap.runs.size(), std::size_t(3));
    const PlotModel m = build(snap);
    QVERIFY2(plot::hasData(m), qPrintable(m.title));
    QVERIFY(m.legend);
    const std::map<QString, QRgb> named = legendColours(m);
    std::set<QRgb> colours;
    for (const RunSnapshot& run : snap.runs) {
      const QString name = QString::fromStdString(run.name);
      // The longest legend name that starts with the run's name ("batch norm" is also the
      // start of "batch norm · batch 512").
      QString match;
      for (const auto& [entry, colour] : named)
        if (entry == name || entry.startsWith(name + QLatin1Char(' ')))
          if (!entry.startsWith(name + QStringLiteral(" · "))) match = entry;
      const bool applies = !batchNormOnly || run.batchNorm;
      QVERIFY2(match.isEmpty() != applies,
               qPrintable(QStringLiteral("%1: run \"%2\" in the legend: %3")
                              .arg(m.title, name)
                              .arg(!match.isEmpty())));
      if (applies) colours.insert(named.at(match));
    }
    const std::size_t applying = batchNormOnly ? 2 : 3;
    QCOMPARE(colours.size(), applying);
  }

  // The test-time note gives every normalized run's accuracies by name, also those whose Z no
  // unit is tracked in (layer norm, batch norm after g); plain runs have none.
  void testTimeNamesEveryNormalizedRun() {
    const SnapshotPtr snap =
        snapshotAfter(configFor("plain,batch-norm,layer-norm,batch-norm-after"), 60);
    const QString note = testTime(*snap).note;
    for (const char* name : {"batch norm ", "layer norm ", "batch norm after g "})
      QVERIFY2(note.contains(QString::fromUtf8(name)), qPrintable(note));
    QVERIFY2(!note.contains(QStringLiteral("plain")), qPrintable(note));
    QCOMPARE(note.count(QLatin1Char('|')), 2);
  }

  void eachRunHasItsDecisionPlane() {
    for (int r = 0; r < 3; ++r) {
      const PlotModel m = decisionPlane(*three_, r);
      QVERIFY(m.backdrop.has_value());
      QVERIFY2(m.title.contains(QString::fromStdString(three_->runs[std::size_t(r)].name)),
               qPrintable(m.title));
    }
  }

  void runFileNamesAreStableAndUnique_data() {
    QTest::addColumn<QString>("runs");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("pair") << "plain,batch-norm" << QStringList{"plain", "batch-norm"};
    QTest::newRow("three") << "plain,batch-norm,batch-norm:batch=512"
                           << QStringList{"plain", "batch-norm", "batch-norm-batch-512"};
    QTest::newRow("dropout") << "plain:dropout=0.5" << QStringList{"plain-dropout-0-5"};
    QTest::newRow("named alike") << "plain:name=A b,plain:name=a-b,batch-norm:name=★"
                                 << QStringList{"a-b", "a-b-2", "run-3"};
  }

  void runFileNamesAreStableAndUnique() {
    QFETCH(QString, runs);
    QFETCH(QStringList, names);
    Snapshot snap;
    for (const RunSpec& spec : parseRunList(runs.toStdString())) {
      RunSnapshot run;
      run.spec = spec;
      snap.runs.push_back(run);
    }
    for (int r = 0; r < names.size(); ++r) QCOMPARE(runFileName(snap, r), names[r]);
  }

  // The planes' grid: balanced (never three and one), a row when the strip is wide, and the
  // pair side by side.
  void runViewsFormBalancedGrids_data() {
    QTest::addColumn<int>("count");
    QTest::addColumn<QSize>("strip");
    QTest::addColumn<int>("columns");
    QTest::newRow("four, narrow strip") << 4 << QSize(420, 250) << 2;
    QTest::newRow("four, wide strip") << 4 << QSize(1000, 220) << 4;
    QTest::newRow("three, narrow strip") << 3 << QSize(300, 260) << 2;
    QTest::newRow("three, wide strip") << 3 << QSize(700, 220) << 3;
    QTest::newRow("two, any strip") << 2 << QSize(250, 400) << 2;
  }
  void runViewsFormBalancedGrids() {
    QFETCH(int, count);
    QFETCH(QSize, strip);
    QFETCH(int, columns);
    QCOMPARE(RunViewGrid::bestColumns(count, strip), columns);
  }

  void metricsPanelShowsOnePlanePerRun_data() {
    QTest::addColumn<QString>("runs");
    QTest::addColumn<QStringList>("planes");
    QTest::newRow("one") << "batch-norm" << QStringList{"decision-plane"};
    QTest::newRow("pair") << "plain,batch-norm"
                          << QStringList{"decision-plane-plain", "decision-plane-batch-norm"};
    QTest::newRow("three") << "plain,batch-norm,batch-norm:batch=512"
                           << QStringList{"decision-plane-plain", "decision-plane-batch-norm",
                                          "decision-plane-batch-norm-batch-512"};
  }

  void metricsPanelShowsOnePlanePerRun() {
    QFETCH(QString, runs);
    QFETCH(QStringList, planes);
    const SnapshotPtr snap = snapshotAfter(configFor(runs.toLatin1().constData()), 30);
    MetricsPanel panel;
    panel.resize(1200, 240);
    panel.show();
    panel.showSnapshot(*snap);
    QCoreApplication::processEvents();
    QStringList shown;
    for (const plot::PlotWidget* chart : panel.shownPlots())
      if (chart->objectName().startsWith(QLatin1String("decision-plane"))) {
        shown << chart->objectName();
        QVERIFY(chart->isVisible());
        QVERIFY2(chart->width() >= 100 && chart->height() >= 90,
                 qPrintable(QStringLiteral("%1 is %2×%3")
                                .arg(chart->objectName())
                                .arg(chart->width())
                                .arg(chart->height())));
      }
    QCOMPARE(shown, planes);
    // The charts of the runs the snapshot lacks are neither shown nor exported.
    QCOMPARE(int(panel.plots().size() - panel.shownPlots().size()), kMaxRuns - int(planes.size()));
  }

  // Export all of a three-run window writes every chart the window shows, each run's plane
  // among them, and the CSV of a shared chart names every run.
  void exportAllWritesEveryRunsCharts() {
    const ExperimentConfig config = configFor("plain,batch-norm,batch-norm:batch=512");
    MainWindow window(config, MainWindow::Start::Viewer);
    window.resize(1600, 1000);
    window.show();
    window.showSnapshot(three_);
    QCoreApplication::processEvents();
    QTemporaryDir dir;
    ExportOptions options;
    options.folder = dir.path();
    options.formats = {ExportFormat::Png, ExportFormat::Csv};
    options.scale = 1;
    const ExportJob job = window.exportJob(true);
    const ExportReport report = writeExport(job, options);
    QVERIFY2(report.ok(), qPrintable(report.error));
    for (const plot::PlotWidget* chart : window.metrics()->shownPlots())
      QVERIFY2(QFile::exists(QDir(dir.path()).filePath(chart->objectName() + ".png")),
               qPrintable(chart->objectName()));
    for (const char* plane : {"decision-plane-plain", "decision-plane-batch-norm",
                              "decision-plane-batch-norm-batch-512"})
      QVERIFY2(QFile::exists(QDir(dir.path()).filePath(QLatin1String(plane) + ".csv")), plane);
    QVERIFY(QFile::exists(QDir(dir.path()).filePath("dashboard.png")));
    QFile csv(QDir(dir.path()).filePath("layer2-shift.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray rows = csv.readAll();
    for (const RunSnapshot& run : three_->runs)
      QVERIFY2(rows.contains(run.name.c_str()), run.name.c_str());
  }
};

QTEST_MAIN(RunChartsTest)
#include "test_run_charts.moc"
