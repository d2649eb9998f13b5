#pragma once
// Progress of a headless run on stdout: on a terminal, one line redrawn in place with a bar,
// steps/s and the time left; otherwise (a pipe, a log file) a plain line every 10% or 10 s.
#include <QElapsedTimer>
#include <cstdio>

namespace bnlab {

class ProgressMeter {
 public:
  // `out` null: silent.
  ProgressMeter(qint64 totalSteps, std::FILE* out);
  // Cheap enough to call after every step.
  void update(qint64 step) {
    if (step >= nextCheck_) report(step, false);
  }
  void finish(qint64 step);
  double elapsedSeconds() const { return double(clock_.nsecsElapsed()) * 1e-9; }

 private:
  void report(qint64 step, bool last);

  qint64 total_;
  std::FILE* out_;
  bool terminal_;
  QElapsedTimer clock_;
  qint64 nextCheck_ = 0;
  qint64 lastPrintMs_ = 0;
  int lastTenth_ = 0;
};

}  // namespace bnlab
