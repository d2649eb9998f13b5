// What the lab says of a run that is not learning: the likely fix in the window's terms or the
// command line's, and batch norm on batches of one named as the cause instead of the learning
// rate.
#include <QTest>

#include "session/stall_message.h"

using namespace bnlab;

namespace {

// A two-run snapshot whose second run (batch norm at `batchSize`) stalled at chance.
Snapshot stalledSnapshot(int batchSize) {
  Snapshot snap;
  snap.config.optimizer.learningRate = 0.5;
  snap.runs.resize(2);
  snap.runs[0].name = "plain";
  snap.runs[0].progress = LossProgress(2);
  snap.runs[0].batchSize = batchSize;
  for (int i = 0; i < 600; ++i) snap.runs[0].progress.add(0.7 - 0.0008 * i);  // learning
  RunSnapshot& stalled = snap.runs[1];
  stalled.name = "batch norm";
  stalled.batchNorm = true;
  stalled.batchSize = batchSize;
  stalled.progress = LossProgress(2);
  for (int i = 0; i < 600; ++i) stalled.progress.add(0.7);
  return snap;
}

}  // namespace

class StallMessageTest : public QObject {
  Q_OBJECT
 private slots:
  void saysWhatToTry_data() {
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<bool>("commandLine");
    QTest::addColumn<QString>("says");
    QTest::addColumn<QString>("neverSays");
    QTest::newRow("window") << 64 << false
                            << "the batch norm run's loss (0.700 over the last 50 steps) is not "
                               "clearly below 0.693, the loss of guessing among 2 classes. Try "
                               "another learning rate (now 0.5)"
                            << "another the";
    QTest::newRow("command line") << 64 << true << "Try another --learning-rate (now 0.5)"
                                  << "another the";
    QTest::newRow("batch of one") << 1 << false << "use a batch of 8 or more"
                                  << "learning rate";
  }
  void saysWhatToTry() {
    QFETCH(int, batchSize);
    QFETCH(bool, commandLine);
    QFETCH(QString, says);
    QFETCH(QString, neverSays);
    const QString message = stallMessage(stalledSnapshot(batchSize), commandLine);
    QVERIFY2(message.startsWith(QStringLiteral("Not learning: after 600 steps")),
             qPrintable(message));
    QVERIFY2(message.contains(says), qPrintable(message));
    QVERIFY2(!message.contains(neverSays), qPrintable(message));
  }

  void aLearningRunIsNotNamed() {
    Snapshot snap = stalledSnapshot(64);
    snap.runs.pop_back();
    QCOMPARE(stallMessage(snap), QString());
  }
};

QTEST_MAIN(StallMessageTest)
#include "test_stall_message.moc"
