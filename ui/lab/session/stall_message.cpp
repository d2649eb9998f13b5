#include "session/stall_message.h"

#include <QObject>

namespace bnlab {

QString stallMessage(const Snapshot& snap, bool commandLine) {
  for (const RunSnapshot& run : snap.runs) {
    const LossProgress& progress = run.progress;
    if (!progress.stalled()) continue;
    const QString who = snap.runs.size() > 1
                            ? QObject::tr("the %1 run's").arg(QString::fromStdString(run.name))
                            : QObject::tr("the");
    const QString start =
        progress.firstLoss() <= progress.chanceLoss()
            ? QObject::tr("%1 at the first step").arg(progress.startLoss(), 0, 'f', 3)
            : QObject::tr("%1, the loss of guessing among %2 classes")
                  .arg(progress.startLoss(), 0, 'f', 3)
                  .arg(qRound(std::exp(progress.chanceLoss())));
    if (run.batchNorm && run.batchSize == 1)  // not the learning rate's fault
      return QObject::tr(
                 "Not learning: after %1 steps %2 loss is not clearly below %3. Batch norm on "
                 "batches of one example makes every Ẑ zero (μ_B = z, σ_B = 0), so no gradient "
                 "reaches W: use a batch of 8 or more.")
          .arg(progress.steps())
          .arg(who)
          .arg(start);
    const QString learningRate =
        commandLine ? QObject::tr("--learning-rate") : QObject::tr("learning rate");
    return QObject::tr(
               "Not learning: after %1 steps %2 loss (%3 over the last %4 steps) is not "
               "clearly below %5. Try another %6 (now %7)%8.")
        .arg(progress.steps())
        .arg(who)
        .arg(progress.recentLoss(), 0, 'f', 3)
        .arg(LossProgress::kWindow)
        .arg(start, learningRate)
        .arg(snap.config.optimizer.learningRate)
        .arg(snap.config.data.standardize ? QString() : QObject::tr(" or standardized inputs"));
  }
  return {};
}

}  // namespace bnlab
