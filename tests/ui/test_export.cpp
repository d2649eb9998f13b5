// Exports through the window's own code path, offscreen: a chart as PNG (size × scale, not one
// colour, stamped with its step and configuration), SVG (valid, the chart's size) and CSV (a row
// per point); Export all's files; unwritable folders leave nothing; configurations survive
// save → open.
#include <sys/resource.h>

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QXmlStreamReader>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

#include "dialogs/export_dialog.h"
#include "experiment/experiment.h"
#include "report/chart_files.h"
#include "window/main_window.h"

using namespace bnlab;

namespace {

ExperimentConfig smallConfig() {
  ExperimentConfig config;
  config.data.toy = {ToyKind::Circles, 500, 0.05, 2, 4};
  config.network.hiddenUnits = {8, 8};
  config.runs = *runsForBatchNorm("compare");
  return config;
}

// A window showing `steps` steps of `config`, laid out at 1400×900.
struct ShownRun {
  explicit ShownRun(const ExperimentConfig& config, int steps = 120)
      : experiment(config), window(config, MainWindow::Start::Viewer) {
    for (int s = 0; s < steps; ++s) experiment.step();
    experiment.record();
    experiment.updateDecisionMaps();
    window.resize(1400, 900);
    window.show();
    window.showSnapshot(experiment.snapshot());
    QCoreApplication::processEvents();
  }
  plot::PlotWidget* chart(const QString& name) const {
    return window.findChild<plot::PlotWidget*>(name);
  }
  Experiment experiment;
  MainWindow window;
};

int distinctColours(const QImage& image) {
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 3)
    for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
  return int(colours.size());
}

QList<QByteArray> csvLines(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QList<QByteArray> lines = file.readAll().split('\n');
  if (!lines.isEmpty() && lines.back().isEmpty()) lines.removeLast();
  return lines;
}

// Lowers this process's file-size limit (the soft one, so that it can be raised again) and
// ignores SIGXFSZ, so that a write past `bytes` fails with EFBIG; both restored on leaving.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved_);
    const rlimit lowered{std::min(bytes, saved_.rlim_cur), saved_.rlim_max};
    setrlimit(RLIMIT_FSIZE, &lowered);
    savedHandler_ = std::signal(SIGXFSZ, SIG_IGN);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, savedHandler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit saved_{};
  void (*savedHandler_)(int) = SIG_DFL;
};

}  // namespace

class ExportTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void pngHasTheChartsSizeTimesScaleAndItsStamp_data() {
    QTest::addColumn<int>("scale");
    QTest::newRow("1x") << 1;
    QTest::newRow("2x") << 2;
    QTest::newRow("4x") << 4;
  }
  void pngHasTheChartsSizeTimesScaleAndItsStamp() {
    QFETCH(int, scale);
    ExportOptions options = loadExportOptions();
    options.scale = scale;
    saveExportOptions(options);
    ShownRun run(smallConfig());
    QTemporaryDir dir;
    for (const QString name :
         {"loss", "layer2-distribution", "decision-plane-plain", "layer1-units-1-2"}) {
      plot::PlotWidget* chart = run.chart(name);
      QVERIFY2(chart, qPrintable(name));
      const QString path = dir.filePath(name + ".png");
      QString error;
      QVERIFY2(
          run.window.exportActions()->writeChart(*chart, plot::ChartAction::SavePng, path, error),
          qPrintable(error));
      const QImage image(path);
      QCOMPARE(image.size(), chart->size() * scale);
      QVERIFY2(distinctColours(image) > 20, qPrintable(name));
      QCOMPARE(image.text("bnlab-step"), QStringLiteral("120"));
      QVERIFY(image.text("bnlab-config").contains("\"hiddenLayers\":[8,8]"));
      QCOMPARE(image.text("Title"), chart->model().title);
    }
  }

  void scaledPngIsTheScreenPictureSharper() {
    // The 2× picture, scaled down, matches the 1× picture: the same drawing, more pixels.
    ShownRun run(smallConfig());
    const plot::PlotWidget* chart = run.chart("layer1-distribution");
    const QImage one = paintImage(chart->size(), 1, chartPainter(chart->model(), chart->size()));
    const QImage two = paintImage(chart->size(), 2, chartPainter(chart->model(), chart->size()));
    const QImage down = two.scaled(one.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                            .convertToFormat(one.format());
    double difference = 0;
    for (int y = 0; y < one.height(); ++y)
      for (int x = 0; x < one.width(); ++x) {
        const QColor a = one.pixelColor(x, y), b = down.pixelColor(x, y);
        difference += std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                      std::abs(a.blue() - b.blue());
      }
    const double meanDifference = difference / (3.0 * one.width() * one.height());
    QVERIFY2(meanDifference < 12, qPrintable(QString::number(meanDifference)));
  }

  void svgIsValidAndCarriesTheConfiguration() {
    ShownRun run(smallConfig());
    QTemporaryDir dir;
    for (const QString name : {"accuracy", "layer1-histogram", "decision-plane-batch-norm"}) {
      const plot::PlotWidget* chart = run.chart(name);
      QVERIFY(chart);
      const QString path = dir.filePath(name + ".svg");
      QString error;
      QVERIFY2(
          run.window.exportActions()->writeChart(*chart, plot::ChartAction::SaveSvg, path, error),
          qPrintable(error));
      QSvgRenderer renderer(path);
      QVERIFY2(renderer.isValid(), qPrintable(name));
      QCOMPARE(renderer.viewBox().size(), chart->size());
      QFile file(path);
      QVERIFY(file.open(QIODevice::ReadOnly));
      const QByteArray svg = file.readAll();
      QVERIFY(svg.contains("step 120"));
      QVERIFY(svg.contains("&quot;normalization&quot;:&quot;batch-norm&quot;") ||
              svg.contains("\"normalization\":\"batch-norm\""));
      // Rendered, it is not blank.
      QImage image(chart->size(), QImage::Format_ARGB32);
      image.fill(Qt::white);
      QPainter painter(&image);
      renderer.render(&painter);
      painter.end();
      QVERIFY(distinctColours(image) > 10);
    }
  }

  // Run names and titles are other people's words: in an SVG they are text, never markup
  // (hardening, case 1: a run named "</desc><script>…" wrote a live script element, and a plain
  // "&" made the file invalid XML).
  void svgEscapesWhatItQuotes() {
    const QString hostile = QStringLiteral("a & b </desc><script>alert(1)</script><desc>\"'");
    ExportStamp stamp{hostile,
                      QJsonDocument(QJsonObject{{QStringLiteral("name"), hostile}})
                          .toJson(QJsonDocument::Compact),
                      7};
    const QByteArray svg = paintSvg(QSize(200, 100), stamp, [&](QPainter& painter) {
      painter.drawText(QPointF(10, 50), hostile);
    });
    QXmlStreamReader xml(svg);
    QStringList elements;
    QString title, description;
    while (!xml.atEnd()) {
      if (xml.readNext() != QXmlStreamReader::StartElement) continue;
      elements << xml.name().toString();
      if (xml.name() == QLatin1String("title")) title = xml.readElementText();
      if (xml.name() == QLatin1String("desc")) description = xml.readElementText();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(!elements.contains(QStringLiteral("script")), qPrintable(elements.join(' ')));
    QCOMPARE(title, hostile);
    QVERIFY2(description.contains(hostile), qPrintable(description));
  }

  void csvHasAHeaderAndOneRowPerPoint() {
    ShownRun run(smallConfig());
    QTemporaryDir dir;
    for (const QString name :
         {"loss", "layer2-distribution", "layer2-histogram", "layer1-units-1-2", "layer2-shift"}) {
      const plot::PlotWidget* chart = run.chart(name);
      QVERIFY(chart);
      const plot::PlotModel& model = chart->model();
      const QString path = dir.filePath(name + ".csv");
      QString error;
      QVERIFY(
          run.window.exportActions()->writeChart(*chart, plot::ChartAction::SaveCsv, path, error));
      const QList<QByteArray> lines = csvLines(path);
      QCOMPARE(lines.front(), QByteArray("series,kind,x,y,low,high,value"));
      qsizetype points = qsizetype(model.markers.size());
      for (const auto& b : model.bands) points += b.lower.size();
      for (const auto& b : model.bars) points += b.heights.size();
      for (const auto& l : model.lines) points += l.points.size();
      for (const auto& s : model.scatters) points += s.points.size();
      for (const auto& c : model.cells) points += qsizetype(c.rows) * c.columns;
      QVERIFY(points > 0);
      QCOMPARE(lines.size() - 1, points);
      // The first line's points, in order, with their values.
      if (!model.lines.empty() && !model.lines.front().points.isEmpty()) {
        const plot::Line& line = model.lines.front();
        const QString prefix = line.name + ",line,";
        int i = 0;
        for (const QByteArray& l : lines) {
          if (!QString::fromUtf8(l).startsWith(prefix) || i >= line.points.size()) continue;
          const QList<QByteArray> fields = l.split(',');
          QCOMPARE(fields[2].toDouble(), line.points[i].x());
          QVERIFY(std::abs(fields[3].toDouble() - line.points[i].y()) <=
                  1e-9 * std::max(1.0, std::abs(line.points[i].y())));
          ++i;
        }
        QCOMPARE(i, int(line.points.size()));
      }
    }
  }

  // A chart under the mouse shows its save button; the dashboard picture never does.
  void dashboardPictureHasNoSaveButton() {
    ShownRun run(smallConfig());
    const ExportJob job = run.window.exportJob();
    const auto picture = [&job] {
      QImage image(job.compositeSize, QImage::Format_ARGB32);
      image.fill(Qt::white);
      QPainter painter(&image);
      job.paintComposite(painter);
      return image;
    };
    const QImage plain = picture();
    // The button of a chart on screen (the views not shown have charts too).
    const auto corners =
        run.window.findChildren<QToolButton*>(QLatin1String(plot::PlotWidget::kCornerButtonName));
    const auto corner = std::find_if(corners.begin(), corners.end(), [](const QToolButton* c) {
      return c->parentWidget()->isVisible();
    });
    QVERIFY(corner != corners.end());
    (*corner)->show();
    QVERIFY((*corner)->isVisible());
    QCOMPARE(picture(), plain);
    QVERIFY((*corner)->isVisible());  // and it is back on screen afterwards
  }

  void exportAllWritesEveryPlannedFile() {
    ShownRun run(smallConfig());
    QTemporaryDir dir;
    ExportOptions options;
    options.folder = dir.filePath("export");
    options.scale = 2;
    const ExportJob job = run.window.exportJob();
    // Two hidden layers × 5 charts, loss, accuracy, two planes, and the metric tabs with data.
    QVERIFY(job.charts.size() >= 2 * 5 + 4);
    const ExportReport report = writeExport(job, options);
    QVERIFY2(report.ok(), qPrintable(report.error));
    const QStringList planned = plannedFiles(job, options);
    QCOMPARE(report.written.size(), planned.size());
    for (const QString& file : planned)
      QVERIFY2(QFile::exists(QDir(options.folder).filePath(file)), qPrintable(file));
    for (const QString name : {"dashboard.png", "dashboard.svg", "config.json", "summary.json",
                               "layer2-shift.csv", "decision-plane-batch-norm.svg"})
      QVERIFY2(planned.contains(name), qPrintable(name));
    const QImage dashboard(QDir(options.folder).filePath("dashboard.png"));
    QCOMPARE(dashboard.size(), job.compositeSize * 2);
    QVERIFY(distinctColours(dashboard) > 50);
    QFile summaryFile(QDir(options.folder).filePath("summary.json"));
    QVERIFY(summaryFile.open(QIODevice::ReadOnly));
    const QJsonObject summary = QJsonDocument::fromJson(summaryFile.readAll()).object();
    QCOMPARE(summary.value("step").toInt(), 120);
    QCOMPARE(summary.value("runs").toArray().size(), 2);
    QCOMPARE(summary.value("runs").toArray()[1].toObject().value("layers").toArray().size(), 2);
    // Existing files are found before anything is replaced.
    QCOMPARE(existingFiles(job, options), planned);
  }

  void configJsonOfAnExportOpensAsTheSameConfiguration() {
    ShownRun run(smallConfig());
    QTemporaryDir dir;
    ExportOptions options;
    options.folder = dir.path();
    options.formats = {ExportFormat::Csv};
    QVERIFY(writeExport(run.window.exportJob(), options).ok());
    MainWindow other(ExperimentConfig{}, MainWindow::Start::Viewer);
    QString error;
    QVERIFY2(other.openConfiguration(dir.filePath("config.json"), error), qPrintable(error));
    ExperimentConfig trained = run.experiment.config();
    trained.steps = 120;  // the export names the steps shown, so that --config repeats the run
    QCOMPARE(configToJson(other.controls()->config()), configToJson(trained));
  }

  void unwritableFolderLeavesNothingBehind() {
    ShownRun run(smallConfig());
    QTemporaryDir dir;
    // A folder below a regular file cannot exist, whoever runs the test.
    QFile blocker(dir.filePath("not-a-folder"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    ExportOptions options;
    options.folder = dir.filePath("not-a-folder/export");
    ExportReport report = writeExport(run.window.exportJob(), options);
    QVERIFY(!report.ok());
    QVERIFY(report.error.contains("not-a-folder"));
    QVERIFY(report.written.isEmpty());
    options.folder = blocker.fileName();
    report = writeExport(run.window.exportJob(), options);
    QVERIFY(!report.ok());
    QVERIFY(report.error.contains("not a folder"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
             QStringList{"not-a-folder"});
    // One chart into a missing folder: an error, no file.
    QString error;
    QVERIFY(!run.window.exportActions()->writeChart(*run.chart("loss"), plot::ChartAction::SavePng,
                                                    dir.filePath("missing/loss.png"), error));
    QVERIFY(error.contains("missing/loss.png"));
    QVERIFY(!QFile::exists(dir.filePath("missing/loss.png")));
  }

  void failedWriteKeepsTheOldFile() {
    // QSaveFile: an old file stays whole when the new one cannot be committed.
    QTemporaryDir dir;
    const QString path = dir.filePath("keep.csv");
    QString error;
    QVERIFY(saveBytes(path, "old\n", error));
    QVERIFY(!saveBytes(dir.filePath("keep.csv/inside"), "new\n", error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("old\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
             QStringList{"keep.csv"});
  }

  // A write cut short (here at a file-size limit) says the system's reason, not "Unknown
  // error", and leaves no partial or temporary file; Export all stops there, the files before it
  // complete.
  void cutShortWriteSaysWhy() {
    ShownRun run(smallConfig());
    QTemporaryDir dir;
    ExportOptions options;
    options.folder = dir.filePath("export");
    const QString reason = QString::fromLocal8Bit(std::strerror(EFBIG));
    QString error;
    bool saved = false;
    ExportReport report;
    {
      const FileSizeLimit limit(40 << 10);
      saved = saveBytes(dir.filePath("big.csv"), QByteArray(100 << 10, 'x'), error);
      report = writeExport(run.window.exportJob(), options);
    }
    QVERIFY(!saved);
    QVERIFY2(
        error.contains("big.csv") && error.contains(reason) && !error.contains("Unknown error"),
        qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden),
             QStringList{"export"});
    QVERIFY(!report.ok());
    QVERIFY2(report.error.contains(reason) && !report.error.contains("Unknown error"),
             qPrintable(report.error));
    // The files before it are there, whole; the rest are named, the failed one first.
    QCOMPARE(QDir(options.folder)
                 .entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden)
                 .size(),
             report.written.size());
    QCOMPARE(report.written.size() + report.notWritten.size(),
             plannedFiles(run.window.exportJob(), options).size());
    QVERIFY(!report.notWritten.isEmpty());
    QVERIFY2(report.error.contains(report.notWritten.front()), qPrintable(report.error));
  }

  void configurationSurvivesSaveAndOpen() {
    ExperimentConfig config = smallConfig();
    config.data.toy = {ToyKind::Spiral, 900, 0.07, 3, 11};
    config.data.testShift = 1.5;
    config.data.unevenScales = true;
    config.data.standardize = false;
    config.network.hiddenUnits = {12, 20, 7};
    config.network.activation = ActivationKind::Tanh;
    config.network.init = InitKind::Gaussian;
    config.network.initSigma = Scalar(0.05);
    config.network.dropout = Scalar(0.2);
    config.runs = *runsForBatchNorm("on");
    config.optimizer.kind = OptimizerKind::Adam;
    config.optimizer.learningRate = 0.003;
    config.optimizer.weightDecay = 1e-4;
    config.batchSize = 48;
    config.seed = 12345;
    config.probeSize = 300;
    config.recordEvery = 7;
    config.evaluateEvery = 70;
    QTemporaryDir dir;
    const QString original = dir.filePath("original.json");
    QString error;
    QVERIFY(saveBytes(original, QJsonDocument(configToJson(config)).toJson(), error));
    MainWindow window(ExperimentConfig{}, MainWindow::Start::Viewer);
    QVERIFY2(window.openConfiguration(original, error), qPrintable(error));
    const QString saved = dir.filePath("saved.json");
    QVERIFY2(window.saveConfiguration(saved, error), qPrintable(error));
    QFile a(original), b(saved);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(b.readAll()).object(),
             QJsonDocument::fromJson(a.readAll()).object());
    // A bad file is refused with a message naming it.
    QFile bad(dir.filePath("bad.json"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"network\": {\"hiddenLayers\": \"wide\"}}");
    bad.close();
    QVERIFY(!window.openConfiguration(bad.fileName(), error));
    QVERIFY(error.contains("bad.json") && error.contains("hiddenLayers"));
  }

  void exportAllFromTheWindowAsksBeforeReplacing() {
    ShownRun run(smallConfig());
    QTemporaryDir dir;
    ExportOptions options;
    options.folder = dir.filePath("from-window");
    options.formats = {ExportFormat::Png, ExportFormat::Csv};
    options.scale = 1;
    saveExportOptions(options);
    // Answers the next modal dialog with `button` (the Export dialog, then the question).
    const auto answer = [](QDialogButtonBox::StandardButton button) {
      QTimer::singleShot(200, [button] {
        QWidget* modal = QApplication::activeModalWidget();
        QVERIFY(modal);
        if (auto* box = qobject_cast<QMessageBox*>(modal))
          box->button(QMessageBox::StandardButton(button))->click();
        else
          modal->findChild<QDialogButtonBox*>()->button(button)->click();
      });
    };
    QSignalSpy messages(run.window.exportActions(), &ExportActions::message);
    answer(QDialogButtonBox::Ok);
    run.window.exportActions()->exportAllInteractive();
    QCOMPARE(messages.count(), 1);
    const QString loss = QDir(options.folder).filePath("loss.png");
    QVERIFY(QFile::exists(loss));
    QVERIFY(!QFile::exists(QDir(options.folder).filePath("loss.svg")));
    const QDateTime written = QFileInfo(loss).lastModified();
    // Again: the files exist, the question comes, and Cancel leaves them as they were.
    QTest::qWait(20);
    answer(QDialogButtonBox::Ok);
    QTimer::singleShot(600, [] {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      QVERIFY(box);
      box->button(QMessageBox::Cancel)->click();
    });
    run.window.exportActions()->exportAllInteractive();
    QCOMPARE(messages.count(), 1);
    QCOMPARE(QFileInfo(loss).lastModified(), written);
  }

  void chartMenuOffersEveryExport() {
    ShownRun run(smallConfig());
    plot::PlotWidget* chart = run.chart("accuracy");
    auto* corner = chart->findChild<QToolButton*>();
    QVERIFY(corner && corner->menu());
    const QList<QAction*> actions = corner->menu()->actions();
    QCOMPARE(actions.size(), 6);  // five entries and a separator
    // The window would answer with file dialogs; here only the requests are counted.
    QObject::disconnect(chart, &plot::PlotWidget::actionRequested, nullptr, nullptr);
    QSignalSpy spy(chart, &plot::PlotWidget::actionRequested);
    for (QAction* action : actions) action->trigger();
    QCOMPARE(spy.count(), 5);
    QCOMPARE(spy.at(1).at(0).value<plot::ChartAction>(), plot::ChartAction::SaveSvg);
  }

  void copyPutsTheChartOnTheClipboard() {
    ShownRun run(smallConfig());
    const plot::PlotWidget* chart = run.chart("loss");
    run.window.exportActions()->copyChart(*chart);
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    QVERIFY(mime);
    QVERIFY(mime->hasImage());
    QCOMPARE(qvariant_cast<QImage>(mime->imageData()).size(),
             chart->size() * loadExportOptions().scale);
    QVERIFY(QSvgRenderer(mime->data("image/svg+xml")).isValid());
  }
};

QTEST_MAIN(ExportTest)
#include "test_export.moc"
