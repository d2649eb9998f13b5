#include "render/plot_renderer.h"

#include <QFontMetricsF>
#include <QPaintEngine>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "render/plot_header.h"

namespace bnlab::plot {

namespace {

constexpr qreal kPad = kPlotPadding;

struct Extent {
  double min = INFINITY, max = -INFINITY;
  void add(double v) {
    if (!std::isfinite(v)) return;
    min = std::min(min, v);
    max = std::max(max, v);
  }
  bool valid() const { return min <= max; }
};

Range finish(Extent e, double padFraction, bool includeZero) {
  if (includeZero) e.add(0.0);
  if (!e.valid()) return {0, 1};
  if (e.max - e.min < 1e-12 * std::max(1.0, std::abs(e.max))) {
    const double half = std::max(0.5, std::abs(e.max) * 0.1);
    return {e.min - half, e.max + half};
  }
  const double pad = (e.max - e.min) * padFraction;
  return {e.min - pad, e.max + pad};
}

// The raster engine draws pens of at most one device pixel on a fast cosmetic path. Images at
// a scale above 1 and vector files take the same widths in logical units instead, so that they
// look like the screen, only sharper.
bool rasterAtDeviceScale(const QPainter& p) {
  return p.paintEngine() && p.paintEngine()->type() == QPaintEngine::Raster && p.device() &&
         p.device()->devicePixelRatioF() == 1.0;
}

// Where to stamp a 1-pixel stroke so that together the strokes are round(width) pixels thick
// in every direction: (0, 0), then ±1, ±2 … pixels along x and along y (2·n − 1 strokes).
std::vector<QPointF> strokeOffsets(qreal width) {
  const int n = std::max(1, int(std::lround(width)));
  const int first = -(n - 1) / 2;
  std::vector<QPointF> offsets{QPointF(0, 0)};
  for (int i = first; i < first + n; ++i) {
    if (i == 0) continue;
    offsets.emplace_back(i, 0);
    offsets.emplace_back(0, i);
  }
  return offsets;
}

QImage dotSprite(const QColor& color, qreal radius, bool outline, qreal scale) {
  const int size = int(std::ceil((2 * radius + 3) * scale));
  QImage sprite(size, size, QImage::Format_ARGB32_Premultiplied);
  sprite.setDevicePixelRatio(scale);
  sprite.fill(Qt::transparent);
  QPainter painter(&sprite);
  painter.setRenderHint(QPainter::Antialiasing, true);
  const QPointF centre(size / (2 * scale), size / (2 * scale));
  if (outline) {
    painter.setPen(QPen(color, 1.2));
    painter.setBrush(QColor(255, 255, 255, 160));
  } else {
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
  }
  painter.drawEllipse(centre, radius, radius);
  return sprite;
}

void drawLegend(QPainter& p, const PlotModel& m, const PlotGeometry& g, const PlotStyle& style) {
  struct Entry {
    QString name;
    QColor color;
    bool filled;
    Qt::PenStyle style = Qt::SolidLine;
  };
  std::vector<Entry> entries;
  for (const Band& b : m.bands)
    if (b.inLegend && !b.name.isEmpty()) entries.push_back({b.name, b.color, true});
  for (const Bars& b : m.bars)
    if (b.inLegend && !b.name.isEmpty()) entries.push_back({b.name, b.color, true});
  for (const Line& l : m.lines)
    if (l.inLegend && !l.name.isEmpty()) entries.push_back({l.name, l.color, false, l.style});
  for (const Scatter& s : m.scatters)
    if (s.inLegend && !s.name.isEmpty()) entries.push_back({s.name, s.color, true});
  if (entries.size() < 2 && !(entries.size() == 1 && !m.bands.empty())) return;
  // A legend would hide most of a very small chart.
  if (g.plotArea.width() < 150 || g.plotArea.height() < 80) return;
  const QFontMetricsF metrics(p.font());
  qreal width = 0;
  for (const Entry& e : entries) width = std::max(width, metrics.horizontalAdvance(e.name));
  const qreal row = metrics.height();
  const QRectF box(g.plotArea.right() - width - 26 - kPad, g.plotArea.top() + kPad, width + 26,
                   row * entries.size() + 4);
  p.setPen(QPen(style.grid, 1));
  p.setBrush(QColor(255, 255, 255, 215));
  p.drawRoundedRect(box, 3, 3);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const qreal y = box.top() + 2 + row * i;
    const QRectF swatch(box.left() + 5, y + row / 2 - 4, 14, 8);
    if (entries[i].filled) {
      p.setPen(Qt::NoPen);
      QColor c = entries[i].color;
      c.setAlphaF(std::max<qreal>(c.alphaF(), 0.55));
      p.setBrush(c);
      p.drawRect(swatch);
    } else {
      p.setPen(QPen(entries[i].color, 1.5, entries[i].style));
      p.drawLine(QPointF(swatch.left(), swatch.center().y()),
                 QPointF(swatch.right(), swatch.center().y()));
    }
    p.setPen(style.text);
    p.drawText(QRectF(swatch.right() + 4, y, width + 4, row), Qt::AlignVCenter | Qt::AlignLeft,
               entries[i].name);
  }
}

}  // namespace

