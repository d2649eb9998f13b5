// The window and a headless run are one experiment: the same configuration and seed give the
// same summary.json at the same step whether the run was watched (at full speed or slowly,
// paused and resumed) or run headless by the bnlab binary; and Export all writes one moment,
// however training moves on while it writes. (Lessons: test_lessons_in_the_window.)
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <map>

#include "config/config_json.h"
#include "report/summary_json.h"
#include "wait_for.h"
#include "window/main_window.h"

using namespace bnlab;
using test::waitFor;

namespace {

// A watched run can take minutes in the sanitizer build on a loaded machine; nothing here
// depends on how long it takes.
constexpr int kPatienceMs = 240000;

Preset presetNamed(const QString& name) {
  for (const Preset& preset : builtInPresets())
    if (preset.name == name) return preset;
  return {};
}

QJsonObject readJson(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(file.readAll()).object();
}

// The first difference between two JSON values, as a path and both values ("" if none).
QString firstDifference(const QJsonValue& a, const QJsonValue& b, const QString& path = {}) {
  if (a.isObject() && b.isObject()) {
    const QJsonObject x = a.toObject(), y = b.toObject();
    for (auto it = x.begin(); it != x.end(); ++it) {
      const QString d = firstDifference(it.value(), y.value(it.key()), path + '.' + it.key());
      if (!d.isEmpty()) return d;
    }
    for (auto it = y.begin(); it != y.end(); ++it)
      if (!x.contains(it.key())) return path + '.' + it.key() + QStringLiteral(" only headless");
    return {};
  }
  if (a.isArray() && b.isArray()) {
    const QJsonArray x = a.toArray(), y = b.toArray();
    if (x.size() != y.size())
      return path + QStringLiteral(": %1 against %2 items").arg(x.size()).arg(y.size());
    for (qsizetype i = 0; i < x.size(); ++i) {
      const QString d = firstDifference(x[i], y[i], path + '[' + QString::number(i) + ']');
      if (!d.isEmpty()) return d;
    }
    return {};
  }
  if (a == b) return {};
  return path +
         QStringLiteral(": watched %1, headless %2")
             .arg(QString::fromUtf8(QJsonDocument(QJsonArray{a}).toJson(QJsonDocument::Compact)),
                  QString::fromUtf8(QJsonDocument(QJsonArray{b}).toJson(QJsonDocument::Compact)));
}

// The summary.json that `bnlab --headless` writes for `configFile`, with every chart's CSV.
QJsonObject headlessSummary(const QString& configFile, const QString& folder) {
  QProcess bnlab;
  bnlab.start(QStringLiteral(BNLAB_BINARY),
              {QStringLiteral("--headless"), QStringLiteral("--quiet"), QStringLiteral("--config"),
               configFile, QStringLiteral("--export"), folder, QStringLiteral("--format"),
               QStringLiteral("csv")});
  if (!bnlab.waitForFinished(kPatienceMs) || bnlab.exitCode() != 0) {
    qWarning("bnlab --headless: %s", bnlab.readAllStandardError().constData());
    return {};
  }
  return readJson(QDir(folder).filePath(QStringLiteral("summary.json")));
}

// The files of `folder` by name, and their bytes.
std::map<QString, QByteArray> filesIn(const QString& folder) {
  std::map<QString, QByteArray> files;
  for (const QFileInfo& info : QDir(folder).entryInfoList(QDir::Files)) {
    QFile file(info.filePath());
    if (file.open(QIODevice::ReadOnly)) files[info.fileName()] = file.readAll();
  }
  return files;
}

// A window that trains `config` to its configured end at `speed` steps a second, pausing once
// on the way (at whatever step the pause lands) and playing on; then its Export all at the end.
ExportJob watchedExport(const ExperimentConfig& config, int speed) {
  MainWindow window(config, MainWindow::Start::Paused);
  window.resize(1400, 900);
  window.show();
  window.controls()->speedSlider()->setValue(speed);
  if (!waitFor([&] { return window.shownSnapshot() != nullptr; }, kPatienceMs)) return {};
  window.setPlaying(true);
  const auto step = [&] {
    const SnapshotPtr latest = window.controller().latest();
    return latest ? latest->step : 0;
  };
  if (!waitFor([&] { return step() >= config.steps / 3; }, kPatienceMs)) return {};
  window.setPlaying(false);
  QTest::qWait(100);
  window.setPlaying(true);
  // Training pauses by itself at the configured end.
  if (!waitFor([&] { return step() == config.steps && !window.controller().running(); },
               kPatienceMs))
    return {};
  window.redraw();
  return window.exportJob();
}

}  // namespace

