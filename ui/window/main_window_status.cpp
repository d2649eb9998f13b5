// The main window's status bar: step, speed, each run's test accuracy, and the warnings.
#include <QStatusBar>

#include "charts/chart_common.h"
#include "session/stall_message.h"
#include "window/main_window.h"

namespace bnlab {

void MainWindow::updateStatus(const Snapshot& snap) {
  if (wantRunning_ && !controller_.running() && snap.config.steps > 0 &&
      snap.step == snap.config.steps) {
    wantRunning_ = false;
    controls_->setRunning(false);
    statusBar()->showMessage(
        tr("Paused at step %1, the end of this experiment; Play goes on.").arg(snap.step), 8000);
  }
  showStall(stallMessage(snap));
  stepLabel_->setText(tr("Step %1 · epoch %2").arg(snap.step).arg(snap.epoch));
  const double rate = controller_.stepsPerSecond();
  rateLabel_->setText(viewer_                 ? QString()
                      : controller_.running() ? tr("%1 steps/s").arg(rate, 0, 'f', 0)
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
  warningLabel_->setText(!warnings.empty()
                             ? tr("Warning: %1").arg(QString::fromStdString(warnings.front()))
                         : !stall_.isEmpty() ? tr("Warning: not learning (the loss has not fallen)")
                                             : QString());
  warningLabel_->setToolTip(warnings.empty() ? stall_ : QString());
}

void MainWindow::showStall(const QString& message) {
  if (message == stall_) return;
  stall_ = message;
  showWarnings();
  caption_->setText(stall_.isEmpty()
                        ? normalCaption_
                        : normalCaption_ +
                              QStringLiteral("<br><span style='color:#b3261e'>%1</span>")
                                  .arg(stall_.toHtmlEscaped()));
}

}  // namespace bnlab
