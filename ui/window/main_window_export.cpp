// The main window's part in exports: a chart's menu (save, copy, record) and the job that
// Export all, the headless command line and recordings of the whole dashboard write.
#include <QPainter>
#include <QPicture>
#include <QToolButton>

#include "charts/chart_catalog.h"
#include "config/config_json.h"
#include "panels/plot_widget.h"
#include "render/plot_renderer.h"
#include "report/summary_json.h"
#include "window/main_window.h"

namespace bnlab {

void MainWindow::connectChart(plot::PlotWidget* chart) {
  connect(chart, &plot::PlotWidget::actionRequested, this, [this, chart](plot::ChartAction action) {
    if (action == plot::ChartAction::RecordAnimation)
      recordAnimation(chart->objectName());
    else
      exportActions_->chartAction(*chart, action);
  });
}

ExportJob MainWindow::exportJob(bool withEmpty) const {
  const SnapshotPtr& shown = session_.shown();
  if (!shown) {
    ExportJob job;
    job.config = configToJson(session_.config());
    return job;
  }
  ExportJob job = exportJobOf(*shown);
  // The catalog's charts as the window shows them: the model and size of the chart on screen
  // (a layer's row may show another quantity than the catalog's default).
  for (const CatalogChart& chart : dashboardCharts(*shown, withEmpty)) {
    const plot::PlotWidget* widget = nullptr;
    for (const QWidget* part : {top_, layersHost_})
      if (!widget) widget = part->findChild<const plot::PlotWidget*>(chart.id);
    if (widget)
      job.charts.push_back({chart.id, widget->model(), widget->size()});
    else
      job.charts.push_back({chart.id, chart.model(*shown), chart.kind->exportSize});
  }
  job.compositeSize = dashboardSize();
  // Painted now, as a picture replayed at any scale: the dashboard of this moment, whatever the
  // window shows by the time the files are written.
  auto picture = std::make_shared<QPicture>();
  {
    QPainter painter(picture.get());
    paintDashboard(painter);
  }
  job.paintComposite = [picture](QPainter& painter) { painter.drawPicture(0, 0, *picture); };
  return job;
}

QSize MainWindow::dashboardSize() const {
  // The caption and metrics strip above the whole stack of layer panels (also the part
  // scrolled out of view).
  return QSize(std::max(top_->width(), layersHost_->width()),
               top_->height() + layersHost_->height());
}

void MainWindow::paintDashboard(QPainter& painter) const {
  // Without the save button a hovered chart shows in its corner.
  QList<QToolButton*> shown;
  for (QWidget* part : {top_, layersHost_})
    for (QToolButton* corner :
         part->findChildren<QToolButton*>(QLatin1String(plot::PlotWidget::kCornerButtonName)))
      if (corner->isVisible()) shown << corner;
  for (QToolButton* corner : shown) corner->hide();
  top_->render(&painter);
  layersHost_->render(&painter, QPoint(0, top_->height()));
  for (QToolButton* corner : shown) corner->show();
}

}  // namespace bnlab
