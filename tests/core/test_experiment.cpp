// Experiment and snapshots: what a snapshot holds, that it is a frozen copy, live settings,
// and validation of configurations.
#include <QTest>

#include "experiment/experiment.h"
#include "stats/quantiles.h"

using namespace bnlab;

namespace {
ExperimentConfig smallConfig() {
  ExperimentConfig config;
  config.data.toy = {ToyKind::Circles, 600, 0.1, 2, 2};
  config.network.hiddenUnits = {12, 10, 8};
  config.network.activation = ActivationKind::Tanh;
  config.network.init = InitKind::Xavier;
  config.runs = *runsForBatchNorm("compare");
  config.recordEvery = 5;
  config.evaluateEvery = 20;
  config.probeSize = 100;
  return config;
}
}  // namespace

class ExperimentTest : public QObject {
  Q_OBJECT
 private slots:
  void snapshotHoldsEveryRunAndLayer() {
    Experiment experiment(smallConfig());
    for (int i = 0; i < 100; ++i) experiment.step();
    const SnapshotPtr snap = experiment.snapshot();
    QCOMPARE(snap->step, std::int64_t(100));
    QCOMPARE(snap->recordedAt, std::int64_t(100));
    QCOMPARE(int(snap->runs.size()), 2);
    QCOMPARE(QString::fromStdString(snap->runs[0].name), QStringLiteral("plain"));
    QVERIFY(snap->runs[1].batchNorm);
    for (const RunSnapshot& run : snap->runs) {
      QCOMPARE(int(run.layers.size()), 3);
      QCOMPARE(run.evaluatedAt, std::int64_t(100));
      QCOMPARE(int(run.testAccuracyHistory.size()), 6);  // steps 0, 20, …, 100
      QVERIFY(run.test.accuracy > 0.5);
      for (std::size_t l = 0; l < run.layers.size(); ++l) {
        const LayerSnapshot& layer = run.layers[l];
        QCOMPARE(layer.units, smallConfig().network.hiddenUnits[l]);
        for (int q = 0; q < kQuantityCount; ++q) {
          QCOMPARE(layer.now[q].quantiles.size(), kTensorBoardPercentiles.size());
          QCOMPARE(layer.now[q].histogram.total(), layer.units * 100);
          QCOMPARE(int(layer.now[q].unitMean.size()), layer.units);
          QCOMPARE(layer.history[q].quantiles.size(), kTensorBoardPercentiles.size());
          QCOMPARE(int(layer.history[q].mean.size()), 21);  // steps 0, 5, …, 100
          QVERIFY(std::is_sorted(layer.now[q].quantiles.begin(), layer.now[q].quantiles.end()));
        }
        QCOMPARE(int(layer.scatter.size()), 100);
        QCOMPARE(int(layer.shiftHistory.size()), 20);
        QVERIFY(layer.shift > 0);
        QCOMPARE(layer.runningMean.empty(), !run.batchNorm);
      }
    }
    // Batch norm's guarantee, measured on the probe: each unit of Z̃ has mean β and standard
    // deviation |γ|·√(σ²/(σ² + ε)) ≈ |γ|, whatever the earlier layers did.
    const BatchNorm& norm = experiment.run(1).network().block(2).batchNorm();
    const LayerSnapshot& normed = snap->runs[1].layers[2];
    for (std::size_t u = 0; u < normed.now[1].unitMean.size(); ++u) {
      const auto i = static_cast<Eigen::Index>(u);
      QVERIFY(std::abs(normed.now[1].unitMean[u] - norm.beta()(i, 0)) < 1e-4);
      QVERIFY(std::abs(normed.now[1].unitStddev[u] - std::abs(norm.gamma()(i, 0))) < 1e-2);
    }
  }

  // The schedule in steps: dense at first, then each interval doubles for as many steps again.
  void theMeasuringScheduleThinsAsTheRunGrows() {
    QCOMPARE(measureInterval(10, 512, 1), std::int64_t(10));
    QCOMPARE(measureInterval(10, 512, 5120), std::int64_t(10));
    QCOMPARE(measureInterval(10, 512, 5121), std::int64_t(20));
    QCOMPARE(measureInterval(10, 512, 10240), std::int64_t(20));
    QCOMPARE(measureInterval(10, 512, 10241), std::int64_t(40));
    // 16 evaluations at 25, then 8 more in each doubling: 16 + 8·k by step 400·2^k.
    ExperimentConfig config;
    config.data.toy.size = 200;
    config.network.hiddenUnits = {4};
    config.runs = *runsForBatchNorm("off");
    config.evaluateEvery = 25;
    Experiment experiment(config);
    while (experiment.steps() < 1600) experiment.step();
    QCOMPARE(experiment.snapshot()->runs[0].testAccuracyHistory.size(),
             std::size_t(1 + 16 + 8 + 8));  // step 0, then by 400, 800 and 1,600
    QCOMPARE(experiment.evaluatedAt(), std::int64_t(1600));
  }

