// The bnlab command line from the outside: the real binary run with QProcess, without a display,
// on small experiments. Help, bad input (exit 2, one line on stderr), a headless export with
// every file it promises, refusal to replace files, unwritable folders (exit 2, nothing left
// behind), a failed write (exit 1, with the system's reason and the files written and not),
// the window screenshot, runs stopped by a signal (what was measured written, exit 128 + the
// signal) or with their output closed, and running out of memory (exit 2, one line).
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>

#ifndef BNLAB_BINARY
#error "BNLAB_BINARY must name the bnlab executable"
#endif

namespace {

struct Result {
  bool finished = false;  // false: did not start or timed out (and was killed)
  QProcess::ExitStatus status = QProcess::CrashExit;
  int exitCode = -1;
  QByteArray out, err;

  QStringList errLines() const {
    QStringList lines = QString::fromUtf8(err).split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.back().isEmpty()) lines.removeLast();
    return lines;
  }
  // For failure messages.
  QByteArray describe() const {
    return "exit " + QByteArray::number(exitCode) + (finished ? "" : " (did not finish)") +
           (status == QProcess::CrashExit ? " (crashed)" : "") + "\n--- stdout:\n" +
           out.right(2000) + "\n--- stderr:\n" + err.right(2000);
  }
};

// The environment of every run: no display at all (the binary must not need one), and a
// configuration folder of its own so that no run reads or writes the user's settings.
QProcessEnvironment noDisplayEnvironment(const QString& configHome) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORMTHEME"})
    env.remove(QString::fromLatin1(name));
  env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
  return env;
}

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QJsonObject readJson(const QString& path, QString* error = nullptr) {
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(readAll(path), &parseError);
  if (error)
    *error = parseError.error == QJsonParseError::NoError ? QString() : parseError.errorString();
  return doc.object();
}

// Every file and folder below `root`, hidden ones included, relative to it.
QStringList tree(const QString& root) {
  QStringList entries;
  QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                  QDirIterator::Subdirectories);
  while (it.hasNext()) entries << QDir(root).relativeFilePath(it.next());
  entries.sort();
  return entries;
}

// The small, fast experiment the write/refuse tests run (a fraction of a second).
const QStringList kSmallRun = {QStringLiteral("--preset"),  QStringLiteral("spiral"),
                               QStringLiteral("--layers"),  QStringLiteral("8,8"),
                               QStringLiteral("--samples"), QStringLiteral("400"),
                               QStringLiteral("--steps"),   QStringLiteral("50")};

// A run that would take hours (at ~30,000 steps/s), to be interrupted.
constexpr qint64 kEndlessSteps = 100000000;
const QStringList kEndlessRun = {QStringLiteral("--preset"),  QStringLiteral("spiral"),
                                 QStringLiteral("--layers"),  QStringLiteral("8,8"),
                                 QStringLiteral("--samples"), QStringLiteral("400"),
                                 QStringLiteral("--steps"),   QString::number(kEndlessSteps)};
// Past start-up and into training, on a loaded machine too.
constexpr int kIntoTraining = 2500;
// The exit code of a child process that could not set up what a test needs.
constexpr int kCannotMount = 77;

bool inUnitInterval(const QJsonValue& v) {
  return v.isDouble() && v.toDouble() >= 0 && v.toDouble() <= 1;
}
bool finiteNonNegative(const QJsonValue& v) {
  return v.isDouble() && std::isfinite(v.toDouble()) && v.toDouble() >= 0;
}

}  // namespace

class CommandLineTest : public QObject {
  Q_OBJECT

  QTemporaryDir configHome_;  // XDG_CONFIG_HOME of every run
  QElapsedTimer clock_;

  // Starts `program` (bnlab unless named) in the environment of every run; false if it did not
  // start. A child process modifier set on `process` beforehand is kept.
  bool start(QProcess& process, const QStringList& arguments, const QString& workingDirectory,
             const QString& program = QStringLiteral(BNLAB_BINARY)) {
    process.setProgram(program);
    process.setArguments(arguments);
    process.setWorkingDirectory(workingDirectory);
    if (process.processEnvironment().isEmpty())
      process.setProcessEnvironment(noDisplayEnvironment(configHome_.path()));
    process.start();
    if (!process.waitForStarted(10000)) return false;
    process.closeWriteChannel();
    return true;
  }

  Result run(const QStringList& arguments, const QString& workingDirectory, int timeoutMs = 60000) {
    QProcess process;
    return run(process, arguments, workingDirectory, timeoutMs);
  }

  Result run(QProcess& process, const QStringList& arguments, const QString& workingDirectory,
             int timeoutMs = 60000, const QString& program = QStringLiteral(BNLAB_BINARY)) {
    if (!start(process, arguments, workingDirectory, program)) {
      Result result;
      result.err = "could not start " + program.toUtf8() + ": " + process.errorString().toUtf8();
      return result;
    }
    return finish(process, timeoutMs);
  }

  // Sends `signal` to `process` while it runs; never to pid 0, which would be this process's
  // whole group.
  static bool sendSignal(const QProcess& process, int signal) {
    const qint64 pid = process.processId();
    return process.state() == QProcess::Running && pid > 0 && ::kill(pid_t(pid), signal) == 0;
  }

