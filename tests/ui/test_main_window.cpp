// The application window opens on the offscreen platform with its title.
#include <QTest>

#include "window/main_window.h"

class MainWindowTest : public QObject {
  Q_OBJECT
 private slots:
  void opensWithTitle() {
    bnlab::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("BatchNorm Lab"));
    QVERIFY(!window.windowIcon().isNull());
  }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