  void snapshotIsAFrozenCopy() {
    Experiment experiment(smallConfig());
    experiment.step();
    const SnapshotPtr before = experiment.snapshot();
    const auto quantilesBefore = before->runs[0].layers[0].now[0].quantiles;
    for (int i = 0; i < 50; ++i) experiment.step();
    QCOMPARE(before->step, std::int64_t(1));
    QCOMPARE(before->runs[0].layers[0].now[0].quantiles, quantilesBefore);
    QVERIFY(experiment.snapshot()->runs[0].layers[0].now[0].quantiles != quantilesBefore);
  }

  void liveSettingsApplyBetweenSteps() {
    ExperimentConfig config = smallConfig();
    config.runs = *runsForBatchNorm("off");
    Experiment experiment(config);
    experiment.setBatchSize(17);
    experiment.step();
    QCOMPARE(int(experiment.lastBatchIndices().size()), 17);
    QCOMPARE(experiment.snapshot()->config.batchSize, 17);
    experiment.setBatchNorm(true);
    experiment.step();
    const SnapshotPtr snap = experiment.snapshot();
    QVERIFY(snap->runs[0].batchNorm);
    QCOMPARE(snap->batchNormToggles, (std::vector<std::int64_t>{1}));
    QVERIFY(experiment.run(0).network().lastForward().hidden[0].normalized);
    OptimizerConfig sgd{OptimizerKind::Sgd, 0.5};
    experiment.setOptimizer(sgd);
    QCOMPARE(experiment.run(0).optimizer().config().learningRate, 0.5);
    experiment.setDropout(0.3);
    experiment.step();
    QVERIFY(experiment.run(0).network().lastForward().hidden[0].droppedOut);
  }

  void focusMeasuresOneUnitOrTheTrainingBatch() {
    ExperimentConfig config = smallConfig();
    config.runs = *runsForBatchNorm("on");
    Experiment experiment(config);
    experiment.setFocus(1, {3, DistributionSource::Probe});
    experiment.setFocus(2, {-1, DistributionSource::TrainingBatch});
    for (int i = 0; i < 20; ++i) experiment.step();
    const SnapshotPtr snap = experiment.snapshot();
    const LayerSnapshot& unitFocus = snap->runs[0].layers[1];
    QVERIFY(unitFocus.focused.has_value());
    QCOMPARE(unitFocus.focused->since, std::int64_t(5));
    QCOMPARE(unitFocus.focused->history[0].mean.size(), std::size_t(4));  // steps 5, 10, 15, 20
    for (int q = 0; q < kQuantityCount; ++q) {
      QCOMPARE(unitFocus.focused->now[q].unitMean.size(), std::size_t(1));
      QVERIFY(std::abs(unitFocus.focused->now[q].unitMean[0] - unitFocus.now[q].unitMean[3]) <
              1e-5);
      QCOMPARE(unitFocus.focused->now[q].histogram.total(), config.probeSize);
    }
    const LayerSnapshot& batchFocus = snap->runs[0].layers[2];
    QVERIFY(batchFocus.focused.has_value());
    QCOMPARE(batchFocus.focused->now[0].histogram.total(), 8 * config.batchSize);
    QVERIFY(!snap->runs[0].layers[0].focused.has_value());
    experiment.setFocus(1, {});
    QVERIFY(!experiment.snapshot()->runs[0].layers[1].focused.has_value());
    // Test inputs: the first probe-size test examples, in evaluation mode.
    experiment.setFocus(0, {-1, DistributionSource::TestInputs});
    for (int i = 0; i < 5; ++i) experiment.step();
    const SnapshotPtr later = experiment.snapshot();
    const auto& testFocus = later->runs[0].layers[0].focused;
    QVERIFY(testFocus.has_value());
    const int examples = std::min(experiment.data().test.size(), config.probeSize);
    QCOMPARE(testFocus->now[0].histogram.total(), 12 * examples);
  }

