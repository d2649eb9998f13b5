#include "progress_meter.h"

#include <unistd.h>

#include <QLocale>
#include <QString>
#include <algorithm>

namespace bnlab {

namespace {

QString duration(double seconds) {
  if (!(seconds < 1e7)) return QStringLiteral("?");
  const auto s = qint64(seconds + 0.5);
  if (s < 60) return QStringLiteral("%1 s").arg(s);
  if (s < 3600) return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
  return QStringLiteral("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60);
}

}  // namespace

ProgressMeter::ProgressMeter(qint64 totalSteps, std::FILE* out)
    : total_(std::max<qint64>(totalSteps, 1)),
      out_(out),
      terminal_(out && isatty(fileno(out)) != 0) {
  clock_.start();
}

void ProgressMeter::report(qint64 step, bool last) {
  // Checks the clock every few steps only.
  nextCheck_ = out_ ? step + 16 : total_ + 1;
  if (!out_) return;
  const qint64 now = clock_.elapsed();
  const int tenth = int(step * 10 / total_);
  const bool due =
      terminal_ ? now - lastPrintMs_ >= 100 : (tenth > lastTenth_ || now - lastPrintMs_ >= 10000);
  if (!due && !last) return;
  lastPrintMs_ = now;
  lastTenth_ = tenth;
  const double seconds = std::max(1e-9, double(clock_.nsecsElapsed()) * 1e-9);
  const double rate = double(step) / seconds;
  const double fraction = double(step) / double(total_);
  const QLocale locale(QLocale::English);
  const QString counts =
      QStringLiteral("%1/%2 steps  %3 steps/s")
          .arg(locale.toString(step), locale.toString(total_), locale.toString(qint64(rate + 0.5)));
  const QString left =
      last ? QStringLiteral("took %1").arg(duration(seconds))
           : QStringLiteral("%1 left").arg(rate > 0 ? duration(double(total_ - step) / rate)
                                                    : QStringLiteral("?"));
  if (terminal_) {
    constexpr int kBar = 28;
    const int filled = std::clamp(int(fraction * kBar + 0.5), 0, kBar);
    const QString bar = QString(filled, QChar(0x2588)) + QString(kBar - filled, QChar(0x2591));
    std::fprintf(out_, "\r\033[K%s %3d%%  %s  %s%s", bar.toUtf8().constData(),
                 int(fraction * 100 + 0.5), qPrintable(counts), qPrintable(left), last ? "\n" : "");
  } else {
    std::fprintf(out_, "%3d%%  %s  %s\n", int(fraction * 100 + 0.5), qPrintable(counts),
                 qPrintable(left));
  }
  std::fflush(out_);
}

void ProgressMeter::finish(qint64 step) { report(step, true); }

}  // namespace bnlab
