#pragma once
// The lesson panel beside the charts: the list of lessons with each one's progress, and the
// lesson being followed: its stage's text with this run's numbers, where it stands (training
// to a checkpoint, waiting for the learner's action, the conclusion), Back, Next and Leave.
// It drives nothing itself: it asks the window to load, play, pause and highlight.
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <memory>

#include "lessons/lesson_session.h"

namespace bnlab {

class LessonPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LessonPanel(QList<Lesson> lessons, QWidget* parent = nullptr);

  // Keeps which lessons are done and how far each got in QSettings (the interactive app).
  void setRemembersProgress(bool remembers);
  const QList<Lesson>& lessons() const { return lessons_; }
  bool active() const { return session_ != nullptr; }
  const LessonSession* session() const { return session_.get(); }
  // The stage whose text is shown (Back shows earlier ones; the session may be further on).
  int shownStage() const { return shown_; }

  // Wide: laid out for a strip above the charts (narrow screens); else a column beside them.
  void setWide(bool wide);
  bool wide() const { return wide_; }
  // Starts lesson `index` of lessons() (asks the window to load its experiment).
  void start(int index);
  // Adds the lesson in the JSON file at `path` (written like resources/lessons/*.json) to the
  // list and selects it. On failure: false, and every problem in `error`.
  bool openLessonFile(const QString& path, QString& error);
  // The index in lessons() of the lesson read from `file` (added to the list), or else of the
  // built-in lesson `id`; −1 for none.
  int lessonIndex(const QString& file, const QString& id);
  // Shows lesson `index` as finished by a headless run (lesson_script.h): its conclusion with the
  // run's numbers, the chart it points at framed.
  void showFinished(int index, const SnapshotPtr& snapshot, const QJsonObject& remembered);
  // Leaves the lesson being followed (Esc) and shows the list again.
  void leave();
  void next();
  void back();
  // The newest snapshot: checkpoints, actions done, numbers in the text.
  void showSnapshot(const SnapshotPtr& snapshot);

  QPushButton* nextButton() const { return next_; }
  QPushButton* backButton() const { return back_; }
  QLabel* textLabel() const { return text_; }
  QLabel* statusLabel() const { return status_; }

 signals:
  void loadRequested(const bnlab::Preset& preset);
  void playRequested();
  // Training should pause by itself at this step (the stage's checkpoint; −1: none).
  void pauseAtRequested(qint64 step);
  void pauseRequested();
  // The chart (object name) to point at; "" for none.
  void highlightRequested(const QString& name);
  void left();

 private:
  QWidget* buildList();
  QWidget* buildLesson();
  void refreshList();
  void arrange();
  void enterStage(int index);
  // Plays to the current stage's stop, or pauses while the stage waits for an action.
  void playOrWait();
  void showStage();
  void saveProgress(bool done);

  QList<Lesson> lessons_;
  std::unique_ptr<LessonSession> session_;
  int lessonIndex_ = -1;
  int shown_ = 0;
  bool pausedAtCheckpoint_ = false;
  bool remembers_ = false;
  bool waitingForLoad_ = false;  // the lesson's experiment has not sent its first snapshot yet
  SnapshotPtr snapshot_;
  QStackedWidget* pages_;
  QListWidget* list_;
  QLabel* details_;
  bool wide_ = false;
  QGridLayout* lessonLayout_;
  QGridLayout* listLayout_;
  QWidget* listIntro_;
  QWidget* listFooter_;
  QWidget* lessonHeader_;
  QWidget* lessonFooter_;
  QLabel* title_;
  QLabel* progressText_;
  QProgressBar* progress_;
  QLabel* text_;
  QScrollArea* textScroll_;  // holds text_
  QLabel* status_;
  QPushButton* back_;
  QPushButton* next_;
};

}  // namespace bnlab
