#include "lessons/lesson_session.h"

#include "lessons/lesson_script.h"
#include "lessons/lesson_values.h"

namespace bnlab {

void LessonSession::enter(int index, const Snapshot* now) {
  stage_ = std::clamp(index, 0, stageCount() - 1);
  const LessonStage& stage = current();
  stepAtStart_ = now ? now->step : 0;
  kicksAtStart_ = now ? now->perturbations.size() : 0;
  pointAtStart_.reset();
  if (now && !now->runs.empty() && now->runs.front().chosen.valid)
    pointAtStart_ = std::pair(now->runs.front().chosen.x, now->runs.front().chosen.y);
  target_ = -1;
  if (stage.until) target_ = *stage.until;
  if (stage.forSteps) target_ = stepAtStart_ + *stage.forSteps;
}

LessonSession::State LessonSession::update(const Snapshot& snapshot) {
  const LessonStage& stage = current();
  if (stage.isConclusion()) return State::Conclusion;
  if (target_ >= 0) return snapshot.step >= target_ ? State::Reached : State::Training;
  const LessonAction& action = *stage.action;
  switch (action.kind) {
    case LessonAction::Kind::Kick:
      return snapshot.perturbations.size() > kicksAtStart_ ? State::Done : State::Waiting;
    case LessonAction::Kind::BatchSize:
      return snapshot.config.batchSize == action.batchSize ? State::Done : State::Waiting;
    case LessonAction::Kind::Standardize:
      return snapshot.config.data.standardize == action.standardize ? State::Done : State::Waiting;
    case LessonAction::Kind::ChoosePoint:
      if (snapshot.runs.empty() || !snapshot.runs.front().chosen.valid) return State::Waiting;
      return std::pair(snapshot.runs.front().chosen.x, snapshot.runs.front().chosen.y) !=
                     pointAtStart_
                 ? State::Done
                 : State::Waiting;
  }
  return State::Waiting;
}

void LessonSession::remember(const Snapshot& snapshot) {
  rememberValues(current(), summary(snapshot), remembered_);
}

QJsonObject LessonSession::summary(const Snapshot& snapshot) const {
  return lessonSummary(snapshot, remembered_);
}

QString LessonSession::text(const Snapshot* snapshot) const {
  return fillLessonText(current().text, snapshot ? summary(*snapshot) : QJsonObject{},
                        lesson_.claims);
}

}  // namespace bnlab
