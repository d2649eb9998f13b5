// File → Record animation, a chart's "Record animation…", the toolbar's Record button and the
// status bar's indicator while recording.
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QPainter>
#include <QStatusBar>
#include <QToolButton>

#include "dialogs/record_dialog.h"
#include "recording/animation_recorder.h"
#include "window/main_window.h"

namespace bnlab {

namespace {

// A red disc: the universal "record" sign.
QIcon recordIcon() {
  QPixmap pixmap(36, 36);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(0xd9, 0x30, 0x25));
  painter.drawEllipse(QRectF(7, 7, 22, 22));
  return QIcon(pixmap);
}

}  // namespace

void MainWindow::buildRecording(QMenu* file) {
  recorder_ = new AnimationRecorder(session_, *this, this);
  recordAction_ = file->addAction(recordIcon(), tr("&Record animation…"));
  recordAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  recordAction_->setIconText(tr("Record…"));
  recordAction_->setToolTip(
      tr("Record the dashboard as an animated GIF or an MP4 video, until you stop or over the "
         "next steps — Ctrl+R. One chart: its ⭳ button or right-click."));
  connect(recordAction_, &QAction::triggered, this, [this] {
    if (recorder_->recording())
      recorder_->stop();
    else
      recordAnimation();
  });

  recordingIndicator_ = new QWidget;
  auto* row = new QHBoxLayout(recordingIndicator_);
  row->setContentsMargins(10, 0, 4, 0);
  row->setSpacing(6);
  recordingLabel_ = new QLabel;
  recordingLabel_->setObjectName(QStringLiteral("recording-indicator"));
  auto* stop = new QToolButton;
  stop->setObjectName(QStringLiteral("stop-recording"));
  stop->setText(tr("Stop"));
  stop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
  stop->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  stop->setToolTip(tr("Stop recording and save the file — Ctrl+R"));
  connect(stop, &QToolButton::clicked, recorder_, &AnimationRecorder::stop);
  row->addWidget(recordingLabel_);
  row->addWidget(stop);
  statusBar()->addPermanentWidget(recordingIndicator_);
  recordingIndicator_->hide();

  connect(recorder_, &AnimationRecorder::progress, this, [this](const QString& text) {
    recordingLabel_->setText(QStringLiteral("<span style='color:#d93025'>●</span> ") +
                             text.toHtmlEscaped());
    recordingLabel_->setToolTip(QDir::toNativeSeparators(recorder_->plan().path));
  });
  connect(recorder_, &AnimationRecorder::finished, this, &MainWindow::recordingEnded);
}

void MainWindow::recordAnimation(const QString& chart) {
  if (recorder_->recording()) {
    statusBar()->showMessage(tr("Already recording: stop that recording first (Ctrl+R)"), 6000);
    return;
  }
  if (recorder_->busy()) {
    statusBar()->showMessage(tr("Still saving the last recording: try again in a moment"), 6000);
    return;
  }
  QString title;
  QSize size;
  if (!chart.isEmpty()) {
    const auto* widget = findChild<plot::PlotWidget*>(chart);
    if (!widget) return;
    title = widget->model().title;
    size = widget->size();
  } else {
    if (!session_.shown()) return;
    size = dashboardSize();
  }
  RecordingPlan plan = loadRecordingPlan(chart.isEmpty() ? QStringLiteral("dashboard") : chart);
  plan.chart = chart;
  plan.size = size;
  const bool lesson = lessons_ && lessons_->active();
  RecordDialog dialog(plan, title, !lesson,
                      tr("Not during a lesson: the lesson stops training at its own steps"), this);
  if (dialog.exec() != QDialog::Accepted) return;
  if (!recorder_->start(dialog.plan())) return;
  recordAction_->setText(tr("Stop &recording"));
  recordAction_->setIconText(tr("Stop"));
  recordAction_->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
  recordingIndicator_->show();
}

void MainWindow::recordingEnded(bool ok, const QString& message, const QString& note) {
  recordAction_->setText(tr("&Record animation…"));
  recordAction_->setIconText(tr("Record…"));
  recordAction_->setIcon(recordIcon());
  recordingIndicator_->hide();
  if (ok && note.isEmpty()) {
    statusBar()->showMessage(message, 12000);
    return;
  }
  // It arrives from the encoder's thread: shown without blocking the window.
  auto* box = ok ? new QMessageBox(QMessageBox::Information, tr("Animation saved"),
                                   message + QLatin1Char('.'), QMessageBox::Ok, this)
                 : new QMessageBox(QMessageBox::Warning, tr("Animation not saved"), message,
                                   QMessageBox::Ok, this);
  box->setInformativeText(note);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

QImage MainWindow::animationPicture(const QString& chart, QSize size, qreal scale) const {
  if (chart.isEmpty()) {
    // Drawn straight from the widgets: a frame needs no export job.
    const QSize dashboard = dashboardSize();
    return !session_.shown() || dashboard.isEmpty()
               ? QImage()
               : paintImage(dashboard, scale, [this](QPainter& p) { paintDashboard(p); });
  }
  const auto* widget = findChild<plot::PlotWidget*>(chart);
  if (!widget) return {};
  if (size.isEmpty()) size = widget->size();
  return paintImage(size, scale, chartPainter(widget->model(), size));
}

}  // namespace bnlab
