#pragma once
// What one chart shows, as plain values in data coordinates. Views build a PlotModel from a
// Snapshot; PlotRenderer turns it into pixels on any QPainter (screen, image, SVG).
#include <QColor>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>
#include <vector>

namespace bnlab::plot {

// Series are built with designated initializers, naming each field they set:
//   Line{.name = tr("median"), .color = c, .points = p, .width = 2}
// Every member has a default, so a builder names only what it sets.

struct Line {
  QString name{};
  QColor color{};
  QVector<QPointF> points{};  // ascending x
  qreal width = 1.6;          // on screen round(width) device pixels; in files logical units
  Qt::PenStyle style = Qt::SolidLine;
  bool inLegend = true;
};

// The area between two curves sampled at the same x values.
struct Band {
  QString name{};
  QColor color{};  // drawn with its alpha
  QVector<QPointF> lower{}, upper{};
  bool inLegend = true;
};

struct Scatter {
  QString name{};
  QColor color{};
  QVector<QPointF> points{};
  qreal radius = 2.2;
  bool outline = false;  // rings instead of dots
  bool inLegend = true;
};

// Bars of equal width starting at `start`: a histogram.
struct Bars {
  QString name{};
  QColor color{};
  double start = 0, width = 1;
  QVector<double> heights{};
  bool inLegend = true;
};

// A heat map: rows × columns cells covering `rect` (data coordinates), row 0 at the top
// (max y); each value in [0, 1] is drawn as `color` at that opacity.
struct Cells {
  QString name{};
  QColor color{};
  int rows = 0, columns = 0;
  QRectF rect{};
  std::vector<double> values{};  // rows × columns, row-major
};

// A vertical line at x with a short label (for example where batch norm was switched).
struct Marker {
  double x = 0;
  QString label{};
  QColor color{};
};

// An image stretched over a rectangle in data coordinates, drawn under everything.
struct Backdrop {
  QImage image{};
  QRectF rect{};  // data coordinates; the image's top row is drawn at rect.bottom() (max y)
};

struct Range {
  double min = 0, max = 1;
};

enum class AxisFormat { Number, Steps };

struct PlotModel {
  QString title{};
  QString xLabel, yLabel;
  AxisFormat xFormat = AxisFormat::Number;
  // A step axis drawn on a log scale, as log₁₀(1 + step): the first hundreds of steps get as much
  // room as the thousands after them.
  bool xLog = false;
  std::vector<Band> bands;
  std::vector<Bars> bars;
  std::vector<Line> lines;
  std::vector<Scatter> scatters;
  std::vector<Marker> markers;
  std::vector<Cells> cells;
  // Category axes: when given, ticks sit at 0, 1, … with these labels instead of numbers.
  QStringList xCategories, yCategories;
  std::optional<Backdrop> backdrop;
  std::optional<Range> xRange, yRange;  // fixed ranges; automatic when empty
  bool yIncludesZero = false;
  bool equalAspect = false;  // one data unit as long on both axes (a map of the plane)
  bool legend = true;
  QString emptyText = QStringLiteral("No data yet");
  QString note{};  // a short line under the title, right-aligned
};

}  // namespace bnlab::plot
