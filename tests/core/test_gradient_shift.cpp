// Internal covariate shift as Santurkar et al. (2018) measure it (experiment/gradient_shift.h):
// against a computation made by hand, zero where the earlier layers did not move, zero for layer
// 1, the earlier layers' normalization parameters counted, and training untouched by the measure.
// Tolerances: the measure and the hand computation run the same float operations in the same
// order, so they agree to rounding in the double-precision norms (1e-9 relative); 1e-6 leaves
// room for a compiler that orders the sums differently.
#include <QTest>
#include <algorithm>
#include <cmath>

#include "experiment/experiment.h"
#include "experiment/gradient_shift.h"
#include "random_matrix.h"
#include "training/trainer.h"

using namespace bnlab;

namespace {

struct Batch {
  Matrix x;  // 2 × m
  std::vector<int> y;
};

Batch randomBatch(int m, std::uint64_t seed) {
  Rng rng(seed);
  Batch batch{test::randomMatrix(2, m, rng), {}};
  for (int i = 0; i < m; ++i) batch.y.push_back(batch.x(0, i) * batch.x(1, i) > 0 ? 1 : 0);
  return batch;
}

NetworkConfig networkConfig(Normalization normalization, double dropout) {
  NetworkConfig config;
  config.hiddenUnits = {7, 6, 5, 4};
  config.activation = ActivationKind::Tanh;
  config.init = InitKind::Xavier;
  config.normalization = normalization;
  config.dropout = Scalar(dropout);
  config.seed = 11;
  return config;
}

// A trainer a few steps into training, so that γ and β have moved from 1 and 0.
Trainer trainedFor(int steps, Normalization normalization, double dropout,
                   OptimizerKind optimizer) {
  Trainer trainer("t", networkConfig(normalization, dropout), {optimizer, 0.05, 0.9});
  for (int s = 0; s < steps; ++s) {
    const Batch batch = randomBatch(32, 100 + std::uint64_t(s));
    trainer.trainOnBatch(batch.x, batch.y);
  }
  return trainer;
}

// ∂L/∂W of hidden layer `layer` at `network`'s parameters on the batch, as a training step
// computes it (noisy batch norm's noise drawn first).
Matrix weightGradient(Network network, int layer, const Batch& batch) {
  network.drawNoise();
  network.forward(batch.x, Mode::Train);
  network.lossAndBackward(batch.x, batch.y);
  return network.block(layer).dense().weightsGrad();
}

// `before` with the dense W, b and the normalization's γ, β (if it learns them) of the hidden
// blocks before `layer` taken from `after`.
Network earlierLayersFrom(const Network& before, Network& after, int layer) {
  Network mixed = before;
  for (int k = 0; k < layer; ++k) {
    mixed.block(k).dense().weights() = after.block(k).dense().weights();
    mixed.block(k).dense().bias() = after.block(k).dense().bias();
    if (Matrix* gamma = mixed.block(k).gamma()) *gamma = *after.block(k).gamma();
    if (Matrix* beta = mixed.block(k).beta()) *beta = *after.block(k).beta();
  }
  return mixed;
}

bool near(double a, double b, double tolerance) {
  return std::abs(a - b) <= tolerance * std::max({1.0, std::abs(a), std::abs(b)});
}

}  // namespace

