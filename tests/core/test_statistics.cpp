// Quantiles against a reference table (type-7 interpolation, NumPy's and R's default),
// selection equal to sorting, histograms, moments and the 1-Wasserstein distance.
#include <QTest>
#include <algorithm>

#include "common/rng.h"
#include "stats/histogram.h"
#include "stats/quantiles.h"
#include "stats/radix_sort.h"
#include "stats/wasserstein.h"

using namespace bnlab;

class StatisticsTest : public QObject {
  Q_OBJECT
 private slots:
  void quantilesMatchTheReferenceTable() {
    // Sorted: 1 1 2 3 3 4 5 5 6 9; h = 9p/100; q = x⌊h⌋ + frac(h)(x⌊h⌋+1 − x⌊h⌋).
    const std::vector<float> values{3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
    const double expected[9] = {1, 1, 1.4283, 2.7765, 3.5, 5, 5.5717, 7.1964, 9};
    const std::vector<double> q = quantiles(values);
    QCOMPARE(q.size(), std::size_t(9));
    for (int i = 0; i < 9; ++i)
      QVERIFY2(std::abs(q[i] - expected[i]) < 1e-9, qPrintable(QString::number(i)));
    // R: quantile(c(1, 2, 3, 4), c(.25, .5, .9)) = 1.75 2.5 3.7
    const std::vector<float> four{4, 2, 1, 3};
    const std::vector<double> percentiles{25, 50, 90};
    const std::vector<double> r = quantiles(four, percentiles);
    QVERIFY(std::abs(r[0] - 1.75) < 1e-9 && std::abs(r[1] - 2.5) < 1e-9 &&
            std::abs(r[2] - 3.7) < 1e-6);
    // The paper's 15/50/85 of 0 … 100: exactly 15, 50, 85.
    std::vector<float> ramp(101);
    for (int i = 0; i <= 100; ++i) ramp[std::size_t(i)] = float(i);
    const std::vector<double> paper = quantiles(ramp, kPaperPercentiles);
    QVERIFY(std::abs(paper[0] - 15) < 1e-9 && std::abs(paper[2] - 85) < 1e-9);
  }

  void singleAndEmptySamples() {
    const std::vector<float> one{2.5f};
    for (double q : quantiles(one)) QCOMPARE(q, 2.5);
    const std::vector<float> none;
    QVERIFY(std::isnan(quantiles(none)[4]));
  }

  void radixSortEqualsStdSort() {
    Rng rng(1);
    SortScratch scratch;
    for (int n : {0, 1, 2, 3, 10, 257, 5000}) {
      std::vector<float> values(static_cast<std::size_t>(n));
      for (float& v : values) v = float(rng.normal() * std::pow(10.0, rng.uniform(-6, 6)));
      if (n > 5) values[1] = -0.0f, values[2] = 0.0f, values[3] = -1e30f, values[4] = 1e-40f;
      std::vector<float> expected = values;
      std::sort(expected.begin(), expected.end());
      radixSort(values, scratch);
      for (std::size_t i = 0; i < values.size(); ++i) QCOMPARE(values[i], expected[i]);
    }
    std::vector<float> sameHighBytes{3.0f, 1.0f, 2.0f, 1.5f};
    radixSort(sameHighBytes, scratch);
    QCOMPARE(sameHighBytes, (std::vector<float>{1.0f, 1.5f, 2.0f, 3.0f}));
  }

  void histogramCountsEveryValue() {
    const std::vector<float> values{0, 0.1f, 0.5f, 0.99f, 1, 2, -5};
    const Histogram h = makeHistogram(values, 4, 0.0, 1.0);
    QCOMPARE(h.total(), 7);
    QCOMPARE(h.counts, (std::vector<int>{3, 0, 1, 3}));  // −5 clamps low; 1 and 2 into the last
    QCOMPARE(h.binWidth(), 0.25);
    const Histogram constant = makeHistogram(std::vector<float>{3, 3, 3}, 5);
    QCOMPARE(constant.total(), 3);
    QVERIFY(constant.upper > constant.lower);
  }

  void histogramOfSortedEqualsHistogram() {
    Rng rng(2);
    std::vector<float> values(3000);
    for (float& v : values) v = float(rng.normal() * 2 + 1);
    std::sort(values.begin(), values.end());
    const Histogram expected = makeHistogram(values, 40);
    const Histogram fast = makeHistogramOfSorted(values, 40);
    QCOMPARE(fast.counts, expected.counts);
    QCOMPARE(fast.lower, expected.lower);
    QCOMPARE(fast.upper, expected.upper);
  }

  void momentsArePopulationMoments() {
    const Moments m = moments(std::vector<float>{2, 4, 4, 4, 5, 5, 7, 9});
    QCOMPARE(m.mean, 5.0);
    QCOMPARE(m.stddev, 2.0);
  }

  void wasserstein_data() {
    QTest::addColumn<std::vector<float>>("p");
    QTest::addColumn<std::vector<float>>("q");
    QTest::addColumn<double>("expected");
    QTest::newRow("identical") << std::vector<float>{1, 2, 3} << std::vector<float>{1, 2, 3} << 0.0;
    QTest::newRow("shifted by 2") << std::vector<float>{1, 2, 3} << std::vector<float>{3, 4, 5}
                                  << 2.0;
    QTest::newRow("spread") << std::vector<float>{-1, 1} << std::vector<float>{-3, 3} << 2.0;
    // P = {0, 1}, Q = {0, 0.5, 1}: |F⁻¹ diff| is 0 on [0,⅓), 0.5 on [⅓,½), 0.5 on [½,⅔), 0 after.
    QTest::newRow("unequal sizes")
        << std::vector<float>{0, 1} << std::vector<float>{0, 0.5f, 1} << 1.0 / 6.0;
  }
  void wasserstein() {
    QFETCH(std::vector<float>, p);
    QFETCH(std::vector<float>, q);
    QFETCH(double, expected);
    QVERIFY(std::abs(wasserstein1Sorted(p, q) - expected) < 1e-7);
    QVERIFY(std::abs(wasserstein1Sorted(q, p) - expected) < 1e-7);
  }
};

QTEST_GUILESS_MAIN(StatisticsTest)
#include "test_statistics.moc"
