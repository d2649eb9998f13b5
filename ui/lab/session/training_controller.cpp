#include "session/training_controller.h"

namespace bnlab {

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), worker_(new TrainingWorker) {
  qRegisterMetaType<bnlab::SnapshotPtr>("bnlab::SnapshotPtr");
  qRegisterMetaType<bnlab::ExperimentConfig>("bnlab::ExperimentConfig");
  qRegisterMetaType<bnlab::TrainingCommand>("bnlab::TrainingCommand");
  thread_.setObjectName(QStringLiteral("training"));
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &TrainingWorker::snapshotReady, this,
          [this](SnapshotPtr snapshot, double stepsPerSecond, bool running) {
            latest_ = std::move(snapshot);
            stepsPerSecond_ = stepsPerSecond;
            running_ = running;
            ++generation_;
            emit snapshotArrived();
          });
  connect(worker_, &TrainingWorker::failed, this, &TrainingController::failed);
  // Queued (the worker lives on thread_), after any call posted before it.
  connect(this, &TrainingController::commandIssued, worker_, &TrainingWorker::apply);
  thread_.start();
}

TrainingController::~TrainingController() { shutdown(); }

template <typename Call>
void TrainingController::post(Call call) {
  if (!thread_.isRunning()) return;
  worker_->interrupt();
  QMetaObject::invokeMethod(
      worker_, [worker = worker_, call] { call(*worker); }, Qt::QueuedConnection);
}

void TrainingController::configure(const ExperimentConfig& config) {
  post([config](TrainingWorker& w) { w.configure(config); });
}
void TrainingController::play() {
  post([](TrainingWorker& w) { w.play(); });
}
void TrainingController::pause() {
  post([](TrainingWorker& w) { w.pause(); });
}
void TrainingController::pauseAt(qint64 step, Stop stop) {
  post([step, checkpoint = stop == Stop::Checkpoint](TrainingWorker& w) {
    w.pauseAt(step, checkpoint);
  });
}
void TrainingController::stepOnce() {
  post([](TrainingWorker& w) { w.stepOnce(); });
}
void TrainingController::setSpeed(int stepsPerSecond) {
  post([stepsPerSecond](TrainingWorker& w) { w.setSpeed(stepsPerSecond); });
}
void TrainingController::apply(const TrainingCommand& command) {
  if (!thread_.isRunning()) return;
  worker_->interrupt();
  emit commandIssued(command);
}

void TrainingController::shutdown() {
  if (!thread_.isRunning()) return;
  post([](TrainingWorker& w) { w.stop(); });
  thread_.quit();
  thread_.wait();
}

}  // namespace bnlab
