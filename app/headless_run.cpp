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
#include "experiment/experiment.h"
#include "interruption.h"
#include "lessons/lesson_script.h"
#include "lessons/lesson_values.h"
#include "progress_meter.h"
#include "report/chart_files.h"
#include "report/dashboard_export.h"
#include "session/stall_message.h"
#include "session/training_worker.h"
#include "window/main_window.h"

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

// The window's Export all, narrowed to --charts and drawn at --chart-size.
ExportJob exportJob(const CommandLine& cli, const MainWindow& window, bool withEmpty = false) {
  ExportJob job = window.exportJob(withEmpty);
  if (!cli.charts.isEmpty())
    std::erase_if(job.charts,
                  [&](const NamedChart& chart) { return !cli.charts.contains(chart.name); });
  if (!cli.chartSize.isEmpty())
    for (NamedChart& chart : job.charts) chart.size = cli.chartSize;
  return job;
}

// --charts names that the window does not have.
QStringList unknownCharts(const CommandLine& cli, const MainWindow& window) {
  const ExportJob all = window.exportJob(true);
  QStringList unknown;
  for (const QString& name : cli.charts)
    if (std::none_of(all.charts.begin(), all.charts.end(),
                     [&](const NamedChart& c) { return c.name == name; }))
      unknown << name;
  return unknown;
}

// The files a run would replace; exit code 2 unless --overwrite.
int checkNotReplacing(const CommandLine& cli, const MainWindow& window) {
  if (cli.overwrite) return kExitSuccess;
  if (cli.exports) {
    const QStringList existing = existingFiles(exportJob(cli, window, true), *cli.exports);
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

// The offscreen window the pictures are laid out in, showing the run's first snapshot.
std::unique_ptr<MainWindow> layOut(const CommandLine& cli, Experiment& experiment) {
  auto window = std::make_unique<MainWindow>(cli.config, MainWindow::Start::Viewer);
  if (!cli.start.name.isEmpty()) window->showCaption(cli.start);
  window->resize(cli.size);
  window->show();
  experiment.updateDecisionMaps();
  window->showSnapshot(experiment.snapshot());
  QApplication::processEvents();
  return window;
}

// The exports and the screenshot of a headless run, from its window showing `step`; adds each
// to `written` ("12 files to out", "shot.png"). Returns 0, or the exit code of a failure.
int writeFiles(const CommandLine& cli, MainWindow& window, qint64 step, QStringList& written) {
  if (cli.exports) {
    const ExportReport report = writeExport(exportJob(cli, window), *cli.exports);
    if (!report.ok()) return fail(kExitWriteFailed, exportFailure(report));
    const QString folder = QDir::toNativeSeparators(cli.exports->folder);
    if (!cli.quiet)
      std::printf("Wrote %lld files to %s\n", static_cast<long long>(report.written.size()),
                  qPrintable(folder));
    written << QStringLiteral("%1 files to %2").arg(report.written.size()).arg(folder);
  }
  if (!cli.screenshot.isEmpty()) {
    const QImage image = window.grab().toImage();
    const ExportStamp stamp{QStringLiteral("BatchNorm Lab window"),
                            QJsonDocument(window.exportJob().config).toJson(QJsonDocument::Compact),
                            step};
    QDir().mkpath(QFileInfo(cli.screenshot).absolutePath());
    QString error;
    if (!savePng(cli.screenshot, image, stamp, error)) return fail(kExitWriteFailed, error);
    if (!cli.quiet)
      std::printf("Saved %s (%dx%d)\n", qPrintable(cli.screenshot), image.width(), image.height());
    written << cli.screenshot;
  }
  return kExitSuccess;
}

}  // namespace

int lessonIndex(MainWindow& window, const CommandLine& cli) {
  LessonPanel* panel = window.lessonPanel();
  if (!cli.lessonFile.isEmpty()) {
    QString error;
    panel->openLessonFile(cli.lessonFile, error);
    return int(panel->lessons().size()) - 1;
  }
  for (int i = 0; i < panel->lessons().size(); ++i)
    if (panel->lessons()[i].id == cli.lesson->id) return i;
  return -1;
}

namespace {

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
  bool holds = true;
  QStringList claims;
  for (const LessonClaim& claim : lesson.claims) {
    const ClaimCheck check = checkClaim(claim, run.summary);
    holds = holds && check.holds;
    claims << QStringLiteral("  %1 %2 (%3)")
                  .arg(check.holds ? QStringLiteral("holds:") : QStringLiteral("DOES NOT HOLD:"),
                       claim.that, check.measured);
  }
  if (!cli.quiet) {
    QTextDocument text;
    text.setHtml(fillLessonText(lesson.stages.last().text, run.summary));
    std::printf("\n%s\n\nClaims:\n%s\n", qPrintable(text.toPlainText()),
                qPrintable(claims.join(QLatin1Char('\n'))));
  }
  if (!cli.screenshot.isEmpty()) {
    doing = "taking the screenshot";
    MainWindow window(run.snapshot->config, MainWindow::Start::Viewer);
    window.resize(cli.size);
    window.show();
    const int index = lessonIndex(window, cli);
    window.showFinishedLesson(index, run.snapshot,
                              run.summary.value(QStringLiteral("remembered")).toObject());
    QApplication::processEvents();
    QApplication::processEvents();  // the deferred scroll to the framed chart
    const QImage image = window.grab().toImage();
    const ExportStamp stamp{QStringLiteral("BatchNorm Lab window"),
                            QJsonDocument(window.exportJob().config).toJson(QJsonDocument::Compact),
                            run.snapshot->step};
    if (!savePng(cli.screenshot, image, stamp, error)) return fail(kExitWriteFailed, error);
    if (!cli.quiet)
      std::printf("Saved %s (%dx%d)\n", qPrintable(cli.screenshot), image.width(), image.height());
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

  // Pictures need the window; a run that only trains does without.
  std::unique_ptr<MainWindow> window;
  if (cli.exports || !cli.screenshot.isEmpty() || !cli.animation.isEmpty()) {
    doing = "laying out the charts";
    window = layOut(cli, *experiment);
    if (const QStringList unknown = unknownCharts(cli, *window); !unknown.isEmpty()) {
      QStringList names;
      for (const NamedChart& chart : window->exportJob(true).charts) names << chart.name;
      return fail(kExitBadInput,
                  QStringLiteral("no chart named %1; charts: %2")
                      .arg(unknown.join(QStringLiteral(", ")), names.join(QStringLiteral(", "))));
    }
    if (const int code = checkNotReplacing(cli, *window)) return code;
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
    if (trainRecording(cli, *experiment, *window, error); !error.isEmpty())
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
  if (window && (cli.exports || !cli.screenshot.isEmpty())) {
    doing = "drawing and writing the files";
    window->showSnapshot(snapshot);
    QApplication::processEvents();
    if (const int code = checkNotReplacing(cli, *window)) return code;
    if (const int code = writeFiles(cli, *window, snapshot->step, written)) return code;
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
