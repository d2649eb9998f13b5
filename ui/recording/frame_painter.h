#pragma once
// What a recording needs of the window besides its lab session: to draw the newest snapshot now
// or show a given one, the picture of one frame, and a lesson's stop. The window is one; a
// recorder knows nothing else of it.
#include <QImage>
#include <QSize>
#include <QString>
#include <optional>

#include "experiment/snapshot.h"

namespace bnlab {

class FramePainter {
 public:
  virtual ~FramePainter() = default;
  // Draws the newest snapshot now; shows `snapshot` in every chart.
  virtual void redraw() = 0;
  virtual void showSnapshot(SnapshotPtr snapshot) = 0;
  // One frame's picture: the chart `chart` at `size` (empty: as on screen), or the whole
  // dashboard (""); null if there is no such chart.
  virtual QImage animationPicture(const QString& chart, QSize size, qreal scale) const = 0;
  // While a lesson plays: the step its stage stops training at (−1: the stage waits for an
  // action); none outside a lesson.
  virtual std::optional<qint64> lessonStop() const = 0;
};

}  // namespace bnlab
