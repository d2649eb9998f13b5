#pragma once
// What File → Record animation (or a chart's menu) records: which picture, into which file, at
// which size, scale and frame rate, and for how long.
#include <QSize>
#include <QString>

namespace bnlab {

struct RecordingPlan {
  QString path;              // FILE.gif or FILE.mp4
  QString chart;             // a chart's object name, or "" for the whole dashboard
  QSize size;                // a chart's size in logical pixels (the dashboard: as on screen)
  int scale = 1;             // pixels per logical pixel: 1, 2 or 4
  int framesPerSecond = 10;  // playback
  qint64 steps = 0;          // 0: until stopped, a frame every 1/fps s; else the next `steps`
  int frames = 60;           // … in `frames` frames at evenly spread steps
  static constexpr int kMostFramePixels = 4096 * 4096;  // a frame's pixels, at its scale
  static constexpr int kMostFrames = 1000;              // as --frames
};

// The choices the dialog remembers (QSettings "animation/…"): format and folder (in `path`,
// whose file name is the chart's), frame rate, scale, length.
RecordingPlan loadRecordingPlan(const QString& fileName);
void saveRecordingPlan(const RecordingPlan& plan);

}  // namespace bnlab
