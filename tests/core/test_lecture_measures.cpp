// The measures that carry the lecture's claims: the shift caused by the earlier layers alone,
// the kick response, batch norm's noise at fixed weights, and γ, β beside the moments.
#include <QTest>
#include <cmath>

#include "experiment/experiment.h"
#include "experiment/fixed_weight_noise.h"
#include "experiment/run_recorder.h"

using namespace bnlab;

namespace {
ExperimentConfig smallConfig() {
  ExperimentConfig config;
  config.data.toy = {ToyKind::Circles, 4000, 0.1, 2, 3};
  config.network.hiddenUnits = {12, 10, 8};
  config.network.activation = ActivationKind::Tanh;
  config.network.init = InitKind::Xavier;
  config.runs = *runsForBatchNorm("compare");
  config.recordEvery = 5;
  config.evaluateEvery = 20;
  config.probeSize = 100;
  return config;
}

Matrix probeInputs(int m) {
  Matrix x(2, m);
  Rng rng(7);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = Scalar(rng.normal());
  return x;
}
}  // namespace

class LectureMeasuresTest : public QObject {
  Q_OBJECT
 private slots:
  // Changing only layer 2's W moves layer 2 by its own parameters (total shift, no earlier
  // shift) and layer 3 through its input (earlier shift = the total shift exactly, since layer
  // 3's parameters did not change); layer 1 moves not at all.
  void earlierShiftSeesOnlyTheEarlierLayers_data() {
    QTest::addColumn<bool>("batchNorm");
    QTest::newRow("plain") << false;
    QTest::newRow("batch norm") << true;
  }
  void earlierShiftSeesOnlyTheEarlierLayers() {
    QFETCH(bool, batchNorm);
    NetworkConfig config;
    config.hiddenUnits = {6, 5, 4};
    config.activation = ActivationKind::Tanh;
    config.init = InitKind::Xavier;
    config.normalization = batchNorm ? Normalization::BatchNorm : Normalization::None;
    Network network(config);
    RunRecorder recorder(3);
    const Matrix x = probeInputs(64);
    ForwardRecord probe;
    network.infer(x, NormStats::Batch, probe);
    recorder.record(0, probe, network, 0);
    network.block(1).dense().weights() *= Scalar(1.7);
    network.infer(x, NormStats::Batch, probe);
    recorder.record(50, probe, network, 0);  // Δ = 50: shifts are scaled × 2
    RunSnapshot run;
    recorder.fill(run);
    QCOMPARE(run.layers[0].shift, 0.0);
    QCOMPARE(run.layers[0].earlierShift, 0.0);
    QCOMPARE(run.layers[1].earlierShift, 0.0);
    if (batchNorm)
      QVERIFY(run.layers[1].shift < 1e-4);  // W scaled: Ẑ unchanged
    else
      QVERIFY(run.layers[1].shift > 0.05);
    QVERIFY(run.layers[2].earlierShift > 1e-3 || batchNorm);
    QVERIFY(std::abs(run.layers[2].earlierShift - run.layers[2].shift) <=
            1e-6 + 1e-4 * run.layers[2].shift);
    QCOMPARE(int(run.layers[2].earlierShiftHistory.size()), 1);
    QCOMPARE(run.layers[2].meanEarlierShift, run.layers[2].earlierShift);
  }

  // A kick of layer 2: layer 1 does not move, layers 2 and 3 do; the same kick moves the
  // batch-norm twin's layer 3 less (its mean and spread are held at β and γ).
  void kickResponseIsMeasuredAtOnce() {
    Experiment experiment(smallConfig());
    for (int i = 0; i < 200; ++i) experiment.step();
    experiment.perturb(1, 0.5);
    const SnapshotPtr snap = experiment.snapshot();
    for (const RunSnapshot& run : snap->runs) {
      const KickResponse& kick = run.lastKick;
      QCOMPARE(kick.step, std::int64_t(200));
      QCOMPARE(kick.layer, 1);
      QCOMPARE(int(kick.moved.size()), 3);
      QCOMPARE(kick.moved[0], 0.0);
      QVERIFY(kick.moved[1] > 0 && kick.moved[2] > 0);
      QVERIFY(kick.movedRelative[2] > 0);
    }
    QVERIFY(snap->runs[1].lastKick.moved[2] < snap->runs[0].lastKick.moved[2]);
  }

