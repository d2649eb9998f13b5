// Training: optimizers, the batch sampler, learning toy problems to a stated accuracy within a
// fixed step budget, twins, and bit-identical reruns from one seed.
#include <QTest>
#include <set>

#include "experiment/experiment.h"
#include "random_matrix.h"
#include "training/batch_sampler.h"
#include "training/optimizer.h"

using namespace bnlab;

namespace {

ExperimentConfig toyExperiment(ToyKind kind, const char* mode) {
  ExperimentConfig config;
  config.data.toy = {kind, 2000, 0.02, 3, 1};  // 3 spiral arms, σ = 0.02
  config.network.hiddenUnits = {32, 32, 32};
  config.network.activation = ActivationKind::Relu;
  config.network.init = InitKind::He;
  config.runs = *runsForBatchNorm(mode);
  config.optimizer.kind = OptimizerKind::Adam;
  config.optimizer.learningRate = 0.01;
  config.batchSize = 64;
  config.evaluateEvery = 1000000;
  config.recordEvery = 100;
  config.seed = 3;
  return config;
}

double trainAndTest(const ExperimentConfig& config, int steps) {
  Experiment experiment(config);
  for (int i = 0; i < steps; ++i) experiment.step();
  return experiment.run(0).evaluate(experiment.data().test).accuracy;
}

}  // namespace

class TrainingTest : public QObject {
  Q_OBJECT
 private slots:
  void sgdMomentumAndAdamUpdates() {
    Matrix value = Matrix::Constant(1, 1, 1.0f), grad = Matrix::Constant(1, 1, 0.5f);
    std::vector<ParameterRef> params{{"w", &value, &grad, true, true}};
    Optimizer sgd({OptimizerKind::Sgd, 0.1});
    sgd.step(params);
    QVERIFY(std::abs(value(0, 0) - 0.95f) < 1e-6);  // 1 − 0.1·0.5
    value(0, 0) = 1;
    Optimizer momentum({OptimizerKind::Momentum, 0.1, 0.9});
    momentum.step(params);  // v = 0.5,  w = 0.95
    momentum.step(params);  // v = 0.95, w = 0.855
    QVERIFY(std::abs(value(0, 0) - 0.855f) < 1e-6);
    value(0, 0) = 1;
    Optimizer adam({OptimizerKind::Adam, 0.1});
    adam.step(params);  // the first Adam step is η·sign(g)
    QVERIFY(std::abs(value(0, 0) - 0.9f) < 1e-5);
    value(0, 0) = 1;
    OptimizerConfig decayed{OptimizerKind::Sgd, 0.1};
    decayed.weightDecay = 0.1;
    Optimizer decay(decayed);
    decay.step(params);  // 1 − 0.1·(0.5 + 0.1·1)
    QVERIFY(std::abs(value(0, 0) - 0.94f) < 1e-6);
    params[0].trainable = false;
    decay.step(params);
    QVERIFY(std::abs(value(0, 0) - 0.94f) < 1e-6);
  }

  // Adam's bias correction counts each parameter's own updates, as torch.optim.Adam's
  // state['step'] does: a parameter first updated after 2,000 steps of the others moves by
  // η·sign(g), like any first step (with one shared t it would move ~2.9 η).
  void adamCountsEachParametersOwnSteps() {
    Matrix a = Matrix::Constant(1, 1, 1.0f), gradA = Matrix::Constant(1, 1, 0.5f);
    Matrix b = Matrix::Constant(1, 1, 1.0f), gradB = Matrix::Constant(1, 1, -0.25f);
    std::vector<ParameterRef> params{{"a", &a, &gradA, false, true},
                                     {"b", &b, &gradB, false, false}};
    Optimizer adam({OptimizerKind::Adam, 0.1});
    for (int i = 0; i < 2000; ++i) adam.step(params);
    QCOMPARE(adam.steps(0), 2000L);
    QCOMPARE(adam.steps(1), 0L);
    QCOMPARE(b(0, 0), 1.0f);
    params[1].trainable = true;
    adam.step(params);
    QVERIFY2(std::abs(b(0, 0) - 1.1f) < 1e-5, qPrintable(QString::number(b(0, 0))));
    QCOMPARE(adam.steps(1), 1L);
  }

  // Batch norm switched on live after 300 plain steps: γ and β take Adam's first step, η per
  // element (m̂/√v̂ = ±1), not the ~1.6 η a shared step count gives after 300 steps.
  void gammaAndBetaTakeAFirstStepWhenBatchNormIsSwitchedOn() {
    ExperimentConfig config = toyExperiment(ToyKind::Moons, "off");
    Experiment experiment(config);
    for (int i = 0; i < 300; ++i) experiment.step();
    experiment.setBatchNorm(true);
    Network& network = experiment.run(0).network();
    std::vector<Matrix> gamma, beta;
    for (int l = 0; l < network.depth(); ++l) {
      gamma.push_back(*network.block(l).gamma());
      beta.push_back(*network.block(l).beta());
    }
    experiment.step();
    const double lr = config.optimizer.learningRate;
    double smallest = 1e9, largest = 0;
    for (int l = 0; l < network.depth(); ++l)
      for (const Matrix& delta : {Matrix(*network.block(l).gamma() - gamma[std::size_t(l)]),
                                  Matrix(*network.block(l).beta() - beta[std::size_t(l)])})
        for (Eigen::Index i = 0; i < delta.size(); ++i) {
          smallest = std::min(smallest, std::abs(double(delta.data()[i])) / lr);
          largest = std::max(largest, std::abs(double(delta.data()[i])) / lr);
        }
    QVERIFY2(smallest > 0.95 && largest < 1.001,
             qPrintable(QStringLiteral("|Δ|/η from %1 to %2").arg(smallest).arg(largest)));
  }

