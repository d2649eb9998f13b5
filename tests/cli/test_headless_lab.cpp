// A headless run draws its charts from the chart catalog, without a window: a window is laid out
// (offscreen) only for the pictures of the whole dashboard or window. In process, through
// parseCommandLine and runHeadless, counting the widgets Qt polishes (every widget shown is).
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

#include "charts/chart_catalog.h"
#include "command_line.h"
#include "headless_run.h"

using namespace bnlab;

namespace {

// Counts the widgets polished (shown) while it lives.
class WidgetCounter : public QObject {
 public:
  WidgetCounter() { qApp->installEventFilter(this); }
  ~WidgetCounter() override { qApp->removeEventFilter(this); }
  int polished = 0;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::Polish && watched->isWidgetType()) ++polished;
    return false;
  }
};

// bnlab `arguments` headless, quietly, to 60 steps; its exit code.
int runBnlab(QStringList arguments) {
  arguments.prepend(QStringLiteral("bnlab"));
  arguments << QStringLiteral("--headless") << QStringLiteral("--quiet")
            << QStringLiteral("--steps") << QStringLiteral("60");
  CommandLine cli;
  QString error;
  if (!parseCommandLine(arguments, cli, error)) {
    qWarning("%s", qPrintable(error));
    return -1;
  }
  return runHeadless(cli);
}

}  // namespace

class HeadlessLabTest : public QObject {
  Q_OBJECT
 private slots:
  // Every chart file of an export without the dashboard picture, no widget shown; each chart at
  // its kind's export size.
  void chartsNeedNoWindow() {
    QTemporaryDir dir;
    WidgetCounter counter;
    QCOMPARE(runBnlab({QStringLiteral("--export"), dir.path(), QStringLiteral("--no-composite")}),
             0);
    QCOMPARE(counter.polished, 0);
    const QStringList pngs = QDir(dir.path()).entryList({QStringLiteral("*.png")});
    QVERIFY2(pngs.size() > 20, qPrintable(pngs.join(' ')));
    QVERIFY(!pngs.contains(QStringLiteral("dashboard.png")));
    // --scale 2 by default: each chart at twice its kind's size.
    for (const char* id : {"loss", "layer1-units-1-2", "layer1-histogram", "layer2-distribution"}) {
      const QString name = QString::fromLatin1(id);
      const ChartKind* kind = findChartKind(name.startsWith(QLatin1String("layer"))
                                                ? name.section(QLatin1Char('-'), 1).toStdString()
                                                : name.toStdString());
      QVERIFY(kind);
      QCOMPARE(QImage(dir.filePath(name + QStringLiteral(".png"))).size(), kind->exportSize * 2);
    }
  }

  // One chart's animation: no widget shown either.
  void aChartsAnimationNeedsNoWindow() {
    QTemporaryDir dir;
    WidgetCounter counter;
    QCOMPARE(runBnlab({QStringLiteral("--animate"), dir.filePath(QStringLiteral("a.gif")),
                       QStringLiteral("--frames"), QStringLiteral("3"), QStringLiteral("--charts"),
                       QStringLiteral("layer1-distribution")}),
             0);
    QCOMPARE(counter.polished, 0);
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("a.gif"))).size() > 0);
  }

  // The dashboard's picture is the window's: then, and only then, the window is laid out.
  void theDashboardPictureIsTheWindows() {
    QTemporaryDir dir;
    WidgetCounter counter;
    QCOMPARE(runBnlab({QStringLiteral("--export"), dir.path(), QStringLiteral("--charts"),
                       QStringLiteral("loss")}),
             0);
    QVERIFY(counter.polished > 10);
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("dashboard.png"))));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("loss.png"))));
  }
};

QTEST_MAIN(HeadlessLabTest)
#include "test_headless_lab.moc"
