// An experiment as a list of runs: the run syntax, what each run shares with the others (initial
// W, mini-batches of its size), N-run snapshots, and the parallel step giving bit for bit the
// results of stepping the runs in turn.
#include <QTest>
#include <set>
#include <stdexcept>

#include "common/matrix_product.h"
#include "common/task_pool.h"
#include "experiment/experiment.h"

using namespace bnlab;

namespace {
ExperimentConfig smallConfig(const char* runs) {
  ExperimentConfig config;
  config.data.toy = {ToyKind::Spiral, 600, 0.1, 3, 2};
  config.network.hiddenUnits = {16, 12, 8};
  config.runs = parseRunList(runs);
  config.batchSize = 32;
  config.recordEvery = 7;
  config.evaluateEvery = 40;
  config.probeSize = 100;
  return config;
}

// Every learnable tensor of run r, in order.
std::vector<Matrix> parameters(Experiment& experiment, int r) {
  std::vector<Matrix> values;
  for (const ParameterRef& p : experiment.run(r).network().parameters()) values.push_back(*p.value);
  return values;
}
}  // namespace

class RunListTest : public QObject {
  Q_OBJECT
 private slots:
  void runListParses_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("formatted");  // formatRunList of the parsed list
    QTest::addColumn<QStringList>("labels");
    QTest::newRow("one") << "plain"
                         << "plain" << QStringList{"plain"};
    QTest::newRow("twins") << "plain,batch-norm"
                           << "plain,batch-norm" << QStringList{"plain", "batch norm"};
    QTest::newRow("batch sizes") << "plain, batch-norm , batch-norm:batch=512"
                                 << "plain,batch-norm,batch-norm:batch=512"
                                 << QStringList{"plain", "batch norm", "batch norm · batch 512"};
    QTest::newRow("dropout and name")
        << "plain:dropout=0.3:name=dropout,batch-norm:batch=8:dropout=0"
        << "plain:dropout=0.3:name=dropout,batch-norm:batch=8:dropout=0"
        << QStringList{"dropout", "batch norm · batch 8 · dropout 0"};
  }
  void runListParses() {
    QFETCH(QString, text);
    QFETCH(QString, formatted);
    QFETCH(QStringList, labels);
    const std::vector<RunSpec> runs = parseRunList(text.toStdString());
    QCOMPARE(QString::fromStdString(formatRunList(runs)), formatted);
    QStringList got;
    for (const RunSpec& r : runs) got << QString::fromStdString(runLabel(r));
    QCOMPARE(got, labels);
    QVERIFY(validateRuns(runs).empty());
    QVERIFY(parseRunList(formatRunList(runs)) == runs);
  }

  void badRunListsAreRefused_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");  // a part of the error
    QTest::newRow("unknown kind") << "plain,layer-nrom"
                                  << "unknown run kind \"layer-nrom\"";
    QTest::newRow("empty run") << "plain,,batch-norm"
                               << "empty run";
    QTest::newRow("empty list") << ""
                                << "empty run";
    QTest::newRow("no value") << "batch-norm:batch"
                              << "not key=value";
    QTest::newRow("bad batch") << "batch-norm:batch=big"
                               << "bad value \"big\" for batch";
    QTest::newRow("bad dropout") << "plain:dropout=0.2x"
                                 << "bad value \"0.2x\" for dropout";
    QTest::newRow("unknown setting") << "plain:lr=0.1"
                                     << "unknown setting \"lr\"";
  }
  void badRunListsAreRefused() {
    QFETCH(QString, text);
    QFETCH(QString, message);
    try {
      parseRunList(text.toStdString());
      QFAIL("accepted");
    } catch (const std::invalid_argument& error) {
      QVERIFY2(QString::fromUtf8(error.what()).contains(message), error.what());
    }
  }

  void invalidRunListsAreNamed_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("five runs") << "plain,batch-norm,plain:batch=8,plain:batch=16,plain:batch=32"
                               << "1 to 4 runs, not 5";
    QTest::newRow("same label") << "batch-norm,batch-norm"
                                << "two runs are called \"batch norm\"";
    QTest::newRow("batch too big")
        << "batch-norm:batch=513"
        << "run \"batch norm · batch 513\": the batch size must be 1 to 512";
    QTest::newRow("batch zero") << "batch-norm:batch=0"
                                << "batch size must be 1 to 512, not 0";
    QTest::newRow("dropout") << "plain:dropout=0.95"
                             << "dropout must be between 0 and 0.9";
  }
  void invalidRunListsAreNamed() {
    QFETCH(QString, text);
    QFETCH(QString, message);
    ExperimentConfig config = smallConfig("plain");
    config.runs = parseRunList(text.toStdString());
    QString all;
    for (const std::string& e : config.validate()) all += QString::fromStdString(e) + '\n';
    QVERIFY2(all.contains(message), qPrintable(all));
    QVERIFY_THROWS_EXCEPTION(ConfigError, Experiment{config});
  }

  void namesThatCannotBeWrittenBackAreRefused() {
    RunSpec spec;
    for (const char* name : {"a,b", "a:b", " padded"}) {
      spec.name = name;
      QVERIFY2(!validateRun(spec).empty(), name);
    }
    spec.name = "batch 64 (dropout)";
    QVERIFY(validateRun(spec).empty());
    QVERIFY(parseRunList(formatRunList({spec})) == std::vector<RunSpec>{spec});
  }

  void batchNormShorthandsAreRunLists() {
    QVERIFY(*runsForBatchNorm("compare") == parseRunList("plain,batch-norm"));
    QVERIFY(*runsForBatchNorm("on") == parseRunList("batch-norm"));
    QVERIFY(*runsForBatchNorm("off") == parseRunList("plain"));
    QVERIFY(!runsForBatchNorm("both"));
    QCOMPARE(*batchNormShorthand(parseRunList("plain,batch-norm")), std::string_view("compare"));
    QVERIFY(!batchNormShorthand(parseRunList("batch-norm,plain")));
    QVERIFY(!batchNormShorthand(parseRunList("plain,batch-norm:batch=512")));
  }

  void threeRunsShareWAndBatchesOfTheirSize() {
    Experiment experiment(smallConfig("plain,batch-norm,batch-norm:batch=128"));
    QCOMPARE(experiment.runCount(), 3);
    for (int r = 1; r < 3; ++r)
      for (int l = 0; l < experiment.run(0).network().depth(); ++l)
        QCOMPARE(experiment.run(r).network().block(l).dense().weights(),
                 experiment.run(0).network().block(l).dense().weights());
    experiment.step();
    // Runs 0 and 1 (batch 32) saw the same batch: equal W gives equal Z before batch norm.
    const auto& z0 = experiment.run(0).network().lastForward().hidden[0].z;
    const auto& z1 = experiment.run(1).network().lastForward().hidden[0].z;
    const auto& z2 = experiment.run(2).network().lastForward().hidden[0].z;
    QCOMPARE(z0.cols(), Eigen::Index(32));
    QCOMPARE(z1, z0);
    QCOMPARE(z2.cols(), Eigen::Index(128));
    // The 128-batch stream is its own: a lone batch-norm run at batch 128 trains identically.
    ExperimentConfig lone = smallConfig("batch-norm");
    lone.batchSize = 128;
    Experiment loneRun(lone);
    loneRun.step();
    for (int i = 0; i < 30; ++i) {
      experiment.step();
      loneRun.step();
    }
    QVERIFY(parameters(experiment, 2) == parameters(loneRun, 0));
    // A live change of the base batch size moves the runs without a size of their own only.
    experiment.setBatchSize(64);
    experiment.step();
    QCOMPARE(experiment.run(0).network().lastForward().hidden[0].z.cols(), Eigen::Index(64));
    QCOMPARE(experiment.run(1).network().lastForward().hidden[0].z.cols(), Eigen::Index(64));
    QCOMPARE(experiment.run(2).network().lastForward().hidden[0].z.cols(), Eigen::Index(128));
  }

  // A run that set its own batch size keeps its stream when the base batch size moves off that
  // size: it trains exactly as a lone run at its size would.
  void baseBatchSizeChangeLeavesPinnedRunsAlone() {
    Experiment experiment(smallConfig("plain,batch-norm:batch=32"));
    ExperimentConfig lone = smallConfig("batch-norm");
    Experiment loneRun(lone);
    for (int i = 0; i < 20; ++i) {
      if (i == 10) experiment.setBatchSize(16);
      experiment.step();
      loneRun.step();
    }
    QCOMPARE(experiment.run(0).network().lastForward().hidden[0].z.cols(), Eigen::Index(16));
    QVERIFY(parameters(experiment, 1) == parameters(loneRun, 0));
    // And back: the base runs return to the 32-example stream the pinned run reads.
    experiment.setBatchSize(32);
    experiment.step();
    const auto& z0 = experiment.run(0).network().lastForward().hidden[0].z;
    QCOMPARE(z0.cols(), Eigen::Index(32));
    QCOMPARE(experiment.snapshot()->runs[1].epoch, experiment.snapshot()->runs[0].epoch);
  }

  // The warning's claim: batch norm on batches of one sends no gradient to W, so the hidden
  // layers' weights stay exactly where they started, while at batch 8 they learn; a plain run
  // at batch 1, or batch norm at batch 2, gets no warning. Three seeds, two data sets.
  void batchNormOnBatchesOfOneIsWarnedAbout_data() {
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("kind");
    for (int seed : {1, 2, 3}) QTest::addRow("moons, seed %d", seed) << seed << int(ToyKind::Moons);
    QTest::addRow("circles, seed 4") << 4 << int(ToyKind::Circles);
  }
  void batchNormOnBatchesOfOneIsWarnedAbout() {
    QFETCH(int, seed);
    QFETCH(int, kind);
    ExperimentConfig config = smallConfig("batch-norm,batch-norm:batch=8");
    config.data.toy = {ToyKind(kind), 800, 0.1, 2, std::uint64_t(seed)};
    config.seed = std::uint64_t(seed);
    config.batchSize = 1;
    QCOMPARE(int(config.warnings().size()), 1);
    QVERIFY(QString::fromStdString(config.warnings().front()).contains("batch of 1"));
    Experiment experiment(config);
    std::vector<Matrix> initial;
    for (int l = 0; l < 3; ++l)
      initial.push_back(experiment.run(0).network().block(l).dense().weights());
    for (int i = 0; i < 500; ++i) experiment.step();
    for (int l = 0; l < 3; ++l) {
      QCOMPARE(experiment.run(0).network().block(l).dense().weights(), initial[std::size_t(l)]);
      QVERIFY(experiment.run(1).network().block(l).dense().weights() != initial[std::size_t(l)]);
    }
    config.runs = parseRunList("plain");
    QVERIFY(config.warnings().empty());
    config.runs = parseRunList("batch-norm");
    config.batchSize = 2;
    QVERIFY(config.warnings().empty());
  }

  void runDropoutOverridesTheBase() {
    ExperimentConfig config = smallConfig("plain,plain:dropout=0.5");
    config.network.dropout = 0.1f;
    Experiment experiment(config);
    QCOMPARE(experiment.dropout(0), double(0.1f));
    QCOMPARE(experiment.dropout(1), 0.5);
    experiment.setDropout(0.2);
    QCOMPARE(experiment.dropout(0), double(0.2f));
    QCOMPARE(experiment.dropout(1), 0.5);
    QCOMPARE(double(experiment.run(1).network().config().dropout), 0.5);
  }

  void snapshotsCarryEveryRun() {
    Experiment experiment(
        smallConfig("plain,batch-norm,batch-norm:batch=128,plain:dropout=0.2:name=dropout"));
    for (int i = 0; i < 120; ++i) experiment.step();
    const SnapshotPtr snap = experiment.snapshot();
    QCOMPARE(int(snap->runs.size()), 4);
    const QStringList names{"plain", "batch norm", "batch norm · batch 128", "dropout"};
    const std::vector<int> batches{32, 32, 128, 32};
    for (int r = 0; r < 4; ++r) {
      const RunSnapshot& run = snap->runs[std::size_t(r)];
      QCOMPARE(QString::fromStdString(run.name), names[r]);
      QVERIFY(run.spec == experiment.runSpec(r));
      QCOMPARE(run.batchSize, batches[std::size_t(r)]);
      QCOMPARE(run.batchNorm, r == 1 || r == 2);
      QCOMPARE(int(run.layers.size()), 3);
      QVERIFY(!run.layers[2].history[1].quantiles.empty());
      QCOMPARE(run.evaluatedAt, std::int64_t(120));
      QCOMPARE(run.testTime.step >= 0, run.batchNorm);
      QCOMPARE(run.batchNoise.layer >= 0, run.batchNorm);
    }
    QCOMPARE(snap->runs[3].dropout, 0.2);
    // 600 examples, 450 for training: an epoch is 3 batches of 128, or 14 of 32 (an epoch
    // counts once the batch after it is drawn).
    QCOMPARE(snap->runs[2].epoch, std::int64_t(119 / 3));
    QCOMPARE(snap->runs[0].epoch, std::int64_t(119 / 14));
    QCOMPARE(snap->epoch, snap->runs[0].epoch);
  }

  void liveBatchNormSwitchIsForOneRunOnly() {
    Experiment twins(smallConfig("plain,batch-norm"));
    twins.setBatchNorm(true);
    QVERIFY(twins.run(0).network().normalization() == Normalization::None);
    QVERIFY(twins.snapshot()->batchNormToggles.empty());
    Experiment one(smallConfig("plain"));
    one.step();
    one.setBatchNorm(true);
    QVERIFY(one.run(0).network().normalization() == Normalization::BatchNorm);
    QVERIFY(one.config().runs.front().normalization == Normalization::BatchNorm);
    QCOMPARE(QString::fromStdString(one.snapshot()->runs[0].name), QStringLiteral("batch norm"));
    QCOMPARE(one.snapshot()->batchNormToggles, std::vector<std::int64_t>{1});
  }

  // Stepping the runs on two threads gives bit for bit what stepping them in turn gives: with
  // dropout, the landscape probe, records, evaluations, decision maps and a kick.
  void parallelStepIsBitIdentical() {
    ExperimentConfig config =
        smallConfig("plain,batch-norm,batch-norm:batch=128,plain:dropout=0.3");
    config.network.dropout = 0.1f;
    config.landscapeEvery = 25;
    Experiment inTurn(config), parallel(config);
    inTurn.setThreads(1);
    parallel.setThreads(2);
    QCOMPARE(inTurn.threads(), 1);
    QCOMPARE(parallel.threads(), 2);
    for (int i = 0; i < 300; ++i) {
      QCOMPARE(parallel.step(), inTurn.step());
      if (i == 100) {
        inTurn.perturb(1, 0.5);
        parallel.perturb(1, 0.5);
      }
      if (i % 60 == 0) {
        inTurn.updateDecisionMaps(20, 20);
        parallel.updateDecisionMaps(20, 20);
      }
    }
    for (int r = 0; r < 4; ++r) QVERIFY(parameters(parallel, r) == parameters(inTurn, r));
    const SnapshotPtr a = parallel.snapshot(), b = inTurn.snapshot();
    for (std::size_t r = 0; r < 4; ++r) {
      const RunSnapshot &x = a->runs[r], &y = b->runs[r];
      QCOMPARE(x.test.accuracy, y.test.accuracy);
      QCOMPARE(x.train.loss, y.train.loss);
      for (std::size_t l = 0; l < 3; ++l) {
        QCOMPARE(x.layers[l].now[1].quantiles, y.layers[l].now[1].quantiles);
        QCOMPARE(x.layers[l].shift, y.layers[l].shift);
      }
      QCOMPARE(x.decisionMap.confidence, y.decisionMap.confidence);
      QCOMPARE(x.batchNoise.meanSpread, y.batchNoise.meanSpread);
      QCOMPARE(x.testTime.batchOfOne, y.testTime.batchOfOne);
      QCOMPARE(x.betaSmoothness.size(), y.betaSmoothness.size());
      QVERIFY(x.betaSmoothness.size() > 0);
    }
  }

  // One run alone splits its large products (256 × 256 × 256) over the threads: the same bits as
  // on one thread, and the products really were large enough to split.
  void oneRunSplitsItsProductsBitIdentically() {
    ExperimentConfig config = smallConfig("batch-norm");
    config.network.hiddenUnits = {256, 256};
    config.batchSize = 256;
    QVERIFY(std::int64_t(256) * 256 * 256 >= kParallelMultiplyAdds);
    Experiment one(config), two(config);
    one.setThreads(1);
    two.setThreads(2);
    for (int i = 0; i < 30; ++i) QCOMPARE(two.step(), one.step());
    QVERIFY(parameters(two, 0) == parameters(one, 0));
    const SnapshotPtr a = two.snapshot(), b = one.snapshot();
    QCOMPARE(a->runs[0].layers[1].now[1].quantiles, b->runs[0].layers[1].now[1].quantiles);
  }

  void taskPoolRunsEveryTaskOnce() {
    for (int threads : {1, 2, 3}) {
      TaskPool pool(threads);
      QCOMPARE(pool.threads(), threads);
      for (int round = 0; round < 20000; ++round) {
        const int count = 1 + round % 5;
        std::vector<int> hits(std::size_t(count), 0);  // each task writes its own cell only
        pool.run(count, [&](int i) { ++hits[std::size_t(i)]; });
        QVERIFY(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
      }
    }
  }

  void taskPoolRethrowsAfterEveryTaskEnds_data() {
    QTest::addColumn<int>("threads");
    QTest::newRow("one thread") << 1;
    QTest::newRow("two threads") << 2;
  }
  void taskPoolRethrowsAfterEveryTaskEnds() {
    QFETCH(int, threads);
    TaskPool pool(threads);
    std::vector<int> done(4, 0);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, pool.run(4, [&](int i) {
      done[std::size_t(i)] = 1;
      if (i == 1) throw std::runtime_error("task 1");
    }));
    QCOMPARE(done, (std::vector<int>{1, 1, 1, 1}));
    pool.run(2, [&](int i) { done[std::size_t(i)] = 2; });  // still usable
    QCOMPARE(done[0] + done[1], 4);
  }
};

QTEST_GUILESS_MAIN(RunListTest)
#include "test_run_list.moc"
