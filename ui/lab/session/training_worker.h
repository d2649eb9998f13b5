#pragma once
// Trains on its own thread. Lives on a QThread (no parent); every public slot is called through
// a queued connection and runs between two steps. Runs steps in short slices, returning to its
// event loop in between, and emits an immutable Snapshot about 30 times a second. The clock sets
// the pace and how often snapshots go out, never what is measured: the experiment measures on
// its schedule in steps, and at its checkpoints (the configured end, a lesson's stop). Never
// touches a widget.
#include <QElapsedTimer>
#include <QObject>
#include <atomic>
#include <memory>

#include "experiment/experiment.h"
#include "session/training_command.h"

namespace bnlab {

// What went wrong when `experiment` diverged, and the likely fix (in the window's terms, or the
// command line's), in one sentence or two.
QString divergenceMessage(const Experiment& experiment, bool commandLine = false);

// Training speed: steps per second, or 0 for as fast as possible.
inline constexpr int kFullSpeed = 0;

class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  TrainingWorker();
  ~TrainingWorker() override;

  // Safe from any thread: the running slice ends after its current step.
  void interrupt() { interrupt_.store(true, std::memory_order_relaxed); }

 public slots:
  // Builds a fresh experiment (step 0) from `config`; reports a bad config through failed().
  void configure(const bnlab::ExperimentConfig& config);
  void play();
  void pause();
  void stepOnce();
  // Pause when the experiment reaches `step`, measuring there if it is a `checkpoint` (a
  // lesson's stop) and not if it only holds training (a recording's frame); −1: no such stop.
  void pauseAt(qint64 step, bool checkpoint) {
    pauseAt_ = step;
    checkpointAtPause_ = checkpoint;
  }
  void setSpeed(int stepsPerSecond);
  // Applies `command` to the experiment between two steps, then publishes a fresh snapshot.
  void apply(const bnlab::TrainingCommand& command);
  void stop();

 signals:
  void snapshotReady(bnlab::SnapshotPtr snapshot, double stepsPerSecond, bool running);
  void failed(const QString& message);

 private:
  void scheduleSlice(int delayMs);
  void runSlice();
  void publish(bool force);
  bool trainOneStep();

  std::unique_ptr<Experiment> experiment_;
  std::atomic<bool> interrupt_{false};
  bool running_ = false;
  bool sliceQueued_ = false;
  bool stopped_ = false;
  int speed_ = kFullSpeed;
  QElapsedTimer clock_;
  qint64 lastPublishMs_ = -1000;
  std::int64_t mappedAt_ = -1;  // the evaluation step of the decision maps
  // Pacing for slow motion: steps owed since `paceStartMs_`.
  qint64 paceStartMs_ = 0;
  qint64 pacedSteps_ = 0;
  qint64 pauseAt_ = -1;
  bool checkpointAtPause_ = true;
  // Throughput: steps over a sliding window.
  qint64 rateWindowStartMs_ = 0;
  std::int64_t rateWindowStartStep_ = 0;
  double stepsPerSecond_ = 0;
};

}  // namespace bnlab
