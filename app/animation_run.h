#pragma once
// bnlab --headless --animate FILE.gif: trains while recording frames at evenly spread steps, each
// the chart --charts names, drawn from the chart catalog at --chart-size or its kind's size, or the
// whole dashboard as the offscreen window lays it out, with the step written in a corner,
// streamed into the file as it goes.
#include <QString>

#include "command_line.h"

namespace bnlab {

class DashboardPicture;
class Experiment;

// --animate FILE (.gif or .mp4) with --frames and --fps, into `out`; false with one sentence in
// `error` on bad values.
bool parseAnimationOptions(const QString& file, const QString& frames, const QString& fps,
                           CommandLine& out, QString& error);

// Trains `experiment` to cli.steps (or a divergence or a signal) while writing the animation.
// `dashboard` draws the frames of the whole dashboard (null when --charts names one). Returns the
// steps trained; on a write failure sets `error`.
qint64 trainRecording(const CommandLine& cli, Experiment& experiment, DashboardPicture* dashboard,
                      QString& error);

}  // namespace bnlab