bool hasData(const PlotModel& m) {
  auto any = [](const auto& list, auto size) {
    return std::any_of(list.begin(), list.end(), [&](const auto& s) { return size(s) > 0; });
  };
  return any(m.lines, [](const Line& l) { return l.points.size(); }) ||
         any(m.bands, [](const Band& b) { return b.lower.size(); }) ||
         any(m.scatters, [](const Scatter& s) { return s.points.size(); }) ||
         any(m.bars, [](const Bars& b) { return b.heights.size(); }) ||
         any(m.cells, [](const Cells& c) { return c.values.size(); }) || m.backdrop.has_value();
}

namespace {
double logStep(double x) { return std::log10(1 + std::max(x, 0.0)); }
}  // namespace

QPointF PlotGeometry::toPixel(QPointF d) const {
  const double fx = xLog ? (logStep(d.x()) - logStep(x.min)) / (logStep(x.max) - logStep(x.min))
                         : (d.x() - x.min) / (x.max - x.min);
  const double fy = (d.y() - y.min) / (y.max - y.min);
  return {plotArea.left() + fx * plotArea.width(), plotArea.bottom() - fy * plotArea.height()};
}

QPointF PlotGeometry::toData(QPointF px) const {
  const double fx = (px.x() - plotArea.left()) / plotArea.width();
  const double fy = (plotArea.bottom() - px.y()) / plotArea.height();
  const double dataX =
      xLog ? std::pow(10.0, logStep(x.min) + fx * (logStep(x.max) - logStep(x.min))) - 1
           : x.min + fx * (x.max - x.min);
  return {dataX, y.min + fy * (y.max - y.min)};
}

void dataRanges(const PlotModel& m, Range& x, Range& y) {
  Extent ex, ey;
  for (const Line& l : m.lines)
    for (const QPointF& p : l.points) ex.add(p.x()), ey.add(p.y());
  for (const Band& b : m.bands) {
    for (const QPointF& p : b.lower) ex.add(p.x()), ey.add(p.y());
    for (const QPointF& p : b.upper) ey.add(p.y());
  }
  for (const Scatter& s : m.scatters)
    for (const QPointF& p : s.points) ex.add(p.x()), ey.add(p.y());
  for (const Bars& b : m.bars) {
    if (b.heights.isEmpty()) continue;
    ex.add(b.start);
    ex.add(b.start + b.width * b.heights.size());
    for (double h : b.heights) ey.add(h);
    ey.add(0);
  }
  for (const Cells& c : m.cells) {
    ex.add(c.rect.left()), ex.add(c.rect.right());
    ey.add(c.rect.top()), ey.add(c.rect.bottom());
  }
  if (m.backdrop) {
    ex.add(m.backdrop->rect.left()), ex.add(m.backdrop->rect.right());
    ey.add(m.backdrop->rect.top()), ey.add(m.backdrop->rect.bottom());
  }
  const bool timeAxis = m.xFormat == AxisFormat::Steps;
  const bool filled = m.backdrop || !m.cells.empty();
  x = m.xRange ? *m.xRange : finish(ex, (timeAxis || filled) ? 0.0 : 0.04, false);
  y = m.yRange ? *m.yRange : finish(ey, filled ? 0.0 : 0.06, m.yIncludesZero);
}