  void decisionMapCoversThePlane() {
    Experiment experiment(smallConfig());
    for (int i = 0; i < 200; ++i) experiment.step();
    experiment.updateDecisionMaps(30, 20);
    const SnapshotPtr snap = experiment.snapshot();
    const DecisionMap& map = snap->runs[1].decisionMap;
    QCOMPARE(map.columns, 30);
    QCOMPARE(map.rows, 20);
    QCOMPARE(map.classes.size(), std::size_t(600));
    QCOMPARE(map.step, std::int64_t(200));
    for (std::size_t i = 0; i < map.classes.size(); ++i) {
      QVERIFY(map.classes[i] < 2);
      QVERIFY(map.confidence[i] >= 0.5f - 1e-6f && map.confidence[i] <= 1.0f + 1e-6f);
    }
    const Dataset& train = experiment.data().train;
    QVERIFY(map.xMin < train.features.row(0).minCoeff() &&
            map.xMax > train.features.row(0).maxCoeff());
    // Circles: the centre cell is the inner class (0) once trained.
    QCOMPARE(int(map.classes[std::size_t(10 * 30 + 15)]), 0);
  }

  void perturbationIsIdenticalInBothTwins() {
    Experiment experiment(smallConfig());
    for (int i = 0; i < 30; ++i) experiment.step();
    const Matrix plainBefore = experiment.run(0).network().block(0).dense().weights();
    const Matrix normedBefore = experiment.run(1).network().block(0).dense().weights();
    const Matrix untouched = experiment.run(0).network().block(1).dense().weights();
    experiment.perturb(0, 0.5);
    const Matrix plainKick = experiment.run(0).network().block(0).dense().weights() - plainBefore;
    const Matrix normedKick = experiment.run(1).network().block(0).dense().weights() - normedBefore;
    const auto rms = [](const Matrix& w) { return std::sqrt(w.squaredNorm() / w.size()); };
    // The same noise matrix N, scaled by each twin's own rms(W): kick / (0.5 rms) equal.
    QVERIFY((plainKick / (0.5f * rms(plainBefore)))
                .isApprox(normedKick / (0.5f * rms(normedBefore)), 1e-4f));
    QVERIFY(plainKick.norm() > 0);
    QCOMPARE(experiment.run(0).network().block(1).dense().weights(), untouched);
    const SnapshotPtr snap = experiment.snapshot();
    QCOMPARE(snap->perturbations.size(), std::size_t(1));
    QCOMPARE(snap->perturbations[0].step, std::int64_t(30));
  }

  void batchNoiseShrinksWithTheBatchSize() {
    ExperimentConfig config = smallConfig();
    config.data.toy.size = 4000;
    config.optimizer.learningRate = 0.002;  // slow weights: the spread is the batches' noise
    Experiment experiment(config);
    for (int i = 0; i < 300; ++i) experiment.step();
    const BatchNoise at64 = experiment.snapshot()->runs[1].batchNoise;
    QCOMPARE(at64.layer, 2);
    QCOMPARE(at64.batches.size(), BatchNoiseTracker::kBatches);
    QCOMPARE(experiment.snapshot()->runs[0].batchNoise.layer, -1);  // the plain twin has none
    experiment.setBatchSize(512);
    for (int i = 0; i < 150; ++i) experiment.step();
    const BatchNoise at512 = experiment.snapshot()->runs[1].batchNoise;
    QCOMPARE(at512.batches.size(), BatchNoiseTracker::kBatches);
    // Sampling theory: the spread of μ_B scales as 1/√m, so 512 gives about 0.35 of 64's.
    QVERIFY2(at512.meanSpread < 0.6 * at64.meanSpread,
             qPrintable(QStringLiteral("μ_B spread %1 at 512, %2 at 64")
                            .arg(at512.meanSpread)
                            .arg(at64.meanSpread)));
    QVERIFY2(at512.stdSpread < 0.6 * at64.stdSpread,
             qPrintable(QStringLiteral("σ_B spread %1 at 512, %2 at 64")
                            .arg(at512.stdSpread)
                            .arg(at64.stdSpread)));
  }

