// A lesson followed in the window: opened from the Help menu's panel, it loads its experiment,
// trains to a checkpoint and pauses, waits for the learner's kick, frames the chart it talks
// about, ends with this run's numbers, remembers its progress, and Esc leaves it.
#include <QAction>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "panels/highlight_frame.h"
#include "wait_for.h"
#include "window/main_window.h"

using namespace bnlab;
using test::waitFor;

namespace {

int lessonIndex(const LessonPanel& panel, const QString& id) {
  for (int i = 0; i < panel.lessons().size(); ++i)
    if (panel.lessons()[i].id == id) return i;
  return -1;
}

}  // namespace

class LessonPanelTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
  }

  void aLessonIsFollowedToItsConclusion() {
    MainWindow window(ExperimentConfig{}, MainWindow::Start::Paused);
    window.resize(1600, 1000);
    window.show();
    LessonPanel* panel = window.lessonPanel();
    panel->setRemembersProgress(true);
    const int index = lessonIndex(*panel, QStringLiteral("03-weaker-coupling"));
    QVERIFY(index >= 0);
    const Lesson lesson = panel->lessons()[index];
    window.showLessons();
    panel->start(index);
    QVERIFY(panel->active());
    // Its experiment is loaded, at its pace, and the chart of the first stage is framed.
    QCOMPARE(window.controls()->speedSlider()->value(), double(*lesson.preset.speed));
    auto* frame = window.findChild<HighlightFrame*>();
    QVERIFY(frame && frame->target()->objectName() == lesson.stages[0].highlight);
    // It trains to the checkpoint and pauses there.
    window.controls()->speedSlider()->setValue(2000);
    // (A minute: the sanitizer build on a loaded machine trains slowly.)
    QVERIFY(waitFor(
        [&] { return panel->statusLabel()->text().startsWith(QStringLiteral("Paused at step")); },
        60000));
    QVERIFY(!window.controller().running() ||
            waitFor([&] { return !window.controller().running(); }));
    const qint64 paused = window.controller().latest()->step;
    QVERIFY2(paused >= *lesson.stages[0].forSteps && paused < *lesson.stages[0].forSteps + 100,
             qPrintable(QString::number(paused)));
    // Next asks for the kick; the lesson goes on once the snapshots show it.
    panel->next();
    QCOMPARE(panel->session()->stage(), 1);
    QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("press K")));
    emit window.controls()->perturbRequested(0, 0.5);
    QVERIFY(waitFor([&] { return panel->session()->stage() == 2; }));
    // (A minute: the sanitizer build on a loaded machine trains slowly.)
    QVERIFY(waitFor(
        [&] { return panel->statusLabel()->text().startsWith(QStringLiteral("Paused at step")); },
        60000));
    // Back shows the earlier text; Next returns.
    panel->back();
    QCOMPARE(panel->shownStage(), 1);
    panel->next();
    QCOMPARE(panel->shownStage(), 2);
    panel->next();  // the conclusion, with this run's numbers
    QVERIFY(panel->session()->current().isConclusion());
    window.redraw();
    QVERIFY(waitFor([&] {
      window.redraw();
      return panel->textLabel()->text().contains(QStringLiteral("in the plain twin")) &&
             !panel->textLabel()->text().contains(QStringLiteral("…"));
    }));
    QVERIFY2(panel->textLabel()->text().contains(
                 QRegularExpression(QStringLiteral("by <b>0\\.\\d\\d</b> on average"))),
             qPrintable(panel->textLabel()->text()));
    QVERIFY(QSettings().value(QStringLiteral("lessons/03-weaker-coupling/done")).toBool());
    // Esc leaves: the list again, no frame.
    QAction* leave = nullptr;
    for (QAction* action : window.findChildren<QAction*>())
      if (action->shortcut() == QKeySequence(Qt::Key_Escape)) leave = action;
    QVERIFY(leave && leave->isEnabled());
    leave->trigger();
    QVERIFY(!panel->active());
    QVERIFY(!window.findChild<HighlightFrame*>());
  }

  // Beside the charts where there is room; a strip above them on a 1024-pixel window, so the
  // layer rows keep their width.
  void thePanelGoesWhereThereIsRoom_data() {
    QTest::addColumn<int>("width");
    QTest::addColumn<bool>("wide");
    QTest::newRow("1600×1000") << 1600 << false;
    QTest::newRow("1024×700") << 1024 << true;
  }
  void thePanelGoesWhereThereIsRoom() {
    QFETCH(int, width);
    QFETCH(bool, wide);
    MainWindow window(ExperimentConfig{}, MainWindow::Start::Paused);
    window.resize(width, width == 1024 ? 700 : 1000);
    window.show();
    window.showLessons();
    QCOMPARE(window.lessonPanel()->wide(), wide);
    QCOMPARE(window.dockWidgetArea(window.lessonDock()),
             wide ? Qt::TopDockWidgetArea : Qt::RightDockWidgetArea);
    QVERIFY(window.width() <= width);
  }

  // Every chart, control or view a lesson points at exists in the window of its experiment.
  void everyHighlightNamesSomething() {
    MainWindow window(ExperimentConfig{}, MainWindow::Start::Paused);
    window.resize(1600, 1000);
    window.show();
    for (const Lesson& lesson : window.lessonPanel()->lessons()) {
      window.applyPreset(lesson.preset);
      // The new experiment's first snapshot names its charts.
      QVERIFY(waitFor([&] {
        return window.shownSnapshot() &&
               window.shownSnapshot()->runs.size() == lesson.preset.config.runs.size() &&
               window.shownSnapshot()->config.network.hiddenUnits ==
                   lesson.preset.config.network.hiddenUnits;
      }));
      QTest::qWait(50);
      for (const LessonStage& stage : lesson.stages) {
        if (stage.highlight.isEmpty()) continue;
        window.highlight(stage.highlight);
        const bool view = stage.highlight == QLatin1String("all-layers") ||
                          stage.highlight == QLatin1String("figure-1-large");
        if (view) {
          QVERIFY(window.shownView() != MainWindow::View::Dashboard);
          continue;
        }
        QCOMPARE(window.shownView(), MainWindow::View::Dashboard);
        auto* frame = window.findChild<HighlightFrame*>();
        QVERIFY2(frame && frame->target() && frame->target()->objectName() == stage.highlight,
                 qPrintable(lesson.id + QStringLiteral(": ") + stage.highlight));
        QVERIFY2(frame->target()->isVisibleTo(&window), qPrintable(stage.highlight));
      }
    }
  }

  // A teacher's own lesson file joins the list; a broken one is refused with its reasons.
  void aLessonFileCanBeOpened() {
    MainWindow window(ExperimentConfig{}, MainWindow::Start::Paused);
    LessonPanel* panel = window.lessonPanel();
    const qsizetype before = panel->lessons().size();
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("mine.json"));
    QFile file(good);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"title": "My lesson", "summary": "s", "preset": "Test time: one example",
                   "stages": [{"text": "Train to {step|0}.", "for": 50}, {"text": "Accuracy {runs.0.test.accuracy|%}."}],
                   "claims": [{"that": "it learns", "value": "runs.0.test.accuracy", "atLeast": 0.5}]})");
    file.close();
    QString error;
    QVERIFY2(panel->openLessonFile(good, error), qPrintable(error));
    QCOMPARE(panel->lessons().size(), before + 1);
    QCOMPARE(panel->lessons().last().title, QStringLiteral("My lesson"));
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile broken(bad);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(R"({"title": "x", "preset": "nope", "stages": []})");
    broken.close();
    QVERIFY(!panel->openLessonFile(bad, error));
    QVERIFY2(error.contains(QStringLiteral("no preset named \"nope\"")), qPrintable(error));
    QVERIFY(!panel->openLessonFile(dir.filePath(QStringLiteral("missing.json")), error));
    QVERIFY2(error.contains(QStringLiteral("cannot read")) &&
                 error.contains(QStringLiteral("missing.json")),
             qPrintable(error));
    QCOMPARE(panel->lessons().size(), before + 1);
  }

  void theFirstStartOffersTheLessons() {
    QSettings().clear();
    {
      MainWindow window(ExperimentConfig{}, MainWindow::Start::Paused);
      window.restoreSettings();
      QVERIFY(!window.lessonDock()->isHidden());
    }
    MainWindow again(ExperimentConfig{}, MainWindow::Start::Paused);
    again.restoreSettings();
    QVERIFY(again.lessonDock()->isHidden());
  }
};

QTEST_MAIN(LessonPanelTest)
#include "test_lesson_panel.moc"
