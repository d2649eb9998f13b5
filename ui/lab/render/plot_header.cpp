#include "render/plot_header.h"

#include <QFontMetricsF>

#include "render/plot_renderer.h"

namespace bnlab::plot {

namespace {

constexpr qreal kNoteGap = 12;  // between the title and a note beside it

// A piece of text that a line may end after, and what joins it to the next piece on a line.
struct Piece {
  QString text;
  QString joiner;
};

// Where a line may end: at " · " and " | " (left out at the end of a line), and after ": ".
struct Separator {
  QString text;
  QString keptAtBreak;  // what stays at the end of the line
};

// `text` cut at its separators; a part wider than `width` is cut after its spaces too.
std::vector<Piece> piecesOf(const QString& text, qreal width, const QFontMetricsF& metrics) {
  static const Separator kSeparators[] = {{QStringLiteral(" · "), {}},
                                          {QStringLiteral(" | "), {}},
                                          {QStringLiteral(": "), QStringLiteral(":")}};
  std::vector<Piece> parts;
  for (qsizetype start = 0;;) {
    qsizetype next = -1;
    const Separator* separator = nullptr;
    for (const Separator& s : kSeparators)
      if (const qsizetype i = text.indexOf(s.text, start); i >= 0 && (next < 0 || i < next))
        next = i, separator = &s;
    if (next < 0) {
      parts.push_back({text.mid(start), {}});
      break;
    }
    parts.push_back({text.mid(start, next - start) + separator->keptAtBreak,
                     separator->text.mid(separator->keptAtBreak.size())});
    start = next + separator->text.size();
  }
  std::vector<Piece> pieces;
  for (const Piece& part : parts) {
    if (metrics.horizontalAdvance(part.text) <= width) {
      pieces.push_back(part);
      continue;
    }
    const QStringList words = part.text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < words.size(); ++i)
      pieces.push_back({words[i], i + 1 < words.size() ? QStringLiteral(" ") : part.joiner});
  }
  return pieces;
}

// `text` on lines of at most `width`, filled greedily, at most `maxLines` of them; `cut` when
// the last had to be elided.
QStringList wrap(const QString& text, qreal width, int maxLines, const QFontMetricsF& metrics,
                 bool& cut) {
  QStringList lines;
  QString line, joiner;
  for (const Piece& piece : piecesOf(text, width, metrics)) {
    const QString longer = line.isEmpty() ? piece.text : line + joiner + piece.text;
    if (line.isEmpty() || metrics.horizontalAdvance(longer) <= width) {
      line = longer;
    } else {
      lines << line;
      line = piece.text;
    }
    joiner = piece.joiner;
  }
  if (!line.isEmpty()) lines << line;
  if (lines.size() > maxLines) {
    const QString rest = lines.mid(maxLines - 1).join(QLatin1Char(' '));
    lines = lines.mid(0, maxLines - 1);
    lines << rest;
  }
  for (QString& l : lines) {
    if (metrics.horizontalAdvance(l) <= width) continue;
    l = metrics.elidedText(l, Qt::ElideRight, width);
    cut = true;
  }
  return lines;
}

}  // namespace

QFont plotFont(const QFont& base, qreal pointSize, bool bold) {
  QFont font = base;
  font.setPointSizeF(pointSize);
  font.setBold(bold);
  return font;
}

PlotHeader layoutHeader(const PlotModel& m, qreal width, const QFont& titleFont,
                        const QFont& noteFont) {
  const QFontMetricsF titleMetrics(titleFont), noteMetrics(noteFont);
  PlotHeader h;
  h.titleLine = titleMetrics.height();
  h.noteLine = noteMetrics.height();
  if (!m.title.isEmpty())
    h.title = wrap(m.title, width, PlotHeader::kMaxTitleLines, titleMetrics, h.titleCut);
  if (!m.note.isEmpty()) {
    const qreal beside =
        h.title.isEmpty() ? 0 : width - titleMetrics.horizontalAdvance(h.title.back()) - kNoteGap;
    h.noteBeside = noteMetrics.horizontalAdvance(m.note) <= beside;
    h.note = h.noteBeside ? QStringList{m.note}
                          : wrap(m.note, width, PlotHeader::kMaxNoteLines, noteMetrics, h.noteCut);
  }
  h.height = h.title.size() * h.titleLine + (h.noteBeside ? 0 : h.note.size() * h.noteLine);
  return h;
}

void drawHeader(QPainter& p, const PlotHeader& h, const QRectF& area, const HeaderStyle& style) {
  qreal y = area.top();
  p.setFont(style.titleFont);
  p.setPen(style.text);
  for (const QString& line : h.title) {
    p.drawText(QRectF(area.left(), y, area.width(), h.titleLine), Qt::AlignLeft | Qt::AlignVCenter,
               line);
    y += h.titleLine;
  }
  p.setFont(style.noteFont);
  p.setPen(style.mutedText);
  if (h.noteBeside) {
    p.drawText(QRectF(area.left(), y - h.titleLine, area.width(), h.titleLine),
               Qt::AlignRight | Qt::AlignVCenter, h.note.front());
    return;
  }
  for (const QString& line : h.note) {
    p.drawText(QRectF(area.left(), y, area.width(), h.noteLine), Qt::AlignLeft | Qt::AlignVCenter,
               line);
    y += h.noteLine;
  }
}

QStringList cutTexts(const PlotModel& m, const QRectF& area, const QFont& base) {
  const PlotStyle style;
  const QFont font = plotFont(base, style.fontPointSize);
  const PlotHeader header = layoutHeader(m, area.width() - 2 * kPlotPadding,
                                         plotFont(base, style.fontPointSize + 1, true), font);
  QStringList cut;
  if (header.titleCut) cut << m.title;
  if (header.noteCut) cut << m.note;
  const PlotGeometry g = layoutPlot(area, m, base);
  const QFontMetricsF metrics(font);
  if (metrics.horizontalAdvance(m.xLabel) > g.plotArea.width()) cut << m.xLabel;
  if (metrics.horizontalAdvance(m.yLabel) > g.plotArea.height()) cut << m.yLabel;
  return cut;
}

}  // namespace bnlab::plot
