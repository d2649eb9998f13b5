#include "charts/palette.h"

#include <QObject>
#include <array>

namespace bnlab::palette {

QColor classColor(int k) {
  static const std::array<QColor, 7> colors{kBlue, kOrange,     kGreen, kPurple,
                                            kSky,  kVermillion, kYellow};
  return colors[static_cast<std::size_t>(((k % 7) + 7) % 7)];
}

namespace {
struct RunColor {
  const QColor& color;
  const char* name;
};
const std::array<RunColor, kRunColorCount> kRunColors{
    {{kOrange, "orange"}, {kBlue, "blue"}, {kGreen, "green"}, {kPurple, "purple"}}};
const RunColor& runEntry(int run) {
  return kRunColors[static_cast<std::size_t>(((run % kRunColorCount) + kRunColorCount) %
                                             kRunColorCount)];
}
}  // namespace

QColor runColor(int run) { return runEntry(run).color; }

QString runColorName(int run) { return QObject::tr(runEntry(run).name); }

QColor withAlpha(QColor c, double a) {
  c.setAlphaF(static_cast<float>(a));
  return c;
}

}  // namespace bnlab::palette
