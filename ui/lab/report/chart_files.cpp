#include "report/chart_files.h"

#include <QBuffer>
#include <QFileInfo>
#include <QFontInfo>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScreen>
#include <QSvgGenerator>
#include <algorithm>
#include <cerrno>
#include <cmath>

#include "render/plot_renderer.h"

namespace bnlab {

namespace {

constexpr double kInchesPerMeter = 1.0 / 0.0254;

QString csvNumber(double value) {
  return std::isfinite(value) ? QString::number(value, 'g', 12) : QString();
}

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
QString csvText(QString text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
      !text.contains(QLatin1Char('\n')))
    return text;
  return QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
         QLatin1Char('"');
}

QString description(const ExportStamp& stamp) {
  return QStringLiteral("BatchNorm Lab · %1 · step %2").arg(stamp.title).arg(stamp.step);
}

}  // namespace

qreal screenDpi() {
  const QScreen* screen = QGuiApplication::primaryScreen();
  return screen ? screen->logicalDotsPerInchX() : 96.0;
}

QImage paintImage(QSize size, qreal scale, const PaintFunction& paint) {
  QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
  image.setDevicePixelRatio(scale);
  const int dotsPerMeter = int(std::lround(screenDpi() * kInchesPerMeter));
  image.setDotsPerMeterX(dotsPerMeter);
  image.setDotsPerMeterY(dotsPerMeter);
  image.fill(Qt::white);
  QPainter painter(&image);
  paint(painter);
  return image;
}

QByteArray paintSvg(QSize size, const ExportStamp& stamp, const PaintFunction& paint) {
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator generator;
  generator.setOutputDevice(&buffer);
  generator.setSize(size);
  generator.setViewBox(QRect(QPoint(0, 0), size));
  generator.setResolution(int(std::lround(screenDpi())));
  // QSvgGenerator writes title and description as they are: what other people named (runs,
  // charts) is escaped here, so it stays text.
  generator.setTitle(stamp.title.toHtmlEscaped());
  generator.setDescription((description(stamp) + QStringLiteral("\nConfiguration: ") +
                            QString::fromUtf8(stamp.configJson))
                               .toHtmlEscaped());
  QPainter painter(&generator);
  // Name the font actually used ("DejaVu Sans", not the alias "Sans Serif") for viewers that
  // do not share this machine's font configuration.
  QFont font = QGuiApplication::font();
  font.setFamily(QFontInfo(font).family());
  painter.setFont(font);
  paint(painter);
  painter.end();
  // Each family with the generic fallback, for viewers that lack it.
  QString svg = QString::fromUtf8(buffer.data());
  svg.replace(QRegularExpression(QStringLiteral("font-family=\"([^\",]*)\"")),
              QStringLiteral("font-family=\"\\1, sans-serif\""));
  return svg.toUtf8();
}

PaintFunction chartPainter(const plot::PlotModel& model, QSize size) {
  return [&model, size](QPainter& painter) {
    plot::renderPlot(painter, QRectF(QPointF(0, 0), QSizeF(size)), model);
  };
}

QByteArray chartCsv(const plot::PlotModel& model) {
  QString out = QStringLiteral("series,kind,x,y,low,high,value\n");
  const auto row = [&out](const QString& series, const char* kind, double x, double y, double low,
                          double high, double value = NAN) {
    out += csvText(series) + QLatin1Char(',') + QLatin1String(kind) + QLatin1Char(',') +
           csvNumber(x) + QLatin1Char(',') + csvNumber(y) + QLatin1Char(',') + csvNumber(low) +
           QLatin1Char(',') + csvNumber(high) + QLatin1Char(',') + csvNumber(value) +
           QLatin1Char('\n');
  };
  for (const plot::Band& band : model.bands)
    for (qsizetype i = 0; i < std::min(band.lower.size(), band.upper.size()); ++i)
      row(band.name, "band", band.lower[i].x(), NAN, band.lower[i].y(), band.upper[i].y());
  for (const plot::Bars& bars : model.bars)
    for (qsizetype i = 0; i < bars.heights.size(); ++i) {
      const double left = bars.start + double(i) * bars.width;
      row(bars.name, "bar", left + bars.width / 2, bars.heights[i], left, left + bars.width);
    }
  for (const plot::Line& line : model.lines)
    for (const QPointF& p : line.points) row(line.name, "line", p.x(), p.y(), NAN, NAN);
  for (const plot::Scatter& scatter : model.scatters)
    for (const QPointF& p : scatter.points) row(scatter.name, "scatter", p.x(), p.y(), NAN, NAN);
  for (const plot::Marker& marker : model.markers)
    row(marker.label, "marker", marker.x, NAN, NAN, NAN);
  for (const plot::Cells& cells : model.cells) {
    const double w = cells.rect.width() / std::max(cells.columns, 1);
    const double h = cells.rect.height() / std::max(cells.rows, 1);
    for (int r = 0; r < cells.rows; ++r)
      for (int c = 0; c < cells.columns; ++c)
        row(cells.name, "cell", cells.rect.left() + (c + 0.5) * w,
            cells.rect.bottom() - (r + 0.5) * h, NAN, NAN,
            cells.values[std::size_t(r * cells.columns + c)]);
  }
  return out.toUtf8();
}

bool saveBytes(const QString& path, const QByteArray& bytes, QString& error) {
  QSaveFile file(path);
  // Unbuffered, so that a write that fails fails here, in write(), and not later in commit()
  // with the error lost.
  if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
    error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  errno = 0;
  const qint64 written = file.write(bytes);
  const int writeErrno = errno;
  if (written != bytes.size()) {
    // A write cut short (a full disk, a file-size limit) returns the bytes written before it
    // with no error set (its errorString() is "Unknown error"): errno holds the reason.
    QString reason = file.errorString();
    if (file.error() == QFileDevice::NoError)
      reason = writeErrno != 0 ? qt_error_string(writeErrno)
                               : QStringLiteral("only %1 of %2 bytes were written")
                                     .arg(std::max<qint64>(written, 0))
                                     .arg(bytes.size());
    error = QStringLiteral("Cannot write %1: %2").arg(path, reason);
    file.cancelWriting();
    return false;
  }
  if (!file.commit()) {
    error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

bool savePng(const QString& path, QImage image, const ExportStamp& stamp, QString& error) {
  image.setText(QStringLiteral("Title"), stamp.title);
  image.setText(QStringLiteral("Software"), QGuiApplication::applicationName());
  image.setText(QStringLiteral("Description"), description(stamp));
  image.setText(QStringLiteral("bnlab-step"), QString::number(stamp.step));
  image.setText(QStringLiteral("bnlab-config"), QString::fromUtf8(stamp.configJson));
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  if (!image.save(&buffer, "PNG")) {
    error = QStringLiteral("Cannot encode %1 as PNG").arg(QFileInfo(path).fileName());
    return false;
  }
  return saveBytes(path, bytes, error);
}

}  // namespace bnlab
