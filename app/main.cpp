#include <QApplication>
#include <cstdio>
#include <exception>
#include <new>

#include "command_line.h"
#include "headless_run.h"
#include "interruption.h"
#include "window/main_window.h"

namespace {

// The offscreen platform's notes about features it lacks say nothing to someone running a
// headless experiment; everything else goes to stderr as usual.
void headlessMessages(QtMsgType type, const QMessageLogContext& context, const QString& message) {
  if (type == QtDebugMsg || type == QtInfoMsg ||
      message.contains(QLatin1String("propagateSizeHints")) ||
      message.contains(QLatin1String("XDG_RUNTIME_DIR")))
    return;
  std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

// The application, headless or in its window; `doing` follows it, for the line that says where
// memory ran out.
int run(int argc, char* argv[], const char*& doing) {
  QApplication::setApplicationName(QStringLiteral("BatchNorm Lab"));
  QApplication::setOrganizationName(QStringLiteral("bnlab"));
  QApplication::setApplicationVersion(QStringLiteral(BNLAB_VERSION));
  QGuiApplication::setDesktopFileName(QStringLiteral("org.bnlab.BatchNormLab"));

  // Parsed before any application object, so that help and errors need no display.
  QStringList arguments;
  for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
  bnlab::CommandLine cli;
  QString error;
  if (!bnlab::parseCommandLine(arguments, cli, error)) {
    std::fprintf(stderr, "bnlab: %s (bnlab --help lists every option)\n", qPrintable(error));
    return bnlab::kExitBadInput;
  }
  switch (cli.action) {
    case bnlab::CommandLine::Action::Help:
      std::fputs(bnlab::commandLineHelp().toUtf8().constData(), stdout);
      return bnlab::kExitSuccess;
    case bnlab::CommandLine::Action::Version:
      std::printf("bnlab %s\n", BNLAB_VERSION);
      return bnlab::kExitSuccess;
    case bnlab::CommandLine::Action::Headless: {
      bnlab::installInterruptHandlers();
      qputenv("QT_QPA_PLATFORM", "offscreen");
      qInstallMessageHandler(headlessMessages);
      QApplication app(argc, argv);
      return bnlab::runHeadless(cli);
    }
    case bnlab::CommandLine::Action::Window:
      break;
  }
  QApplication app(argc, argv);
  doing = "opening the window";
  bnlab::MainWindow window(cli.config);
  if (!cli.start.name.isEmpty()) window.showCaption(cli.start);
  window.restoreSettings();
  window.show();
  if (cli.lesson) {
    window.showLessons();
    window.lessonPanel()->start(window.lessonPanel()->lessonIndex(cli.lessonFile, cli.lesson->id));
  }
  doing = "running the window";
  return QApplication::exec();
}

}  // namespace

// A bad_alloc or other exception that escapes (a headless run catches its own, saying where it
// was) is one line and exit code 2, not an abort.
int main(int argc, char* argv[]) {
  const char* doing = "starting";  // a literal: saying where memory ran out needs no memory
  bnlab::ignoreFileSizeSignal();
  try {
    return run(argc, argv, doing);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "bnlab: out of memory while %s\n", doing);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bnlab: %s while %s\n", e.what(), doing);
  }
  return bnlab::kExitBadInput;
}
