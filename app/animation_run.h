#pragma once
// bnlab --headless --animate FILE.gif: trains while recording frames at evenly spread steps, each
// the chart --charts names (or the whole dashboard) as the offscreen window lays it out, with the
// step written in a corner, streamed into the GIF as it goes.
#include <QString>

#include "command_line.h"

namespace bnlab {

class Experiment;
class MainWindow;

// --animate FILE (.gif or .mp4) with --frames and --fps, into `out`; false with one sentence in
// `error` on bad values.
bool parseAnimationOptions(const QString& file, const QString& frames, const QString& fps,
                           CommandLine& out, QString& error);

// Trains `experiment` to cli.steps (or a divergence or a signal) while writing the animation.
// Returns the steps trained; on a write failure sets `error`.
qint64 trainRecording(const CommandLine& cli, Experiment& experiment, MainWindow& window,
                      QString& error);

}  // namespace bnlab
