#pragma once
// The GUI thread's handle on training: owns the QThread and the TrainingWorker on it, posts
// commands as queued calls, and keeps only the newest snapshot for the window to draw on its
// own clock.
#include <QObject>
#include <QThread>

#include "session/training_command.h"
#include "session/training_worker.h"

namespace bnlab {

class TrainingController : public QObject {
  Q_OBJECT
 public:
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;

  void configure(const ExperimentConfig& config);
  void play();
  void pause();
  void stepOnce();
  // What a stop at a step is: a checkpoint measures there (a lesson's stop, as its headless run
  // does); a hold only waits there (a recording's frame), measuring nothing the schedule does not.
  enum class Stop { Checkpoint, Hold };
  // Training pauses by itself when it reaches `step` (−1: no such stop).
  void pauseAt(qint64 step, Stop stop = Stop::Checkpoint);
  void setSpeed(int stepsPerSecond);
  // Sends `command` to the training thread, where it applies between two steps.
  void apply(const TrainingCommand& command);
  // Stops training and joins the thread; returns within about a second even at full speed.
  void shutdown();

  SnapshotPtr latest() const { return latest_; }
  double stepsPerSecond() const { return stepsPerSecond_; }
  bool running() const { return running_; }
  // Increments with every snapshot received, so a view can tell whether it is stale.
  quint64 generation() const { return generation_; }

 signals:
  void snapshotArrived();
  // To the worker (queued): the command of apply().
  void commandIssued(const bnlab::TrainingCommand& command);
  void failed(const QString& message);

 private:
  template <typename Call>
  void post(Call call);

  QThread thread_;
  TrainingWorker* worker_;
  SnapshotPtr latest_;
  double stepsPerSecond_ = 0;
  bool running_ = false;
  quint64 generation_ = 0;
};

}  // namespace bnlab
