#pragma once
// Draws a PlotModel: frame, grid, ticks, axis titles, series, markers, legend. One painting
// path for the screen and for files.
#include <QPainter>
#include <QTransform>

#include "render/plot_model.h"
#include "render/plot_ticks.h"

namespace bnlab::plot {

struct PlotStyle {
  QColor background = QColor(0xff, 0xff, 0xff);
  QColor frame = QColor(0x9a, 0xa0, 0xa6);
  QColor grid = QColor(0xe8, 0xea, 0xed);
  QColor text = QColor(0x20, 0x21, 0x24);
  QColor mutedText = QColor(0x5f, 0x63, 0x68);
  qreal fontPointSize = 8.0;
};

// Where the data area sits inside the widget and how data maps onto it.
struct PlotGeometry {
  QRectF plotArea;    // pixels
  Range x, y;         // data ranges shown
  bool xLog = false;  // x drawn as log₁₀(1 + x) (x ≥ 0)
  QPointF toPixel(QPointF data) const;
  QPointF toData(QPointF pixel) const;
};

// Whether the model has anything to draw (else the chart shows its emptyText).
bool hasData(const PlotModel& model);

// The data ranges a model shows (fixed or from its series, padded, never empty).
void dataRanges(const PlotModel& model, Range& x, Range& y);

PlotGeometry layoutPlot(const QRectF& area, const PlotModel& model, const QFont& font);

void renderPlot(QPainter& painter, const QRectF& area, const PlotModel& model,
                const PlotStyle& style = {});

}  // namespace bnlab::plot
