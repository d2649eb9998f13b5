#include "session/shown_text.h"

namespace bnlab {

QString elided(const QString& text, int maxCharacters) {
  if (text.size() <= maxCharacters) return text;
  QString cut = text.left(maxCharacters);
  const qsizetype space = cut.lastIndexOf(QLatin1Char(' '));
  if (space > maxCharacters * 4 / 5) cut.truncate(space);
  return cut + QChar(0x2026);
}

QString breakable(const QString& text, int maxRun) {
  QString out;
  out.reserve(text.size() + text.size() / maxRun);
  int run = 0;
  for (const QChar c : text) {
    if (c.isSpace() || c == QChar(0x200B) || c == QLatin1Char('-'))
      run = 0;
    else if (++run > maxRun) {
      out += QChar(0x200B);
      run = 1;
    }
    out += c;
  }
  return out;
}

}  // namespace bnlab
