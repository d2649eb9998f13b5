#include "window/measure_action.h"

#include <QSignalBlocker>

namespace bnlab {

MeasureAction::MeasureAction(const QString& text, int defaultEvery, QObject* parent)
    : QAction(parent), format_(text), defaultEvery_(defaultEvery), interval_(defaultEvery) {
  setCheckable(true);
  showEvery(0);
}

void MeasureAction::showEvery(int every) {
  interval_ = every > 0 ? every : defaultEvery_;
  const QSignalBlocker blocker(this);
  setChecked(every > 0);
  setText(format_.arg(interval_));
}

}  // namespace bnlab
