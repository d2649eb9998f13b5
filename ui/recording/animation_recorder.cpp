#include "recording/animation_recorder.h"

#include <QFileInfo>
#include <QLocale>

#include "report/animation_frame.h"

namespace bnlab {

namespace {
QString number(qint64 n) { return QLocale(QLocale::English).toString(n); }
constexpr int kRetryMs = 10;  // next-N-steps: how soon to offer a held frame again
}  // namespace

AnimationRecorder::AnimationRecorder(LabSession& session, FramePainter& painter, QObject* parent)
    : QObject(parent), session_(session), painter_(painter) {
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

bool AnimationRecorder::start(const RecordingPlan& plan) {
  if (encoder_) return false;
  plan_ = plan;
  if (plan_.steps > 0) plan_.frames = int(std::min<qint64>(plan_.frames, plan_.steps + 1));
  frames_ = dropped_ = owed_ = 0;
  ticks_ = 0;
  frameSteps_.clear();
  frameSize_ = QSize();
  held_ = QImage();
  ending_ = false;
  why_.clear();
  encoder_ = new AnimationEncoder(plan_.path, plan_.framesPerSecond, this, opener_);
  connect(encoder_, &AnimationEncoder::failed, this, [this] { end(QString()); });
  connect(encoder_, &AnimationEncoder::finished, this, &AnimationRecorder::encoded);
  if (plan_.steps == 0) {
    clock_.start();
    timer_.start(std::max(5, 500 / plan_.framesPerSecond));  // twice a frame's period
    tick();
    return true;
  }
  // Training pauses first, so that no frame's step passes before it is asked for.
  TrainingController& controller = session_.controller();
  wasPlaying_ = session_.playing();
  startsTraining_ = !wasPlaying_;  // at the first frame's step, not before
  waitingForPause_ = true;
  arrivals_ = connect(&controller, &TrainingController::snapshotArrived, this,
                      &AnimationRecorder::snapshotArrived);
  failures_ = connect(&controller, &TrainingController::failed, this,
                      [this](const QString& message) { end(message); });
  controller.pause();
  return true;
}

void AnimationRecorder::encoded(bool ok, const QString& error, int frames) {
  QString message, note;
  if (ok) {
    const double seconds = plan_.steps > 0 ? double(frames) / plan_.framesPerSecond
                                           : double(ticks_ - owed_) / plan_.framesPerSecond;
    message = tr("Saved %1: %2 frames, %3 s")
                  .arg(QFileInfo(plan_.path).fileName())
                  .arg(frames)
                  .arg(QLocale(QLocale::English).toString(seconds, 'f', 1));
    QStringList notes;
    if (!why_.isEmpty())
      notes << tr("The recording ended at step %1: %2")
                   .arg(number(frameSteps_.empty() ? 0 : frameSteps_.back()), why_);
    if (dropped_ > 0)
      notes << (dropped_ == 1 ? tr("1 frame was left out")
                              : tr("%1 frames were left out").arg(dropped_)) +
                   tr(" because encoding fell behind; the frames after them are shown longer, so "
                      "the animation keeps its time. A smaller scale or fewer frames a second "
                      "would keep up.");
    note = notes.join(QLatin1Char(' '));
  } else {
    message = tr("The animation was not saved. %1").arg(error);
  }
  encoder_->deleteLater();
  encoder_ = nullptr;
  emit finished(ok, message, note);
}

QString AnimationRecorder::stopAndWait() {
  if (!encoder_) return {};
  const QPointer<AnimationEncoder> encoder = encoder_;
  disconnect(encoder, &AnimationEncoder::finished, this, nullptr);
  end(QString());
  encoder->waitForFinished();
  const QString error = encoder->error();
  encoder->deleteLater();
  encoder_ = nullptr;
  return error;
}

void AnimationRecorder::trainingRebuilt() {
  if (recording() && plan_.steps > 0) end(tr("The network was rebuilt."));
}

QImage AnimationRecorder::picture(qint64 step) {
  const QImage image = painter_.animationPicture(plan_.chart, plan_.size, plan_.scale);
  if (image.isNull()) {
    end(tr("The chart is no longer shown."));
    return image;
  }
  if (frameSize_.isEmpty()) frameSize_ = image.size();
  return stampStep(image, step);
}

QImage AnimationRecorder::shownPicture(qint64& step) {
  painter_.redraw();
  const SnapshotPtr shown = session_.shown();
  step = shown ? shown->step : 0;
  return picture(step);
}

void AnimationRecorder::took(qint64 step) {
  ++frames_;
  frameSteps_.push_back(step);
  owed_ = 0;
}

void AnimationRecorder::tick() {
  if (!recording()) return;
  // Frame periods since the start; a stalled event loop (a modal dialog, a slow frame) owes
  // more than one, and the next frame is shown that much longer.
  const qint64 due = clock_.elapsed() * plan_.framesPerSecond / 1000 + 1;
  if (ticks_ >= due) return;
  const int ticks = int(due - ticks_);
  ticks_ = due;
  if (encoder_->full()) {  // no picture drawn for nothing
    dropped_ += ticks;
    owed_ += ticks;
  } else {
    qint64 step = 0;
    const QImage frame = shownPicture(step);
    if (frame.isNull()) return;
    if (encoder_->add(frame, owed_ + ticks)) took(step);
  }
  report();
}

void AnimationRecorder::snapshotArrived() {
  if (!recording() || !held_.isNull()) return;  // a held frame's step is already fixed
  TrainingController& controller = session_.controller();
  const SnapshotPtr snap = controller.latest();
  if (!snap) return;
  const bool running = controller.running();
  if (waitingForPause_) {
    if (running) return;  // sent before the pause
    waitingForPause_ = false;
    firstStep_ = lastStep_ = target_ = snap->step;
  }
  if (snap->step < lastStep_) {
    end(tr("Training started again from step %1.").arg(number(snap->step)));
    return;
  }
  lastStep_ = snap->step;
  // At the frame's step, or past it (the user stepped on while training waited there).
  const bool atTarget = snap->step >= target_ && (!running || snap->step > target_);
  // Paused by itself before the frame's step: the configuration's last step.
  const bool atEnd = !running && snap->config.steps > 0 && snap->step == snap->config.steps &&
                     (frameSteps_.empty() || snap->step > frameSteps_.back());
  if (!atTarget && !atEnd) return;
  painter_.showSnapshot(snap);
  held_ = picture(snap->step);
  if (held_.isNull()) return;
  heldStep_ = snap->step;
  heldEnds_ = !atTarget;
  offerHeld();
}

void AnimationRecorder::offerHeld() {
  if (!recording() || held_.isNull()) return;
  if (!encoder_->add(held_, 1)) {  // training waits at this step meanwhile
    QTimer::singleShot(kRetryMs, this, &AnimationRecorder::offerHeld);
    return;
  }
  held_ = QImage();
  took(heldStep_);
  report();
  if (heldEnds_)
    end(tr("Training reached step %1, the configuration's last, and paused.")
            .arg(number(heldStep_)));
  else if (frames_ >= plan_.frames)
    end(QString());
  else
    advance();
}

void AnimationRecorder::advance() {
  target_ = firstStep_ + plan_.steps * frames_ / (plan_.frames - 1);
  TrainingController& controller = session_.controller();
  controller.pauseAt(target_, TrainingController::Stop::Hold);
  if (startsTraining_) {
    startsTraining_ = false;
    session_.setPlaying(true);
  } else if (session_.playing()) {
    controller.play();
  }
}

void AnimationRecorder::report() {
  if (plan_.steps == 0) {
    const qint64 seconds = clock_.elapsed() / 1000;
    emit progress(tr("Recording %1:%2 · %3")
                      .arg(seconds / 60)
                      .arg(seconds % 60, 2, 10, QLatin1Char('0'))
                      .arg(frames_ == 1 ? tr("1 frame") : tr("%1 frames").arg(frames_)));
  } else {
    emit progress(tr("Recording frame %1 of %2 · step %3")
                      .arg(frames_)
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
  held_ = QImage();
  if (plan_.steps > 0) {
    // Training as before the recording: the lesson's own stop, playing or paused as it was (a
    // lesson that started meanwhile keeps playing).
    TrainingController& controller = session_.controller();
    const std::optional<qint64> lessonStop = painter_.lessonStop();
    controller.pauseAt(lessonStop.value_or(-1));
    if (!wasPlaying_ && !lessonStop)
      session_.setPlaying(false);
    else if (session_.playing())
      controller.play();
  }
  int ticks = 0;
  const QImage last = plan_.steps == 0 && why.isEmpty() ? lastPicture(ticks) : QImage();
  encoder_->finish(last, ticks);
  emit progress(tr("Saving %1…").arg(QFileInfo(plan_.path).fileName()));
}

QImage AnimationRecorder::lastPicture(int& ticks) {
  // Until stopped: the periods since the last frame taken (those left out, and those up to now
  // past the last tick) are shown as a last frame of what is shown at the stop, so the
  // animation plays for as long as it was watched even when encoding fell behind.
  const qint64 due = (clock_.elapsed() * plan_.framesPerSecond + 500) / 1000;
  owed_ += int(std::max<qint64>(0, due - ticks_));
  ticks_ = std::max(ticks_, due);
  ticks = owed_;
  if (owed_ == 0 || frames_ == 0) return QImage();
  qint64 step = 0;
  const QImage frame = shownPicture(step);  // (a chart gone: null; end() is under way)
  if (!frame.isNull()) took(step);
  return frame;
}

}  // namespace bnlab
