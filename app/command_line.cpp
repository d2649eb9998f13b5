#include "command_line.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <algorithm>
#include <cmath>

#include "animation_run.h"
#include "experiment/settings_table.h"
#include "lessons/lesson.h"
#include "start_lookup.h"

namespace bnlab {

namespace {

QString str(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// Options that choose a data source and its path in one (configuration files give
// data.source and data.path).
struct DataSourceOption {
  const char* name;
  const char* value;
  const char* source;  // data.source
  const char* help;
};
constexpr DataSourceOption kDataSourceOptions[] = {
    {"mnist-folder", "dir", "mnist",
     "Data: a folder of MNIST-format files (train-images-idx3-ubyte[.gz], …)."},
    {"csv", "file", "csv", "Data: a CSV table, one example a row, labels in one column."},
};

// A setting's --help line: its help, then its range or words and its default.
QString settingHelp(const Setting& s) {
  static const ExperimentConfig defaults;
  QString help = str(s.help);
  if (s.kind == SettingKind::Choice) {
    QStringList words;
    for (std::string_view word : s.choices()) words << str(word);
    help += QStringLiteral(" One of: %1.").arg(words.join(QStringLiteral(", ")));
  } else if (s.ranged() && s.kind != SettingKind::Widths) {
    help += QStringLiteral(" Range: %1.").arg(str(s.range.text(s.kind == SettingKind::Integer)));
  }
  const std::string byDefault = formatSettingValue(s.get(defaults));
  if (!byDefault.empty()) help += QStringLiteral(" Default: %1.").arg(str(byDefault));
  return help;
}

QString runsHelp() {
  QString kinds;
  for (const NormalizationInfo& n : normalizations())
    kinds +=
        (kinds.isEmpty() ? "" : ", ") + QString::fromUtf8(n.key.data(), qsizetype(n.key.size()));
  return QStringLiteral(
             "Runs trained side by side (1 to %1), separated by commas: each a kind (%2) with "
             "optional :batch=N, :dropout=P and :name=TEXT, e.g. "
             "plain,batch-norm,batch-norm:batch=512. "
             "All start from the same initial weights; runs with the same batch size see the same "
             "mini-batches.")
      .arg(kMaxRuns)
      .arg(kinds);
}

QCommandLineOption option(const char* name, const QString& help, const char* value = nullptr,
                          const char* defaultValue = nullptr) {
  QCommandLineOption o(QString::fromLatin1(name), help);
  if (value) o.setValueName(QString::fromLatin1(value));
  if (defaultValue) o.setDefaultValue(QString::fromLatin1(defaultValue));
  return o;
}

// --format, from the table of export formats: every format by default.
QCommandLineOption formatOption() {
  QStringList all;
  for (const ExportFormatInfo& f : exportFormats()) all << QLatin1String(f.name);
  QCommandLineOption o(
      QStringLiteral("format"),
      QStringLiteral("Headless: formats to export, any of %1 (default all of them).")
          .arg(all.join(QLatin1Char(','))),
      QStringLiteral("list"));
  o.setDefaultValue(all.join(QLatin1Char(',')));
  return o;
}

// All options, in the order --help lists them.
QList<QCommandLineOption> allOptions() {
  QList<QCommandLineOption> options = {
      option("headless", QStringLiteral("Train without a window, print progress, write --export "
                                        "and --screenshot files, exit.")),
      option("preset",
             QStringLiteral(
                 "Start from a built-in preset: its name, its start or a unique part of it."),
             "name"),
      option("config",
             QStringLiteral(
                 "Start from a configuration file (JSON, as File > Save configuration writes)."),
             "file"),
      option("export",
             QStringLiteral("Headless: write every chart, dashboard picture, config.json and "
                            "summary.json into this folder."),
             "dir"),
      formatOption(),
      option("scale",
             QStringLiteral("Headless: PNG pixels per screen pixel, 1, 2 or 4 (default 2)."), "s",
             "2"),
      option("no-composite",
             QStringLiteral("Headless: no dashboard.png/.svg picture of the whole dashboard.")),
      option("charts",
             QStringLiteral(
                 "Headless: export only these charts, e.g. accuracy,figure-1,layer3-distribution."),
             "names"),
      option("chart-size",
             QStringLiteral("Headless: draw every exported or animated chart at this size "
                            "instead of its kind's (640x400 for most charts over steps)."),
             "WxH"),
      option("animate",
             QStringLiteral(
                 "Headless: record an animated GIF or an MP4 over the run: the chart --charts "
                 "names (one), else the whole dashboard, each frame showing its step."),
             "file.gif|file.mp4"),
      option("frames",
             QStringLiteral("With --animate: frames, spread from the first step to the last "
                            "(2 to 1000, default 60)."),
             "n", "60"),
      option("fps",
             QStringLiteral("With --animate: frames a second when played (1 to 50, default "
                            "10)."),
             "n", "10"),
      option("overwrite", QStringLiteral("Replace files that exist already (otherwise an error).")),
      option("quiet", QStringLiteral("Headless: print nothing but errors.")),
      option("screenshot",
             QStringLiteral("Headless: after the run, save the whole window as a PNG."), "file"),
      option(
          "size",
          QStringLiteral("Headless: window size the pictures are laid out in (default 1600x1000)."),
          "WxH", "1600x1000"),
      option("runs", runsHelp(), "list"),
      option("lesson",
             QStringLiteral("Follow a guided lesson: its number (1 to %1), a part of its title, or "
                            "a lesson file (.json). Headless, it plays itself (doing each action "
                            "it asks for), prints its conclusion and checks its claims.")
                 .arg(builtInLessons().size()),
             "n"),
  };
  for (const DataSourceOption& d : kDataSourceOptions)
    options << option(d.name, QString::fromUtf8(d.help), d.value);
  for (const Setting& s : settings()) {
    if (s.option.empty()) continue;
    QCommandLineOption o(str(s.option), settingHelp(s));
    o.setValueName(str(s.valueName));
    options << o;
  }
  options << QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")},
                                QStringLiteral("Show this help."))
          << option("version", QStringLiteral("Show the version."));
  return options;
}

void configure(QCommandLineParser& parser) {
  parser.setApplicationDescription(QStringLiteral(
      "BatchNorm Lab trains a small neural network live and shows each hidden layer's\n"
      "distribution over time, with batch normalization on and off.\n"
      "\n"
      "Without --headless the window opens, set up by the options below. With --headless\n"
      "(implied by --export and --screenshot) the network trains without a window and the\n"
      "files are written at the end. Exit code 0 on success, 2 on bad input (or when the\n"
      "experiment needs more memory than there is), 1 when a file cannot be written, 3 when\n"
      "training diverged, 130 or 143 when Ctrl+C or SIGTERM stopped it (in these, what was\n"
      "measured is still written; a second Ctrl+C ends it at once).\n"
      "\n"
      "Examples:\n"
      "  bnlab --preset \"covariate shift\"\n"
      "  bnlab --dataset circles --layers 32,32,32 --batch-size 16\n"
      "  bnlab --headless --preset \"covariate shift\" --steps 3000 --export out/\n"
      "  bnlab --headless --runs plain,batch-norm,batch-norm:batch=512 --export out/\n"
      "  bnlab --config my-experiment.json --export out/ --format svg,csv --overwrite\n"
      "  bnlab --preset spiral --steps 2000 --screenshot shot.png --size 1600x1000"));
  parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
  parser.addOptions(allOptions());
}

// Sets `root`'s value at "section.key".
void setPath(QJsonObject& root, const QString& path, const QJsonValue& value) {
  const QStringList parts = path.split(QLatin1Char('.'));
  QJsonObject section = root.value(parts[0]).toObject();
  section.insert(parts[1], value);
  root.insert(parts[0], section);
}

// An option's text as the JSON value of its setting's kind.
bool settingValue(const Setting& s, const QString& text, QJsonValue& out, QString& error) {
  const QString name = str(s.option);
  bool ok = false;
  switch (s.kind) {
    case SettingKind::Integer: {
      const qlonglong v = text.toLongLong(&ok);
      out = double(v);
      if (!ok) error = QStringLiteral("--%1 must be a whole number, not \"%2\"").arg(name, text);
      return ok;
    }
    case SettingKind::Number: {
      const double v = text.toDouble(&ok);
      ok = ok && std::isfinite(v);
      out = v;
      if (!ok) error = QStringLiteral("--%1 must be a number, not \"%2\"").arg(name, text);
      return ok;
    }
    case SettingKind::Flag:
      if (text == QLatin1String("on") || text == QLatin1String("off")) {
        out = text == QLatin1String("on");
        return true;
      }
      error = QStringLiteral("--%1 must be on or off, not \"%2\"").arg(name, text);
      return false;
    case SettingKind::Widths: {
      QJsonArray widths;
      for (const QString& part : text.split(QLatin1Char(','))) {
        const int v = part.trimmed().toInt(&ok);
        if (!ok) break;
        widths.append(v);
      }
      out = widths;
      if (!ok)
        error = QStringLiteral("--%1 must list whole numbers like 64,64,64, not \"%2\"")
                    .arg(name, text);
      return ok;
    }
    case SettingKind::Choice:
    case SettingKind::Text:
      out = text;
      return true;
  }
  return false;
}

// Replaces configuration-file keys in a message by the options that set them (the longest
// keys first: "network.init" is the start of "network.initSigma").
QString inOptionTerms(QString message) {
  std::vector<const Setting*> rows;
  for (const Setting& s : settings())
    if (!s.option.empty()) rows.push_back(&s);
  std::sort(rows.begin(), rows.end(),
            [](const Setting* a, const Setting* b) { return a->key.size() > b->key.size(); });
  for (const Setting* s : rows) message.replace(str(s->key), QStringLiteral("--") + str(s->option));
  return message;
}

}  // namespace

QString commandLineHelp() {
  QCommandLineParser parser;
  configure(parser);
  return parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("bnlab"));
}

