#include "window/offscreen_dashboard.h"

#include <QApplication>

#include "window/main_window.h"

namespace bnlab {

namespace {

class OffscreenDashboard final : public DashboardPicture {
 public:
  OffscreenDashboard(const ExperimentConfig& config, const Preset& caption, QSize size)
      : window_(config, MainWindow::Start::Viewer) {
    if (!caption.name.isEmpty()) window_.showCaption(caption);
    window_.resize(size);
    window_.show();
  }
  void showSnapshot(SnapshotPtr snapshot) override {
    window_.showSnapshot(std::move(snapshot));
    QApplication::processEvents();  // the layout of what the snapshot changed
  }
  QSize dashboardSize() const override { return window_.dashboardSize(); }
  void paintDashboard(QPainter& painter) const override { window_.paintDashboard(painter); }
  QImage windowPicture() override { return window_.grab().toImage(); }

 private:
  MainWindow window_;
};

}  // namespace

std::unique_ptr<DashboardPicture> offscreenDashboard(const ExperimentConfig& config,
                                                     const Preset& caption, QSize size) {
  return std::make_unique<OffscreenDashboard>(config, caption, size);
}

QImage finishedLessonPicture(const QString& lessonFile, const QString& lessonId,
                             const SnapshotPtr& snapshot, const QJsonObject& remembered,
                             QSize size) {
  MainWindow window(snapshot->config, MainWindow::Start::Viewer);
  window.resize(size);
  window.show();
  const int index = window.lessonPanel()->lessonIndex(lessonFile, lessonId);
  window.showFinishedLesson(index, snapshot, remembered);
  QApplication::processEvents();
  QApplication::processEvents();  // the deferred scroll to the framed chart
  return window.grab().toImage();
}

}  // namespace bnlab