  // In layer 1, whose Z does not depend on any batch statistics, the spread of μ_B at fixed
  // weights follows sampling theory: σ/√m · √((N − m)/(N − 1)), within the error of an
  // estimate from 64 batches; σ_B's spread is smaller than μ_B's for near-normal Z.
  void fixedWeightNoiseFollowsSamplingTheory() {
    Experiment experiment(smallConfig());
    experiment.setBatchNoiseTarget(0, 0);
    for (int i = 0; i < 100; ++i) experiment.step();
    const SnapshotPtr snap = experiment.snapshot();
    const BatchNoise& noise = snap->runs[1].batchNoise;
    QCOMPARE(int(noise.fixedWeights.size()), 1);  // both runs train at 64
    const FixedWeightNoise& at64 = noise.fixedWeights.front();
    QCOMPARE(at64.batchSize, 64);
    QCOMPARE(at64.step, std::int64_t(100));
    QCOMPARE(int(at64.batches.size()), kFixedWeightBatches);
    const double n = double(snap->data->train.size());
    const double theory = std::sqrt((n - 64) / (n - 1)) / 8.0;
    QVERIFY2(at64.meanSpread > 0.75 * theory && at64.meanSpread < 1.25 * theory,
             qPrintable(QStringLiteral("%1 against %2").arg(at64.meanSpread).arg(theory)));
    QVERIFY(snap->runs[0].batchNoise.fixedWeights.empty());  // plain: nothing to measure
    // The same weights at a larger size.
    const Network& network = experiment.run(1).network();
    const FixedWeightNoise at512 = measureFixedWeightNoise(
        network, snap->data->train, 0, 0, 512, noise.populationMean, noise.populationStd, 9, 100);
    const double theory512 = std::sqrt((n - 512) / (n - 1)) / std::sqrt(512.0);
    QVERIFY2(at512.meanSpread > 0.75 * theory512 && at512.meanSpread < 1.25 * theory512,
             qPrintable(QStringLiteral("%1 against %2").arg(at512.meanSpread).arg(theory512)));
    // A smaller budget draws fewer batches of a large size, never fewer than 16.
    QCOMPARE(fixedWeightBatches(64, 8000), kFixedWeightBatches);
    QCOMPARE(fixedWeightBatches(512, 8000), kFewestFixedWeightBatches);
    QCOMPARE(fixedWeightBatches(512, 40000), kFixedWeightBatches);
    QCOMPARE(int(measureFixedWeightNoise(network, snap->data->train, 0, 0, 512,
                                         noise.populationMean, noise.populationStd, 9, 100, 16)
                     .batches.size()),
             16);
    // Bit for bit the same batches from the same seed.
    const FixedWeightNoise again = measureFixedWeightNoise(
        network, snap->data->train, 0, 0, 512, noise.populationMean, noise.populationStd, 9, 100);
    QCOMPARE(again.meanSpread, at512.meanSpread);
  }

  // Two batch sizes: measured at both by default; with the live window's quicker evaluations
  // (2,000 examples) each run at its own size only.
  void fixedWeightNoiseKeepsToItsBudget() {
    ExperimentConfig config = smallConfig();
    config.runs = parseRunList("batch-norm,batch-norm:batch=512");
    for (int limit : {Experiment::kEvaluationLimit, 2000}) {
      Experiment experiment(config);
      experiment.setEvaluationLimit(limit);
      for (int i = 0; i < 20; ++i) experiment.step();
      const SnapshotPtr snap = experiment.snapshot();
      const auto& small = snap->runs[0].batchNoise.fixedWeights;
      const auto& large = snap->runs[1].batchNoise.fixedWeights;
      QCOMPARE(small.front().batchSize, 64);
      QCOMPARE(large.front().batchSize, 512);
      const int expected = limit == Experiment::kEvaluationLimit ? 2 : 1;
      QCOMPARE(int(small.size()), expected);
      QCOMPARE(int(large.size()), expected);
      QCOMPARE(int(large.front().batches.size()),
               limit == 2000 ? kFewestFixedWeightBatches : kFixedWeightBatches);
    }
  }

  // With the probe batch's own statistics, unit u's activation input has mean βᵤ and std
  // |γᵤ|·√(σ²/(σ² + ε)): γ and β read the moments chart.
  void gammaAndBetaGovernTheMoments() {
    Experiment experiment(smallConfig());
    for (int i = 0; i < 300; ++i) experiment.step();
    const SnapshotPtr snap = experiment.snapshot();
    QVERIFY(snap->runs[0].layers[1].gamma.empty());
    for (const LayerSnapshot& layer : snap->runs[1].layers) {
      const DistributionStats& input = layer.now[int(Quantity::ActivationInput)];
      QCOMPARE(int(layer.gamma.size()), layer.units);
      for (int u = 0; u < layer.units; ++u) {
        QVERIFY(std::abs(input.unitMean[u] - layer.beta[u]) < 1e-4);
        QVERIFY(std::abs(input.unitStddev[u] - std::abs(layer.gamma[u])) <
                1e-3 * std::abs(layer.gamma[u]) + 1e-4);
      }
      QCOMPARE(int(layer.gammaRmsHistory.size()), 61);  // steps 0, 5, …, 300
      QCOMPARE(int(layer.betaMeanHistory.size()), 61);
    }
  }
};

QTEST_MAIN(LectureMeasuresTest)
#include "test_lecture_measures.moc"
