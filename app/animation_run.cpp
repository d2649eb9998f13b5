#include "animation_run.h"

#include <QApplication>
#include <QFileInfo>

#include "interruption.h"
#include "progress_meter.h"
#include "report/animation_encoder.h"
#include "report/animation_frame.h"
#include "window/main_window.h"

namespace bnlab {

// --animate FILE.gif with --frames and --fps.
bool parseAnimationOptions(const QString& file, const QString& frames, const QString& fps,
                           CommandLine& out, QString& error) {
  if (file.isEmpty() || QFileInfo(file).isDir()) {
    error = QStringLiteral("--animate needs a .gif or .mp4 file name");
    return false;
  }
  if (!file.endsWith(QLatin1String(".gif"), Qt::CaseInsensitive) &&
      !file.endsWith(QLatin1String(".mp4"), Qt::CaseInsensitive)) {
    error = QStringLiteral("--animate writes GIF or MP4: name the file .gif or .mp4, not %1")
                .arg(QFileInfo(file).fileName());
    return false;
  }
  bool ok = false;
  out.frames = frames.toInt(&ok);
  if (!ok || out.frames < 2 || out.frames > 1000) {
    error =
        QStringLiteral("--frames must be a whole number from 2 to 1000, not \"%1\"").arg(frames);
    return false;
  }
  out.fps = fps.toInt(&ok);
  if (!ok || out.fps < 1 || out.fps > 50) {
    error = QStringLiteral("--fps must be a whole number from 1 to 50, not \"%1\"").arg(fps);
    return false;
  }
  out.animation = file;
  return true;
}

qint64 trainRecording(const CommandLine& cli, Experiment& experiment, MainWindow& window,
                      QString& error) {
  ProgressMeter progress(cli.steps, cli.quiet ? nullptr : stdout);
  // Frames are encoded on the encoder's thread while training goes on.
  AnimationEncoder encoder(cli.animation, cli.fps);
  int frames = 0;
  bool writing = true;  // false once the encoder has failed: its message comes when it ends
  // Decision maps cost a pass over a grid of the plane: only for pictures that show them.
  const bool maps =
      cli.charts.isEmpty() || cli.charts.front().startsWith(QLatin1String("decision"));
  const auto record = [&](qint64 step) {
    if (maps) experiment.updateDecisionMaps();
    window.showSnapshot(experiment.snapshot());  // sets every chart's model at once
    // The dashboard is drawn from its widgets, laid out in events; one chart is drawn from its
    // model alone, without repainting the (offscreen) window.
    if (cli.charts.isEmpty()) QApplication::processEvents();
    const QImage picture =
        stampStep(window.animationPicture(cli.charts.isEmpty() ? QString() : cli.charts.front(),
                                          cli.chartSize, cli.scale),
                  step);
    writing = encoder.addWhenRoom(picture, 1);
    frames += writing;
  };
  qint64 s = 0;
  record(0);
  for (int frame = 1; frame < cli.frames && writing; ++frame) {
    const qint64 until = cli.steps * frame / (cli.frames - 1);
    while (s < until && !experiment.diverged() && !interruptSignal()) {
      experiment.step();
      progress.update(++s);
    }
    if (s < until) break;  // diverged or interrupted: the frames so far are the animation
    record(s);
  }
  encoder.finish();
  encoder.waitForFinished();
  progress.finish(s);
  error = encoder.error();
  if (error.isEmpty() && !cli.quiet)
    std::printf("Saved %s (%d frames)\n", qPrintable(cli.animation), frames);
  return s;
}

}  // namespace bnlab
