#pragma once
// The whole dashboard as a window lays it out: the one picture that needs the window's widgets.
// The window is one; a headless run asks for one offscreen (ui/window/offscreen_dashboard.h) only
// for the dashboard picture of an export, a dashboard animation and --screenshot. Every chart
// alone is drawn from the catalog (charts/chart_catalog.h) without it.
#include <QImage>
#include <QPainter>
#include <QSize>

#include "experiment/snapshot.h"

namespace bnlab {

class DashboardPicture {
 public:
  virtual ~DashboardPicture() = default;
  // Shows `snapshot` in every chart and lets the layout settle.
  virtual void showSnapshot(SnapshotPtr snapshot) = 0;
  // The caption, the metrics strip and every layer's row: its size and painting it as shown now.
  virtual QSize dashboardSize() const = 0;
  virtual void paintDashboard(QPainter& painter) const = 0;
  // The whole window: title, controls, charts and status bar (--screenshot).
  virtual QImage windowPicture() = 0;
};

}  // namespace bnlab
