#pragma once
// Records an animation from the window, on the GUI thread, into an AnimationEncoder (which
// encodes on its own thread). Two lengths:
// - until stop(): a frame every 1/fps s of what the window shows then, so the animation plays
//   at the speed the user watched. While the encoder has no room, no picture is drawn and the
//   next frame is shown longer instead, and at the stop a last frame takes the periods still
//   owed, so the animation keeps its time.
// - the next N steps: F frames at evenly spread steps from the step training is at. Training
//   pauses at each frame's step (TrainingController::pauseAt) until the frame is drawn and the
//   encoder has taken it, so the frames are at exactly those steps whatever the speed; the
//   worker is only sent commands.
#include <QElapsedTimer>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <vector>

#include "recording/frame_painter.h"
#include "report/animation_encoder.h"
#include "report/recording_plan.h"
#include "session/lab_session.h"

namespace bnlab {

class AnimationRecorder : public QObject {
  Q_OBJECT
 public:
  // Records what `painter` draws of `session`'s experiment.
  AnimationRecorder(LabSession& session, FramePainter& painter, QObject* parent);
  ~AnimationRecorder() override;

  // False (and nothing starts) while the last recording's file is still being written.
  bool start(const RecordingPlan& plan);
  // How recordings' files are written (openAnimation unless set: a test's slow writer).
  void setOpener(AnimationOpener open) { opener_ = std::move(open); }
  // Ends the recording; the file is written when finished() comes.
  void stop() { end(QString()); }
  // Ends the recording and waits until the file is written (the window closing): "" or why it
  // could not be. finished() is not emitted.
  QString stopAndWait();
  bool recording() const { return encoder_ && !ending_; }
  // Recording, or writing the last recording's file.
  bool busy() const { return encoder_ != nullptr; }
  // The next N steps: training waits at a frame's step, for the frame to be taken; Play must
  // not let it go on (the recorder resumes it).
  bool holdsTraining() const {
    return recording() && plan_.steps > 0 && (waitingForPause_ || !held_.isNull());
  }
  // The network was rebuilt (Reset, a new configuration): a next-N-steps recording ends.
  void trainingRebuilt();
  const RecordingPlan& plan() const { return plan_; }
  int frames() const { return frames_; }
  // Until-stopped: frame periods that had no frame of their own (encoding fell behind).
  int framesLeftOut() const { return dropped_; }
  // The file's frame size in pixels: the first frame's (later ones are fitted to it).
  QSize frameSize() const { return frameSize_; }
  // The step each frame shows, in order.
  const std::vector<qint64>& frameSteps() const { return frameSteps_; }

 signals:
  // While recording: "Recording 0:07 · 70 frames" or "Recording frame 12 of 60 · step 1,800";
  // then "Saving FILE…" until finished().
  void progress(const QString& text);
  // The recording ended and its file is written (ok) or not: `message` says which (and why
  // not), in a line; `note` what the user should know of a saved file (it ended early, frames
  // were left out), or "".
  void finished(bool ok, const QString& message, const QString& note);

 private:
  void tick();             // until-stopped: one frame of what is shown now
  void snapshotArrived();  // next-N-steps: a frame when training waits at its step
  void offerHeld();        // next-N-steps: the frame drawn at its step, to the encoder
  void advance();          // next-N-steps: train on to the next frame's step
  // What is shown now, with its step written on it; null (and the recording ends) if the
  // chart is gone.
  QImage picture(qint64 step);
  QImage shownPicture(qint64& step);  // until-stopped: the window as shown now, and its step
  void took(qint64 step);             // the encoder took a frame showing `step`
  // Until-stopped, at the stop: a frame for the periods owed (`ticks` of them), or null.
  QImage lastPicture(int& ticks);
  void end(const QString& why);  // stops capturing (`why`: a sentence, if it ended early)
  void encoded(bool ok, const QString& error, int frames);
  void report();

  LabSession& session_;
  FramePainter& painter_;
  RecordingPlan plan_;
  AnimationOpener opener_ = openAnimation;
  QPointer<AnimationEncoder> encoder_;
  QTimer timer_;
  QElapsedTimer clock_;
  QMetaObject::Connection arrivals_, failures_;
  bool ending_ = false;
  QString why_;
  int frames_ = 0, dropped_ = 0;
  qint64 ticks_ = 0;  // until-stopped: frame periods so far, frames left out included
  int owed_ = 0;      // periods of frames left out since the last frame the encoder took
  std::vector<qint64> frameSteps_;
  QSize frameSize_;
  // next-N-steps
  bool waitingForPause_ = false;
  bool wasPlaying_ = false;
  bool startsTraining_ = false;  // the user had training paused: Play once, at the first frame
  qint64 firstStep_ = 0, target_ = 0, lastStep_ = 0;
  QImage held_;  // drawn at its step, waiting for room in the encoder
  qint64 heldStep_ = 0;
  bool heldEnds_ = false;  // training stopped at its configured end: the held frame is the last
};

}  // namespace bnlab