class GradientShiftTest : public QObject {
  Q_OBJECT
 private slots:
  void matchesAComputationByHand_data() {
    QTest::addColumn<int>("normalization");
    QTest::addColumn<double>("dropout");
    QTest::addColumn<int>("optimizer");
    constexpr int kPlain = int(Normalization::None), kBatchNorm = int(Normalization::BatchNorm);
    QTest::newRow("plain, sgd") << kPlain << 0.0 << int(OptimizerKind::Sgd);
    QTest::newRow("batch norm, sgd") << kBatchNorm << 0.0 << int(OptimizerKind::Sgd);
    QTest::newRow("batch norm, momentum") << kBatchNorm << 0.0 << int(OptimizerKind::Momentum);
    QTest::newRow("plain, dropout, adam") << kPlain << 0.3 << int(OptimizerKind::Adam);
    QTest::newRow("batch norm, dropout, adam") << kBatchNorm << 0.3 << int(OptimizerKind::Adam);
    QTest::newRow("layer norm, adam")
        << int(Normalization::LayerNorm) << 0.0 << int(OptimizerKind::Adam);
    QTest::newRow("after the activation, sgd")
        << int(Normalization::BatchNormAfterActivation) << 0.0 << int(OptimizerKind::Sgd);
    QTest::newRow("without γ and β, momentum")
        << int(Normalization::BatchNormWithoutAffine) << 0.0 << int(OptimizerKind::Momentum);
    QTest::newRow("noisy batch norm, dropout, adam")  // the step's noise replayed
        << int(Normalization::NoisyBatchNorm) << 0.3 << int(OptimizerKind::Adam);
  }
  // G from the step's starting point, G′ from a network assembled by hand (earlier blocks' W, b,
  // γ, β after the step); the same dropout masks because both start from a copy taken before
  // the step.
  void matchesAComputationByHand() {
    QFETCH(int, normalization);
    QFETCH(double, dropout);
    QFETCH(int, optimizer);
    Trainer trainer =
        trainedFor(5, Normalization(normalization), dropout, OptimizerKind(optimizer));
    const Batch batch = randomBatch(32, 7);
    const Network before = trainer.network();
    trainer.trainOnBatch(batch.x, batch.y);
    Network& after = trainer.network();
    const std::vector<GradientShift> shifts = measureGradientShift(before, after, batch.x, batch.y);
    QCOMPARE(int(shifts.size()), before.depth());
    for (int l = 0; l < before.depth(); ++l) {
      const Eigen::MatrixXd g = weightGradient(before, l, batch).cast<double>();
      const Eigen::MatrixXd shifted =
          weightGradient(earlierLayersFrom(before, after, l), l, batch).cast<double>();
      const double difference = (g - shifted).norm();
      const double cosine = g.cwiseProduct(shifted).sum() / (g.norm() * shifted.norm());
      const GradientShift& s = shifts[std::size_t(l)];
      const QString at = QStringLiteral("layer %1: measured %2, %3; by hand %4, %5")
                             .arg(l + 1)
                             .arg(s.difference)
                             .arg(s.cosine)
                             .arg(difference)
                             .arg(cosine);
      QVERIFY2(near(s.difference, difference, 1e-6), qPrintable(at));
      QVERIFY2(near(s.cosine, cosine, 1e-6), qPrintable(at));
      QVERIFY2(near(s.gradientNorm, g.norm(), 1e-6), qPrintable(at));
      QVERIFY2(l == 0 || difference > 1e-6 * g.norm(), qPrintable(at));  // something to measure
    }
  }

  // Layer 1 has no earlier layers: G′ = G, so ‖G − G′‖ = 0 and cos = 1, whatever the step did.
  void layerOneHasNoShift() {
    Trainer trainer = trainedFor(3, Normalization::BatchNorm, 0.2, OptimizerKind::Adam);
    const Batch batch = randomBatch(32, 8);
    const Network before = trainer.network();
    trainer.trainOnBatch(batch.x, batch.y);
    const std::vector<GradientShift> shifts =
        measureGradientShift(before, trainer.network(), batch.x, batch.y);
    QCOMPARE(shifts[0].difference, 0.0);
    QCOMPARE(shifts[0].cosine, 1.0);
    QCOMPARE(shifts[0].relative(), 0.0);
    QVERIFY(shifts[0].gradientNorm > 0);
    QVERIFY(shifts[1].difference > 0);  // the step did move layer 1
  }

  void unmovedEarlierLayersGiveNoShift_data() {
    QTest::addColumn<int>("normalization");
    QTest::addColumn<double>("dropout");
    QTest::newRow("plain") << int(Normalization::None) << 0.0;
    QTest::newRow("batch norm") << int(Normalization::BatchNorm) << 0.0;
    // Masks and noise replayed in every pass.
    QTest::newRow("batch norm, dropout") << int(Normalization::BatchNorm) << 0.4;
    QTest::newRow("noisy batch norm") << int(Normalization::NoisyBatchNorm) << 0.0;
  }
  // Only layers 3 and 4 and the output layer move: layers 2 and 3 see unmoved earlier layers
  // (difference exactly 0, cosine 1), layer 4 sees layer 3's move. A zero learning rate moves
  // nothing: no layer shifts.
  void unmovedEarlierLayersGiveNoShift() {
    QFETCH(int, normalization);
    QFETCH(double, dropout);
    const Trainer trainer =
        trainedFor(4, Normalization(normalization), dropout, OptimizerKind::Momentum);
    const Network& before = trainer.network();
    const Batch batch = randomBatch(48, 9);
    Network after = before;
    for (int l : {2, 3}) after.block(l).dense().weights() *= Scalar(1.3);
    after.outputLayer().weights() *= Scalar(0.7);
    const std::vector<GradientShift> shifts = measureGradientShift(before, after, batch.x, batch.y);
    for (int l : {0, 1, 2}) {
      QCOMPARE(shifts[std::size_t(l)].difference, 0.0);
      QCOMPARE(shifts[std::size_t(l)].cosine, 1.0);
    }
    QVERIFY(shifts[3].difference > 0 && shifts[3].cosine < 1);

    Trainer still = trainer;
    still.optimizer().setConfig({OptimizerKind::Sgd, 0.0});
    still.trainOnBatch(batch.x, batch.y);
    for (const GradientShift& s : measureGradientShift(before, still.network(), batch.x, batch.y)) {
      QCOMPARE(s.difference, 0.0);
      QCOMPARE(s.cosine, 1.0);
    }
  }

