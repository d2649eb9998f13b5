#include "lessons/lesson_script.h"

#include "config/config_json.h"
#include "lessons/lesson_values.h"
#include "report/summary_json.h"

namespace bnlab {

std::optional<TrainingCommand> lessonCommand(const LessonAction& action) {
  switch (action.kind) {
    case LessonAction::Kind::Kick:
      return Perturb{action.layer - 1, action.amount};
    case LessonAction::Kind::BatchSize:
      return SetSetting{"training.batchSize", std::int64_t(action.batchSize)};
    case LessonAction::Kind::ChoosePoint:
      return ChoosePoint{action.x, action.y};
    case LessonAction::Kind::Standardize:
      break;
  }
  return std::nullopt;
}

QJsonObject lessonSummary(const Snapshot& snapshot, const QJsonObject& remembered) {
  QJsonObject summary = summaryToJson(snapshot);
  summary.insert(QStringLiteral("remembered"), remembered);
  summary.insert(QStringLiteral("config"), configToJson(snapshot.config));
  return summary;
}

void rememberValues(const LessonStage& stage, const QJsonObject& summary, QJsonObject& remembered) {
  for (const auto& [name, expression] : stage.remember)
    if (const std::optional<double> value = lessonValue(summary, expression))
      remembered.insert(name, *value);
}

LessonRun runLesson(const Lesson& lesson, const ExperimentConfig& config,
                    const std::function<void(int, const QJsonObject&)>& progress,
                    const std::function<bool()>& stop) {
  ExperimentConfig current = config;
  auto experiment = std::make_unique<Experiment>(current);
  QJsonObject remembered;
  const auto stopping = [&] { return stop && stop(); };
  const auto trainTo = [&](qint64 target) {
    while (experiment->steps() < target && !experiment->diverged() && !stopping())
      experiment->step();
  };
  int stoppedInStage = -1;
  for (qsizetype i = 0; i < lesson.stages.size(); ++i) {
    const LessonStage& stage = lesson.stages[i];
    if (stage.until) trainTo(*stage.until);
    if (stage.forSteps) trainTo(experiment->steps() + *stage.forSteps);
    // The stage's stop is a checkpoint, in the window as here (training_worker.cpp).
    experiment->measureCheckpoint();
    if (stopping()) {
      stoppedInStage = int(i);
      break;
    }
    if (const std::optional<LessonAction>& action = stage.action) {
      if (const std::optional<TrainingCommand> command = lessonCommand(*action)) {
        applyCommand(*experiment, *command);  // between two steps, as from the window's controls
      } else {
        current.data.standardize = action->standardize;
        experiment = std::make_unique<Experiment>(current);
      }
    }
    const QJsonObject summary = lessonSummary(*experiment->snapshot(), remembered);
    rememberValues(stage, summary, remembered);
    if (progress) progress(int(i), lessonSummary(*experiment->snapshot(), remembered));
  }
  experiment->updateDecisionMaps();
  LessonRun run;
  run.snapshot = experiment->snapshot();
  run.summary = lessonSummary(*run.snapshot, remembered);
  run.stoppedInStage = stoppedInStage;
  return run;
}

}  // namespace bnlab
