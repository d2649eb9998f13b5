// Toy data sets: shapes, labels, class balance, seed determinism; the split; standardization
// fitted on the training split; the uneven-scales variant.
#include <QTest>
#include <set>

#include "data/covariate_shift.h"
#include "data/standardizer.h"
#include "data/toy_data.h"
#include "experiment/data_loading.h"
#include "experiment/experiment.h"

using namespace bnlab;

class ToyDataTest : public QObject {
  Q_OBJECT
 private slots:
  void shapesLabelsAndBalance_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("classes");
    QTest::addColumn<int>("expectedClasses");
    QTest::newRow("spiral, 3 arms") << int(ToyKind::Spiral) << 3 << 3;
    QTest::newRow("spiral, 5 arms") << int(ToyKind::Spiral) << 5 << 5;
    QTest::newRow("circles") << int(ToyKind::Circles) << 2 << 2;
    QTest::newRow("moons") << int(ToyKind::Moons) << 2 << 2;
    QTest::newRow("xor") << int(ToyKind::Xor) << 2 << 2;
    QTest::newRow("blobs, 4") << int(ToyKind::Blobs) << 4 << 4;
  }
  void shapesLabelsAndBalance() {
    QFETCH(int, kind);
    QFETCH(int, classes);
    QFETCH(int, expectedClasses);
    ToyDataConfig config{static_cast<ToyKind>(kind), 600, 0.1, classes, 11};
    const Dataset data = makeToyData(config);
    QCOMPARE(data.dimensions(), 2);
    QCOMPARE(data.size(), 600);
    QCOMPARE(data.classes, expectedClasses);
    std::vector<int> counts(static_cast<std::size_t>(expectedClasses), 0);
    for (int label : data.labels) {
      QVERIFY(label >= 0 && label < expectedClasses);
      ++counts[static_cast<std::size_t>(label)];
    }
    for (int count : counts) QVERIFY2(count > 600 / expectedClasses / 2, "a class is starved");
    QVERIFY(data.features.allFinite());
  }

  void sameSeedSameData_differentSeedDifferentData() {
    ToyDataConfig config{ToyKind::Moons, 300, 0.2, 2, 5};
    const Dataset a = makeToyData(config), b = makeToyData(config);
    QCOMPARE(a.features, b.features);
    QCOMPARE(a.labels, b.labels);
    config.seed = 6;
    QVERIFY(makeToyData(config).features != a.features);
  }

  void noiseIsTheCoordinateSigma() {
    // XOR without noise sits on a grid of known extent; with σ = 0.5 it spreads further.
    ToyDataConfig clean{ToyKind::Xor, 2000, 0.0, 2, 1};
    const Dataset data = makeToyData(clean);
    QVERIFY(data.features.cwiseAbs().maxCoeff() <= 1.05f + 1e-5f);
    QVERIFY(data.features.cwiseAbs().minCoeff() >= 0.05f - 1e-5f);
    for (int i = 0; i < data.size(); ++i)
      QCOMPARE(data.labels[std::size_t(i)],
               (data.features(0, i) > 0) == (data.features(1, i) > 0) ? 0 : 1);
  }

  void splitPartitionsTheData() {
    const Dataset data = makeToyData({ToyKind::Circles, 400, 0.1, 2, 2});
    const DataSplit split = splitTrainTest(data, 0.25, 9);
    QCOMPARE(split.test.size(), 100);
    QCOMPARE(split.train.size(), 300);
    std::multiset<std::pair<float, float>> all, parts;
    for (int i = 0; i < data.size(); ++i) all.insert({data.features(0, i), data.features(1, i)});
    for (const Dataset* d : {&split.train, &split.test})
      for (int i = 0; i < d->size(); ++i) parts.insert({d->features(0, i), d->features(1, i)});
    QVERIFY(all == parts);
  }

  void standardizationIsFittedOnTheTrainingSplit() {
    DataConfig config;
    config.toy = {ToyKind::Blobs, 1000, 0.3, 3, 4};
    config.unevenScales = true;
    config.standardize = false;
    const DataSplit raw = makeDataSplit(config);
    // Uneven: the first feature's spread is thousands of times the second's.
    const Standardizer rawStats = Standardizer::fit(raw.train.features);
    QVERIFY(rawStats.stddev()(0) / rawStats.stddev()(1) > 1000);
    config.standardize = true;
    const DataSplit standardized = makeDataSplit(config);
    const Standardizer after = Standardizer::fit(standardized.train.features);
    for (int d = 0; d < 2; ++d) {
      QVERIFY(std::abs(after.mean()(d)) < 1e-3);
      QVERIFY(std::abs(after.stddev()(d) - 1) < 1e-3);
    }
    // The test split got the training split's transform, not its own.
    const Matrix expected = ((raw.test.features.colwise() - rawStats.mean()).array().colwise() /
                             rawStats.stddev().array())
                                .matrix();
    QVERIFY(standardized.test.features.isApprox(expected, 1e-4f));
  }

  void covariateShiftMovesInputsButKeepsTheRule() {
    DataConfig config;
    config.toy = {ToyKind::Xor, 2000, 0.0, 2, 3};
    config.standardize = false;
    const DataSplit plain = makeDataSplit(config);
    config.testShift = 1.0;
    const DataSplit shifted = makeDataSplit(config);
    QCOMPARE(shifted.train.features, plain.train.features);  // training data untouched
    const double moved = shifted.test.features.row(0).mean() - plain.test.features.row(0).mean();
    const auto x1 = plain.train.features.row(0).cast<double>().array();
    const double spread = std::sqrt((x1 - x1.mean()).square().mean());
    QVERIFY(std::abs(moved - spread) < 1e-4);
    // Same rule (XOR's quadrants) at the new positions, away from the axes where 1-NN on the
    // reference pattern is exact.
    int checked = 0;
    for (int i = 0; i < shifted.test.size(); ++i) {
      const float x = shifted.test.features(0, i), y = shifted.test.features(1, i);
      if (std::abs(x) < 0.15f || std::abs(y) < 0.15f || std::abs(x) > 1.0f) continue;
      QCOMPARE(shifted.test.labels[std::size_t(i)], (x > 0) == (y > 0) ? 0 : 1);
      ++checked;
    }
    QVERIFY(checked > 50);
  }

  void invalidConfigsAreReported() {
    QVERIFY(!(ToyDataConfig{ToyKind::Spiral, 1, 0.1, 2, 1}).validate().empty());
    QVERIFY(!(ToyDataConfig{ToyKind::Spiral, 100, -1, 2, 1}).validate().empty());
    QVERIFY(!(ToyDataConfig{ToyKind::Spiral, 100, 0.1, 11, 1}).validate().empty());
    QVERIFY((ToyDataConfig{ToyKind::Spiral, 100, 0.1, 3, 1}).validate().empty());
  }
};

QTEST_GUILESS_MAIN(ToyDataTest)
#include "test_toy_data.moc"