PlotGeometry layoutPlot(const QRectF& area, const PlotModel& m, const QFont& baseFont) {
  PlotGeometry g;
  dataRanges(m, g.x, g.y);
  g.xLog = m.xLog && m.xFormat == AxisFormat::Steps && g.x.min >= 0 && g.x.max > g.x.min;
  const QFont font = plotFont(baseFont, PlotStyle{}.fontPointSize);
  const QFontMetricsF metrics(font);
  const QVector<double> yTicks =
      axisTicks(m.yCategories, g.y.min, g.y.max, std::max(3, int(area.height() / 32)));
  const double yStep = tickStep(yTicks);
  qreal labelWidth = 0;
  for (double t : yTicks)
    labelWidth =
        std::max(labelWidth,
                 metrics.horizontalAdvance(tickLabel(m.yCategories, t, yStep, AxisFormat::Number)));
  const QFont titleFont = plotFont(baseFont, PlotStyle{}.fontPointSize + 1, true);
  const qreal top = layoutHeader(m, area.width() - 2 * kPad, titleFont, font).height + kPad + 2;
  const qreal left = labelWidth + (m.yLabel.isEmpty() ? 0 : metrics.height()) + 3 * kPad;
  const qreal bottom = metrics.height() * (m.xLabel.isEmpty() ? 1 : 2) + 2 * kPad;
  g.plotArea = QRectF(area.left() + left, area.top() + top,
                      std::max<qreal>(10, area.width() - left - 2 * kPad),
                      std::max<qreal>(10, area.height() - top - bottom));
  if (m.equalAspect) {
    // Shrink one side of the plot area so that x and y have the same pixels per unit.
    const double perX = g.plotArea.width() / (g.x.max - g.x.min);
    const double perY = g.plotArea.height() / (g.y.max - g.y.min);
    if (perX > perY) {
      const qreal width = (g.x.max - g.x.min) * perY;
      g.plotArea.adjust((g.plotArea.width() - width) / 2, 0, -(g.plotArea.width() - width) / 2, 0);
    } else {
      const qreal height = (g.y.max - g.y.min) * perX;
      g.plotArea.adjust(0, (g.plotArea.height() - height) / 2, 0,
                        -(g.plotArea.height() - height) / 2);
    }
  }
  return g;
}

