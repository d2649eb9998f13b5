#pragma once
// A chart on screen: paints its PlotModel with PlotRenderer and, under the mouse, a crosshair
// with the value of every line at that x (or the point's coordinates on scatter plots).
#include <QWidget>

#include "plot/plot_model.h"

namespace bnlab::plot {

class PlotWidget : public QWidget {
  Q_OBJECT
 public:
  explicit PlotWidget(QWidget* parent = nullptr);

  void setModel(PlotModel model);
  const PlotModel& model() const { return model_; }
  // The same drawing as on screen, into any painter and rectangle (exports use this).
  void render(QPainter& painter, const QRectF& area) const;

  QSize sizeHint() const override { return {320, 200}; }
  QSize minimumSizeHint() const override { return {160, 120}; }

 signals:
  // A left click inside the data area, in data coordinates.
  void clicked(QPointF data);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;

 private:
  void drawReadout(QPainter& painter) const;

  PlotModel model_;
  QPointF mouse_;
  bool hovering_ = false;
};

}  // namespace bnlab::plot
