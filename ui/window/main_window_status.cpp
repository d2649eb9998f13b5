// The main window's status bar: step, speed, each run's test accuracy, and the warnings.
#include <QStatusBar>

#include "charts/chart_common.h"
#include "window/main_window.h"

namespace bnlab {

void MainWindow::updateStatus(const Snapshot& snap) {
  stepLabel_->setText(tr("Step %1 · epoch %2").arg(snap.step).arg(snap.epoch));
  const TrainingController& training = session_.controller();
  rateLabel_->setText(session_.viewer() ? QString()
                      : training.running()
                          ? tr("%1 steps/s").arg(training.stepsPerSecond(), 0, 'f', 0)
                          : tr("paused"));
  // Short enough for a small window: each run's test accuracy behind a square of its colour,
  // named when there are two (with more, as in the charts, the colours tell the runs apart);
  // every run's name and batch loss in the tooltip (on the label when there is one run).
  QStringList runs, details;
  for (int r = 0; r < int(snap.runs.size()); ++r) {
    const RunSnapshot& run = snap.runs[std::size_t(r)];
    const QString name = QString::fromStdString(run.name);
    const QString accuracy = QStringLiteral("%1%").arg(run.test.accuracy * 100, 0, 'f', 1);
    details << tr("%1: batch loss %2, test accuracy %3")
                   .arg(name)
                   .arg(run.batchLoss, 0, 'f', 4)
                   .arg(accuracy);
    const QString shownName = crowded(snap) ? QString() : name.toHtmlEscaped() + QLatin1Char(' ');
    runs << (multiRun(snap) ? QStringLiteral("<span style='color:%1'>■</span> %2%3")
                                  .arg(runColor(snap, r).name(), shownName, accuracy)
                            : tr("batch loss %1 · test accuracy %2")
                                  .arg(run.batchLoss, 0, 'f', 4)
                                  .arg(accuracy));
  }
  lossLabel_->setText((multiRun(snap) ? tr("test accuracy ") : QString()) +
                      runs.join(QStringLiteral(" · ")) +
                      tr(" · batch %1").arg(snap.config.batchSize));
  lossLabel_->setToolTip(details.join(QLatin1Char('\n')));
}

void MainWindow::showWarnings() {
  const std::vector<std::string> warnings = currentConfig().warnings();
  warningLabel_->setText(
      !warnings.empty() ? tr("Warning: %1").arg(QString::fromStdString(warnings.front()))
      : !session_.stall().isEmpty() ? tr("Warning: not learning (the loss has not fallen)")
                                    : QString());
  warningLabel_->setToolTip(warnings.empty() ? session_.stall() : QString());
}

}  // namespace bnlab
