#include "headless_run.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryFile>
#include <QTextDocument>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <new>

#include "animation_run.h"
#include "charts/chart_catalog.h"
#include "experiment/experiment.h"
#include "interruption.h"
#include "lessons/lesson_script.h"
#include "lessons/lesson_values.h"
#include "progress_meter.h"
#include "report/chart_files.h"
#include "report/dashboard_export.h"
#include "session/stall_message.h"
#include "session/training_worker.h"
#include "window/offscreen_dashboard.h"

namespace bnlab {

namespace {

int fail(int code, const QString& message) {
  std::fprintf(stderr, "bnlab: %s\n", qPrintable(message));
  return code;
}

// Whether files can be created in `folder` (made when writing if missing), as this user, on
// this disk. Leaves nothing behind.
bool writableFolder(const QString& folder, QString& error) {
  QFileInfo existing(QFileInfo(folder).absoluteFilePath());
  while (!existing.exists()) existing = QFileInfo(existing.absolutePath());
  if (!existing.isDir()) {
    error = QStringLiteral("cannot write in %1: %2 is a file, not a folder")
                .arg(folder, existing.filePath());
    return false;
  }
  QTemporaryFile probe(QDir(existing.filePath()).filePath(QStringLiteral(".bnlab-XXXXXX")));
  if (!probe.open()) {
    error = QStringLiteral("cannot write in %1: %2").arg(folder, probe.errorString());
    return false;
  }
  return true;
}

// Export all of `snap` from the chart catalog, narrowed to --charts and drawn at --chart-size
// (or each kind's size), with the dashboard's picture when `dashboard` is given.
ExportJob exportJob(const CommandLine& cli, const Snapshot& snap, const DashboardPicture* dashboard,
                    bool withEmpty = false) {
  ExportJob job = catalogExportJob(snap, cli.chartSize, withEmpty);
  if (!cli.charts.isEmpty())
    std::erase_if(job.charts,
                  [&](const NamedChart& chart) { return !cli.charts.contains(chart.name); });
  if (dashboard) {
    job.compositeSize = dashboard->dashboardSize();
    job.paintComposite = [dashboard](QPainter& p) { dashboard->paintDashboard(p); };
  }
  return job;
}

// --charts names that the run does not have.
QStringList unknownCharts(const CommandLine& cli, const Snapshot& snap) {
  const std::vector<CatalogChart> all = dashboardCharts(snap, true);
  QStringList unknown;
  for (const QString& name : cli.charts)
    if (std::none_of(all.begin(), all.end(), [&](const CatalogChart& c) { return c.id == name; }))
      unknown << name;
  return unknown;
}

// The files a run would replace; exit code 2 unless --overwrite.
int checkNotReplacing(const CommandLine& cli, const Snapshot& snap,
                      const DashboardPicture* dashboard) {
  if (cli.overwrite) return kExitSuccess;
  if (cli.exports) {
    const QStringList existing = existingFiles(exportJob(cli, snap, dashboard, true), *cli.exports);
    if (!existing.isEmpty())
      return fail(kExitBadInput,
                  QStringLiteral("%1 already holds %2; add --overwrite to replace them")
                      .arg(cli.exports->folder, fileList(existing)));
  }
  if (!cli.screenshot.isEmpty() && QFileInfo::exists(cli.screenshot))
    return fail(kExitBadInput,
                QStringLiteral("%1 exists; add --overwrite to replace it").arg(cli.screenshot));
  return kExitSuccess;
}

// Trains until `steps`, a divergence or a signal to stop; returns the steps trained.
qint64 train(Experiment& experiment, qint64 steps, bool quiet) {
  std::FILE* out = quiet ? nullptr : stdout;
  ProgressMeter progress(steps, out);
  qint64 s = 0;
  while (s < steps && !experiment.diverged() && !interruptSignal()) {
    experiment.step();
    progress.update(++s);
  }
  progress.finish(s);
  return s;
}

// The line of a run that a signal stopped (`where`: "at step 5 of 9"; `outcome`: what was
// written), and its exit code.
int interrupted(int signal, const QString& where, const QString& outcome) {
  std::fprintf(stderr, "bnlab: interrupted by %s %s; %s\n", signalName(signal), qPrintable(where),
               qPrintable(outcome));
  return interruptExitCode(signal);
}

// "wrote 12 files to out and shot.png", or that nothing was asked for.
QString writtenFiles(const QStringList& written) {
  return written.isEmpty()
             ? QStringLiteral("nothing written (no --export, --screenshot or --animate)")
             : QStringLiteral("wrote ") + written.join(QStringLiteral(" and "));
}

void printResults(const Snapshot& snap) {
  for (const RunSnapshot& run : snap.runs)
    std::printf("%-11s train loss %.4f, test loss %.4f, test accuracy %.1f%%\n",
                (run.name + ":").c_str(), run.train.loss, run.test.loss, run.test.accuracy * 100);
}

// Whether the run draws the whole dashboard or window: the offscreen window is for those alone.
bool needsWindow(const CommandLine& cli) {
  const bool composite = cli.exports && cli.exports->composite && cli.exports->hasPicture();
  const bool dashboardAnimation = !cli.animation.isEmpty() && cli.charts.isEmpty();
  return composite || dashboardAnimation || !cli.screenshot.isEmpty();
}

// Saves the window's picture as --screenshot, stamped with the run's configuration and step.
int saveScreenshot(const CommandLine& cli, const QImage& image, const Snapshot& snap) {
  const ExportStamp stamp{QStringLiteral("BatchNorm Lab window"),
                          QJsonDocument(exportJobOf(snap).config).toJson(QJsonDocument::Compact),
                          snap.step};
  QDir().mkpath(QFileInfo(cli.screenshot).absolutePath());
  QString error;
  if (!savePng(cli.screenshot, image, stamp, error)) return fail(kExitWriteFailed, error);
  if (!cli.quiet)
    std::printf("Saved %s (%dx%d)\n", qPrintable(cli.screenshot), image.width(), image.height());
  return kExitSuccess;
}

// The exports and the screenshot of a headless run at `snap`; adds each to `written` ("12 files
// to out", "shot.png"). Returns 0, or the exit code of a failure.
int writeFiles(const CommandLine& cli, const Snapshot& snap, DashboardPicture* dashboard,
               QStringList& written) {
  if (cli.exports) {
    const ExportReport report = writeExport(exportJob(cli, snap, dashboard), *cli.exports);
    if (!report.ok()) return fail(kExitWriteFailed, exportFailure(report));
    const QString folder = QDir::toNativeSeparators(cli.exports->folder);
    if (!cli.quiet)
      std::printf("Wrote %lld files to %s\n", static_cast<long long>(report.written.size()),
                  qPrintable(folder));
    written << QStringLiteral("%1 files to %2").arg(report.written.size()).arg(folder);
  }
  if (!cli.screenshot.isEmpty()) {
    if (const int code = saveScreenshot(cli, dashboard->windowPicture(), snap)) return code;
    written << cli.screenshot;
  }
  return kExitSuccess;
}

// A lesson played without a window: every stage, each action done as the lesson asks; then its
// conclusion with the run's numbers and its claims, checked. Exit 1 when a claim fails.
// `doing` follows what it does, for the line that says where memory ran out.
int runHeadlessLesson(const CommandLine& cli, const char*& doing) {
  const Lesson& lesson = *cli.lesson;
  QString error;
  if (!cli.screenshot.isEmpty() && !writableFolder(QFileInfo(cli.screenshot).absolutePath(), error))
    return fail(kExitBadInput, error);
  if (!cli.overwrite && !cli.screenshot.isEmpty() && QFileInfo::exists(cli.screenshot))
    return fail(kExitBadInput,
                QStringLiteral("%1 exists; add --overwrite to replace it").arg(cli.screenshot));
  if (cli.exports)
    return fail(kExitBadInput, QStringLiteral("--export does not apply to --lesson; use --preset"));
  LessonRun run;
  doing = "playing the lesson";
  try {
    run = runLesson(
        lesson, cli.config,
        [&](int stage, const QJsonObject&) {
          if (!cli.quiet)
            std::printf("%s: step %d of %lld done\n", qPrintable(lesson.title), stage + 1,
                        static_cast<long long>(lesson.stages.size()));
        },
        [] { return interruptSignal() != 0; });
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return fail(kExitBadInput,
                QString::fromUtf8(e.what()).replace(QLatin1Char('\n'), QStringLiteral("; ")));
  }
  // Unfinished, the lesson has no conclusion to check or show.
  if (run.stoppedInStage >= 0)
    return interrupted(
        interruptSignal(),
        QStringLiteral("at step %1, in step %2 of %3 of the lesson")
            .arg(run.snapshot->step)
            .arg(run.stoppedInStage + 1)
            .arg(lesson.stages.size()),
        cli.screenshot.isEmpty()
            ? QStringLiteral("its claims are not checked")
            : QStringLiteral("its claims are not checked and no screenshot written"));
  // Exit 1 when the run did not show what the lesson rests on (lessonRunHolds); a claim its
  // conclusion states may come out either way.
  const QList<ClaimCheck> checks = checkClaims(lesson.claims, run.summary);
  const bool holds = lessonRunHolds(lesson.claims, checks);
  if (!cli.quiet) {
    QTextDocument text;
    text.setHtml(fillLessonText(lesson.stages.last().text, run.summary, lesson.claims));
    std::printf("\n%s\n\nClaims:\n  %s\n", qPrintable(text.toPlainText()),
                qPrintable(claimCheckLines(lesson.claims, checks).join(QStringLiteral("\n  "))));
  }
  if (!cli.screenshot.isEmpty()) {
    doing = "taking the screenshot";
    const QImage image =
        finishedLessonPicture(cli.lessonFile, cli.lesson->id, run.snapshot,
                              run.summary.value(QStringLiteral("remembered")).toObject(), cli.size);
    if (const int code = saveScreenshot(cli, image, *run.snapshot)) return code;
  }
  if (const int signal = interruptSignal())
    return interrupted(
        signal, QStringLiteral("after the lesson's last step"),
        writtenFiles(cli.screenshot.isEmpty() ? QStringList() : QStringList{cli.screenshot}));
  return holds ? kExitSuccess : kExitWriteFailed;
}

// Trains, then writes the exports and the screenshot; `doing` as for runHeadlessLesson.
int trainHeadless(const CommandLine& cli, const char*& doing) {
  // The exported config.json names the steps trained, so that --config repeats the run.
  ExperimentConfig config = cli.config;
  config.steps = cli.steps;
  std::unique_ptr<Experiment> experiment;
  doing = "reading the data and building the networks";
  try {
    experiment = std::make_unique<Experiment>(config);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return fail(kExitBadInput,
                QString::fromUtf8(e.what()).replace(QLatin1Char('\n'), QStringLiteral("; ")));
  }
  QString error;
  if (cli.exports && !writableFolder(cli.exports->folder, error)) return fail(kExitBadInput, error);
  if (!cli.screenshot.isEmpty() && !writableFolder(QFileInfo(cli.screenshot).absolutePath(), error))
    return fail(kExitBadInput, error);
  if (!cli.animation.isEmpty()) {
    if (!writableFolder(QFileInfo(cli.animation).absolutePath(), error))
      return fail(kExitBadInput, error);
    if (!cli.overwrite && QFileInfo::exists(cli.animation))
      return fail(kExitBadInput,
                  QStringLiteral("%1 exists; add --overwrite to replace it").arg(cli.animation));
  }

  // The charts come from the catalog; only pictures of the whole dashboard or window need the
  // offscreen window.
  std::unique_ptr<DashboardPicture> window;
  if (cli.exports || !cli.screenshot.isEmpty() || !cli.animation.isEmpty()) {
    experiment->updateDecisionMaps();
    const SnapshotPtr first = experiment->snapshot();
    if (const QStringList unknown = unknownCharts(cli, *first); !unknown.isEmpty()) {
      QStringList names;
      for (const CatalogChart& chart : dashboardCharts(*first, true)) names << chart.id;
      return fail(kExitBadInput,
                  QStringLiteral("no chart named %1; charts: %2")
                      .arg(unknown.join(QStringLiteral(", ")), names.join(QStringLiteral(", "))));
    }
    if (needsWindow(cli)) {
      doing = "laying out the window";
      window = offscreenDashboard(cli.config, cli.start, cli.size);
      window->showSnapshot(first);
    }
    if (const int code = checkNotReplacing(cli, *first, window.get())) return code;
  }

  if (!cli.quiet)
    for (const std::string& warning : cli.config.warnings())
      std::fprintf(stderr, "bnlab: warning: %s\n", warning.c_str());
  QStringList written;  // what was written, for the line of an interrupted run
  if (cli.animation.isEmpty()) {
    doing = "training";
    train(*experiment, cli.steps, cli.quiet);
  } else {
    doing = "training and recording the animation";
    if (trainRecording(cli, *experiment, cli.charts.isEmpty() ? window.get() : nullptr, error);
        !error.isEmpty())
      return fail(kExitWriteFailed, error);
    written << cli.animation;
  }
  // A diverged run still writes what it measured before; its exit code says it diverged.
  const int exitCode = experiment->diverged() ? kExitDiverged : kExitSuccess;
  if (experiment->diverged())
    std::fprintf(stderr, "bnlab: %s\n", qPrintable(divergenceMessage(*experiment, true)));
  doing = "measuring the last step";
  experiment->measureCheckpoint();  // the end of a run, as the window measures it
  experiment->updateDecisionMaps();
  const SnapshotPtr snapshot = experiment->snapshot();
  if (!cli.quiet) printResults(*snapshot);
  if (const QString stall = stallMessage(*snapshot, true); !stall.isEmpty() && !cli.quiet)
    std::fprintf(stderr, "bnlab: warning: %s\n", qPrintable(stall));
  if (cli.exports || !cli.screenshot.isEmpty()) {
    doing = "drawing and writing the files";
    if (window) window->showSnapshot(snapshot);
    if (const int code = checkNotReplacing(cli, *snapshot, window.get())) return code;
    if (const int code = writeFiles(cli, *snapshot, window.get(), written)) return code;
  }
  // A signal stopped training, or came while the files were written (all of them were).
  if (const int signal = interruptSignal())
    return interrupted(signal,
                       QStringLiteral("at step %1 of %2").arg(snapshot->step).arg(cli.steps),
                       writtenFiles(written));
  return exitCode;
}

}  // namespace

int runHeadless(const CommandLine& cli) {
  // A literal: saying where memory ran out must not need memory.
  const char* doing = "starting";
  try {
    return cli.lesson ? runHeadlessLesson(cli, doing) : trainHeadless(cli, doing);
  } catch (const std::bad_alloc&) {
    // Everything the run held is freed by now.
    std::fprintf(stderr,
                 "bnlab: out of memory while %s (fewer --runs, narrower --layers, a smaller "
                 "--probe-size, --samples or --train-limit need less)\n",
                 doing);
  } catch (const std::exception& e) {
    std::fprintf(
        stderr, "bnlab: %s while %s\n",
        qPrintable(QString::fromUtf8(e.what()).replace(QLatin1Char('\n'), QStringLiteral("; "))),
        doing);
  }
  return kExitBadInput;
}

}  // namespace bnlab