  void testTimeUsesRunningStatisticsAndABatchOfOneCannot() {
    ExperimentConfig config = smallConfig();
    config.data.toy.size = 2000;
    Experiment experiment(config);
    for (int i = 0; i < 600; ++i) experiment.step();
    experiment.evaluate();
    const SnapshotPtr snap = experiment.snapshot();
    const TestTimeAccuracy& t = snap->runs[1].testTime;
    QCOMPARE(t.step, std::int64_t(600));
    QVERIFY(t.runningStatistics > 0.9);
    QVERIFY(std::abs(t.testSetStatistics - t.runningStatistics) < 0.05);
    // Alone, every example normalizes to Ẑ = 0: one output for all, so one class for all.
    QVERIFY2(t.batchOfOne < 0.65, qPrintable(QString::number(t.batchOfOne)));
    // A single example's eval-mode prediction equals its prediction inside a batch in eval mode.
    const Network& net = experiment.run(1).network();
    const Matrix batch = experiment.data().test.features.leftCols(50);
    ForwardRecord together, alone;
    net.infer(batch, NormStats::Running, together);
    for (int i = 0; i < 50; ++i) {
      net.infer(batch.col(i), NormStats::Running, alone);
      QVERIFY(alone.probabilities.col(0).isApprox(together.probabilities.col(i), 1e-5f));
    }
    // Running statistics track the population's.
    const BatchNoise& noise = snap->runs[1].batchNoise;
    QVERIFY(noise.runningMean.size() > 10);
    const double runningMean = noise.runningMean.back().value;
    const double populationMean = noise.populationMeanHistory.back().value;
    QVERIFY2(std::abs(runningMean - populationMean) < 0.1 + 0.2 * noise.populationStd,
             qPrintable(
                 QStringLiteral("running %1, population %2").arg(runningMean).arg(populationMean)));
  }

  void landscapeProbeMeasuresWithoutTouchingTraining() {
    ExperimentConfig config = smallConfig();
    config.landscapeEvery = 10;
    Experiment probed(config);
    config.landscapeEvery = 0;
    Experiment plain(config);
    for (int i = 0; i < 50; ++i) QCOMPARE(probed.step(), plain.step());  // training unchanged
    QCOMPARE(probed.run(1).network().block(1).batchNorm().runningMean(),
             plain.run(1).network().block(1).batchNorm().runningMean());
    const SnapshotPtr snap = probed.snapshot();
    for (const RunSnapshot& run : snap->runs) {
      QCOMPARE(run.betaSmoothness.size(), std::size_t(5));  // steps 0, 10, 20, 30, 40
      run.betaSmoothness.forEach(
          [](const HistoryPoint& p) { QVERIFY(std::isfinite(p.value) && p.value > 0); });
      run.lossVariation.forEach(
          [](const HistoryPoint& p) { QVERIFY(std::isfinite(p.value) && p.value >= 0); });
      run.gradientChange.forEach(
          [](const HistoryPoint& p) { QVERIFY(std::isfinite(p.value) && p.value > 0); });
    }
    QVERIFY(plain.snapshot()->runs[0].betaSmoothness.empty());
  }

  void aChosenExampleIsClassifiedAloneBothWays() {
    Experiment experiment(smallConfig());
    for (int i = 0; i < 300; ++i) experiment.step();
    experiment.choosePoint(0.1, -0.2);
    const SnapshotPtr first = experiment.snapshot();
    experiment.choosePoint(2.0, 1.5);
    const SnapshotPtr second = experiment.snapshot();
    for (int r = 0; r < 2; ++r) {
      const SinglePrediction& p = first->runs[std::size_t(r)].chosen;
      QVERIFY(p.valid);
      ForwardRecord record;
      Matrix x(2, 1);
      x << 0.1f, -0.2f;
      experiment.run(r).network().infer(x, NormStats::Running, record);
      QCOMPARE(p.evalConfidence, double(record.probabilities.col(0).maxCoeff()));
    }
    // The plain twin has no batch statistics: alone or not, the same answer.
    QCOMPARE(first->runs[0].chosen.aloneClass, first->runs[0].chosen.evalClass);
    // The batch-norm twin normalizing a batch of one sees Ẑ = 0 whatever the input: the same
    // output for two far-apart examples.
    QCOMPARE(first->runs[1].chosen.aloneConfidence, second->runs[1].chosen.aloneConfidence);
    QCOMPARE(first->runs[1].chosen.aloneClass, second->runs[1].chosen.aloneClass);
  }

  void invalidConfigsThrowWithEveryProblem() {
    ExperimentConfig config = smallConfig();
    config.batchSize = 0;
    config.network.hiddenUnits = {4, 4, 4, 4, 4, 4, 4, 4, 4};
    config.optimizer.learningRate = -1;
    try {
      Experiment experiment(config);
      QFAIL("an invalid config was accepted");
    } catch (const ConfigError& error) {
      const QString message = QString::fromUtf8(error.what());
      QVERIFY(message.contains("batch size"));
      QVERIFY(message.contains("hidden layers"));
      QVERIFY(message.contains("learning rate"));
    }
  }
};

QTEST_GUILESS_MAIN(ExperimentTest)
#include "test_experiment.moc"
