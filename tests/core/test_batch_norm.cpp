// Batch norm against hand-computed values: forward, running statistics with the unbiased
// m/(m−1) variance, eval mode, the probe path, and switching batch norm on a live network.
#include <QTest>

#include "network/batch_norm.h"
#include "network/network.h"
#include "random_matrix.h"

using namespace bnlab;

namespace {
bool near(double a, double b, double tolerance = 1e-5) { return std::abs(a - b) <= tolerance; }

Matrix rowsOf(std::initializer_list<std::initializer_list<double>> rows) {
  Matrix m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.begin()->size()));
  Eigen::Index i = 0;
  for (const auto& row : rows) {
    Eigen::Index j = 0;
    for (double v : row) m(i, j++) = static_cast<Scalar>(v);
    ++i;
  }
  return m;
}
}  // namespace

class BatchNormTest : public QObject {
  Q_OBJECT
 private slots:
  void forwardMatchesHandComputedValues() {
    // Unit 1: z = 1 2 3 6 → μ = 3, σ² = 14/4 = 3.5, √(σ² + ε) = √4 = 2 → ẑ = −1 −.5 0 1.5.
    // Unit 2: z = 0 0 4 4 → μ = 2, σ² = 4, √4.5 → ẑ = ∓2/√4.5 = ∓0.9428090.
    BatchNorm norm(2, {0.1f, 0.5f});
    norm.gamma()(0, 0) = 2;  // z̃ = 2ẑ + 1 for unit 1
    norm.beta()(0, 0) = 1;
    Matrix zHat, zTilde;
    NormalizationPass pass;
    norm.forward(rowsOf({{1, 2, 3, 6}, {0, 0, 4, 4}}), Mode::Train, zHat, zTilde, pass);
    const double expectedHat[2][4] = {{-1, -0.5, 0, 1.5},
                                      {-0.9428090, -0.9428090, 0.9428090, 0.9428090}};
    const double expectedTilde[4] = {-1, 0, 1, 4};
    for (int j = 0; j < 4; ++j) {
      QVERIFY(near(zHat(0, j), expectedHat[0][j]));
      QVERIFY(near(zHat(1, j), expectedHat[1][j]));
      QVERIFY(near(zTilde(0, j), expectedTilde[j]));
      QVERIFY(near(zTilde(1, j), expectedHat[1][j]));  // γ = 1, β = 0
    }
    QVERIFY(near(norm.batchMean()(0), 3));
    QVERIFY(near(norm.batchVariance()(0), 3.5));
    QVERIFY(near(norm.batchVariance()(1), 4));
  }

  void runningStatisticsFollowTheUnbiasedUpdate() {
    // α = 0.1, from μ_run = 0, σ²_run = 1:
    //  batch 1 (1 2 3 6):  μ_B = 3, σ²_B = 3.5, m/(m−1)σ²_B = 4.6667 → μ 0.3,   σ² 1.366667
    //  batch 2 (2 4):      μ_B = 3, σ²_B = 1,   m/(m−1)σ²_B = 2      → μ 0.57,  σ² 1.43
    //  batch 3 (0 0 0 8):  μ_B = 2, σ²_B = 12,  m/(m−1)σ²_B = 16     → μ 0.713, σ² 2.887
    BatchNorm norm(1, {0.1f, 1e-5f});
    Matrix zHat, zTilde;
    NormalizationPass pass;
    const Matrix batches[] = {rowsOf({{1, 2, 3, 6}}), rowsOf({{2, 4}}), rowsOf({{0, 0, 0, 8}})};
    const double mean[] = {0.3, 0.57, 0.713};
    const double variance[] = {1.3666667, 1.43, 2.887};
    for (int b = 0; b < 3; ++b) {
      norm.forward(batches[b], Mode::Train, zHat, zTilde, pass);
      QVERIFY2(near(norm.runningMean()(0), mean[b]), qPrintable(QString::number(b)));
      QVERIFY2(near(norm.runningVariance()(0), variance[b]), qPrintable(QString::number(b)));
    }
  }

  // A batch of one (σ²_B = 0) leaves the running statistics alone: 50 of them in a row would
  // otherwise shrink σ²_run by 0.9⁵⁰ and blow evaluation outputs up.
  void aBatchOfOneLeavesTheRunningStatistics() {
    BatchNorm norm(1, {0.1f, 1e-5f});
    Matrix zHat, zTilde;
    NormalizationPass pass;
    norm.forward(rowsOf({{1, 2, 3, 6}}), Mode::Train, zHat, zTilde, pass);
    const Vector mean = norm.runningMean(), variance = norm.runningVariance();
    for (int i = 0; i < 50; ++i)
      norm.forward(rowsOf({{double(i)}}), Mode::Train, zHat, zTilde, pass);
    QCOMPARE(norm.runningMean(), mean);
    QCOMPARE(norm.runningVariance(), variance);
  }

  void evalModeUsesRunningStatistics() {
    BatchNorm norm(1, {0.1f, 0.5f});
    Matrix zHat, zTilde;
    NormalizationPass pass;
    norm.forward(rowsOf({{1, 2, 3, 6}}), Mode::Train, zHat, zTilde,
                 pass);  // μ_run 0.3, σ²_run 1.366667
    norm.forward(rowsOf({{2}}), Mode::Eval, zHat, zTilde, pass);
    QVERIFY(near(zHat(0, 0), (2 - 0.3) / std::sqrt(1.3666667 + 0.5)));
    // A batch of one in eval mode gives the same value alone as inside a larger batch.
    norm.forward(rowsOf({{2, -7, 40}}), Mode::Eval, zHat, zTilde, pass);
    QVERIFY(near(zHat(0, 0), (2 - 0.3) / std::sqrt(1.3666667 + 0.5)));
    // Eval mode leaves the running statistics alone.
    QVERIFY(near(norm.runningMean()(0), 0.3));
    QVERIFY(near(norm.runningVariance()(0), 1.3666667));
  }

