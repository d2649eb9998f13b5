#pragma once
// Charts and widgets into files: PNG at a scale, SVG, and a chart's points as CSV. Pictures are
// painted by the same code as the screen (a paint function on a QPainter); every file is written
// through QSaveFile, so a failure leaves no partial file.
#include <QByteArray>
#include <QImage>
#include <QPainter>
#include <QSize>
#include <QString>
#include <functional>

#include "render/plot_model.h"

namespace bnlab {

// What produced a picture, carried inside it (PNG text chunks, SVG title and description).
struct ExportStamp {
  QString title;          // the chart's title, or "Dashboard"
  QByteArray configJson;  // the resolved configuration, compact JSON
  qint64 step = 0;        // the optimizer step the picture shows
};

using PaintFunction = std::function<void(QPainter&)>;

// The logical dots per inch of the screen (96 without one): pictures use it so that text has
// the size it has on screen and the layout computed with the screen's font metrics fits.
qreal screenDpi();

// `paint` draws in logical coordinates on `size`; the image has size × scale pixels.
QImage paintImage(QSize size, qreal scale, const PaintFunction& paint);
// An SVG document of `size` (its view box) holding `stamp` as title and description.
QByteArray paintSvg(QSize size, const ExportStamp& stamp, const PaintFunction& paint);

PaintFunction chartPainter(const plot::PlotModel& model, QSize size);

// Every point a chart shows, one row each, under the header series,kind,x,y,low,high,value:
//   line, scatter: x, y
//   band:          x, low, high (the band's lower and upper edge at x)
//   bar:           x (bin centre), y (height), low, high (the bin's edges)
//   marker:        x (its label is the series)
//   cell:          x, y (the cell's centre), value (of a heat map, 0 … 1)
QByteArray chartCsv(const plot::PlotModel& model);

// Writes atomically; on failure returns false and sets `error` to one sentence naming the file
// and the system's reason ("Cannot write out/a.png: No space left on device").
bool saveBytes(const QString& path, const QByteArray& bytes, QString& error);
bool savePng(const QString& path, QImage image, const ExportStamp& stamp, QString& error);

}  // namespace bnlab
