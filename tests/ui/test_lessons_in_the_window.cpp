// Every lesson played in the window as a learner plays it, its actions done with the controls
// (K, the batch-size slider, Standardize inputs, a click on the decision plane), with training at
// full speed: each stop's text quotes only measured numbers (no "…"), and the conclusion is word
// for word the one its headless run writes (lesson_script.h), numbers included.
#include <QAction>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTest>

#include "data/idx_reader.h"
#include "lessons/lesson_script.h"
#include "lessons/lesson_values.h"
#include "wait_for.h"
#include "window/main_window.h"

using namespace bnlab;
using test::waitFor;

namespace {

// Nothing here depends on how long training takes; a loaded machine gets minutes.
constexpr int kPatienceMs = 240000;

}  // namespace

class LessonsInTheWindowTest : public QObject {
  Q_OBJECT
 private slots:
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
    const QString expected = conclusionText(lesson, headless.summary);
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
};

QTEST_MAIN(LessonsInTheWindowTest)
#include "test_lessons_in_the_window.moc"
