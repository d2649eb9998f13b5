#pragma once
// What a recording needs of the window it records: the training it holds at a frame's step and
// resumes, the snapshot shown, and the pictures it takes. The window is one; a recorder knows
// nothing else of it.
#include <QImage>
#include <QSize>
#include <QString>
#include <optional>

#include "session/training_controller.h"

namespace bnlab {

class RecordingSource {
 public:
  virtual ~RecordingSource() = default;
  virtual TrainingController& controller() = 0;
  // Whether the user has training playing (the Play/Pause button), and setting it.
  virtual bool playing() const = 0;
  virtual void setPlaying(bool on) = 0;
  // Draws the newest snapshot now; the snapshot shown.
  virtual void redraw() = 0;
  virtual SnapshotPtr shownSnapshot() const = 0;
  virtual void showSnapshot(SnapshotPtr snapshot) = 0;
  // One frame's picture: the chart `chart` at `size` (empty: as on screen), or the whole
  // dashboard (""); null if there is no such chart.
  virtual QImage animationPicture(const QString& chart, QSize size, qreal scale) const = 0;
  // While a lesson plays: the step its stage stops training at (−1: the stage waits for an
  // action); none outside a lesson.
  virtual std::optional<qint64> lessonStop() const = 0;
};

}  // namespace bnlab