void renderPlot(QPainter& p, const QRectF& area, const PlotModel& m, const PlotStyle& style) {
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  p.fillRect(area, style.background);
  const QFont font = plotFont(p.font(), style.fontPointSize);
  const QFont titleFont = plotFont(p.font(), style.fontPointSize + 1, true);
  const PlotGeometry g = layoutPlot(area, m, p.font());
  const QFontMetricsF metrics(font);

  const QRectF headerRect = area.adjusted(kPad, kPad / 2, -kPad, 0);
  drawHeader(
      p, layoutHeader(m, headerRect.width(), titleFont, font), headerRect,
      {.titleFont = titleFont, .noteFont = font, .text = style.text, .mutedText = style.mutedText});
  p.setFont(font);

  const QRectF& plot = g.plotArea;
  const QVector<double> xTicks =
      g.xLog ? logTicks(g.x.min, g.x.max)
             : axisTicks(m.xCategories, g.x.min, g.x.max, std::max(2, int(plot.width() / 70)));
  const QVector<double> yTicks =
      axisTicks(m.yCategories, g.y.min, g.y.max, std::max(3, int(plot.height() / 32)));
  const double xStep = tickStep(xTicks);
  const double yStep = tickStep(yTicks);

  p.setPen(QPen(style.grid, 1));
  for (double t : xTicks) {
    const qreal px = g.toPixel({t, g.y.min}).x();
    p.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
  }
  for (double t : yTicks) {
    const qreal py = g.toPixel({g.x.min, t}).y();
    p.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
  }

  const bool data = hasData(m);
  p.save();
  p.setClipRect(plot);
  if (m.backdrop) {
    const QPointF a = g.toPixel({m.backdrop->rect.left(), m.backdrop->rect.bottom()});
    const QPointF b = g.toPixel({m.backdrop->rect.right(), m.backdrop->rect.top()});
    p.drawImage(QRectF(a, b).normalized(), m.backdrop->image);
  }
  for (const Cells& cells : m.cells) {
    if (cells.rows <= 0 || cells.columns <= 0) continue;
    const double w = cells.rect.width() / cells.columns, h = cells.rect.height() / cells.rows;
    p.setPen(Qt::NoPen);
    for (int r = 0; r < cells.rows; ++r)
      for (int c = 0; c < cells.columns; ++c) {
        const double v = cells.values[std::size_t(r * cells.columns + c)];
        if (!(v > 0)) continue;
        QColor color = cells.color;
        color.setAlphaF(std::clamp(v, 0.0, 1.0));
        const double top = cells.rect.bottom() - r * h;  // row 0 at max y
        p.fillRect(QRectF(g.toPixel({cells.rect.left() + c * w, top}),
                          g.toPixel({cells.rect.left() + (c + 1) * w, top - h}))
                       .normalized(),
                   color);
      }
  }
  for (const Bars& bars : m.bars) {
    // Axis-aligned rectangles: one call, no antialiasing needed.
    QVector<QRectF> rects;
    rects.reserve(bars.heights.size());
    for (int i = 0; i < bars.heights.size(); ++i) {
      const double x0 = bars.start + i * bars.width;
      rects.append(
          QRectF(g.toPixel({x0, bars.heights[i]}), g.toPixel({x0 + bars.width, 0.0})).normalized());
    }
    QPen outline(bars.color.darker(130), 1.0);
    outline.setCosmetic(rasterAtDeviceScale(p));
    p.setPen(outline);
    p.setBrush(bars.color);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.drawRects(rects);
    p.setRenderHint(QPainter::Antialiasing, true);
  }
  for (const Band& band : m.bands) {
    if (band.lower.isEmpty()) continue;
    QPolygonF polygon;
    polygon.reserve(band.lower.size() * 2);
    for (const QPointF& pt : band.lower) polygon << g.toPixel(pt);
    for (auto it = band.upper.rbegin(); it != band.upper.rend(); ++it) polygon << g.toPixel(*it);
    p.setPen(Qt::NoPen);
    p.setBrush(band.color);
    // Nested translucent bands: antialiasing their edges is invisible and costly.
    p.setRenderHint(QPainter::Antialiasing, false);
    p.drawPolygon(polygon);
    p.setRenderHint(QPainter::Antialiasing, true);
  }
  const bool screen = rasterAtDeviceScale(p);
  for (const Line& line : m.lines) {
    if (line.points.isEmpty()) continue;
    QPolygonF polyline;
    polyline.reserve(line.points.size());
    for (const QPointF& pt : line.points) polyline << g.toPixel(pt);
    p.setBrush(Qt::NoBrush);
    if (!screen) {
      // Files: the width in logical units, through the general stroker.
      p.setPen(QPen(line.color, line.width, line.style));
      p.drawPolyline(polyline);
      continue;
    }
    // Screen: round(width) device pixels. Pens wider than one pixel leave the raster engine's
    // fast cosmetic path for the general stroker, some 50 times slower on a long polyline, so
    // a wide line is stamped with the 1-pixel pen at whole-pixel offsets across x and y.
    QPen pen(line.color, 1.0, line.style);
    pen.setCosmetic(true);
    p.setPen(pen);
    for (const QPointF& offset : strokeOffsets(line.width))
      p.drawPolyline(polyline.translated(offset));
  }
  for (const Scatter& scatter : m.scatters) {
    if (scatter.points.isEmpty()) continue;
    if (!p.paintEngine() || p.paintEngine()->type() != QPaintEngine::Raster) {
      // Vector output: real circles.
      p.setPen(scatter.outline ? QPen(scatter.color, 1.2) : QPen(Qt::NoPen));
      p.setBrush(scatter.outline ? QColor(255, 255, 255, 160) : scatter.color);
      for (const QPointF& pt : scatter.points)
        p.drawEllipse(g.toPixel(pt), scatter.radius, scatter.radius);
      continue;
    }
    // One antialiased dot drawn once, then stamped at every point: far cheaper than an
    // ellipse path per point.
    const qreal scale = p.device() ? p.device()->devicePixelRatioF() : 1.0;
    const QImage sprite = dotSprite(scatter.color, scatter.radius, scatter.outline, scale);
    const QPointF offset(sprite.width() / (2 * scale), sprite.height() / (2 * scale));
    for (const QPointF& pt : scatter.points) p.drawImage(g.toPixel(pt) - offset, sprite);
  }
  for (const Marker& marker : m.markers) {
    const qreal px = g.toPixel({marker.x, g.y.min}).x();
    p.setPen(QPen(marker.color, 1.2, Qt::DashLine));
    p.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
    p.setPen(marker.color);
    p.drawText(QRectF(px + 3, plot.top() + 1, 120, metrics.height()), Qt::AlignLeft, marker.label);
  }
  p.restore();

  p.setPen(QPen(style.frame, 1));
  p.setBrush(Qt::NoBrush);
  p.drawRect(plot);
  p.setPen(style.mutedText);
  for (double t : xTicks) {
    // Centred under its tick, but moved inside the chart's area at either end ("1.5k", not "1.5").
    const QString label = tickLabel(m.xCategories, t, g.xLog ? std::max(t, 1.0) : xStep, m.xFormat);
    const qreal width = metrics.horizontalAdvance(label) + 2;
    const qreal px = g.toPixel({t, g.y.min}).x();
    const qreal left =
        std::clamp(px - width / 2, area.left(), std::max(area.left(), area.right() - width));
    p.drawText(QRectF(left, plot.bottom() + 2, width, metrics.height()),
               Qt::AlignHCenter | Qt::AlignTop, label);
  }
  for (double t : yTicks) {
    const qreal py = g.toPixel({g.x.min, t}).y();
    p.drawText(QRectF(area.left(), py - metrics.height() / 2, plot.left() - area.left() - kPad,
                      metrics.height()),
               Qt::AlignRight | Qt::AlignVCenter,
               tickLabel(m.yCategories, t, yStep, AxisFormat::Number));
  }
  p.setPen(style.text);
  if (!m.xLabel.isEmpty())
    p.drawText(QRectF(plot.left(), plot.bottom() + metrics.height() + kPad, plot.width(),
                      metrics.height()),
               Qt::AlignHCenter, m.xLabel);
  if (!m.yLabel.isEmpty()) {
    p.save();
    p.translate(area.left() + kPad / 2, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, 0, plot.height(), metrics.height()), Qt::AlignHCenter,
               m.yLabel);
    p.restore();
  }
  if (!data) {
    p.setPen(style.mutedText);
    p.drawText(plot, Qt::AlignCenter, m.emptyText);
  } else if (m.legend) {
    drawLegend(p, m, g, style);
  }
  p.restore();
}

}  // namespace bnlab::plot