  // forward(A), forward(B), backward with A's pass: exactly the gradient of forward(A) alone on
  // a fresh layer, whatever B was (a training pass on other data, or an evaluation).
  void backwardUsesItsOwnPass() {
    Rng rng(11);
    const Matrix a = test::randomMatrix(3, 6, rng, 2.0, 1.0),
                 b = test::randomMatrix(3, 6, rng, 0.3);
    const Matrix dZTilde = test::randomMatrix(3, 6, rng);
    for (const Mode between : {Mode::Train, Mode::Eval}) {
      BatchNorm norm(3, {}), fresh(3, {});
      norm.gamma() = fresh.gamma() = test::randomMatrix(3, 1, rng, 0.5, 1.0);
      Matrix zHatA, zTildeA, zHatB, zTildeB, dZ, dZFresh;
      NormalizationPass passA, passB, passFresh;
      norm.forward(a, Mode::Train, zHatA, zTildeA, passA);
      norm.forward(b, between, zHatB, zTildeB, passB);
      norm.backward(zHatA, passA, dZTilde, dZ);
      fresh.forward(a, Mode::Train, zHatA, zTildeA, passFresh);
      fresh.backward(zHatA, passFresh, dZTilde, dZFresh);
      QCOMPARE(dZ, dZFresh);
      QCOMPARE(norm.gammaGrad(), fresh.gammaGrad());
      QCOMPARE(norm.betaGrad(), fresh.betaGrad());
    }
  }

  void normalizeChangesNoState() {
    BatchNorm norm(1, {0.1f, 0.5f});
    Matrix zHat, zTilde;
    norm.normalize(rowsOf({{1, 2, 3, 6}}), NormStats::Batch, zHat, zTilde);
    QVERIFY(near(zHat(0, 0), -1));
    QVERIFY(near(norm.runningMean()(0), 0));
    QVERIFY(near(norm.runningVariance()(0), 1));
  }

  void probeForwardChangesNothing() {
    NetworkConfig config;
    config.hiddenUnits = {8, 8};
    config.normalization = Normalization::BatchNorm;
    config.dropout = 0.5;
    Network net(config);
    Rng rng(1);
    const Matrix x = test::randomMatrix(2, 16, rng);
    net.forward(x, Mode::Train);
    const Vector runningMean = net.block(1).batchNorm().runningMean();
    const Matrix w = net.block(0).dense().weights();
    const Matrix trainZ = net.lastForward().hidden[1].z;
    ForwardRecord probe;
    net.infer(test::randomMatrix(2, 32, rng), NormStats::Batch, probe);
    QCOMPARE(net.block(1).batchNorm().runningMean(), runningMean);
    QCOMPARE(net.block(0).dense().weights(), w);
    QCOMPARE(net.lastForward().hidden[1].z, trainZ);
    // Training-mode statistics of the probe itself: each unit of Ẑ has mean 0.
    QVERIFY(std::abs(probe.hidden[1].zHat.row(0).mean()) < 1e-4);
    QVERIFY(!probe.hidden[1].droppedOut);
  }

  void switchingKeepsWeightsAndLearnedScale() {
    NetworkConfig config;
    config.hiddenUnits = {6, 6};
    config.normalization = Normalization::BatchNorm;
    Network net(config);
    Rng rng(2);
    net.forward(test::randomMatrix(2, 16, rng, 3.0, 2.0), Mode::Train);
    net.block(0).batchNorm().gamma()(0, 0) = 1.7f;
    const Matrix w = net.block(0).dense().weights();
    net.setNormalization(Normalization::None);
    QVERIFY(net.block(0).normalization() == Normalization::None);
    net.forward(test::randomMatrix(2, 16, rng), Mode::Train);
    QVERIFY(net.lastForward().hidden[0].zTilde.size() == 0);
    net.setNormalization(Normalization::BatchNorm);
    QCOMPARE(net.block(0).dense().weights(), w);
    QCOMPARE(net.block(0).batchNorm().gamma()(0, 0), 1.7f);
    QVERIFY(net.block(0).batchNorm().runningMean().isZero());
    QVERIFY(net.block(0).batchNorm().runningVariance().isOnes());
  }

  void denseBiasIsFrozenUnderBatchNorm() {
    NetworkConfig config;
    config.hiddenUnits = {4};
    config.normalization = Normalization::BatchNorm;
    Network net(config);
    for (const ParameterRef& p : net.parameters()) {
      if (p.name == "b1") QVERIFY(!p.trainable);
      if (p.name == "gamma1" || p.name == "beta1") QVERIFY(p.trainable);
    }
    net.setNormalization(Normalization::None);
    for (const ParameterRef& p : net.parameters()) {
      if (p.name == "b1") QVERIFY(p.trainable);
      if (p.name == "gamma1") QVERIFY(!p.trainable);
    }
  }
};

QTEST_GUILESS_MAIN(BatchNormTest)
#include "test_batch_norm.moc"
