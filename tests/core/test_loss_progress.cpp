// A run whose loss stays finite but does not fall is found: a learning rate far too high for
// the network (relu or tanh, plain or batch norm, several seeds and data sets) is stalled after
// LossProgress::kPatience steps; the same networks at a sane learning rate are not.
#include <QTest>
#include <cmath>
#include <cstring>

#include "experiment/experiment.h"
#include "training/loss_progress.h"

using namespace bnlab;

namespace {

ExperimentConfig sgdConfig(ToyKind data, ActivationKind activation, double learningRate,
                           std::uint64_t seed) {
  ExperimentConfig config;
  config.data.toy = {data, 800, 0.1, 2, seed};
  config.network.hiddenUnits = {16, 16, 16};
  config.network.activation = activation;
  config.optimizer.kind = OptimizerKind::Sgd;
  config.optimizer.learningRate = learningRate;
  config.runs = *runsForBatchNorm("compare");
  config.seed = seed;
  config.recordEvery = 100000;
  config.evaluateEvery = 1000000;
  return config;
}

// Each run's progress after `steps` steps.
std::vector<LossProgress> progressAfter(const ExperimentConfig& config, int steps) {
  Experiment experiment(config);
  for (int s = 0; s < steps && !experiment.diverged(); ++s) experiment.step();
  std::vector<LossProgress> progress;
  const SnapshotPtr snap = experiment.snapshot();
  for (const RunSnapshot& run : snap->runs) progress.push_back(run.progress);
  return progress;
}

}  // namespace

class LossProgressTest : public QObject {
  Q_OBJECT
 private slots:
  void startsAtTheFirstLossOrChance() {
    LossProgress progress(4);
    QCOMPARE(progress.startLoss(), std::log(4.0));
    progress.add(0.9);
    QCOMPARE(progress.firstLoss(), 0.9);
    QCOMPARE(progress.startLoss(), 0.9);  // below ln 4
    LossProgress high(2);
    high.add(3.0);
    QCOMPARE(high.startLoss(), std::log(2.0));  // an untrained network worse than guessing
    high.add(NAN);                              // a diverged step is not counted
    QCOMPARE(high.steps(), 1);
  }

  void judgedOnlyAfterPatience() {
    LossProgress flat(2);
    for (int s = 0; s < LossProgress::kPatience - 1; ++s) flat.add(0.7);
    QVERIFY(!flat.stalled());
    flat.add(0.7);
    QVERIFY(flat.stalled());
    QCOMPARE(flat.recentLoss(), 0.7);
    // A loss that falls below the start in its last window is learning again.
    for (int s = 0; s < LossProgress::kWindow; ++s) flat.add(0.5);
    QVERIFY(!flat.stalled());
  }

  // Relu at η = 10 either diverges (which the lab reports on its own) or stalls; tanh at
  // η = 10 stalls without diverging.
  void farTooHighLearningRateIsNeverSilent_data() {
    QTest::addColumn<int>("data");
    QTest::addColumn<int>("activation");
    QTest::addColumn<bool>("mayDiverge");
    for (int seed = 1; seed <= 3; ++seed) {
      QTest::addRow("spiral relu seed %d", seed)
          << int(ToyKind::Spiral) << int(ActivationKind::Relu) << true;
      QTest::addRow("moons relu seed %d", seed)
          << int(ToyKind::Moons) << int(ActivationKind::Relu) << true;
      QTest::addRow("spiral tanh seed %d", seed)
          << int(ToyKind::Spiral) << int(ActivationKind::Tanh) << false;
      QTest::addRow("circles tanh seed %d", seed)
          << int(ToyKind::Circles) << int(ActivationKind::Tanh) << false;
    }
  }
  void farTooHighLearningRateIsNeverSilent() {
    QFETCH(int, data);
    QFETCH(int, activation);
    QFETCH(bool, mayDiverge);
    const int seed = QTest::currentDataTag()[std::strlen(QTest::currentDataTag()) - 1] - '0';
    Experiment experiment(
        sgdConfig(ToyKind(data), ActivationKind(activation), 10, std::uint64_t(seed)));
    for (int s = 0; s < 1000 && !experiment.diverged(); ++s) experiment.step();
    if (experiment.diverged()) {
      QVERIFY2(mayDiverge, "diverged");
      qInfo("diverged at step %lld", static_cast<long long>(experiment.divergedAt()));
      return;
    }
    const SnapshotPtr snap = experiment.snapshot();
    for (const RunSnapshot& run : snap->runs)
      QVERIFY2(run.progress.stalled(), qPrintable(QStringLiteral("%1: recent %2, start %3")
                                                      .arg(QString::fromStdString(run.name))
                                                      .arg(run.progress.recentLoss())
                                                      .arg(run.progress.startLoss())));
  }

  void saneLearningRateIsNotStalled_data() {
    QTest::addColumn<int>("data");
    QTest::addColumn<int>("activation");
    QTest::addColumn<int>("seed");
    for (int seed : {1, 2, 3}) {
      QTest::addRow("moons relu seed %d", seed)
          << int(ToyKind::Moons) << int(ActivationKind::Relu) << seed;
      QTest::addRow("spiral tanh seed %d", seed)
          << int(ToyKind::Spiral) << int(ActivationKind::Tanh) << seed;
      QTest::addRow("circles sigmoid seed %d", seed)
          << int(ToyKind::Circles) << int(ActivationKind::Sigmoid) << seed;
    }
  }
  void saneLearningRateIsNotStalled() {
    QFETCH(int, data);
    QFETCH(int, activation);
    QFETCH(int, seed);
    ExperimentConfig config =
        sgdConfig(ToyKind(data), ActivationKind(activation), 0.1, std::uint64_t(seed));
    config.optimizer = OptimizerConfig{};  // the lab's default optimizer and learning rate
    for (const LossProgress& run : progressAfter(config, LossProgress::kPatience))
      QVERIFY2(
          !run.stalled(),
          qPrintable(
              QStringLiteral("recent %1, start %2").arg(run.recentLoss()).arg(run.startLoss())));
  }
};

QTEST_GUILESS_MAIN(LossProgressTest)
#include "test_loss_progress.moc"
