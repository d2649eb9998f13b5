#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QTest>
#include <cstdio>
#include <cstring>
#include <optional>

#include "config_json.h"
#include "main_window.h"

namespace {

// Exit code for bad input (an unknown option, a value out of range, an unwritable file).
constexpr int kBadInput = 2;

int fail(const QString& message) {
  std::fprintf(stderr, "bnlab: %s\n", qPrintable(message));
  return kBadInput;
}

// Trains `steps` steps in the window at 1000 steps/s (so the charts over steps gather a few
// dozen records a second), then saves the whole window as a PNG.
int saveScreenshot(bnlab::MainWindow& window, const QString& path, qint64 steps, QSize size) {
  window.resize(size);
  window.show();
  window.controls()->speedSlider()->setValue(1000);
  window.controller().play();
  QElapsedTimer timer;
  timer.start();
  while (!window.controller().latest() || window.controller().latest()->step < steps) {
    if (timer.elapsed() > 600000) return fail(QStringLiteral("training took too long"));
    QTest::qWait(5);
  }
  window.controller().pause();
  QTest::qWait(100);
  window.redraw();
  const QImage image = window.grab().toImage();
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
    return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
  std::printf("Saved %s (%dx%d) at step %lld\n", qPrintable(path), image.width(), image.height(),
              static_cast<long long>(window.controller().latest()->step));
  return 0;
}

}  // namespace

int main(int argc, char* argv[]) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--screenshot") == 0) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("BatchNorm Lab"));
  QApplication::setOrganizationName(QStringLiteral("bnlab"));
  QApplication::setApplicationVersion(QStringLiteral(BNLAB_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Trains a small neural network live and shows each hidden layer's distribution over "
      "time, with batch normalization on and off.\n\n"
      "Examples:\n"
      "  bnlab --preset \"covariate shift\"\n"
      "  bnlab --config my-experiment.json\n"
      "  bnlab --screenshot shot.png --steps 3000 --size 1600x1000"));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QStringLiteral("Train offscreen, save the window as a PNG, exit."),
                                      QStringLiteral("file"));
  const QCommandLineOption steps(QStringLiteral("steps"),
                                 QStringLiteral("Steps to train before --screenshot (default 3000)."),
                                 QStringLiteral("n"), QStringLiteral("3000"));
  const QCommandLineOption size(QStringLiteral("size"),
                                QStringLiteral("Window size for --screenshot (default 1600x1000)."),
                                QStringLiteral("WxH"), QStringLiteral("1600x1000"));
  const QCommandLineOption preset(QStringLiteral("preset"),
                                  QStringLiteral("Start from a built-in preset (its name, its start, "
                                                 "or a unique part of it; see the Presets menu)."),
                                  QStringLiteral("name"));
  const QCommandLineOption config(QStringLiteral("config"),
                                  QStringLiteral("Start from a configuration file (JSON, as File → "
                                                 "Save writes and resources/presets/ shows)."),
                                  QStringLiteral("file"));
  parser.addOptions({screenshot, steps, size, preset, config});
  if (!parser.parse(QApplication::arguments())) return fail(parser.errorText());
  if (parser.isSet(QStringLiteral("help"))) parser.showHelp(0);
  if (parser.isSet(QStringLiteral("version"))) parser.showVersion();
  if (!parser.positionalArguments().isEmpty())
    return fail(QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().front()));

  bool ok = false;
  const qint64 stepCount = parser.value(steps).toLongLong(&ok);
  if (!ok || stepCount < 0 || stepCount > 10'000'000)
    return fail(QStringLiteral("--steps must be a whole number from 0 to 10000000"));
  const QStringList dims = parser.value(size).split(QLatin1Char('x'));
  const int width = dims.size() == 2 ? dims[0].toInt() : 0;
  const int height = dims.size() == 2 ? dims[1].toInt() : 0;
  if (width < 640 || height < 400 || width > 7680 || height > 4320)
    return fail(QStringLiteral("--size must be WxH between 640x400 and 7680x4320"));

  bnlab::ExperimentConfig start;
  std::optional<bnlab::Preset> chosenPreset;
  if (parser.isSet(preset) && parser.isSet(config))
    return fail(QStringLiteral("give --preset or --config, not both"));
  if (parser.isSet(preset)) {
    // Names that start with the words given win over names that merely contain them.
    QList<bnlab::Preset> matches, starts;
    QStringList names;
    for (const bnlab::Preset& p : bnlab::builtInPresets()) {
      names << p.name;
      if (p.name.contains(parser.value(preset), Qt::CaseInsensitive)) matches << p;
      if (p.name.startsWith(parser.value(preset), Qt::CaseInsensitive)) starts << p;
    }
    if (starts.size() == 1) matches = starts;
    if (matches.size() != 1)
      return fail(QStringLiteral("%1 preset matches \"%2\"; presets: %3")
                      .arg(matches.isEmpty() ? QStringLiteral("no") : QStringLiteral("more than one"),
                           parser.value(preset), names.join(QStringLiteral(", "))));
    chosenPreset = matches.front();
    start = chosenPreset->config;
  }
  if (parser.isSet(config)) {
    QFile file(parser.value(config));
    if (!file.open(QIODevice::ReadOnly))
      return fail(QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
    bnlab::Preset loaded;
    QStringList errors;
    if (!bnlab::parseConfigFile(file.readAll(), file.fileName(), loaded, errors))
      return fail(errors.join(QStringLiteral("; ")));
    start = loaded.config;
  }

  bnlab::MainWindow window(start, !parser.isSet(screenshot));
  if (chosenPreset) window.applyPreset(*chosenPreset);
  if (parser.isSet(screenshot)) return saveScreenshot(window, parser.value(screenshot), stepCount, {width, height});
  window.show();
  return QApplication::exec();
}
