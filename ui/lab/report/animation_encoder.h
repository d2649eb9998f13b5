#pragma once
// An animation encoded on its own thread while the window goes on drawing. The GUI thread hands
// over finished frames (QImage: implicitly shared, never written again); the encoder's thread
// writes them through an AnimationWriter, in order. At most kMaxPending frames wait, so memory
// stays a few frames however long the recording. Headless runs use it too, waiting for room,
// so that frames are encoded while training goes on.
#include <QImage>
#include <QObject>
#include <QSemaphore>
#include <QThread>
#include <atomic>
#include <memory>

#include "report/animation_writer.h"

namespace bnlab {

class AnimationEncoder : public QObject {
  Q_OBJECT
 public:
  static constexpr int kMaxPending = 4;

  // Writes `path` (.gif or .mp4) at `framesPerSecond`; the first frame sets the size.
  AnimationEncoder(const QString& path, int framesPerSecond, QObject* parent = nullptr,
                   AnimationOpener open = openAnimation);
  // Finishes the file if finish() was not called, and waits for the encoder's thread.
  ~AnimationEncoder() override;

  // Queues `frame` (fitted to the first frame's size), shown for `ticks` frame periods. False,
  // and the frame is not taken, while kMaxPending frames wait, after a failure, or after
  // finish().
  bool add(const QImage& frame, int ticks = 1);
  // As add(), waiting while kMaxPending frames wait. False after a failure or finish().
  bool addWhenRoom(const QImage& frame, int ticks = 1);
  bool full() const { return room_.available() == 0; }
  // No more frames after `last` (if not null, shown for `ticks` periods, and taken even when
  // kMaxPending frames wait): the writer commits the file on its thread, then finished() is
  // emitted.
  void finish(const QImage& last = QImage(), int ticks = 1);
  // Blocks until the file is written (or has failed).
  void waitForFinished();
  // After waitForFinished(): "" if the file was written, else why not.
  QString error() const { return result_; }

 signals:
  // The first failure, as soon as the encoder's thread meets it (the file will not be written).
  void failed(const QString& error);
  void finished(bool ok, const QString& error, int frames);

 private:
  const QString path_;
  const int framesPerSecond_;
  const AnimationOpener open_;
  QThread thread_;
  QObject* context_;                         // lives on thread_: the writer's calls run there
  std::unique_ptr<AnimationWriter> writer_;  // touched only on thread_
  QString result_;                           // written on thread_ before it ends
  QSemaphore room_{kMaxPending};  // taken by a frame queued, given back once it is written
  std::atomic<bool> failed_{false};
  QSize size_;
  bool finishing_ = false;

  void queue(const QImage& picture, int ticks, bool tookRoom);
};

}  // namespace bnlab
