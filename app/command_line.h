#pragma once
// The command line: every option the window has (data, network, training, measurement), a
// preset or a configuration file to start from, and the headless run's steps and exports.
// Parsed before any QApplication exists, so --help and bad input need no display.
#include <QSize>
#include <QString>
#include <QStringList>
#include <optional>

#include "config/config_json.h"
#include "lessons/lesson.h"
#include "report/dashboard_export.h"

namespace bnlab {

struct CommandLine {
  static constexpr qint64 kDefaultSteps = 2000;
  enum class Action { Window, Headless, Help, Version };
  Action action = Action::Window;
  ExperimentConfig config;               // the preset or file, with every option on top
  Preset start;                          // name and description shown as the caption ("" when none)
  std::optional<Lesson> lesson;          // --lesson: a built-in lesson, or one read from lessonFile
  QString lessonFile;                    // --lesson FILE.json: a lesson written as a file
  qint64 steps = kDefaultSteps;          // headless: the config's steps, else kDefaultSteps
  std::optional<ExportOptions> exports;  // --export DIR
  bool overwrite = false;
  bool quiet = false;  // no progress and results on stdout
  QString screenshot;  // --screenshot FILE
  QStringList charts;  // --charts: export only these (names as the files are named); empty = all
  QSize chartSize;     // --chart-size: every exported chart at this size; empty = as laid out
  QString animation;   // --animate FILE.gif: frames over the run (one chart, or the dashboard)
  int frames = 60;     // --frames: spread evenly from the first step to the last
  int fps = 10;        // --fps: frames a second when played
  int scale = 2;       // --scale: pixels per laid-out pixel, for exports and animations
  QSize size{1600, 1000};
};

// `arguments` as main() gets them (the program name first). On bad input returns false and sets
// `error` to one sentence.
bool parseCommandLine(const QStringList& arguments, CommandLine& out, QString& error);
QString commandLineHelp();

}  // namespace bnlab
