#include "render/plot_ticks.h"

#include <algorithm>
#include <cmath>

namespace bnlab::plot {

QVector<double> niceTicks(double min, double max, int target) {
  QVector<double> ticks;
  if (!(max > min) || !std::isfinite(min) || !std::isfinite(max)) return ticks;
  const double raw = (max - min) / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  for (double t = std::ceil(min / step) * step; t <= max + step * 1e-9; t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

QVector<double> logTicks(double min, double max) {
  QVector<double> ticks;
  if (min <= 0) ticks << 0;
  for (double t = 1; t <= max; t *= 10)
    if (t >= min) ticks << t;
  return ticks;
}

double tickStep(const QVector<double>& ticks) {
  if (ticks.size() > 1) return ticks[1] - ticks[0];
  return ticks.size() == 1 && ticks[0] != 0 ? std::abs(ticks[0]) : 1.0;
}

namespace {

QString formatTickText(double value, double step, AxisFormat format) {
  if (format == AxisFormat::Steps) {
    if (std::abs(value) >= 1e6 && step >= 1e5) return QString::number(value / 1e6, 'g', 4) + "M";
    if (std::abs(value) >= 1e3 && step >= 100) return QString::number(value / 1e3, 'g', 4) + "k";
    return QString::number(value, 'f', 0);
  }
  // As many decimals as the step needs to be exact (0.25 needs 2), at most 6.
  int decimals = 0;
  while (decimals < 6 && std::abs(step * std::pow(10.0, decimals) -
                                  std::round(step * std::pow(10.0, decimals))) > 1e-6)
    ++decimals;
  if (std::abs(value) >= 1e5 || (std::abs(value) > 0 && std::abs(value) < 1e-4))
    return QString::number(value, 'g', 3);
  return QString::number(value, 'f', decimals);
}

// "-0" and "-0.00" (a tiny negative rounded away, or −0.0) read as zero.
QString withoutNegativeZero(QString text) {
  if (text.startsWith(QLatin1Char('-')) && std::all_of(text.begin() + 1, text.end(), [](QChar c) {
        return c == QLatin1Char('0') || c == QLatin1Char('.');
      }))
    text.remove(0, 1);
  return text;
}

}  // namespace

QString formatTick(double value, double step, AxisFormat format) {
  return withoutNegativeZero(formatTickText(value, step, format));
}

QVector<double> axisTicks(const QStringList& categories, double min, double max, int target) {
  if (categories.isEmpty()) return niceTicks(min, max, target);
  QVector<double> ticks;
  for (int i = 0; i < categories.size(); ++i) ticks << i;
  return ticks;
}

QString tickLabel(const QStringList& categories, double value, double step, AxisFormat format) {
  if (categories.isEmpty()) return formatTick(value, step, format);
  const int i = int(std::lround(value));
  return i >= 0 && i < categories.size() ? categories[i] : QString();
}

}  // namespace bnlab::plot
