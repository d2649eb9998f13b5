#pragma once
// Records an animation from the window, on the GUI thread, into an AnimationEncoder (which
// encodes on its own thread). Two lengths:
// - until stop(): a frame every 1/fps s of what the window shows then, so the animation plays
//   at the speed the user watched; a frame the encoder has no room for is dropped and counted.
// - the next N steps: F frames at evenly spread steps from the step training is at. Training
//   pauses at each frame's step (TrainingController::pauseAt) until the frame is drawn, so the
//   frames are at exactly those steps whatever the speed; the worker is only sent commands.
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <vector>

#include "export/animation_encoder.h"
#include "export/recording_plan.h"

namespace bnlab {

class MainWindow;

class AnimationRecorder : public QObject {
  Q_OBJECT
 public:
  explicit AnimationRecorder(MainWindow& window);
  ~AnimationRecorder() override;

  void start(const RecordingPlan& plan);
  // Ends the recording; the file is written when finished() comes.
  void stop() { end(QString()); }
  // Ends the recording and waits until the file is written (the window closing).
  void stopAndWait();
  bool recording() const { return encoder_ && !ending_; }
  const RecordingPlan& plan() const { return plan_; }
  int frames() const { return frames_; }
  // The file's frame size in pixels: the first frame's (later ones are fitted to it).
  QSize frameSize() const { return frameSize_; }
  // The step each frame shows, in order.
  const std::vector<qint64>& frameSteps() const { return frameSteps_; }

 signals:
  // While recording: "0:07 · 70 frames" or "frame 12 of 60 · step 1,800".
  void progress(const QString& text);
  // The recording ended and its file is written (ok) or not: `message` says which (and why
  // not), in a line; `note` what the user should know of a saved file (it ended early, frames
  // were left out), or "".
  void finished(bool ok, const QString& message, const QString& note);

 private:
  void tick();             // until-stopped: one frame of what is shown now
  void snapshotArrived();  // next-N-steps: a frame when training waits at its step
  void advance();          // next-N-steps: train on to the next frame's step
  // One frame of what is shown, for `ticks` frame periods; false if there is no picture.
  bool capture(qint64 step, int ticks);
  void end(const QString& why);  // stops capturing; the encoder finishes the file
  void report();

  MainWindow& window_;
  RecordingPlan plan_;
  QPointer<AnimationEncoder> encoder_;
  QTimer timer_;
  QElapsedTimer clock_;
  QMetaObject::Connection arrivals_, failures_;
  bool ending_ = false;
  QString why_;  // why the recording ended before stop(), for the message
  int frames_ = 0, dropped_ = 0;
  qint64 ticks_ = 0;  // frame periods captured so far, frames left out included
  int owed_ = 0;      // periods of frames left out since the last frame the encoder took
  std::vector<qint64> frameSteps_;
  QSize frameSize_;
  // next-N-steps
  bool waitingForPause_ = false;
  bool wasPlaying_ = false;
  bool startsTraining_ = false;  // the user had training paused: Play once, at the first frame
  qint64 firstStep_ = 0, target_ = 0, lastStep_ = 0;
};

}  // namespace bnlab
