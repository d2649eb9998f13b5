#pragma once
// Where a learner is in a lesson, judged from the snapshots the window receives: whether the
// stage's checkpoint is reached or the action it asks for is done. No widgets: the lesson panel
// shows it and the tests drive it.
#include <QJsonObject>

#include "experiment/snapshot.h"
#include "lessons/lesson.h"

namespace bnlab {

class LessonSession {
 public:
  enum class State {
    Training,   // on the way to the stage's checkpoint
    Reached,    // checkpoint reached: pause, read, then Next
    Waiting,    // waiting for the action the stage asks for
    Done,       // the action is done: go on to the next stage
    Conclusion  // the last stage
  };

  explicit LessonSession(Lesson lesson) : lesson_(std::move(lesson)) {}
  const Lesson& lesson() const { return lesson_; }
  int stage() const { return stage_; }
  int stageCount() const { return int(lesson_.stages.size()); }
  const LessonStage& current() const { return lesson_.stages[stage_]; }

  // Starts stage `index` at `now` (the newest snapshot, or null before the first).
  void enter(int index, const Snapshot* now);
  // What the newest snapshot says of the current stage.
  State update(const Snapshot& snapshot);
  // The step at which the stage's checkpoint lies (−1: the stage has none).
  qint64 target() const { return target_; }
  // Keeps the current stage's "remember" values from `snapshot` (before leaving it).
  void remember(const Snapshot& snapshot);
  // The stage's text with this run's numbers.
  QString text(const Snapshot* snapshot) const;
  QJsonObject summary(const Snapshot& snapshot) const;
  // The values kept so far (a headless run's, to show its conclusion).
  void setRemembered(QJsonObject remembered) { remembered_ = std::move(remembered); }

 private:
  Lesson lesson_;
  int stage_ = 0;
  qint64 target_ = -1;
  std::size_t kicksAtStart_ = 0;
  std::optional<std::pair<double, double>> pointAtStart_;
  qint64 stepAtStart_ = 0;
  QJsonObject remembered_;
};

}  // namespace bnlab