bool parseCommandLine(const QStringList& arguments, CommandLine& out, QString& error) {
  QCommandLineParser parser;
  configure(parser);
  if (!parser.parse(arguments)) {
    error = parser.errorText();
    return false;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    out.action = CommandLine::Action::Help;
    return true;
  }
  if (parser.isSet(QStringLiteral("version"))) {
    out.action = CommandLine::Action::Version;
    return true;
  }
  if (!parser.positionalArguments().isEmpty()) {
    error = QStringLiteral("unexpected argument \"%1\" (options start with --)")
                .arg(parser.positionalArguments().front());
    return false;
  }
  const auto isSet = [&](const char* name) { return parser.isSet(QString::fromLatin1(name)); };
  const auto value = [&](const char* name) { return parser.value(QString::fromLatin1(name)); };

  const bool headless =
      isSet("headless") || isSet("export") || isSet("screenshot") || isSet("animate");
  out.action = headless ? CommandLine::Action::Headless : CommandLine::Action::Window;
  // The window records on its own clock (about 30 times a second) and trains until paused.
  for (const char* name : {"format", "scale", "no-composite", "overwrite", "size", "quiet",
                           "record-every", "evaluate-every"})
    if (isSet(name) && !headless) {
      error =
          QStringLiteral("--%1 applies to headless runs: add --headless, --export or --screenshot")
              .arg(QLatin1String(name));
      return false;
    }
  for (const char* name : {"format", "no-composite"})
    if (isSet(name) && !isSet("export")) {
      error = QStringLiteral("--%1 needs --export DIR").arg(QLatin1String(name));
      return false;
    }
  for (const char* name : {"scale", "charts", "chart-size"})
    if (isSet(name) && !isSet("export") && !isSet("animate")) {
      error = QStringLiteral("--%1 needs --export DIR or --animate FILE").arg(QLatin1String(name));
      return false;
    }
  for (const char* name : {"frames", "fps"})
    if (isSet(name) && !isSet("animate")) {
      error = QStringLiteral("--%1 needs --animate FILE.gif").arg(QLatin1String(name));
      return false;
    }
  if (isSet("animate") && isSet("lesson")) {
    error = QStringLiteral("--animate does not apply to --lesson; use --preset");
    return false;
  }

  // The starting configuration.
  if (int(isSet("preset")) + int(isSet("config")) + int(isSet("lesson")) > 1) {
    error = QStringLiteral("give one of --preset, --config and --lesson");
    return false;
  }
  if (isSet("lesson") && !findLesson(value("lesson"), out, error)) return false;
  if (isSet("preset") && !findPreset(value("preset"), out.start, error)) return false;
  if (isSet("config") && !readConfigFile(value("config"), out.start, error)) return false;
  const ExperimentConfig base = (isSet("preset") || isSet("config") || isSet("lesson"))
                                    ? out.start.config
                                    : ExperimentConfig{};

  // Every setting on top, checked as a configuration file would be.
  QJsonObject overrides;
  for (const Setting& s : settings()) {
    const QString name = str(s.option);
    if (name.isEmpty() || !parser.isSet(name)) continue;
    QJsonValue v;
    if (!settingValue(s, parser.value(name), v, error)) return false;
    setPath(overrides, str(s.key), v);
    if (s.key == "data.dataset") {
      // Fashion-MNIST is a data source of its own, named like a toy set for convenience.
      const bool fashion = v.toString() == QLatin1String("fashion-mnist");
      setPath(overrides, QStringLiteral("data.source"),
              fashion ? QStringLiteral("mnist") : QStringLiteral("toy"));
      if (fashion) {
        setPath(overrides, QStringLiteral("data.path"), QString());
        QJsonObject data = overrides.value(QStringLiteral("data")).toObject();
        data.remove(QStringLiteral("dataset"));
        overrides.insert(QStringLiteral("data"), data);
      }
    }
    if (s.key == "training.seed")
      setPath(overrides, QStringLiteral("data.seed"), v);  // one seed for all
  }
  for (const DataSourceOption& d : kDataSourceOptions) {
    if (!isSet(d.name)) continue;
    setPath(overrides, QStringLiteral("data.source"), QString::fromLatin1(d.source));
    setPath(overrides, QStringLiteral("data.path"), value(d.name));
  }
  if (isSet("runs")) {
    if (isSet("batch-norm")) {
      error = QStringLiteral("give --runs or --batch-norm, not both");
      return false;
    }
    try {
      overrides.insert(QStringLiteral("runs"),
                       runsToJson(parseRunList(value("runs").toStdString())));
    } catch (const std::invalid_argument& bad) {
      error = QStringLiteral("--runs: %1").arg(QString::fromUtf8(bad.what()));
      return false;
    }
  }
  QStringList errors;
  if (!configFromJson(overrides, out.config, errors, base)) {
    error = inOptionTerms(errors.join(QStringLiteral("; ")));
    return false;
  }
  out.start.config = out.config;

  out.steps = out.config.steps > 0 ? out.config.steps : CommandLine::kDefaultSteps;
  const QStringList dims = value("size").split(QLatin1Char('x'));
  const int width = dims.size() == 2 ? dims[0].toInt() : 0;
  const int height = dims.size() == 2 ? dims[1].toInt() : 0;
  if (width < 640 || height < 400 || width > 7680 || height > 4320) {
    error = QStringLiteral("--size must be WxH between 640x400 and 7680x4320, not \"%1\"")
                .arg(value("size"));
    return false;
  }
  out.size = {width, height};
  out.overwrite = isSet("overwrite");
  out.quiet = isSet("quiet");
  out.screenshot = value("screenshot");
  if (isSet("screenshot") && out.screenshot.isEmpty()) {
    error = QStringLiteral("--screenshot needs a file name");
    return false;
  }
  // Checked before any training: a folder or another format would only fail at the end.
  if (!out.screenshot.isEmpty() && QFileInfo(out.screenshot).isDir()) {
    error =
        QStringLiteral("--screenshot: %1 is a folder; name a .png file in it").arg(out.screenshot);
    return false;
  }
  if (!out.screenshot.isEmpty() &&
      !out.screenshot.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
    error = QStringLiteral("--screenshot writes PNG: name the file .png, not %1")
                .arg(QFileInfo(out.screenshot).fileName());
    return false;
  }
  if (isSet("animate") &&
      !parseAnimationOptions(value("animate"), value("frames"), value("fps"), out, error))
    return false;
  if (isSet("export") || isSet("animate")) {
    ExportOptions options;
    options.folder = value("export");
    if (isSet("export") && options.folder.isEmpty()) {
      error = QStringLiteral("--export needs a folder");
      return false;
    }
    if (!parseExportFormats(value("format"), options.formats, error)) return false;
    const QString scale = value("scale");
    if (scale != QLatin1String("1") && scale != QLatin1String("2") && scale != QLatin1String("4")) {
      error = QStringLiteral("--scale must be 1, 2 or 4, not \"%1\"").arg(scale);
      return false;
    }
    options.scale = scale.toInt();
    options.composite = !isSet("no-composite");
    if (isSet("export")) out.exports = options;
    out.scale = options.scale;
    if (isSet("charts")) {
      for (const QString& name : value("charts").split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.charts << name.trimmed();
      if (out.charts.isEmpty()) {
        error = QStringLiteral("--charts needs chart names, e.g. accuracy,figure-1");
        return false;
      }
      if (isSet("animate") && out.charts.size() > 1) {
        error = QStringLiteral("--animate records one chart: give --charts one name, not %1")
                    .arg(out.charts.join(QLatin1Char(',')));
        return false;
      }
    }
    if (isSet("chart-size")) {
      const QStringList parts = value("chart-size").split(QLatin1Char('x'));
      const int w = parts.size() == 2 ? parts[0].toInt() : 0,
                h = parts.size() == 2 ? parts[1].toInt() : 0;
      if (w < 120 || h < 80 || w > 4000 || h > 4000) {
        error = QStringLiteral("--chart-size must be WxH between 120x80 and 4000x4000, not \"%1\"")
                    .arg(value("chart-size"));
        return false;
      }
      out.chartSize = {w, h};
    }
  }
  return true;
}

}  // namespace bnlab
