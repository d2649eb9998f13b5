// The window and a headless run are one experiment: the same configuration and seed give the
// same summary.json at the same step whether the run was watched (at full speed or slowly,
// paused and resumed) or run headless by the bnlab binary; every lesson played in the window,
// with the learner's actions, ends in the conclusion its headless run writes, word for word,
// with every number measured; and Export all writes one moment, however training moves on
// while it writes.
#include <QAction>
#include <QCheckBox>
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

#include "config_json.h"
#include "data/idx_reader.h"
#include "export/summary_json.h"
#include "lessons/lesson_script.h"
#include "lessons/lesson_values.h"
#include "main_window.h"

using namespace bnlab;

namespace {

template <typename Condition>
bool waitFor(Condition condition, int timeoutMs) {
  QElapsedTimer timer;
  timer.start();
  while (timer.elapsed() < timeoutMs) {
    if (condition()) return true;
    QTest::qWait(5);
  }
  return condition();
}

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

// The summary.json that `bnlab --headless` writes for `configFile`.
QJsonObject headlessSummary(const QString& configFile, const QString& folder) {
  QProcess bnlab;
  bnlab.start(QStringLiteral(BNLAB_BINARY),
              {QStringLiteral("--headless"), QStringLiteral("--quiet"), QStringLiteral("--config"),
               configFile, QStringLiteral("--export"), folder, QStringLiteral("--charts"),
               QStringLiteral("loss")});
  if (!bnlab.waitForFinished(kPatienceMs) || bnlab.exitCode() != 0) {
    qWarning("bnlab --headless: %s", bnlab.readAllStandardError().constData());
    return {};
  }
  return readJson(QDir(folder).filePath(QStringLiteral("summary.json")));
}

// A window that trains `config` to its configured end at `speed` steps a second, pausing once
// on the way (at whatever step the pause lands) and playing on.
QJsonObject watchedSummary(const ExperimentConfig& config, int speed) {
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
  return window.exportJob().summary;
}

}  // namespace

class WatchedEqualsHeadlessTest : public QObject {
  Q_OBJECT
 private slots:
  // The same summary.json, bit for bit: watched at full speed with a pause, watched slowly with
  // a pause, and headless.
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
    const QJsonObject headless = headlessSummary(configFile, dir.filePath(QStringLiteral("out")));
    QVERIFY(!headless.isEmpty());
    QCOMPARE(headless.value(QStringLiteral("step")).toInteger(), 730);
    for (const int speed : {kFullSpeed, 400}) {
      const QJsonObject watched = watchedSummary(config, speed);
      QVERIFY2(!watched.isEmpty(), "the watched run did not reach its end");
      const QString difference = firstDifference(watched, headless);
      QVERIFY2(difference.isEmpty(),
               qPrintable(QStringLiteral("at speed %1: summary%2").arg(speed).arg(difference)));
    }
  }

  // Every lesson, played in the window as a learner plays it (the actions done with the
  // controls), concludes with the words and numbers of its headless run; no "…" anywhere.
  void aLessonInTheWindowConcludesAsHeadless_data() {
    QTest::addColumn<int>("index");
    const QList<Lesson> lessons = builtInLessons();
    for (int i = 0; i < lessons.size(); ++i) QTest::newRow(qPrintable(lessons[i].id)) << i;
  }
  void aLessonInTheWindowConcludesAsHeadless() {
    QFETCH(int, index);
    const Lesson lesson = builtInLessons()[index];
    if (lesson.preset.config.data.source == DataSource::Mnist &&
        !QFileInfo::exists(QStringLiteral("%1/train-labels-idx1-ubyte.gz")
                               .arg(QString::fromStdString(lesson.preset.config.data.path.empty()
                                                               ? kFashionMnistFolder
                                                               : lesson.preset.config.data.path))))
      QSKIP("Fashion-MNIST is not installed (scripts/dev test installs it)");
    const LessonRun headless = runLesson(lesson, lesson.preset.config);
    const QString expected = fillLessonText(lesson.stages.back().text, headless.summary);
    QVERIFY(!expected.contains(QStringLiteral("…")));

    MainWindow window(ExperimentConfig{}, MainWindow::Start::Paused);
    window.resize(1600, 1000);
    window.show();
    LessonPanel* panel = window.lessonPanel();
    window.showLessons();
    panel->start(index);
    window.controls()->speedSlider()->setValue(kFullSpeed);  // pace only
    QAction* kick = nullptr;
    for (QAction* action : window.findChildren<QAction*>())
      if (action->shortcut() == QKeySequence(Qt::Key_K)) kick = action;
    QVERIFY(kick);
    while (!panel->session()->current().isConclusion()) {
      const int stage = panel->session()->stage();
      const LessonStage& current = panel->session()->current();
      if (const std::optional<LessonAction>& action = current.action) {
        // Training waits for the learner.
        QTest::qWait(50);
        QVERIFY(!window.controller().running());
        switch (action->kind) {
          case LessonAction::Kind::Kick:
            kick->trigger();
            break;
          case LessonAction::Kind::BatchSize:
            window.controls()->batchSizeSlider()->setValue(action->batchSize);
            break;
          case LessonAction::Kind::Standardize:
            window.findChild<QCheckBox*>(QStringLiteral("controls-standardize"))
                ->setChecked(action->standardize);
            break;
          case LessonAction::Kind::ChoosePoint:
            emit window.metrics()->pointChosen(action->x, action->y);
            break;
        }
        QVERIFY2(waitFor([&] { return panel->session()->stage() > stage; }, kPatienceMs),
                 qPrintable(QStringLiteral("stage %1's action was not taken").arg(stage + 1)));
      } else {
        QVERIFY2(
            waitFor(
                [&] {
                  return panel->statusLabel()->text().startsWith(QStringLiteral("Paused at step"));
                },
                kPatienceMs),
            qPrintable(QStringLiteral("stage %1 did not reach its stop").arg(stage + 1)));
        // Every number the stage's text quotes is measured when the learner reads it.
        QVERIFY2(!panel->textLabel()->text().contains(QStringLiteral("…")),
                 qPrintable(panel->textLabel()->text()));
        panel->next();
      }
    }
    QVERIFY(waitFor([&] { return !window.controller().running(); }, kPatienceMs));
    window.redraw();
    QCOMPARE(panel->textLabel()->text(), expected);
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