class WatchedEqualsHeadlessTest : public QObject {
  Q_OBJECT
 private slots:
  // The same summary.json, bit for bit: watched at full speed with a pause, watched slowly with
  // a pause, and headless; and the same data in every chart (each chart's CSV, the same charts).
  void aWatchedRunMeasuresWhatAHeadlessRunMeasures() {
    Preset preset = presetNamed(QStringLiteral("Covariate shift inside the network"));
    QVERIFY(!preset.name.isEmpty());
    ExperimentConfig config = preset.config;
    config.steps = 730;  // not a multiple of the evaluation interval: the end is a checkpoint
    QTemporaryDir dir;
    const QString configFile = dir.filePath(QStringLiteral("config.json"));
    QFile file(configFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(configToJson(config)).toJson());
    file.close();
    const QString headlessFolder = dir.filePath(QStringLiteral("out"));
    const QJsonObject headless = headlessSummary(configFile, headlessFolder);
    QVERIFY(!headless.isEmpty());
    QCOMPARE(headless.value(QStringLiteral("step")).toInteger(), 730);
    const std::map<QString, QByteArray> headlessFiles = filesIn(headlessFolder);
    QVERIFY(headlessFiles.size() > 20);
    for (const int speed : {kFullSpeed, 400}) {
      const ExportJob watched = watchedExport(config, speed);
      QVERIFY2(!watched.summary.isEmpty(), "the watched run did not reach its end");
      const QString difference = firstDifference(watched.summary, headless);
      QVERIFY2(difference.isEmpty(),
               qPrintable(QStringLiteral("at speed %1: summary%2").arg(speed).arg(difference)));
      QTemporaryDir watchedFolder;
      ExportOptions options;
      options.folder = watchedFolder.path();
      options.formats = {ExportFormat::Csv};
      const ExportReport report = writeExport(watched, options);
      QVERIFY2(report.ok(), qPrintable(report.error));
      const std::map<QString, QByteArray> watchedFiles = filesIn(watchedFolder.path());
      QStringList names, headlessNames;
      for (const auto& [name, bytes] : watchedFiles) names << name;
      for (const auto& [name, bytes] : headlessFiles) headlessNames << name;
      QCOMPARE(names, headlessNames);
      for (const auto& [name, bytes] : watchedFiles)
        if (name.endsWith(QLatin1String(".csv")))
          QVERIFY2(bytes == headlessFiles.at(name),
                   qPrintable(QStringLiteral("at speed %1: %2 differs").arg(speed).arg(name)));
    }
  }

  // Export all while training runs on: the dashboard picture shows the moment the charts and
  // summary.json come from, not a later one.
  void exportAllIsOneMoment() {
    Preset preset = presetNamed(QStringLiteral("Covariate shift inside the network"));
    MainWindow window(preset.config, MainWindow::Start::Playing);
    window.resize(1400, 900);
    window.show();
    QVERIFY(waitFor([&] { return window.shownSnapshot() && window.shownSnapshot()->step > 200; },
                    kPatienceMs));
    const ExportJob job = window.exportJob();
    const QImage atTheMoment = paintImage(job.compositeSize, 1, job.paintComposite);
    // Training and drawing go on while the export dialog is open.
    QVERIFY(waitFor([&] { return window.shownSnapshot()->step > job.step + 500; }, kPatienceMs));
    window.redraw();
    QTest::qWait(50);
    QTemporaryDir dir;
    ExportOptions options;
    options.folder = dir.path();
    options.formats = {ExportFormat::Png};
    options.scale = 1;
    const ExportReport report = writeExport(job, options);
    QVERIFY2(report.ok(), qPrintable(report.error));
    const QImage written(dir.filePath(QStringLiteral("dashboard.png")));
    QVERIFY(!written.isNull());
    QCOMPARE(written.text(QStringLiteral("bnlab-step")).toLongLong(), job.step);
    QCOMPARE(readJson(dir.filePath(QStringLiteral("summary.json")))
                 .value(QStringLiteral("step"))
                 .toInteger(),
             job.step);
    QVERIFY(written.convertToFormat(QImage::Format_ARGB32) ==
            atTheMoment.convertToFormat(QImage::Format_ARGB32));
  }
};

QTEST_MAIN(WatchedEqualsHeadlessTest)
#include "test_watched_equals_headless.moc"