  // Waits for a started process to end (killing it after `timeoutMs`) and collects its output.
  static Result finish(QProcess& process, int timeoutMs) {
    Result result;
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
      process.kill();
      process.waitForFinished(5000);
    }
    result.status = process.exitStatus();
    result.exitCode =
        result.finished && result.status == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
  }

  // Exit 2 with the documented message shape: "bnlab: <message>" and at most one more line.
  static void verifyBadInput(const Result& r, const QString& keyword) {
    QVERIFY2(r.finished && r.status == QProcess::NormalExit, r.describe().constData());
    QVERIFY2(r.exitCode == 2, r.describe().constData());
    const QStringList lines = r.errLines();
    QVERIFY2(!lines.isEmpty(), r.describe().constData());
    QVERIFY2(lines.size() == 1, r.describe().constData());  // one line, as the README says
    QVERIFY2(lines.front().startsWith(QLatin1String("bnlab: ")), r.describe().constData());
    QVERIFY2(lines.front().contains(keyword, Qt::CaseInsensitive),
             qPrintable(QStringLiteral("expected \"%1\" in the message\n").arg(keyword) +
                        QString::fromUtf8(r.describe())));
  }

  // An export that stopped at a failed write: exit 1 and one line, "bnlab: Cannot write <path>:
  // <reason>; <n> files written before it are complete (…); <m> files were not written (…)",
  // with the system's reason. n + m is the whole export (that of the same run unhindered, in
  // `whole`); `out`, when this process can see it, holds the n files and no temporary file.
  static void verifyPartialExport(const Result& r, const QString& reason, const QString& out,
                                  const QString& whole) {
    QVERIFY2(r.finished && r.status == QProcess::NormalExit && r.exitCode == 1,
             r.describe().constData());
    const QStringList lines = r.errLines();
    QVERIFY2(lines.size() == 1, r.describe().constData());
    const QString line = lines.front();
    QVERIFY2(line.startsWith(QLatin1String("bnlab: Cannot write ")) && line.contains(reason) &&
                 !line.contains(QLatin1String("Unknown error")),
             r.describe().constData());
    const QRegularExpressionMatch before =
        QRegularExpression(QStringLiteral("; (no|\\d+) files? (?:was )?written before it"))
            .match(line);
    const QRegularExpressionMatch after =
        QRegularExpression(QStringLiteral("; (\\d+) files? (?:was|were) not written \\(([^,)]+)"))
            .match(line);
    QVERIFY2(before.hasMatch() && after.hasMatch(), r.describe().constData());
    const int written = before.captured(1) == QLatin1String("no") ? 0 : before.captured(1).toInt();
    const int notWritten = after.captured(1).toInt();
    const QString failed = after.captured(2);  // the first not written is the one that failed
    QVERIFY2(line.contains(QLatin1Char('/') + failed + QLatin1String(": ")),
             r.describe().constData());
    const QStringList all = tree(whole);
    QCOMPARE(written + notWritten, int(all.size()));
    QVERIFY(all.contains(failed));
    if (out.isEmpty()) return;
    const QStringList present = tree(out);
    QCOMPARE(int(present.size()), written);
    QVERIFY(!present.contains(failed));
    for (const QString& file : present) {
      QVERIFY2(!file.startsWith(QLatin1Char('.')), qPrintable(file));
      QCOMPARE(QFileInfo(QDir(out).filePath(file)).size(),
               QFileInfo(QDir(whole).filePath(file)).size());
    }
  }

  static void verifySuccess(const Result& r) {
    QVERIFY2(r.finished && r.status == QProcess::NormalExit && r.exitCode == 0,
             r.describe().constData());
    QVERIFY2(!r.err.contains("bnlab: "), r.describe().constData());
  }

 private slots:
  void initTestCase() {
    clock_.start();
    QVERIFY2(QFileInfo(QStringLiteral(BNLAB_BINARY)).isExecutable(), BNLAB_BINARY);
    QVERIFY(configHome_.isValid());
  }

  void cleanupTestCase() { qInfo("command line tests took %.1f s", clock_.elapsed() / 1000.0); }

  // 1. Help and version need no display and no application object.
  void helpWithoutDisplay() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result r = run({QStringLiteral("--help")}, dir.path());
    QVERIFY2(r.finished && r.status == QProcess::NormalExit && r.exitCode == 0,
             r.describe().constData());
    QVERIFY2(r.out.contains("--headless"), r.describe().constData());
    QVERIFY2(r.out.contains("--export"), r.describe().constData());
    QVERIFY2(r.out.contains("Examples"), r.describe().constData());
    QVERIFY2(r.out.contains("Usage: bnlab"), r.describe().constData());
    // UTF-8 throughout: "…" and "Z̃" as written, never their bytes read as Latin-1 ("â¦").
    QVERIFY2(r.out.contains("[.gz], \xE2\x80\xA6)") && !r.out.contains("\xC3\xA2"),
             r.describe().constData());
    QVERIFY2(r.err.isEmpty(), r.describe().constData());
    QVERIFY(tree(dir.path()).isEmpty());
  }

  void versionWithoutDisplay() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result r = run({QStringLiteral("--version")}, dir.path());
    QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
    QVERIFY2(QRegularExpression(QStringLiteral("^bnlab \\d+\\.\\d+\\.\\d+\\n$"))
                 .match(QString::fromUtf8(r.out))
                 .hasMatch(),
             r.describe().constData());
    QVERIFY2(r.err.isEmpty(), r.describe().constData());
  }

  // 2. The covariate-shift preset, twins, four layers: every file, and files that say what they
  // should; then the exported config.json reproduces the run exactly.
  void headlessCompareExport() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString out = tmp.filePath(QStringLiteral("out"));
    const QStringList common = {QStringLiteral("--steps"),   QStringLiteral("200"),
                                QStringLiteral("--layers"),  QStringLiteral("8,8,8,8"),
                                QStringLiteral("--samples"), QStringLiteral("400"),
                                QStringLiteral("--format"),  QStringLiteral("png,svg,csv"),
                                QStringLiteral("--scale"),   QStringLiteral("2")};
    const Result r = run(QStringList{QStringLiteral("--preset"), QStringLiteral("covariate"),
                                     QStringLiteral("--export"), out} +
                             common,
                         tmp.path());
    verifySuccess(r);

    // Every file.
    QStringList expected;
    const char* layerCharts[] = {"distribution", "histogram", "mean-std", "units-1-2", "shift"};
    for (int layer = 1; layer <= 4; ++layer)
      for (const char* chart : layerCharts)
        for (const char* ext : {"png", "svg", "csv"})
          expected << QStringLiteral("layer%1-%2.%3")
                          .arg(layer)
                          .arg(QLatin1String(chart), QLatin1String(ext));
    for (const char* chart :
         {"loss", "accuracy", "decision-plane-plain", "decision-plane-batch-norm", "batch-noise",
          "test-time", "generalization-gap"})
      for (const char* ext : {"png", "svg", "csv"})
        expected << QStringLiteral("%1.%2").arg(QLatin1String(chart), QLatin1String(ext));
    expected << QStringLiteral("dashboard.png") << QStringLiteral("dashboard.svg")
             << QStringLiteral("config.json") << QStringLiteral("summary.json");
    const QStringList present = tree(out);
    for (const QString& file : expected) {
      QVERIFY2(present.contains(file), qPrintable(QStringLiteral("missing %1").arg(file)));
      QVERIFY2(QFileInfo(QDir(out).filePath(file)).size() > 0,
               qPrintable(QStringLiteral("empty %1").arg(file)));
    }
    // Nothing that does not belong: no fifth layer, no single-network plane, no probe or
    // temporary files, no CSV of the dashboard; and the count printed is the count written.
    for (const QString& file : present) {
      QVERIFY2(!file.startsWith(QLatin1Char('.')) && !file.contains(QLatin1Char('/')),
               qPrintable(QStringLiteral("stray %1").arg(file)));
      QVERIFY2(!file.startsWith(QLatin1String("layer5")) &&
                   !file.startsWith(QLatin1String("decision-plane.")) &&
                   file != QLatin1String("dashboard.csv"),
               qPrintable(QStringLiteral("unexpected %1").arg(file)));
    }
    const QRegularExpressionMatch wrote =
        QRegularExpression(QStringLiteral("Wrote (\\d+) files")).match(QString::fromUtf8(r.out));
    QVERIFY2(wrote.hasMatch(), r.describe().constData());
    QCOMPARE(wrote.captured(1).toInt(), present.size());

    // summary.json
    QString jsonError;
    const QJsonObject summary =
        readJson(QDir(out).filePath(QStringLiteral("summary.json")), &jsonError);
    QVERIFY2(jsonError.isEmpty(), qPrintable(jsonError));
    QCOMPARE(summary.value(QLatin1String("step")).toInteger(-1), 200);
    QVERIFY(summary.value(QLatin1String("epoch")).toInteger(-1) > 0);
    QCOMPARE(summary.value(QLatin1String("recordedAt")).toInteger(-1), 200);
    const QJsonArray runs = summary.value(QLatin1String("runs")).toArray();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0].toObject().value(QLatin1String("name")).toString(), QStringLiteral("plain"));
    QCOMPARE(runs[1].toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("batch norm"));
    QCOMPARE(runs[0].toObject().value(QLatin1String("batchNorm")), QJsonValue(false));
    QCOMPARE(runs[1].toObject().value(QLatin1String("batchNorm")), QJsonValue(true));
    for (const QJsonValue& value : runs) {
      const QJsonObject run = value.toObject();
      const QByteArray name = run.value(QLatin1String("name")).toString().toUtf8();
      QCOMPARE(run.value(QLatin1String("evaluatedAt")).toInteger(-1), 200);
      QVERIFY2(finiteNonNegative(run.value(QLatin1String("batchLoss"))), name);
      for (const char* split : {"train", "test"}) {
        const QJsonObject metrics = run.value(QLatin1String(split)).toObject();
        QVERIFY2(inUnitInterval(metrics.value(QLatin1String("accuracy"))), name + " " + split);
        QVERIFY2(finiteNonNegative(metrics.value(QLatin1String("loss"))), name + " " + split);
      }
      QCOMPARE(run.contains(QLatin1String("testTime")),
               run.value(QLatin1String("batchNorm")).toBool());  // plain, batch norm
      const QJsonArray layers = run.value(QLatin1String("layers")).toArray();
      QCOMPARE(layers.size(), 4);
      for (int i = 0; i < layers.size(); ++i) {
        const QJsonObject layer = layers[i].toObject();
        QCOMPARE(layer.value(QLatin1String("layer")).toInt(), i + 1);
        QCOMPARE(layer.value(QLatin1String("units")).toInt(), 8);
        const QJsonObject input = layer.value(QLatin1String("activationInput")).toObject();
        QVERIFY(std::isfinite(input.value(QLatin1String("mean")).toDouble(NAN)));
        QVERIFY(finiteNonNegative(input.value(QLatin1String("std"))));
        const QJsonArray percentiles = input.value(QLatin1String("percentiles")).toArray();
        const QJsonArray quantiles = input.value(QLatin1String("quantiles")).toArray();
        QVERIFY(!percentiles.isEmpty());
        QCOMPARE(quantiles.size(), percentiles.size());
        for (int q = 1; q < quantiles.size(); ++q)
          QVERIFY(quantiles[q].toDouble() >= quantiles[q - 1].toDouble());
        const QJsonObject shift = layer.value(QLatin1String("shift")).toObject();
        for (const char* key : {"last", "recent", "max"})
          QVERIFY2(finiteNonNegative(shift.value(QLatin1String(key))), name + " shift " + key);
      }
    }

    // config.json
    const QJsonObject config =
        readJson(QDir(out).filePath(QStringLiteral("config.json")), &jsonError);
    QVERIFY2(jsonError.isEmpty(), qPrintable(jsonError));
    const QJsonObject network = config.value(QLatin1String("network")).toObject();
    QCOMPARE(network.value(QLatin1String("hiddenLayers")).toArray(), (QJsonArray{8, 8, 8, 8}));
    QCOMPARE(config.value(QLatin1String("runs")).toArray(),
             (QJsonArray{QJsonObject{{"normalization", "plain"}},
                         QJsonObject{{"normalization", "batch-norm"}}}));
    QCOMPARE(config.value(QLatin1String("data")).toObject().value(QLatin1String("size")).toInt(),
             400);

    // A PNG: loads, carries the step and the configuration, at twice the SVG's size (--scale 2).
    const QImage png(QDir(out).filePath(QStringLiteral("layer2-distribution.png")));
    QVERIFY(!png.isNull());
    QVERIFY(png.width() > 0 && png.height() > 0);
    QCOMPARE(png.text(QStringLiteral("bnlab-step")), QStringLiteral("200"));
    QCOMPARE(QJsonDocument::fromJson(png.text(QStringLiteral("bnlab-config")).toUtf8()).object(),
             config);
    // Not a blank picture.
    QSet<QRgb> colours;
    for (int y = 0; y < png.height() && colours.size() < 3; y += 3)
      for (int x = 0; x < png.width() && colours.size() < 3; x += 3)
        colours.insert(png.pixel(x, y));
    QVERIFY(colours.size() >= 3);

    // An SVG: valid, the same picture's size.
    QSvgRenderer svg(QDir(out).filePath(QStringLiteral("layer2-distribution.svg")));
    QVERIFY(svg.isValid());
    QVERIFY(!svg.viewBox().isEmpty());
    QCOMPARE(png.size(), svg.viewBox().size() * 2);
    QSvgRenderer dashboard(QDir(out).filePath(QStringLiteral("dashboard.svg")));
    QVERIFY(dashboard.isValid());

    // A CSV: the header and rows of series,kind,x,y,low,high,value.
    const QList<QByteArray> rows =
        readAll(QDir(out).filePath(QStringLiteral("loss.csv"))).trimmed().split('\n');
    QVERIFY(rows.size() > 1);
    QCOMPARE(rows.front().trimmed(), QByteArray("series,kind,x,y,low,high,value"));
    QVERIFY2(rows[1].split(',').size() == 7, rows[1]);

    // The exported configuration, trained for the same steps, gives the same numbers.
    const QString again = tmp.filePath(QStringLiteral("again"));
    const Result r2 = run(
        QStringList{QStringLiteral("--config"), QDir(out).filePath(QStringLiteral("config.json")),
                    QStringLiteral("--export"), again, QStringLiteral("--steps"),
                    QStringLiteral("200"), QStringLiteral("--format"), QStringLiteral("csv")},
        tmp.path());
    verifySuccess(r2);
    const QJsonArray runs2 = readJson(QDir(again).filePath(QStringLiteral("summary.json")))
                                 .value(QLatin1String("runs"))
                                 .toArray();
    QCOMPARE(runs2.size(), 2);
    for (int i = 0; i < 2; ++i)
      for (const char* split : {"train", "test"})
        for (const char* key : {"accuracy", "loss"}) {
          const double a = runs[i]
                               .toObject()
                               .value(QLatin1String(split))
                               .toObject()
                               .value(QLatin1String(key))
                               .toDouble(NAN);
          const double b = runs2[i]
                               .toObject()
                               .value(QLatin1String(split))
                               .toObject()
                               .value(QLatin1String(key))
                               .toDouble(NAN);
          QVERIFY2(a == b, qPrintable(QStringLiteral("run %1 %2 %3: %4 then %5")
                                          .arg(i)
                                          .arg(QLatin1String(split), QLatin1String(key))
                                          .arg(a, 0, 'g', 17)
                                          .arg(b, 0, 'g', 17)));
        }
    QCOMPARE(readJson(QDir(again).filePath(QStringLiteral("config.json"))), config);
  }

  // One network, one format, no dashboard: only what was asked for.
  void headlessSingleNetworkSvgOnly() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString out = tmp.filePath(QStringLiteral("out"));
    const Result r =
        run(kSmallRun + QStringList{QStringLiteral("--batch-norm"), QStringLiteral("on"),
                                    QStringLiteral("--export"), out, QStringLiteral("--format"),
                                    QStringLiteral("svg"), QStringLiteral("--no-composite")},
            tmp.path());
    verifySuccess(r);
    const QStringList present = tree(out);
    for (const char* file : {"decision-plane.svg", "loss.svg", "layer1-distribution.svg",
                             "layer2-shift.svg", "config.json", "summary.json"})
      QVERIFY2(present.contains(QLatin1String(file)), file);
    for (const QString& file : present) {
      QVERIFY2(file.endsWith(QLatin1String(".svg")) || file.endsWith(QLatin1String(".json")),
               qPrintable(file));
      QVERIFY2(!file.startsWith(QLatin1String("dashboard")) &&
                   !file.startsWith(QLatin1String("layer3")) &&
                   !file.startsWith(QLatin1String("decision-plane-")),
               qPrintable(file));
    }
    const QJsonObject summary = readJson(QDir(out).filePath(QStringLiteral("summary.json")));
    QCOMPARE(summary.value(QLatin1String("step")).toInteger(-1), 50);
    const QJsonArray runs = summary.value(QLatin1String("runs")).toArray();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs[0].toObject().value(QLatin1String("batchNorm")), QJsonValue(true));
    QCOMPARE(runs[0].toObject().value(QLatin1String("layers")).toArray().size(), 2);
  }

  // --gradient-shift-every: summary.json gives each layer's gradient shift (layer 1's 0 and 1),
  // config.json keeps the interval, and the later layers' gradient-shift charts are written.
  void headlessGradientShift() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString out = tmp.filePath(QStringLiteral("out"));
    const Result r =
        run(kSmallRun + QStringList{QStringLiteral("--batch-norm"), QStringLiteral("compare"),
                                    QStringLiteral("--gradient-shift-every"), QStringLiteral("10"),
                                    QStringLiteral("--export"), out, QStringLiteral("--format"),
                                    QStringLiteral("csv"), QStringLiteral("--no-composite")},
            tmp.path());
    verifySuccess(r);
    const QStringList present = tree(out);
    for (const char* file : {"layer2-gradient-shift.csv", "layer2-gradient-cosine.csv"})
      QVERIFY2(present.contains(QLatin1String(file)), file);
    QVERIFY(!present.contains(QStringLiteral("layer1-gradient-shift.csv")));  // nothing to draw
    const QJsonObject config = readJson(QDir(out).filePath(QStringLiteral("config.json")));
    QCOMPARE(config.value(QLatin1String("measure"))
                 .toObject()
                 .value(QLatin1String("gradientShiftEvery"))
                 .toInt(),
             10);
    const QJsonObject summary = readJson(QDir(out).filePath(QStringLiteral("summary.json")));
    const QJsonArray runs = summary.value(QLatin1String("runs")).toArray();
    QCOMPARE(runs.size(), 2);
    for (const QJsonValue& run : runs) {
      const QJsonArray layers = run.toObject().value(QLatin1String("layers")).toArray();
      QCOMPARE(layers.size(), 2);
      for (int l = 0; l < layers.size(); ++l) {
        const QJsonObject shift =
            layers[l].toObject().value(QLatin1String("gradientShift")).toObject();
        QCOMPARE(shift.value(QLatin1String("measures")).toInt(), 5);  // steps 0, 10, …, 40
        QCOMPARE(shift.value(QLatin1String("measuredAt")).toInt(), 40);
        for (const char* key : {"last", "recent", "mean", "median", "lastRelative",
                                "recentRelative", "meanRelative", "medianRelative", "gradientNorm"})
          QVERIFY2(finiteNonNegative(shift.value(QLatin1String(key))), key);
        for (const char* key : {"cosineLast", "cosineRecent", "cosineMean", "cosineMedian"}) {
          const double cosine = shift.value(QLatin1String(key)).toDouble(NAN);
          QVERIFY2(cosine >= -1 && cosine <= 1, key);
          if (l == 0) QCOMPARE(cosine, 1.0);
        }
        if (l == 0)
          QCOMPARE(shift.value(QLatin1String("mean")).toDouble(), 0.0);
        else
          QVERIFY(shift.value(QLatin1String("mean")).toDouble() > 0);
      }
    }
    // Off (the default), summary.json has no gradientShift.
    const QString plain = tmp.filePath(QStringLiteral("plain"));
    verifySuccess(run(kSmallRun + QStringList{QStringLiteral("--export"), plain,
                                              QStringLiteral("--format"), QStringLiteral("csv")},
                      tmp.path()));
    const QJsonObject off = readJson(QDir(plain).filePath(QStringLiteral("summary.json")));
    const QJsonObject layer2 = off.value(QLatin1String("runs"))
                                   .toArray()[0]
                                   .toObject()
                                   .value(QLatin1String("layers"))
                                   .toArray()[1]
                                   .toObject();
    QVERIFY(layer2.contains(QLatin1String("shift")));
    QVERIFY(!layer2.contains(QLatin1String("gradientShift")));
  }

  // Batch norm's relatives as runs: each trains headless, summary.json names its kind, and every
  // normalized run has its test-time accuracies (layer norm's batch of one is its accuracy on
  // the same examples together).
  void relativesTrainHeadless() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString out = tmp.filePath(QStringLiteral("out"));
    const Result r =
        run(kSmallRun + QStringList{QStringLiteral("--runs"),
                                    QStringLiteral("plain,batch-norm,noisy-batch-norm,layer-norm"),
                                    QStringLiteral("--export"), out, QStringLiteral("--format"),
                                    QStringLiteral("csv"), QStringLiteral("--charts"),
                                    QStringLiteral("accuracy")},
            tmp.path());
    verifySuccess(r);
    const QJsonArray runs = readJson(QDir(out).filePath(QStringLiteral("summary.json")))
                                .value(QLatin1String("runs"))
                                .toArray();
    QCOMPARE(runs.size(), 4);
    const char* kinds[] = {"plain", "batch-norm", "noisy-batch-norm", "layer-norm"};
    const char* names[] = {"plain", "batch norm", "noisy batch norm", "layer norm"};
    for (int i = 0; i < 4; ++i) {
      const QJsonObject run = runs[i].toObject();
      QCOMPARE(run.value(QLatin1String("name")).toString(), QString::fromUtf8(names[i]));
      QCOMPARE(run.value(QLatin1String("spec"))
                   .toObject()
                   .value(QLatin1String("normalization"))
                   .toString(),
               QString::fromUtf8(kinds[i]));
      QCOMPARE(run.contains(QLatin1String("testTime")), i > 0);
      QVERIFY(inUnitInterval(
          run.value(QLatin1String("test")).toObject().value(QLatin1String("accuracy"))));
    }
    const QJsonObject layerNorm = runs[3].toObject().value(QLatin1String("testTime")).toObject();
    QCOMPARE(layerNorm.value(QLatin1String("batchOfOne")).toDouble(),
             layerNorm.value(QLatin1String("batchOfOneTogether")).toDouble());
  }

  // A run whose loss stays finite but never falls (relu at learning rate 10) finishes with a
  // warning that names the run and what to change, and summary.json says so; a run that
  // learns has no such warning.
  void notLearningIsSaid() {
    QTemporaryDir tmp;
    const QString out = tmp.filePath(QStringLiteral("out"));
    const QStringList base = {
        QStringLiteral("--optimizer"), QStringLiteral("sgd"),        QStringLiteral("--steps"),
        QStringLiteral("600"),         QStringLiteral("--export"),   out,
        QStringLiteral("--format"),    QStringLiteral("csv"),        QStringLiteral("--charts"),
        QStringLiteral("accuracy"),    QStringLiteral("--overwrite")};
    const Result stalled = run(
        base + QStringList{QStringLiteral("--learning-rate"), QStringLiteral("10")}, tmp.path());
    QVERIFY2(stalled.finished && stalled.exitCode == 0, stalled.describe().constData());
    QVERIFY2(stalled.err.contains(
                 "bnlab: warning: Not learning: after 600 steps the plain run's loss") &&
                 stalled.err.contains("--learning-rate (now 10)"),
             stalled.describe().constData());
    const auto progress = [&] {
      return readJson(QDir(out).filePath(QStringLiteral("summary.json")))
          .value(QLatin1String("runs"))
          .toArray()[0]
          .toObject()
          .value(QLatin1String("lossProgress"))
          .toObject();
    };
    QVERIFY(progress().value(QLatin1String("notLearning")).toBool());
    QVERIFY(progress().value(QLatin1String("recentLoss")).toDouble() >
            progress().value(QLatin1String("chanceLoss")).toDouble());
    const Result learning = run(
        base + QStringList{QStringLiteral("--learning-rate"), QStringLiteral("0.1")}, tmp.path());
    verifySuccess(learning);
    QVERIFY(!progress().value(QLatin1String("notLearning")).toBool());
  }

  // 3. Bad input: exit 2 before anything happens, one line naming the problem.
  // A lesson played headless: it does each action itself, prints its conclusion with the run's
  // numbers and its claims (all holding), and the screenshot shows the lesson panel.
  void headlessLesson() {
    QTemporaryDir dir;
    const Result r =
        run({QStringLiteral("--lesson"), QStringLiteral("kick"), QStringLiteral("--screenshot"),
             QStringLiteral("lesson.png"), QStringLiteral("--size"), QStringLiteral("1024x700")},
            dir.path());
    verifySuccess(r);
    QVERIFY2(r.out.contains("Your kick of layer 1 at step 600 moved"), r.describe().constData());
    QVERIFY2(r.out.contains("holds: after a kick of layer 1") && !r.out.contains("does not hold"),
             r.describe().constData());
    const QImage shot(dir.filePath(QStringLiteral("lesson.png")));
    QCOMPARE(shot.size(), QSize(1024, 700));
  }

  // A teacher's lesson file: played and its claims checked (exit 1 when one fails); a broken
  // file is bad input with its reasons.
  void lessonFile() {
    QTemporaryDir dir;
    const auto write = [&](const char* name, const QByteArray& json) {
      QFile file(dir.filePath(QLatin1String(name)));
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write(json);
    };
    const QByteArray stages =
        R"("stages": [{"text": "Train.", "for": 300}, {"text": "Test accuracy {runs.0.test.accuracy|%}."}])";
    write(
        "holds.json",
        R"({"title": "Mine", "preset": "Test time: one example", )" + stages +
            R"(, "claims": [{"that": "it learns", "value": "runs.0.test.accuracy", "atLeast": 0.5}]})");
    write(
        "fails.json",
        R"({"title": "Mine", "preset": "Test time: one example", )" + stages +
            R"(, "claims": [{"that": "it is perfect at once", "value": "runs.0.test.accuracy", "atLeast": 1.01}]})");
    write(
        "broken.json",
        R"({"title": "Mine", "preset": "Test time: one example", "stages": [{"text": "a", "for": 0}]})");
    Result r = run(
        {QStringLiteral("--headless"), QStringLiteral("--lesson"), QStringLiteral("holds.json")},
        dir.path());
    verifySuccess(r);
    QVERIFY2(r.out.contains("Test accuracy ") && r.out.contains("holds: it learns"),
             r.describe().constData());
    r = run(
        {QStringLiteral("--headless"), QStringLiteral("--lesson"), QStringLiteral("fails.json")},
        dir.path());
    QVERIFY2(
        r.finished && r.exitCode == 1 && r.out.contains("does not hold: it is perfect at once"),
        r.describe().constData());
    verifyBadInput(run({QStringLiteral("--headless"), QStringLiteral("--lesson"),
                        QStringLiteral("broken.json")},
                       dir.path()),
                   QStringLiteral("until must be ≥ 0 and for ≥ 1"));
  }

  void badInput_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("keyword");
    const QString h = QStringLiteral("--headless");
    const auto row = [](const char* tag, const QStringList& arguments, const char* keyword) {
      QTest::newRow(tag) << arguments << QString::fromUtf8(keyword);
    };
    // Rows that are not about --headless or --steps carry "--headless --steps 1", so that input
    // wrongly accepted ends at once instead of opening a window.
    const QStringList quick = {h, QStringLiteral("--steps"), QStringLiteral("1")};
    row("unknown option", {QStringLiteral("--frobnicate")}, "frobnicate");
    // A device or endless pipe is read up to the limit, then refused (not read without bound).
    row("config from an endless device",
        {h, QStringLiteral("--config"), QStringLiteral("/dev/zero")},
        "/dev/zero is larger than 4 MB");
    row("screenshot names a folder",
        quick + QStringList{QStringLiteral("--screenshot"), QStringLiteral("/tmp")},
        "/tmp is a folder");
    row("screenshot as JPEG",
        quick + QStringList{QStringLiteral("--screenshot"), QStringLiteral("x.jpg")},
        "--screenshot writes PNG: name the file .png, not x.jpg");
    row("group norm's groups",
        quick + QStringList{QStringLiteral("--runs"), QStringLiteral("group-norm"),
                            QStringLiteral("--groups"), QStringLiteral("3")},
        "groups must divide every hidden layer's units");
    row("steps negative", {h, QStringLiteral("--steps"), QStringLiteral("-1")}, "steps");
    row("steps not a number", {h, QStringLiteral("--steps"), QStringLiteral("abc")}, "--steps");
    row("steps too many", {h, QStringLiteral("--steps"), QStringLiteral("100000001")}, "steps");
    row("batch size 0", quick + QStringList{QStringLiteral("--batch-size"), QStringLiteral("0")},
        "--batch-size: the batch size");
    row("batch size 9999",
        quick + QStringList{QStringLiteral("--batch-size"), QStringLiteral("9999")},
        "--batch-size: the batch size");
    row("learning rate nan",
        quick + QStringList{QStringLiteral("--learning-rate"), QStringLiteral("nan")},
        "--learning-rate");
    row("noise inf", quick + QStringList{QStringLiteral("--noise"), QStringLiteral("inf")},
        "--noise");
    row("layers not numbers",
        quick + QStringList{QStringLiteral("--layers"), QStringLiteral("8,x")}, "--layers");
    row("layers of 0 units", quick + QStringList{QStringLiteral("--layers"), QStringLiteral("8,0")},
        "--layers: units");
    row("activation swish",
        quick + QStringList{QStringLiteral("--activation"), QStringLiteral("swish")},
        "--activation");
    row("batch norm maybe",
        quick + QStringList{QStringLiteral("--batch-norm"), QStringLiteral("maybe")},
        "--batch-norm");
    row("uneven scales yes",
        quick + QStringList{QStringLiteral("--uneven-scales"), QStringLiteral("yes")},
        "--uneven-scales");
    row("scale 3",
        {QStringLiteral("--export"), QStringLiteral("out"), QStringLiteral("--steps"),
         QStringLiteral("1"), QStringLiteral("--scale"), QStringLiteral("3")},
        "--scale");
    row("format gif",
        {QStringLiteral("--export"), QStringLiteral("out"), QStringLiteral("--steps"),
         QStringLiteral("1"), QStringLiteral("--format"), QStringLiteral("gif")},
        "--format");
    row("empty export folder", quick + QStringList{QStringLiteral("--export=")}, "--export");
    row("empty screenshot name", quick + QStringList{QStringLiteral("--screenshot=")},
        "--screenshot");
    row("size 10x10", quick + QStringList{QStringLiteral("--size"), QStringLiteral("10x10")},
        "--size");
    row("no such lesson", {h, QStringLiteral("--lesson"), QStringLiteral("99")},
        "no lesson matches");
    row("lesson and preset",
        {h, QStringLiteral("--lesson"), QStringLiteral("3"), QStringLiteral("--preset"),
         QStringLiteral("spiral")},
        "one of --preset, --config and --lesson");
    row("lesson export",
        {QStringLiteral("--lesson"), QStringLiteral("3"), QStringLiteral("--export"),
         QStringLiteral("out")},
        "--export does not apply to --lesson");
    row("size not WxH", quick + QStringList{QStringLiteral("--size"), QStringLiteral("1280")},
        "--size");
    row("unknown preset",
        quick + QStringList{QStringLiteral("--preset"), QStringLiteral("nosuchpreset")},
        "nosuchpreset");
    row("missing config",
        quick + QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent.json")},
        "nonexistent.json");
    row("invalid config",
        quick + QStringList{QStringLiteral("--config"), QStringLiteral("invalid.json")}, "JSON");
    row("config with unknown key",
        quick + QStringList{QStringLiteral("--config"), QStringLiteral("unknown-key.json")},
        "frobnicate");
    row("preset and config",
        quick + QStringList{QStringLiteral("--preset"), QStringLiteral("spiral"),
                            QStringLiteral("--config"), QStringLiteral("valid.json")},
        "--config");
    row("format without export",
        {h, QStringLiteral("--steps"), QStringLiteral("1"), QStringLiteral("--format"),
         QStringLiteral("png")},
        "--export");
    row("format without headless", {QStringLiteral("--format"), QStringLiteral("png")},
        "--headless");
    row("overwrite without headless", {QStringLiteral("--overwrite")}, "--headless");
    row("positional argument", {QStringLiteral("foo")}, "foo");
    // The run list: each way it can be wrong names the part.
    const auto runs = [&](const char* tag, const char* list, const char* keyword) {
      row(tag, quick + QStringList{QStringLiteral("--runs"), QString::fromUtf8(list)}, keyword);
    };
    runs("runs: unknown kind", "plain,instance-norm", "unknown run kind \"instance-norm\"");
    runs("runs: batch not a number", "batch-norm:batch=big", "bad value \"big\" for batch");
    runs("runs: batch out of range", "plain,batch-norm:batch=9999",
         "batch size must be 1 to 512, not 9999");
    runs("runs: dropout out of range", "plain:dropout=0.95", "dropout must be between 0 and 0.9");
    runs("runs: unknown setting", "plain:speed=2", "unknown setting \"speed\"");
    runs("runs: not key=value", "plain:batch", "is not key=value");
    runs("runs: empty run", "plain,,batch-norm", "an empty run");
    runs("runs: too many", "plain,batch-norm,plain:batch=8,batch-norm:batch=8,plain:batch=16",
         "1 to 4 runs, not 5");
    runs("runs: duplicate names", "plain:name=twin,batch-norm:name=twin",
         "two runs are called \"twin\"");
    runs("runs: duplicate kinds", "batch-norm,batch-norm", "two runs are called \"batch norm\"");
    const QString a = QStringLiteral("--animate");
    row("animate as AVI", quick + QStringList{a, QStringLiteral("run.avi")},
        "name the file .gif or .mp4");
    row("animate one frame",
        quick + QStringList{a, QStringLiteral("run.gif"), QStringLiteral("--frames"),
                            QStringLiteral("1")},
        "--frames must be a whole number from 2 to 1000");
    row("animate at 0 fps",
        quick +
            QStringList{a, QStringLiteral("run.gif"), QStringLiteral("--fps"), QStringLiteral("0")},
        "--fps must be a whole number from 1 to 50");
    row("frames without animate",
        quick + QStringList{QStringLiteral("--frames"), QStringLiteral("9")},
        "--frames needs --animate");
    row("animate two charts",
        quick + QStringList{a, QStringLiteral("run.gif"), QStringLiteral("--charts"),
                            QStringLiteral("accuracy,loss")},
        "give --charts one name");
    row("animate an unknown chart",
        quick + QStringList{a, QStringLiteral("run.gif"), QStringLiteral("--charts"),
                            QStringLiteral("nonsense")},
        "no chart named nonsense");
    row("runs with batch-norm",
        quick + QStringList{QStringLiteral("--runs"), QStringLiteral("plain"),
                            QStringLiteral("--batch-norm"), QStringLiteral("on")},
        "--runs or --batch-norm");
  }

  void badInput() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, keyword);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("invalid.json")),
                      "{ \"data\": { \"dataset\": \"spiral\", "));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("unknown-key.json")),
                      "{ \"data\": { \"dataset\": \"spiral\" }, \"frobnicate\": 1 }"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("valid.json")),
                      "{ \"data\": { \"dataset\": \"moons\" } }"));
    const QStringList before = tree(dir.path());
    const Result r = run(arguments, dir.path(), 20000);
    verifyBadInput(r, keyword);
    QVERIFY2(r.out.isEmpty(), r.describe().constData());
    QCOMPARE(tree(dir.path()), before);  // nothing created (no "out" folder), nothing removed
  }

  // The "valid.json" of badInput is accepted on its own, so the "preset and config" row fails
  // for the reason it names.
  void validConfigAccepted() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("valid.json")),
                      "{ \"data\": { \"dataset\": \"moons\" } }"));
    const Result r =
        run({QStringLiteral("--headless"), QStringLiteral("--steps"), QStringLiteral("1"),
             QStringLiteral("--config"), QStringLiteral("valid.json"), QStringLiteral("--layers"),
             QStringLiteral("8")},
            dir.path());
    verifySuccess(r);
  }

  // 4. An export folder that cannot be made: exit 2 before training, nothing made anywhere.
  void unwritableExportFolder_data() {
    QTest::addColumn<QString>("exportPath");
    QTest::addColumn<QString>("keyword");
    QTest::newRow("below a regular file") << QStringLiteral("F/sub") << QStringLiteral("F/sub");
    QTest::newRow("deep below a regular file")
        << QStringLiteral("F/a/b") << QStringLiteral("F/a/b");
    QTest::newRow("a regular file") << QStringLiteral("F") << QStringLiteral("not a folder");
  }

  void unwritableExportFolder() {
    QFETCH(QString, exportPath);
    QFETCH(QString, keyword);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("F")), "a regular file\n"));
    const QStringList before = tree(dir.path());
    const Result r =
        run(kSmallRun + QStringList{QStringLiteral("--export"), exportPath}, dir.path());
    verifyBadInput(r, keyword);
    QVERIFY2(!r.out.contains("train loss"), r.describe().constData());  // before training
    QCOMPARE(tree(dir.path()), before);
    QCOMPARE(readAll(dir.filePath(QStringLiteral("F"))), QByteArray("a regular file\n"));
  }

  // The screenshot's folder cannot be made: exit 2, and the export folder (which could be)
  // must not be left behind either.
  void unwritableScreenshotFolder() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("F")), "a regular file\n"));
    const QStringList before = tree(dir.path());
    const Result r =
        run(kSmallRun + QStringList{QStringLiteral("--export"), QStringLiteral("new/out"),
                                    QStringLiteral("--screenshot"), QStringLiteral("F/shot.png")},
            dir.path());
    verifyBadInput(r, QStringLiteral("not a folder"));
    QVERIFY2(!r.out.contains("train loss"), r.describe().constData());
    QCOMPARE(tree(dir.path()), before);
  }

  // 5. Files that exist: refused (exit 2, bytes unchanged) unless --overwrite.
  void existingFiles_data() {
    QTest::addColumn<QString>(
        "existing");  // the file that exists, relative to the temporary folder
    QTest::addColumn<QStringList>("arguments");  // besides kSmallRun
    QTest::newRow("summary.json") << QStringLiteral("out/summary.json")
                                  << QStringList{QStringLiteral("--export"), QStringLiteral("out")};
    QTest::newRow("a chart") << QStringLiteral("out/loss.png")
                             << QStringList{QStringLiteral("--export"), QStringLiteral("out")};
    QTest::newRow("screenshot") << QStringLiteral("shot.png")
                                << QStringList{QStringLiteral("--screenshot"),
                                               QStringLiteral("shot.png")};
    // A chart that has no data before the first record, so is not drawn at step 0.
    QTest::newRow("a shift chart")
        << QStringLiteral("out/layer1-shift.csv")
        << QStringList{QStringLiteral("--export"), QStringLiteral("out")};
  }

  void existingFiles() {
    QFETCH(QString, existing);
    QFETCH(QStringList, arguments);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("out")));
    const QString path = dir.filePath(existing);
    const QByteArray original = "made by the test, not by bnlab\n";
    QVERIFY(writeFile(path, original));
    const QStringList before = tree(dir.path());

    const Result refused = run(kSmallRun + arguments, dir.path());
    verifyBadInput(refused, QFileInfo(existing).fileName());
    QVERIFY2(refused.err.contains("--overwrite"), refused.describe().constData());
    QCOMPARE(readAll(path), original);
    QCOMPARE(tree(dir.path()), before);
    // Refused before training: no progress, no results.
    QVERIFY2(!refused.out.contains("steps") && !refused.out.contains("train loss"),
             refused.describe().constData());

    const Result replaced =
        run(kSmallRun + arguments + QStringList{QStringLiteral("--overwrite")}, dir.path());
    verifySuccess(replaced);
    const QByteArray now = readAll(path);
    QVERIFY(now != original);
    if (existing.endsWith(QLatin1String(".json"))) {
      QCOMPARE(QJsonDocument::fromJson(now).object().value(QLatin1String("step")).toInteger(-1),
               50);
    } else if (existing.endsWith(QLatin1String(".png"))) {
      const QImage image(path);
      QVERIFY(!image.isNull());
      QCOMPARE(image.text(QStringLiteral("bnlab-step")), QStringLiteral("50"));
    } else {
      QVERIFY(now.startsWith("series,kind,x,y,low,high,value"));
    }
  }

  // A file that cannot be written at the end (a folder in its place, --overwrite): exit 1.
  void writeFailure() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("out/summary.json")));
    const Result r = run(kSmallRun + QStringList{QStringLiteral("--export"), QStringLiteral("out"),
                                                 QStringLiteral("--format"), QStringLiteral("csv"),
                                                 QStringLiteral("--overwrite")},
                         dir.path());
    QVERIFY2(r.finished && r.status == QProcess::NormalExit && r.exitCode == 1,
             r.describe().constData());
    const QStringList lines = r.errLines();
    QVERIFY2(lines.size() == 1, r.describe().constData());
    QVERIFY2(lines.front().startsWith(QLatin1String("bnlab: ")) &&
                 lines.front().contains(QLatin1String("summary.json")),
             r.describe().constData());
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("out/summary.json"))).isDir());
  }

  // 6. The window screenshot at the size asked for (device pixel ratio 1 offscreen).
  void screenshotSize() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString shot = dir.filePath(QStringLiteral("shots/window.png"));  // folder made on demand
    const Result r =
        run(kSmallRun + QStringList{QStringLiteral("--screenshot"), shot, QStringLiteral("--size"),
                                    QStringLiteral("1280x800")},
            dir.path());
    verifySuccess(r);
    QVERIFY2(r.out.contains("1280x800"), r.describe().constData());
    const QImage image(shot);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1280, 800));
    QCOMPARE(image.text(QStringLiteral("bnlab-step")), QStringLiteral("50"));
    QCOMPARE(tree(dir.path()),
             (QStringList{QStringLiteral("shots"), QStringLiteral("shots/window.png")}));
  }

  // --animate: an animated GIF of one chart, every frame at the chart's size times the scale,
  // frames that change as the network trains, and the step of each frame written on it.
  void animateOneChart() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString gif = dir.filePath(QStringLiteral("layer.gif"));
    const Result r =
        run(kSmallRun + QStringList{QStringLiteral("--animate"), gif, QStringLiteral("--frames"),
                                    QStringLiteral("6"), QStringLiteral("--charts"),
                                    QStringLiteral("layer1-distribution"),
                                    QStringLiteral("--chart-size"), QStringLiteral("300x200")},
            dir.path());
    verifySuccess(r);
    QVERIFY2(r.out.contains("(6 frames)"), r.describe().constData());
    QImageReader reader(gif);
    QCOMPARE(reader.imageCount(), 6);
    QCOMPARE(reader.size(), QSize(600, 400));  // --scale 2 by default
    QImage first, last;
    for (int i = 0; i < 6; ++i) {
      const QImage frame = reader.read();
      QVERIFY2(!frame.isNull(), qPrintable(reader.errorString()));
      if (i == 0) first = frame.convertToFormat(QImage::Format_RGB32);
      last = frame.convertToFormat(QImage::Format_RGB32);
    }
    QVERIFY(first != last);
    // The chart fills the frame at 2×: its lower-right quarter is not empty background.
    bool drawn = false;
    for (int y = 220; y < 400 && !drawn; y += 4)
      for (int x = 320; x < 600 && !drawn; x += 4) drawn = last.pixel(x, y) != qRgb(255, 255, 255);
    QVERIFY(drawn);
    QCOMPARE(tree(dir.path()), QStringList{QStringLiteral("layer.gif")});
  }

  // --animate FILE.mp4: H.264 that FFmpeg's own reader decodes to every frame, at the chart's
  // size times the scale, at --fps.
  void animateMp4() {
    const QString ffprobe = QStandardPaths::findExecutable(QStringLiteral("ffprobe"));
    if (ffprobe.isEmpty()) QSKIP("ffprobe (package ffmpeg, which scripts/dev installs) is missing");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString mp4 = dir.filePath(QStringLiteral("layer.mp4"));
    const Result r = run(
        kSmallRun + QStringList{QStringLiteral("--animate"), mp4, QStringLiteral("--frames"),
                                QStringLiteral("7"), QStringLiteral("--fps"), QStringLiteral("5"),
                                QStringLiteral("--charts"), QStringLiteral("layer1-distribution"),
                                QStringLiteral("--chart-size"), QStringLiteral("301x201")},
        dir.path());
    verifySuccess(r);
    QVERIFY2(r.err.isEmpty(), r.describe().constData());  // no encoder chatter
    QProcess probe;
    probe.start(ffprobe,
                {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-count_frames"),
                 QStringLiteral("-show_entries"),
                 QStringLiteral("stream=codec_name,width,height,nb_read_frames,r_frame_rate"),
                 QStringLiteral("-of"), QStringLiteral("default=nw=1"), mp4});
    QVERIFY(probe.waitForFinished(30000));
    const QString out = QString::fromUtf8(probe.readAllStandardOutput());
    for (const char* expected :
         {"codec_name=h264", "width=602", "height=402", "r_frame_rate=5/1", "nb_read_frames=7"})
      QVERIFY2(out.contains(QLatin1String(expected)), qPrintable(out));
    QCOMPARE(tree(dir.path()), QStringList{QStringLiteral("layer.mp4")});
  }

  // 7. Interrupted: the first SIGINT or SIGTERM stops the run at its current step; what was
  // measured is written, one line says where it stopped and what was written, and the exit code
  // is the shell's for the signal (128 + its number).
  void interrupted_data() {
    QTest::addColumn<int>("signal");
    QTest::addColumn<QString>("name");
    QTest::newRow("SIGINT") << int(SIGINT) << QStringLiteral("SIGINT");
    QTest::newRow("SIGTERM") << int(SIGTERM) << QStringLiteral("SIGTERM");
  }

  void interrupted() {
    QFETCH(int, signal);
    QFETCH(QString, name);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("out"));
    QProcess process;
    QVERIFY(start(process,
                  kEndlessRun + QStringList{QStringLiteral("--export"), out,
                                            QStringLiteral("--format"), QStringLiteral("csv")},
                  dir.path()));
    QTest::qWait(kIntoTraining);
    QVERIFY(sendSignal(process, signal));
    const Result r = finish(process, 60000);
    QVERIFY2(r.finished && r.status == QProcess::NormalExit && r.exitCode == 128 + signal,
             r.describe().constData());

    const QJsonObject summary = readJson(QDir(out).filePath(QStringLiteral("summary.json")));
    const qint64 step = summary.value(QLatin1String("step")).toInteger(-1);
    QVERIFY2(step >= 0 && step < kEndlessSteps, r.describe().constData());
    const QStringList lines = r.errLines();
    QVERIFY2(lines.size() == 1 && lines.front().startsWith(QLatin1String("bnlab: interrupted")),
             r.describe().constData());
    QVERIFY2(lines.front().contains(name) &&
                 lines.front().contains(QStringLiteral("at step %1 ").arg(step)) &&
                 lines.front().contains(out),
             r.describe().constData());
    QVERIFY2(r.out.contains("train loss"), r.describe().constData());  // the results at that step
    const QStringList present = tree(out);
    for (const char* file : {"config.json", "summary.json", "loss.csv", "layer1-distribution.csv"})
      QVERIFY2(present.contains(QLatin1String(file)), file);
    for (const QString& file : present)
      QVERIFY2(!file.startsWith(QLatin1Char('.')), qPrintable(file));  // no temporary files
  }

  // A lesson played headless stops too, and says where; a lesson not finished has no claims to
  // check and no conclusion to picture.
  void interruptedLesson() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(
        writeFile(dir.filePath(QStringLiteral("long.json")),
                  R"({"title": "Long", "preset": "Test time: one example", "stages": [)"
                  R"({"text": "Train.", "for": 100000000}, {"text": "Done."}], "claims": [)"
                  R"({"that": "it learns", "value": "runs.0.test.accuracy", "atLeast": 0.5}]})"));
    QProcess process;
    QVERIFY(start(
        process,
        {QStringLiteral("--headless"), QStringLiteral("--lesson"), QStringLiteral("long.json"),
         QStringLiteral("--screenshot"), QStringLiteral("lesson.png")},
        dir.path()));
    QTest::qWait(kIntoTraining);
    QVERIFY(sendSignal(process, SIGINT));
    const Result r = finish(process, 60000);
    QVERIFY2(r.finished && r.status == QProcess::NormalExit && r.exitCode == 130,
             r.describe().constData());
    const QStringList lines = r.errLines();
    QVERIFY2(lines.size() == 1 &&
                 lines.front().startsWith(QLatin1String("bnlab: interrupted by SIGINT at step ")) &&
                 lines.front().contains(QLatin1String("in step 1 of 2 of the lesson")),
             r.describe().constData());
    QVERIFY2(!r.out.contains("holds"), r.describe().constData());
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("lesson.png"))));
  }

  // A second signal ends the run at once, while the first is still stopping it.
  void secondSignalEndsAtOnce() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess process;
    // Pictures at twice the size take long enough to write that the second signal comes first.
    QVERIFY(start(process,
                  kEndlessRun + QStringList{QStringLiteral("--export"), QStringLiteral("out"),
                                            QStringLiteral("--scale"), QStringLiteral("2")},
                  dir.path()));
    QTest::qWait(kIntoTraining);
    QVERIFY(sendSignal(process, SIGINT));
    QTest::qWait(50);
    QVERIFY2(sendSignal(process, SIGINT), "the first signal ended the run");
    const Result r = finish(process, 10000);
    QVERIFY2(r.finished && r.status == QProcess::CrashExit, r.describe().constData());
  }

  // Progress to a pipe closed early (bnlab … | head -c 1): the run goes on, as if nothing read its
  // output, and writes its files.
  void closedOutputPipe() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QStringList arguments = QStringList{
        QStringLiteral("--preset"), QStringLiteral("spiral"),    QStringLiteral("--layers"),
        QStringLiteral("8,8"),      QStringLiteral("--samples"), QStringLiteral("400"),
        QStringLiteral("--steps"),  QStringLiteral("20000"),     QStringLiteral("--export"),
        QStringLiteral("out"),      QStringLiteral("--format"),  QStringLiteral("csv")};
    QProcess process;
    const Result r =
        run(process,
            QStringList{QStringLiteral("-c"),
                        QStringLiteral("{ \"$0\" \"$@\"; echo $? > status; } | head -c 1"),
                        QStringLiteral(BNLAB_BINARY)} +
                arguments,
            dir.path(), 60000, QStringLiteral("/bin/sh"));
    QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
    QCOMPARE(readAll(dir.filePath(QStringLiteral("status"))).trimmed(), QByteArray("0"));
    QVERIFY2(!r.err.contains("bnlab: "), r.describe().constData());
    const QJsonObject summary = readJson(dir.filePath(QStringLiteral("out/summary.json")));
    QCOMPARE(summary.value(QLatin1String("step")).toInteger(-1), 20000);
  }

  // 8. A write that fails part-way (here at a file-size limit, RLIMIT_FSIZE, whose SIGXFSZ
  // bnlab ignores): exit 1 and one line with the system's reason, the files written before it and
  // those not written; no temporary file left.
  void failedWriteSaysWhy() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess process;
    process.setChildProcessModifier([] {
      std::signal(SIGXFSZ, SIG_DFL);  // a user's `ulimit -f`: bnlab must not die of it
      const rlimit limit{40 << 10, 40 << 10};
      setrlimit(RLIMIT_FSIZE, &limit);
    });
    const Result r =
        run(process, kSmallRun + QStringList{QStringLiteral("--export"), QStringLiteral("out")},
            dir.path());
    verifySuccess(run(kSmallRun + QStringList{QStringLiteral("--export"), QStringLiteral("whole")},
                      dir.path()));
    verifyPartialExport(r, QString::fromLocal8Bit(std::strerror(EFBIG)),
                        dir.filePath(QStringLiteral("out")), dir.filePath(QStringLiteral("whole")));
  }

  // A full disk: a tmpfs of 160 KB, mounted in a mount namespace of bnlab's own (so nothing
  // outside sees it). Needs the right to mount; skipped without it.
  void fullDiskSaysWhy() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("small")));
    const QByteArray small = QFile::encodeName(dir.filePath(QStringLiteral("small")));
    QProcess process;
    process.setChildProcessModifier([small] {
      if (unshare(CLONE_NEWNS) != 0 ||
          mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
          mount("tmpfs", small.constData(), "tmpfs", 0, "size=160k") != 0)
        _exit(kCannotMount);
    });
    const Result r = run(
        process, kSmallRun + QStringList{QStringLiteral("--export"), QStringLiteral("small/out")},
        dir.path());
    if (r.finished && r.exitCode == kCannotMount)
      QSKIP("cannot mount a tmpfs here (needs CAP_SYS_ADMIN)");
    // The mount is gone with the process: the test sees only what bnlab said.
    verifySuccess(run(kSmallRun + QStringList{QStringLiteral("--export"), QStringLiteral("whole")},
                      dir.path()));
    verifyPartialExport(r, QString::fromLocal8Bit(std::strerror(ENOSPC)), QString(),
                        dir.filePath(QStringLiteral("whole")));
  }

  // 9. Out of memory (a limit on the address space, RLIMIT_AS): one line that says so and
  // where, exit 2; never an abort. On two cores the first row runs out while the networks are
  // built, the second after training, while the last step is measured (an abort before); where
  // depends on the machine's threads, so only the line is checked.
  void outOfMemory_data() {
    QTest::addColumn<QString>("runs");
    QTest::addColumn<int>("megabytes");
    QTest::newRow("building") << QStringLiteral("plain,batch-norm") << 384;
    QTest::newRow("measuring") << QStringLiteral("plain") << 320;
  }

  void outOfMemory() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    QSKIP("the sanitizers reserve more address space than the limit allows");
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
    QSKIP("the sanitizers reserve more address space than the limit allows");
