#pragma once
// A chart's header: the title at the top left and the note (a key, a focus, the latest numbers)
// at the right of the same line when both fit. When they do not, each wraps onto lines of its
// own, the note under the title, broken at their separators (" · ", " | ", ": ") and if need be
// at spaces, so that the data area grows a line shorter instead of a word or a number being cut.
#include <QColor>
#include <QFont>
#include <QPainter>
#include <QRectF>
#include <QStringList>

#include "render/plot_model.h"

namespace bnlab::plot {

// The margin around a chart's parts, in pixels.
inline constexpr qreal kPlotPadding = 4.0;

// A chart font: `base`'s family at `pointSize`.
QFont plotFont(const QFont& base, qreal pointSize, bool bold = false);

struct PlotHeader {
  QStringList title;        // lines, left-aligned
  QStringList note;         // lines: right-aligned beside the title, else left-aligned under it
  bool noteBeside = false;  // the one note line shares the title's last line
  qreal titleLine = 0, noteLine = 0;       // line heights
  qreal height = 0;                        // all the lines
  bool titleCut = false, noteCut = false;  // elided: even the most lines could not hold it
  static constexpr int kMaxTitleLines = 3, kMaxNoteLines = 3;
};

// The header of `m` on a line `width` wide, in the title and note fonts.
PlotHeader layoutHeader(const PlotModel& m, qreal width, const QFont& titleFont,
                        const QFont& noteFont);

struct HeaderStyle {
  QFont titleFont, noteFont;
  QColor text, mutedText;
};
// Draws `header` from the top left of `area` (its width: the one the header was laid out on).
void drawHeader(QPainter& painter, const PlotHeader& header, const QRectF& area,
                const HeaderStyle& style);

// The texts of `m` that a chart drawn on `area` shows only in part (elided or wider than their
// room): its title, its note, its axis titles. Empty when every one is whole.
QStringList cutTexts(const PlotModel& m, const QRectF& area, const QFont& base);

}  // namespace bnlab::plot
