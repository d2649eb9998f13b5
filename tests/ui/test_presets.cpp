// The shipped presets do what their descriptions promise.
#include <QTest>
#include <cmath>

#include "config/config_json.h"
#include "experiment/experiment.h"

using namespace bnlab;

namespace {
Preset presetNamed(const QString& name) {
  for (const Preset& p : builtInPresets())
    if (p.name == name) return p;
  return {};
}
}  // namespace

class PresetsTest : public QObject {
  Q_OBJECT
 private slots:
  // After 1000 seeded steps the batch-norm twin's recent shift is below 60% of the plain
  // twin's in every hidden layer past the first (measured: about 35%).
  void covariateShiftInsideTheNetwork() {
    const Preset preset = presetNamed(QStringLiteral("Covariate shift inside the network"));
    QVERIFY(!preset.name.isEmpty());
    ExperimentConfig config = preset.config;
    QVERIFY(config.runs == *runsForBatchNorm("compare"));
    config.recordEvery = 20;
    Experiment experiment(config);
    for (int i = 0; i < 1000; ++i) experiment.step();
    const SnapshotPtr snap = experiment.snapshot();
    const auto& plain = snap->runs[0].layers;
    const auto& normed = snap->runs[1].layers;
    for (std::size_t l = 1; l < plain.size(); ++l)
      QVERIFY2(normed[l].recentShift < 0.6 * plain[l].recentShift,
               qPrintable(QStringLiteral("layer %1: batch norm %2, plain %3")
                              .arg(l + 1)
                              .arg(normed[l].recentShift)
                              .arg(plain[l].recentShift)));
  }

  // The regularization preset's claims, on the preset with three seeds and on a network it was
  // not tuned on (circles, tanh, 16×2), with μ_B and σ_B in units of the population's σ:
  // - in layer 1, whose inputs are the data, the batch-512 cloud of μ_B is about three times
  //   tighter than the batch-64 one (sampling noise ∝ 1/√m, with the finite-population
  //   correction of a 2,250-example training set: √(8 · 0.972/0.773) ≈ 3.2);
  // - in the last layer (the chart's default), where the earlier batch-norm layers have already
  //   standardized each batch, it is tighter by less: the cloud's radius (the root-mean-square
  //   of both spreads) at least 1.4 times.
  void regularizationNoiseShrinksWithBatchSize_data() {
    QTest::addColumn<bool>("preset");
    QTest::addColumn<int>("seed");
    QTest::addColumn<bool>("firstLayer");
    for (bool first : {true, false}) {
      for (int seed : {4, 11, 23})
        QTest::addRow("preset, seed %d, %s", seed, first ? "layer 1" : "last layer")
            << true << seed << first;
      for (int seed : {1, 2})
        QTest::addRow("circles tanh, seed %d, %s", seed, first ? "layer 1" : "last layer")
            << false << seed << first;
    }
  }
  void regularizationNoiseShrinksWithBatchSize() {
    QFETCH(bool, preset);
    QFETCH(int, seed);
    QFETCH(bool, firstLayer);
    const Preset regularization = presetNamed(QStringLiteral("Regularization: batch 64 vs 512"));
    QVERIFY(!regularization.name.isEmpty());
    ExperimentConfig config = regularization.config;
    QCOMPARE(QString::fromStdString(formatRunList(config.runs)),
             QStringLiteral("batch-norm,batch-norm:batch=512"));
    if (!preset) {
      config.data.toy = {ToyKind::Circles, 3000, 0.1, 2, std::uint64_t(seed)};
      config.network.hiddenUnits = {16, 16};
      config.network.activation = ActivationKind::Tanh;
      config.network.init = InitKind::Xavier;
    }
    config.seed = std::uint64_t(seed);
    config.data.toy.seed = std::uint64_t(seed);
    Experiment experiment(config);
    if (firstLayer) experiment.setBatchNoiseTarget(0, 0);
    for (int i = 0; i < 600; ++i) experiment.step();
    const SnapshotPtr snap = experiment.snapshot();
    const BatchNoise& small = snap->runs[0].batchNoise;
    const BatchNoise& large = snap->runs[1].batchNoise;
    QCOMPARE(snap->runs[0].batchSize, 64);
    QCOMPARE(snap->runs[1].batchSize, 512);
    QCOMPARE(int(large.standardizedBatches.size()), int(BatchNoiseTracker::kBatches));
    const double meanRatio = small.relativeMeanSpread / large.relativeMeanSpread;
    const double radiusRatio = std::hypot(small.relativeMeanSpread, small.relativeStdSpread) /
                               std::hypot(large.relativeMeanSpread, large.relativeStdSpread);
    const QString measured = QStringLiteral("μ_B/σ spread %1 at 64, %2 at 512 (×%3); radius ×%4")
                                 .arg(small.relativeMeanSpread)
                                 .arg(large.relativeMeanSpread)
                                 .arg(meanRatio)
                                 .arg(radiusRatio);
    if (firstLayer)
      QVERIFY2(meanRatio > 2.2 && meanRatio < 4.5, qPrintable(measured));
    else
      QVERIFY2(radiusRatio > 1.4, qPrintable(measured));
    qInfo("%s", qPrintable(measured));
  }

