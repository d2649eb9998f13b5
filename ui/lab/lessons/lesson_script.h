#pragma once
// Plays a lesson without a window, doing each stage's action itself: what the lesson-claim
// tests and `bnlab --lesson` run.
#include <QJsonObject>
#include <functional>

#include "experiment/experiment.h"
#include "lessons/lesson.h"
#include "session/training_command.h"

namespace bnlab {

// The training command that does `action`, the one the window's control sends (a kick, the
// batch-size slider, a click on the decision plane); none for an action that retrains from step 0
// with another configuration (standardizing the inputs).
std::optional<TrainingCommand> lessonCommand(const LessonAction& action);

struct LessonRun {
  SnapshotPtr snapshot;     // at the end
  QJsonObject summary;      // summary.json of it, with "remembered"
  int stoppedInStage = -1;  // the stage `stop` ended the lesson in; −1: played to the end
};

// Trains `config` (the lesson's experiment, or a variant of it) through every stage. `progress`,
// when given, is called after each stage with its index and the summary so far; `stop`, when
// given, is asked after every step and ends the lesson there when it returns true.
LessonRun runLesson(const Lesson& lesson, const ExperimentConfig& config,
                    const std::function<void(int, const QJsonObject&)>& progress = {},
                    const std::function<bool()>& stop = {});

// The summary of `snapshot` that a lesson's expressions read: summary.json with `remembered`
// and the experiment's configuration as config.json writes it (`config`).
QJsonObject lessonSummary(const Snapshot& snapshot, const QJsonObject& remembered);

// Applies `remember` of `stage` to `remembered`, reading `summary`.
void rememberValues(const LessonStage& stage, const QJsonObject& summary, QJsonObject& remembered);

}  // namespace bnlab
