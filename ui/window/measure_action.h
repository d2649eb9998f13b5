#pragma once
// A View-menu switch for a measure taken every N steps (the loss-landscape probe, the gradient
// shift): checked while the measure is on, its text naming the interval it measures at. The
// interval is the configuration's when it gives one, else a default.
#include <QAction>

namespace bnlab {

class MeasureAction : public QAction {
  Q_OBJECT
 public:
  // `text` holds %1 for the interval, e.g. tr("&Loss-landscape probe (every %1 steps)").
  MeasureAction(const QString& text, int defaultEvery, QObject* parent);

  // Checked when `every` > 0, which becomes the interval (else the default); emits no toggled.
  void showEvery(int every);
  // Steps between measures now: the interval while checked, 0 while not.
  int every() const { return isChecked() ? interval_ : 0; }

 private:
  QString format_;
  int defaultEvery_;
  int interval_;
};

}  // namespace bnlab
