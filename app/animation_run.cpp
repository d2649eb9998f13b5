#include "animation_run.h"

#include <QFileInfo>

#include "charts/chart_catalog.h"
#include "experiment/experiment.h"
#include "interruption.h"
#include "progress_meter.h"
#include "report/animation_encoder.h"
#include "report/animation_frame.h"
#include "report/chart_files.h"
#include "report/dashboard_picture.h"

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

namespace {

// One frame: the whole dashboard, or the chart named `chart` drawn from the catalog.
QImage framePicture(const CommandLine& cli, const SnapshotPtr& snapshot,
                    DashboardPicture* dashboard) {
  if (dashboard) {
    dashboard->showSnapshot(snapshot);
    const QSize size = dashboard->dashboardSize();
    return paintImage(size, cli.scale, [dashboard](QPainter& p) { dashboard->paintDashboard(p); });
  }
  for (const CatalogChart& chart : dashboardCharts(*snapshot, true)) {
    if (chart.id != cli.charts.front()) continue;
    const QSize size = cli.chartSize.isEmpty() ? chart.kind->exportSize : cli.chartSize;
    return paintImage(size, cli.scale, chartPainter(chart.model(*snapshot), size));
  }
  return {};
}

}  // namespace

qint64 trainRecording(const CommandLine& cli, Experiment& experiment, DashboardPicture* dashboard,
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
    const QImage picture = stampStep(framePicture(cli, experiment.snapshot(), dashboard), step);
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