#endif
#endif
    QFETCH(QString, runs);
    QFETCH(int, megabytes);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess process;
    QProcessEnvironment env = noDisplayEnvironment(configHome_.path());
    env.insert(QStringLiteral("MALLOC_ARENA_MAX"), QStringLiteral("2"));  // fewer reservations
    process.setProcessEnvironment(env);
    const rlim_t bytes = rlim_t(megabytes) << 20;
    process.setChildProcessModifier([bytes] {
      const rlimit limit{bytes, bytes};
      setrlimit(RLIMIT_AS, &limit);
    });
    // Eight layers of 512 units and a probe batch of 4096: about 400 MB of address space for
    // one run, more for two.
    const Result r =
        run(process,
            {QStringLiteral("--headless"), QStringLiteral("--preset"), QStringLiteral("spiral"),
             QStringLiteral("--layers"), QStringLiteral("512,512,512,512,512,512,512,512"),
             QStringLiteral("--runs"), runs, QStringLiteral("--probe-size"), QStringLiteral("4096"),
             QStringLiteral("--samples"), QStringLiteral("2000"), QStringLiteral("--steps"),
             QStringLiteral("2")},
            dir.path());
    QVERIFY2(r.finished && r.status == QProcess::NormalExit && r.exitCode == 2,
             r.describe().constData());
    QVERIFY2(!r.err.contains("terminate called"), r.describe().constData());
    const QStringList lines = r.errLines();
    QVERIFY2(
        lines.size() == 1 && lines.front().startsWith(QLatin1String("bnlab: out of memory while ")),
        r.describe().constData());
  }
};

QTEST_MAIN(CommandLineTest)
#include "test_command_line.moc"
