#include "report/animation_encoder.h"

#include "report/animation_frame.h"

namespace bnlab {

AnimationEncoder::AnimationEncoder(const QString& path, int framesPerSecond, QObject* parent,
                                   AnimationOpener open)
    : QObject(parent),
      path_(path),
      framesPerSecond_(framesPerSecond),
      open_(std::move(open)),
      context_(new QObject) {
  thread_.setObjectName(QStringLiteral("animation encoder"));
  context_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, context_, &QObject::deleteLater);
  thread_.start();
}

AnimationEncoder::~AnimationEncoder() {
  finish();
  waitForFinished();
}

bool AnimationEncoder::add(const QImage& picture, int ticks) {
  if (finishing_ || failed_.load() || picture.isNull() || !room_.tryAcquire()) return false;
  queue(picture, ticks, true);
  return true;
}

bool AnimationEncoder::addWhenRoom(const QImage& picture, int ticks) {
  if (finishing_ || failed_.load() || picture.isNull()) return false;
  room_.acquire();
  if (failed_.load()) {
    room_.release();
    return false;
  }
  queue(picture, ticks, true);
  return true;
}

void AnimationEncoder::queue(const QImage& picture, int ticks, bool tookRoom) {
  if (size_.isEmpty()) size_ = picture.size();
  const QImage frame = fitFrame(picture, size_);
  QMetaObject::invokeMethod(
      context_,
      [this, frame, ticks, tookRoom] {
        if (!writer_) writer_ = open_(path_, frame.size(), framesPerSecond_);
        if (!failed_.load() && !writer_->addFrame(frame, ticks)) {
          failed_.store(true);
          emit failed(writer_->error());  // queued to the receivers on the GUI thread
        }
        if (tookRoom) room_.release();
      },
      Qt::QueuedConnection);
}

void AnimationEncoder::finish(const QImage& last, int ticks) {
  if (finishing_) return;
  if (!last.isNull() && !failed_.load()) queue(last, ticks, false);
  finishing_ = true;
  QMetaObject::invokeMethod(
      context_,
      [this] {
        bool ok = false;
        QString error;
        int frames = 0;
        if (!writer_) {
          error = tr("Cannot write %1: no frames were recorded").arg(path_);
        } else {
          ok = !failed_.load() && writer_->finish();
          error = ok ? QString() : writer_->error();
          frames = writer_->frames();
        }
        writer_.reset();  // on the thread that used it
        result_ = error;
        emit finished(ok, error, frames);
        QThread::currentThread()->quit();
      },
      Qt::QueuedConnection);
}

void AnimationEncoder::waitForFinished() { thread_.wait(); }

}  // namespace bnlab