  // An earlier block's normalization parameters are part of its update: moving only layer 1's
  // γ and β shifts every later layer's gradient.
  void earlierNormalizationParametersCount() {
    const Trainer trainer = trainedFor(4, Normalization::BatchNorm, 0.0, OptimizerKind::Sgd);
    const Network& before = trainer.network();
    const Batch batch = randomBatch(32, 10);
    Network after = before;
    after.block(0).batchNorm().gamma().array() += Scalar(0.2);
    after.block(0).batchNorm().beta().array() -= Scalar(0.1);
    const std::vector<GradientShift> shifts = measureGradientShift(before, after, batch.x, batch.y);
    QCOMPARE(shifts[0].difference, 0.0);
    for (int l = 1; l < before.depth(); ++l)
      QVERIFY2(shifts[std::size_t(l)].difference > 1e-4 * shifts[std::size_t(l)].gradientNorm,
               qPrintable(QStringLiteral("layer %1").arg(l + 1)));
  }

  // Measured on its schedule, the measure leaves training as it was; every run and layer has a
  // measure per scheduled step, layer 1's 0 and 1.
  void theExperimentMeasuresOnItsScheduleWithoutTouchingTraining() {
    ExperimentConfig config;
    config.data.toy = {ToyKind::Circles, 1000, 0.1, 2, 3};
    config.network.hiddenUnits = {10, 8, 6};
    config.recordEvery = 5;
    config.evaluateEvery = 25;
    config.gradientShiftEvery = 10;
    Experiment measured(config);
    config.gradientShiftEvery = 0;
    Experiment plain(config);
    for (int i = 0; i < 50; ++i) QCOMPARE(measured.step(), plain.step());
    QCOMPARE(measured.run(1).network().block(2).dense().weights(),
             plain.run(1).network().block(2).dense().weights());
    const SnapshotPtr snap = measured.snapshot();
    QCOMPARE(snap->runs.size(), std::size_t(2));
    for (const RunSnapshot& run : snap->runs) {
      for (std::size_t l = 0; l < run.layers.size(); ++l) {
        const GradientShiftSummary& shift = run.layers[l].gradientShift;
        QCOMPARE(shift.measures, std::int64_t(5));  // steps 0, 10, 20, 30, 40
        QCOMPARE(shift.measuredAt, std::int64_t(40));
        QCOMPARE(shift.difference.size(), std::size_t(5));
        QCOMPARE(shift.cosine.size(), std::size_t(5));
        QVERIFY(shift.gradientNorm > 0);
        if (l == 0) {
          QCOMPARE(shift.mean, 0.0);
          QCOMPARE(shift.median, 0.0);
          QCOMPARE(shift.cosineMean, 1.0);
          QCOMPARE(shift.cosineMedian, 1.0);
        } else {
          std::vector<double> relative;  // the median of 5: the third
          shift.relative.forEach([&](const HistoryPoint& p) { relative.push_back(p.value); });
          std::sort(relative.begin(), relative.end());
          QCOMPARE(shift.medianRelative, relative[2]);
          QVERIFY(shift.last > 0 && shift.mean > 0);
          QVERIFY(std::abs(shift.lastRelative - shift.last / shift.gradientNorm) < 1e-12);
          QVERIFY(shift.cosineLast < 1 && shift.cosineLast > -1);
        }
      }
    }
    const SnapshotPtr unmeasured = plain.snapshot();  // held: the loop reads into it
    for (const RunSnapshot& run : unmeasured->runs)
      QCOMPARE(run.layers[1].gradientShift.measures, std::int64_t(0));
    measured.setGradientShiftEvery(0);
    for (int i = 0; i < 20; ++i) measured.step();
    QCOMPARE(measured.snapshot()->runs[0].layers[1].gradientShift.measures, std::int64_t(5));
  }
};

QTEST_MAIN(GradientShiftTest)
#include "test_gradient_shift.moc"
