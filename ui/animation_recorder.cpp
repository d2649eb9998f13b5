#include "animation_recorder.h"

#include <QFileInfo>
#include <QLocale>

#include "export/animation_frame.h"
#include "main_window.h"

namespace bnlab {

namespace {
QString number(qint64 n) { return QLocale(QLocale::English).toString(n); }
}  // namespace

AnimationRecorder::AnimationRecorder(MainWindow& window) : QObject(&window), window_(window) {
  timer_.setTimerType(Qt::PreciseTimer);
  connect(&timer_, &QTimer::timeout, this, &AnimationRecorder::tick);
}

AnimationRecorder::~AnimationRecorder() {
  // The window is being destroyed: only the file is finished, training is left alone.
  if (!encoder_) return;
  disconnect(encoder_, nullptr, this, nullptr);
  encoder_->finish();
  encoder_->waitForFinished();
}

void AnimationRecorder::start(const RecordingPlan& plan) {
  if (encoder_) return;
  plan_ = plan;
  if (plan_.steps > 0) plan_.frames = int(std::min<qint64>(plan_.frames, plan_.steps + 1));
  frames_ = dropped_ = owed_ = 0;
  ticks_ = 0;
  frameSteps_.clear();
  frameSize_ = QSize();
  ending_ = false;
  why_.clear();
  encoder_ = new AnimationEncoder(plan_.path, plan_.framesPerSecond, this);
  connect(encoder_, &AnimationEncoder::failed, this, [this] { end(QString()); });
  connect(encoder_, &AnimationEncoder::finished, this,
          [this](bool ok, const QString& error, int frames) {
            QString message, note;
            if (ok) {
              message = tr("Saved %1: %2 frames, %3 s")
                            .arg(QFileInfo(plan_.path).fileName())
                            .arg(frames)
                            .arg(QLocale(QLocale::English)
                                     .toString(double(ticks_ - owed_) / plan_.framesPerSecond, 'f', 1));
              QStringList notes;
              if (!why_.isEmpty())
                notes << tr("The recording ended at step %1 because %2.")
                             .arg(number(frameSteps_.empty() ? 0 : frameSteps_.back()), why_);
              if (dropped_ > 0)
                notes << tr(
                    "%n frame(s) were left out because encoding fell behind; the frames "
                    "after them are shown longer, so the animation keeps its time. A smaller "
                    "scale or fewer frames a second would keep up.",
                    nullptr, dropped_);
              note = notes.join(QLatin1Char(' '));
            } else {
              message = tr("The animation was not saved. %1").arg(error);
            }
            encoder_->deleteLater();
            encoder_ = nullptr;
            emit finished(ok, message, note);
          });
  if (plan_.steps == 0) {
    clock_.start();
    timer_.start(std::max(5, 500 / plan_.framesPerSecond));  // twice a frame's period
    tick();
    return;
  }
  // Training pauses first, so that no frame's step passes before it is asked for.
  TrainingController& controller = window_.controller();
  wasPlaying_ = window_.playing();
  waitingForPause_ = true;
  arrivals_ = connect(&controller, &TrainingController::snapshotArrived, this,
                      &AnimationRecorder::snapshotArrived);
  failures_ = connect(&controller, &TrainingController::failed, this,
                      [this] { end(tr("training diverged")); });
  startsTraining_ = !wasPlaying_;  // at the first frame's step, not before
  controller.pause();
}

void AnimationRecorder::stopAndWait() {
  if (!encoder_) return;
  QPointer<AnimationEncoder> encoder = encoder_;
  end(QString());
  if (encoder) encoder->waitForFinished();
}

bool AnimationRecorder::capture(qint64 step, int ticks) {
  const QImage picture = window_.animationPicture(plan_.chart, plan_.size, plan_.scale);
  if (picture.isNull()) {
    end(tr("the chart is no longer shown"));
    return false;
  }
  if (frameSize_.isEmpty()) frameSize_ = picture.size();
  ticks_ += ticks;
  if (encoder_->add(stampStep(picture, step), owed_ + ticks)) {
    ++frames_;
    frameSteps_.push_back(step);
    owed_ = 0;
  } else {  // the next frame is shown for this one's time too
    ++dropped_;
    owed_ += ticks;
  }
  return true;
}

void AnimationRecorder::tick() {
  if (!recording()) return;
  // Frames that should exist by now, one per 1/fps s since the start.
  const qint64 due = clock_.elapsed() * plan_.framesPerSecond / 1000 + 1;
  if (ticks_ >= due) return;
  window_.redraw();
  const SnapshotPtr shown = window_.shownSnapshot();
  // A stalled event loop (a modal dialog, a slow frame) owes more than one period: the frame
  // is shown that much longer, so that the animation keeps the time the user watched.
  if (!capture(shown ? shown->step : 0, int(due - ticks_))) return;
  report();
}

void AnimationRecorder::snapshotArrived() {
  if (!recording()) return;
  TrainingController& controller = window_.controller();
  const SnapshotPtr snap = controller.latest();
  if (!snap) return;
  const bool running = controller.running();
  if (waitingForPause_) {
    if (running) return;  // sent before the pause
    waitingForPause_ = false;
    firstStep_ = lastStep_ = target_ = snap->step;
  }
  if (snap->step < lastStep_) {
    end(tr("training started again from step %1").arg(number(snap->step)));
    return;
  }
  lastStep_ = snap->step;
  const bool atTarget = snap->step >= target_ && (!running || snap->step > target_);
  // Paused by itself before the frame's step: the configuration's last step.
  const bool atEnd =
      !running && snap->config.steps > 0 && snap->step == snap->config.steps &&
      (frameSteps_.empty() || snap->step > frameSteps_.back());  // not sent before play
  if (!atTarget && !atEnd) return;
  if (encoder_->full()) {  // the worker waits at this step meanwhile
    QTimer::singleShot(10, this, &AnimationRecorder::snapshotArrived);
    return;
  }
  window_.showSnapshot(snap);
  if (!capture(snap->step, 1)) return;
  report();
  if (!atTarget)  // the last frame: where training ended
    end(tr("training stopped at step %1, the configuration's last").arg(number(snap->step)));
  else if (frames_ + dropped_ >= plan_.frames)
    end(QString());
  else
    advance();
}

void AnimationRecorder::advance() {
  target_ = firstStep_ + plan_.steps * (frames_ + dropped_) / (plan_.frames - 1);
  TrainingController& controller = window_.controller();
  controller.pauseAt(target_);
  if (startsTraining_) {
    startsTraining_ = false;
    window_.setPlaying(true);
  } else if (window_.playing()) {
    controller.play();
  }
}

void AnimationRecorder::report() {
  if (plan_.steps == 0) {
    const qint64 seconds = clock_.elapsed() / 1000;
    emit progress(tr("%1:%2 · %n frame(s)", nullptr, frames_)
                      .arg(seconds / 60)
                      .arg(seconds % 60, 2, 10, QLatin1Char('0')));
  } else {
    emit progress(tr("frame %1 of %2 · step %3")
                      .arg(frames_ + dropped_)
                      .arg(plan_.frames)
                      .arg(number(lastStep_)));
  }
}

void AnimationRecorder::end(const QString& why) {
  if (!encoder_ || ending_) return;
  ending_ = true;
  why_ = why;
  timer_.stop();
  disconnect(arrivals_);
  disconnect(failures_);
  if (plan_.steps > 0) {
    TrainingController& controller = window_.controller();
    const LessonPanel* lessons = window_.lessonPanel();
    controller.pauseAt(lessons && lessons->active() ? lessons->session()->target() : -1);
    if (!wasPlaying_)
      window_.setPlaying(false);
    else if (window_.playing())
      controller.play();
  }
  encoder_->finish();
}

}  // namespace bnlab
