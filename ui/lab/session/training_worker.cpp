#include "session/training_worker.h"

#include <QTimer>
#include <cmath>

namespace bnlab {

namespace {
constexpr qint64 kSliceMs = 15;    // longest run of steps between two event-loop turns
constexpr qint64 kPublishMs = 33;  // ~30 snapshots a second
constexpr int kDecisionMapCells = 56;
}  // namespace

TrainingWorker::TrainingWorker() { clock_.start(); }

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::configure(const ExperimentConfig& config) {
  try {
    experiment_ = std::make_unique<Experiment>(config);
    pauseAt_ = -1;
    mappedAt_ = -1;
  } catch (const std::exception& error) {
    emit failed(QString::fromUtf8(error.what()));
    return;
  }
  pacedSteps_ = 0;
  paceStartMs_ = clock_.elapsed();
  rateWindowStartMs_ = clock_.elapsed();
  rateWindowStartStep_ = 0;
  stepsPerSecond_ = 0;
  publish(true);
  if (running_) scheduleSlice(0);
}

void TrainingWorker::play() {
  if (running_ || !experiment_) return;
  running_ = true;
  pacedSteps_ = 0;
  paceStartMs_ = clock_.elapsed();
  rateWindowStartMs_ = clock_.elapsed();
  rateWindowStartStep_ = experiment_->steps();
  scheduleSlice(0);
  publish(true);
}

void TrainingWorker::pause() {
  running_ = false;
  stepsPerSecond_ = 0;
  publish(true);
}

QString divergenceMessage(const Experiment& experiment, bool commandLine) {
  const std::string name = runLabel(experiment.runSpec(experiment.divergedRun()));
  const QString who = experiment.runCount() > 1
                          ? QObject::tr("the %1 run's").arg(QString::fromStdString(name))
                          : QObject::tr("the");
  return QObject::tr(
             "Training diverged at step %1: %2 loss is no longer a finite number. The "
             "learning rate %3 is too high for this network; %4.")
      .arg(experiment.divergedAt())
      .arg(who)
      .arg(experiment.config().optimizer.learningRate)
      .arg(commandLine ? QObject::tr("give a lower --learning-rate")
                       : QObject::tr("lower it and press Reset (R)"));
}

void TrainingWorker::stepOnce() {
  if (!experiment_) return;
  running_ = false;
  trainOneStep();
  publish(true);
}

void TrainingWorker::setSpeed(int stepsPerSecond) {
  speed_ = std::max(0, stepsPerSecond);
  pacedSteps_ = 0;
  paceStartMs_ = clock_.elapsed();
}

void TrainingWorker::apply(const TrainingCommand& command) {
  if (!experiment_) return;
  applyCommand(*experiment_, command);
  publish(true);
}

void TrainingWorker::stop() {
  stopped_ = true;
  running_ = false;
}

void TrainingWorker::scheduleSlice(int delayMs) {
  if (sliceQueued_ || stopped_) return;
  sliceQueued_ = true;
  QTimer::singleShot(delayMs, this, [this] {
    sliceQueued_ = false;
    runSlice();
  });
}

bool TrainingWorker::trainOneStep() {
  experiment_->step();
  const std::int64_t end = experiment_->config().steps;
  if (experiment_->diverged()) {
    running_ = false;
    stepsPerSecond_ = 0;
    publish(true);
    emit failed(divergenceMessage(*experiment_));
    return false;
  }
  const bool atEnd = end > 0 && experiment_->steps() == end;
  if (atEnd || experiment_->steps() == pauseAt_) {
    // The configured end and a lesson's stop are checkpoints, measured as a headless run
    // measures them; pause there (play goes on past it).
    if (atEnd || checkpointAtPause_) experiment_->measureCheckpoint();
    running_ = false;
    stepsPerSecond_ = 0;
    publish(true);
    return false;
  }
  return true;
}

void TrainingWorker::runSlice() {
  if (!running_ || stopped_ || !experiment_) return;
  interrupt_.store(false, std::memory_order_relaxed);
  const qint64 start = clock_.elapsed();
  qint64 budget = std::numeric_limits<qint64>::max();
  if (speed_ != kFullSpeed) {
    const qint64 owed = (clock_.elapsed() - paceStartMs_) * speed_ / 1000 - pacedSteps_;
    budget = std::max<qint64>(owed, 0);
  }
  qint64 done = 0;
  while (done < budget && clock_.elapsed() - start < kSliceMs &&
         !interrupt_.load(std::memory_order_relaxed)) {
    if (!trainOneStep()) return;
    ++done;
  }
  pacedSteps_ += done;
  publish(false);
  if (!running_) return;
  int delay = 0;
  if (speed_ != kFullSpeed && done >= budget) {
    // Wait until the next step is due (at most one publishing period).
    const qint64 dueAt = paceStartMs_ + (pacedSteps_ + 1) * 1000 / speed_;
    delay = int(std::clamp<qint64>(dueAt - clock_.elapsed(), 0, kPublishMs));
  }
  scheduleSlice(delay);
}

void TrainingWorker::publish(bool force) {
  const qint64 now = clock_.elapsed();
  if (!force && now - lastPublishMs_ < kPublishMs) return;
  lastPublishMs_ = now;
  const std::int64_t steps = experiment_->steps();
  if (now - rateWindowStartMs_ >= 500) {
    stepsPerSecond_ =
        running_ ? double(steps - rateWindowStartStep_) * 1000.0 / double(now - rateWindowStartMs_)
                 : 0.0;
    rateWindowStartMs_ = now;
    rateWindowStartStep_ = steps;
  }
  // Measures are the experiment's, taken on its schedule in steps; the decision plane follows
  // its evaluations.
  if (experiment_->evaluatedAt() != mappedAt_) {
    experiment_->updateDecisionMaps(kDecisionMapCells, kDecisionMapCells);
    mappedAt_ = experiment_->evaluatedAt();
  }
  emit snapshotReady(experiment_->snapshot(), stepsPerSecond_, running_);
}

}  // namespace bnlab
