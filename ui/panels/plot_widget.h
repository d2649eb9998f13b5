#pragma once
// A chart on screen: paints its PlotModel with PlotRenderer and, under the mouse, a crosshair
// with the value of every line at that x (or the point's coordinates on scatter plots).
#include <QToolButton>
#include <QWidget>

#include "render/plot_model.h"

namespace bnlab::plot {

// What the user can do with a chart from its context menu or its corner button.
enum class ChartAction { SavePng, SaveSvg, CopyImage, SaveCsv, RecordAnimation };

class PlotWidget : public QWidget {
  Q_OBJECT
 public:
  // The object name of the save button shown in a chart's corner on hover.
  static constexpr const char* kCornerButtonName = "chart-corner";

  explicit PlotWidget(QWidget* parent = nullptr);

  void setModel(PlotModel model);
  // Step axes on a log scale (PlotModel::xLog) for every model from now on, and the one shown.
  void setLogSteps(bool logSteps);
  bool logSteps() const { return logSteps_; }
  const PlotModel& model() const { return model_; }
  // The same drawing as on screen, into any painter and rectangle (exports use this).
  void render(QPainter& painter, const QRectF& area) const;

  QSize sizeHint() const override { return {320, 200}; }
  QSize minimumSizeHint() const override { return {160, 120}; }

 signals:
  // A left click inside the data area, in data coordinates.
  void clicked(QPointF data);
  void actionRequested(bnlab::plot::ChartAction action);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void enterEvent(QEnterEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;

 private:
  bool logSteps_ = false;
  void drawReadout(QPainter& painter) const;
  QMenu* buildMenu(QWidget* parent);

  QToolButton* corner_;  // shows the chart's menu; visible while the mouse is over the chart

  PlotModel model_;
  QPointF mouse_;
  bool hovering_ = false;
};

}  // namespace bnlab::plot
