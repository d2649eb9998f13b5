#include "palette.h"

#include <array>

namespace bnlab::palette {

QColor classColor(int k) {
  static const std::array<QColor, 7> colors{kBlue, kOrange, kGreen, kPurple, kSky, kVermillion, kYellow};
  return colors[static_cast<std::size_t>(((k % 7) + 7) % 7)];
}

QColor withAlpha(QColor c, double a) {
  c.setAlphaF(static_cast<float>(a));
  return c;
}

}  // namespace bnlab::palette
