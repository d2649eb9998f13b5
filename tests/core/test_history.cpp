// History: bounded memory, the first and newest samples kept, the min/max envelope intact.
#include <QTest>

#include "common/rng.h"
#include "stats/history.h"

using namespace bnlab;

class HistoryTest : public QObject {
  Q_OBJECT
 private slots:
  void keepsEverySampleUntilFull() {
    History h(8);
    for (int i = 0; i < 8; ++i) h.append(i, i * 10);
    QCOMPARE(h.points().size(), std::size_t(8));
    for (int i = 0; i < 8; ++i) QCOMPARE(h.points()[std::size_t(i)].value, i * 10.0);
  }

  void memoryStaysBoundedWithEnvelopeAndEnds() {
    History h(64);
    Rng rng(1);
    double lowest = 1e9, highest = -1e9;
    std::int64_t lowestStep = 0;
    const std::int64_t samples = 1'000'000;
    for (std::int64_t step = 0; step < samples; ++step) {
      double v = rng.normal();
      if (step == 123'457) v = -50;  // a single spike must survive decimation
      if (v < lowest) lowest = v, lowestStep = step;
      highest = std::max(highest, v);
      h.append(step, v);
      QVERIFY(h.size() <= h.capacity() + 1);
    }
    Q_UNUSED(lowestStep);
    QVERIFY(h.points().size() <= 65);
    QVERIFY(h.points().size() >= 32);
    QCOMPARE(h.samplesSeen(), samples);
    QCOMPARE(h.points().front().step, std::int64_t(0));  // the first sample, as it was
    QCOMPARE(h.points().front().count, std::int64_t(1));
    QCOMPARE(h.points().back().step, samples - 1);  // the newest sample
    double envelopeLow = 1e9, envelopeHigh = -1e9;
    std::int64_t counted = 0, previousStep = -1;
    for (const HistoryPoint& p : h.points()) {
      envelopeLow = std::min(envelopeLow, p.min);
      envelopeHigh = std::max(envelopeHigh, p.max);
      QVERIFY(p.min <= p.value && p.value <= p.max);
      QVERIFY(p.step > previousStep);
      previousStep = p.step;
      counted += p.count;
    }
    QCOMPARE(envelopeLow, lowest);
    QCOMPARE(envelopeHigh, highest);
    QCOMPARE(counted, samples);  // every sample is in exactly one bucket
  }

  void viewsAreFrozenWhileTheHistoryMoves() {
    History h(8);
    for (int i = 0; i < 5; ++i) h.append(i, i);
    const HistoryView before = h.view();
    for (int i = 5; i < 100; ++i) h.append(i, -i);
    QCOMPARE(before.size(), std::size_t(5));
    QCOMPARE(before.back().value, 4.0);
    const std::vector<HistoryPoint> frozen = before.toVector();
    for (int i = 0; i < 5; ++i) QCOMPARE(frozen[std::size_t(i)].step, std::int64_t(i));
    QCOMPARE(h.view().back().value, -99.0);
  }

  void clearStartsOver() {
    History h(4);
    for (int i = 0; i < 100; ++i) h.append(i, i);
    h.clear();
    QVERIFY(h.empty());
    h.append(5, 1);
    QCOMPARE(h.samplesPerBucket(), std::int64_t(1));
    QCOMPARE(h.last().step, std::int64_t(5));
  }
};

QTEST_GUILESS_MAIN(HistoryTest)
#include "test_history.moc"