  void batchesAreWithoutReplacementWithinAnEpoch() {
    BatchSampler sampler(100, 5);
    std::set<int> seen;
    for (int b = 0; b < 10; ++b)
      for (int index : sampler.next(10)) QVERIFY2(seen.insert(index).second, "an index repeated");
    QCOMPARE(int(seen.size()), 100);
    QCOMPARE(sampler.epoch(), std::int64_t(0));
    sampler.next(10);
    QCOMPARE(sampler.epoch(), std::int64_t(1));
    // A batch larger than the data set is clamped to it.
    QCOMPARE(int(BatchSampler(7, 1).next(512).size()), 7);
  }

  void spiralWithBatchNormReaches95Percent() {
    const double accuracy = trainAndTest(toyExperiment(ToyKind::Spiral, "on"), 3000);
    QVERIFY2(accuracy >= 0.95, qPrintable(QStringLiteral("test accuracy %1").arg(accuracy)));
  }

  void xorReaches98Percent_data() {
    QTest::addColumn<QString>("mode");
    QTest::newRow("plain") << QStringLiteral("off");
    QTest::newRow("batch norm") << QStringLiteral("on");
  }
  void xorReaches98Percent() {
    QFETCH(QString, mode);
    const double accuracy = trainAndTest(toyExperiment(ToyKind::Xor, qPrintable(mode)), 1500);
    QVERIFY2(accuracy >= 0.98, qPrintable(QStringLiteral("test accuracy %1").arg(accuracy)));
  }

  void twinsStartIdenticalAndSeeTheSameBatches() {
    Experiment experiment(toyExperiment(ToyKind::Moons, "compare"));
    QCOMPARE(experiment.runCount(), 2);
    Network& plain = experiment.run(0).network();
    Network& normed = experiment.run(1).network();
    QVERIFY(plain.normalization() == Normalization::None &&
            normed.normalization() == Normalization::BatchNorm);
    for (int l = 0; l < plain.depth(); ++l)
      QCOMPARE(plain.block(l).dense().weights(), normed.block(l).dense().weights());
    QCOMPARE(plain.outputLayer().weights(), normed.outputLayer().weights());
    // The same batch reaches both: at step 1 (weights still equal) their Z on it is equal.
    experiment.step();
    QCOMPARE(plain.lastForward().hidden[0].z, normed.lastForward().hidden[0].z);
    // And every later batch: each twin evolves exactly as a lone run of its kind from the same
    // seed, and those lone runs draw their batches from the same seeded sampler.
    ExperimentConfig config = toyExperiment(ToyKind::Moons, "off");
    Experiment lonePlain(config);
    config.runs = *runsForBatchNorm("on");
    Experiment loneNormed(config);
    lonePlain.step();
    loneNormed.step();
    for (int i = 0; i < 50; ++i) {
      experiment.step();
      lonePlain.step();
      loneNormed.step();
      QCOMPARE(experiment.lastBatchIndices(), lonePlain.lastBatchIndices());
    }
    QCOMPARE(plain.block(1).dense().weights(),
             lonePlain.run(0).network().block(1).dense().weights());
    QCOMPARE(normed.block(1).dense().weights(),
             loneNormed.run(0).network().block(1).dense().weights());
    QVERIFY(plain.block(1).dense().weights() != normed.block(1).dense().weights());
  }

  void sameSeedGivesABitIdenticalRun() {
    ExperimentConfig config = toyExperiment(ToyKind::Spiral, "compare");
    config.network.dropout = 0.2f;
    config.recordEvery = 7;
    config.evaluateEvery = 50;
    Experiment a(config), b(config);
    for (int i = 0; i < 300; ++i) QCOMPARE(a.step(), b.step());
    for (int r = 0; r < 2; ++r)
      for (int l = 0; l < a.run(r).network().depth(); ++l)
        QCOMPARE(a.run(r).network().block(l).dense().weights(),
                 b.run(r).network().block(l).dense().weights());
    const SnapshotPtr sa = a.snapshot(), sb = b.snapshot();
    QCOMPARE(sa->runs[1].layers[2].now[1].quantiles, sb->runs[1].layers[2].now[1].quantiles);
    QCOMPARE(sa->runs[0].test.accuracy, sb->runs[0].test.accuracy);
    config.seed = 4;
    Experiment c(config);
    QVERIFY(c.run(0).network().block(0).dense().weights() !=
            a.run(0).network().block(0).dense().weights());
  }
};

QTEST_GUILESS_MAIN(TrainingTest)
#include "test_training.moc"