  // Black cats, coloured cats: with the test inputs moved 2 σ along x₁ (labelled by the
  // spiral, continued), test accuracy falls at least 20 points below training accuracy in both
  // twins, on three seeds and a network the preset was not tuned on (tanh, 48×2); without the
  // shift it is within 5 points.
  void inputCovariateShiftCostsAccuracy_data() {
    QTest::addColumn<int>("seed");
    QTest::addColumn<bool>("untuned");
    for (int seed : {6, 7, 8}) QTest::addRow("seed %d", seed) << seed << false;
    QTest::addRow("tanh 48x2") << 9 << true;
  }
  void inputCovariateShiftCostsAccuracy() {
    QFETCH(int, seed);
    QFETCH(bool, untuned);
    const Preset preset =
        presetNamed(QStringLiteral("Black cats, coloured cats: input covariate shift"));
    QVERIFY(!preset.name.isEmpty());
    ExperimentConfig shifted = preset.config;
    QCOMPARE(shifted.data.testShift, 2.0);
    shifted.seed = std::uint64_t(seed);
    shifted.data.toy.seed = std::uint64_t(seed);
    if (untuned) {
      shifted.network.hiddenUnits = {48, 48};
      shifted.network.activation = ActivationKind::Tanh;
      shifted.network.init = InitKind::Xavier;
    }
    ExperimentConfig unshifted = shifted;
    unshifted.data.testShift = 0;
    for (const ExperimentConfig& config : {shifted, unshifted}) {
      Experiment experiment(config);
      for (int i = 0; i < 2000; ++i) experiment.step();
      experiment.evaluate();
      const SnapshotPtr snap = experiment.snapshot();  // held: the loop reads into it
      for (const RunSnapshot& run : snap->runs) {
        const double drop = run.train.accuracy - run.test.accuracy;
        const QString measured = QStringLiteral("%1, shift %2: train %3, test %4")
                                     .arg(QString::fromStdString(run.name))
                                     .arg(config.data.testShift)
                                     .arg(run.train.accuracy)
                                     .arg(run.test.accuracy);
        qInfo("%s", qPrintable(measured));
        if (config.data.testShift > 0)
          QVERIFY2(drop >= 0.2, qPrintable(measured));
        else
          QVERIFY2(drop <= 0.05, qPrintable(measured));
      }
    }
  }

  void inputNormalizationSpeedsUpLearning() {
    const Preset preset = presetNamed(QStringLiteral("Input normalization: uneven feature scales"));
    QVERIFY(!preset.name.isEmpty());
    ExperimentConfig raw = preset.config;
    QVERIFY(!raw.data.standardize && raw.data.unevenScales);
    ExperimentConfig standardized = raw;
    standardized.data.standardize = true;
    Experiment slow(raw), fast(standardized);
    for (int i = 0; i < 1500; ++i) {
      slow.step();
      fast.step();
    }
    const double slowAccuracy = slow.run(0).evaluate(slow.data().test).accuracy;
    const double fastAccuracy = fast.run(0).evaluate(fast.data().test).accuracy;
    QVERIFY2(
        fastAccuracy > 0.95 && slowAccuracy < 0.8,
        qPrintable(QStringLiteral("standardized %1, raw %2").arg(fastAccuracy).arg(slowAccuracy)));
  }

  // No preset's run is taken for one that is not learning (LossProgress) at 500 steps, on
  // seeds 1–2 — except raw inputs at uneven scales, which the lab rightly says is not learning.
  void presetsLearnEnoughNotToBeCalledStalled() {
    for (const Preset& preset : builtInPresets()) {
      if (preset.config.data.source != DataSource::Toy) continue;  // Paper Figure 1: test_real_data
      const bool stalls = preset.config.data.unevenScales && !preset.config.data.standardize;
      for (std::uint64_t seed : {1, 2}) {
        ExperimentConfig config = preset.config;
        config.seed = seed;
        config.recordEvery = 100000;
        config.evaluateEvery = 1000000;
        Experiment experiment(config);
        for (int s = 0; s < LossProgress::kPatience; ++s) experiment.step();
        const SnapshotPtr snap = experiment.snapshot();
        for (const RunSnapshot& run : snap->runs)
          QVERIFY2(run.progress.stalled() == stalls,
                   qPrintable(QStringLiteral("%1, %2, seed %3: recent %4, start %5")
                                  .arg(preset.name, QString::fromStdString(run.name))
                                  .arg(seed)
                                  .arg(run.progress.recentLoss())
                                  .arg(run.progress.startLoss())));
      }
    }
  }
};

QTEST_MAIN(PresetsTest)
#include "test_presets.moc"
