// The normalization kinds of a hidden block (network/normalization.h) against PyTorch, and noisy
// batch norm's noise. One block, Linear 3 → 4 then each kind's normalization and activation, in
// training mode on fixed inputs, against values printed by PyTorch 1.13 (Debian's python3-torch)
// for exactly these inputs (tests/core/normalization_reference.py): the output, ∂L/∂X, ∂L/∂W
// and ∂L/∂b of L = Σ R ⊙ output, to 1e-5 in float.
#include <QTest>
#include <cmath>

#include "experiment/experiment.h"
#include "experiment/settings_table.h"
#include "network/hidden_block.h"
#include "network/network.h"
#include "random_matrix.h"
#include "reference_values.h"

using namespace bnlab;

namespace {

constexpr int kInputs = 3, kExamples = 5;

struct Reference {
  std::initializer_list<double> output, dX, dW, db;
};

// The block of `kind` with the reference script's W, b, γ and β; its pass on the script's X.
void checkAgainstPyTorch(Normalization kind, ActivationKind activation, const Reference& want,
                         int kUnits = 4) {
  NetworkConfig config;
  config.activation = activation;
  config.normalization = kind;
  config.groups = 2;
  HiddenBlock block(kInputs, kUnits, config);
  block.dense().weights() =
      test::filled(kUnits, kInputs, [](int u, int i) { return std::cos(0.7 * u + 1.3 * i); });
  block.dense().bias() = test::filled(kUnits, 1, [](int u, int) { return 0.2 * u - 0.3; });
  if (block.gamma())
    *block.gamma() = test::filled(kUnits, 1, [](int u, int) { return 0.6 + 0.3 * u; });
  if (block.beta())
    *block.beta() = test::filled(kUnits, 1, [](int u, int) { return 0.25 - 0.15 * u; });
  const Matrix x = test::filled(
      kInputs, kExamples, [](int i, int j) { return std::sin(0.8 * i + 1.1 * j) * 2 + 0.3 * j; });
  const Matrix r = test::filled(kUnits, kExamples,
                                [](int u, int j) { return std::sin(1.7 * u - 0.5 * j + 0.2); });
  Rng rng(1);
  LayerActivations out;
  block.forward(x, Mode::Train, rng, out);
  Matrix dX;
  block.backward(x, out, r, &dX);
  test::compareToPyTorch(out.output(), test::rowMajor(kUnits, kExamples, want.output));
  test::compareToPyTorch(dX, test::rowMajor(kInputs, kExamples, want.dX));
  test::compareToPyTorch(block.dense().weightsGrad(), test::rowMajor(kUnits, kInputs, want.dW));
  test::compareToPyTorch(block.dense().biasGrad(), test::rowMajor(kUnits, 1, want.db));
}

NetworkConfig noisyNetwork(std::uint64_t seed, Scalar spread = 1) {
  NetworkConfig config;
  config.hiddenUnits = {6, 5};
  config.normalization = Normalization::NoisyBatchNorm;
  config.noiseSpread = spread;
  config.seed = seed;
  return config;
}

}  // namespace

class NormalizationsTest : public QObject {
  Q_OBJECT
 private slots:
  // Linear → ReLU → BatchNorm1d(4).
  void batchNormAfterActivationMatchesPyTorch() {
    checkAgainstPyTorch(
        Normalization::BatchNormAfterActivation, ActivationKind::Relu,
        {.output = {-0.3585962, 0.4698421,  1.255389,   0.2419605, -0.3585962,
                    -0.6339011, -0.6339011, 1.27284,    1.128863,  -0.6339011,
                    -0.7280787, -0.7280787, -0.5570052, 2.345734,  -0.5825709,
                    -1.369217,  -1.369217,  -1.369217,  0.8479499, 2.259702},
         .dX = {0, 0.1755197, 0.2291132, -0.2550495, 0.1354171, 0, 0.04695131, -0.48834, 0.4338257,
                -1.47987, 0, -0.1504008, -0.490374, 0.4871452, -0.927144},
         .dW = {0.2256336, 0.570501, 0.4662465, 0.3107101, 0.3291816, 0.1035545, -0.04933339,
                -0.3365161, 0.7238219, -0.3451544, 0.1327342, 0.4957255},
         .db = {-0.07092021, -0.01601404, 1.773133, -0.132307}});
  }

  // Linear → BatchNorm1d(4, affine=False) → Tanh.
  void batchNormWithoutAffineMatchesPyTorch() {
    checkAgainstPyTorch(
        Normalization::BatchNormWithoutAffine, ActivationKind::Tanh,
        {.output = {-0.8136207, 0.5332082,  0.8735118,  0.3593595, -0.827713,
                    -0.9001322, -0.2381342, 0.8204609,  0.792112,  -0.4773836,
                    -0.8390058, -0.7915891, 0.4225125,  0.8854272, 0.4156178,
                    -0.2358489, -0.8874381, -0.5404074, 0.7505195, 0.8566707},
         .dX = {0.2137637, 0.2418936, 0.1869628, -0.4041982, -0.2384218, 0.39592, -0.3279915,
                0.1206299, 0.1478887, -0.3364471, -0.001947411, -0.4173682, -0.1224261, 0.4833183,
                0.05842337},
         .dW = {0.3079043, 0.7526374, 0.5942838, 0.8404583, 0.897722, 0.2726474, -0.2996666,
                -0.1770715, 0.1669839, 0.09937507, -0.05096991, -0.0721577},
         .db = {0, 0, 0, 0}});
  }

  // Linear → LayerNorm(4) → Tanh.
  void layerNormBlockMatchesPyTorch() {
    checkAgainstPyTorch(
        Normalization::LayerNorm, ActivationKind::Tanh,
        {.output = {0.5218362, 0.8148975, 0.7389544,  -0.1240586, -0.443763,  -0.7045016, 0.3677463,
                    0.6007001, 0.8105158, -0.4173566, -0.7766476, -0.7232018, -0.4753196, 0.7108018,
                    0.4054517, 0.9506417, -0.9492896, -0.9820513, -0.9732773, 0.9582906},
         .dX = {0.4086187, 0.1425802, 0.02217796, -1.553133, 0.06326354, 0.387884, -0.03942475,
                -0.1546869, -1.476475, -0.2856669, -0.2011017, -0.1636723, -0.1049351, 0.7632222,
                -0.2160947},
         .dW = {-1.306144, 0.5392305, 1.181628, 0.9214548, 1.859611, 1.559954, 0.2806086, -1.698315,
                -1.625071, 0.104081, -0.7005261, -1.11651},
         .db = {-1.565896, 0.5329375, 1.131092, -0.09813344}});
  }

  // Linear 3 → 6 → GroupNorm(2, 6) → Tanh (tests/core/normalization_reference.py group).
  void groupNormBlockMatchesPyTorch() {
    checkAgainstPyTorch(
        Normalization::GroupNorm, ActivationKind::Tanh,
        {.output = {0.7965002,  0.7611232,  0.7092818,  -0.5245013,  -0.3948136, -0.6005878,
                    0.05655542, 0.3392481,  0.7338998,  -0.07974505, -0.5844384, -0.9033089,
                    -0.9301001, 0.4612414,  0.909542,   -0.9685913,  -0.9419557, 0.8741315,
                    0.942257,   -0.9808043, -0.2649111, -0.7241378,  -0.9924048, -0.5889075,
                    0.6667778,  0.9657434,  0.9815338,  0.1684971,   -0.9934698, 0.806941},
         .dX = {0.5557939, 0.03930989, -1.217084, -0.8428138, 0.06972897, 0.5410298, -0.01528436,
                3.706005, -0.759051, 1.12237, -0.2663442, -0.04748697, 3.199788, 0.4367231,
                0.5307361},
         .dW = {-1.181055, -0.1718783, 0.5733656, 1.025988, 3.335654, 3.288149, 0.155067, -3.163777,
                -3.861516, -6.479966, -3.340357, 1.005629, -1.513922, 1.529187, 1.412419, 7.993887,
                1.811169, -2.418048},
         .db = {-0.7094616, 0.6281464, 0.08131547, -2.777808, -3.308251, 6.086059}},
        6);
  }

  // backward differentiates the pass whose record it is given, whatever ran in between (the
  // probe, a gradient-shift or landscape measure, an evaluation): forward(A), forward(B) in
  // either mode, then backward with A's record gives exactly what forward(A) alone gives.
  void backwardDifferentiatesThePassOfItsRecord_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("trainBetween");
    const std::pair<const char*, Normalization> kinds[] = {
        {"batch norm", Normalization::BatchNorm},
        {"batch norm after the activation", Normalization::BatchNormAfterActivation},
        {"noisy batch norm", Normalization::NoisyBatchNorm},
        {"layer norm", Normalization::LayerNorm},
        {"group norm", Normalization::GroupNorm}};
    for (const auto& [name, kind] : kinds) {
      QTest::newRow(qPrintable(QStringLiteral("%1, train pass between").arg(name)))
          << int(kind) << true;
      QTest::newRow(qPrintable(QStringLiteral("%1, eval pass between").arg(name)))
          << int(kind) << false;
    }
  }
  void backwardDifferentiatesThePassOfItsRecord() {
    QFETCH(int, kind);
    QFETCH(bool, trainBetween);
    NetworkConfig config;
    config.normalization = Normalization(kind);
    config.groups = 2;
    config.dropout = Scalar(0.3);
    config.activation = ActivationKind::Tanh;
    Rng init(7);
    HiddenBlock block(3, 6, config);
    block.dense().weights() = test::randomMatrix(6, 3, init);
    *block.gamma() = test::randomMatrix(6, 1, init, 0.5, 1.0);
    *block.beta() = test::randomMatrix(6, 1, init, 0.5);
    block.drawNoise(init);
    HiddenBlock alone = block;
    const Matrix a = test::randomMatrix(3, 8, init, 1.0, 0.5);
    const Matrix b = test::randomMatrix(3, 8, init, 3.0, -2.0);
    const Matrix r = test::randomMatrix(6, 8, init);

    Rng rng(1), aloneRng(1);
    LayerActivations recordA, recordB, recordAlone;
    block.forward(a, Mode::Train, rng, recordA);
    block.forward(b, trainBetween ? Mode::Train : Mode::Eval, rng, recordB);
    Matrix dA, dAlone;
    block.backward(a, recordA, r, &dA);
    alone.forward(a, Mode::Train, aloneRng, recordAlone);
    alone.backward(a, recordAlone, r, &dAlone);
    QCOMPARE(dA, dAlone);
    QCOMPARE(block.dense().weightsGrad(), alone.dense().weightsGrad());
    QCOMPARE(*block.gammaGrad(), *alone.gammaGrad());
    QCOMPARE(*block.betaGrad(), *alone.betaGrad());
  }

  // Group norm's groups must divide every layer's units: an error naming both otherwise.
  void groupNormNeedsDividingGroups() {
    ExperimentConfig config;
    config.runs = parseRunList("batch-norm,group-norm");
    config.network.hiddenUnits = {16, 12};
    config.network.groups = 4;
    QVERIFY(config.validate().empty());
    config.network.groups = 3;
    QVERIFY(config.validate().size() == 1 &&
            config.validate().front().find("not 16") != std::string::npos);
    config.runs = parseRunList("batch-norm");  // no group norm: any G
    QVERIFY(config.validate().empty());
  }

  // Which parameters learn: b cancels under batch statistics of Z; γ and β are fixed without
  // the affine part.
  void trainableParametersFollowTheKind() {
    struct Case {
      Normalization kind;
      bool bias, affine;
    };
    for (const Case& c :
         {Case{Normalization::None, true, false}, Case{Normalization::BatchNorm, false, true},
          Case{Normalization::LayerNorm, true, true},
          Case{Normalization::BatchNormAfterActivation, true, true},
          Case{Normalization::BatchNormWithoutAffine, false, false},
          Case{Normalization::NoisyBatchNorm, false, true}}) {
      NetworkConfig config;
      config.hiddenUnits = {3};
      config.normalization = c.kind;
      Network net(config);
      for (const ParameterRef& p : net.parameters()) {
        if (p.name == "b1") QCOMPARE(p.trainable, c.bias);
        if (p.name == "gamma1" || p.name == "beta1") QCOMPARE(p.trainable, c.affine);
      }
    }
  }

  // What each kind is, by its key: the traits the blocks, the batch-noise view and the bias's
  // trainability read. Written from the predicates as they stood before the kinds became rows,
  // so that moving a trait into the table cannot change it.
  void everyKindHasItsTraits_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("perExample");
    QTest::addColumn<bool>("batchStatistics");
    QTest::addColumn<bool>("activationInput");  // normalizesActivationInput
    QTest::addColumn<bool>("normalizesZ");      // batchNormalizesZ
    QTest::addColumn<bool>("affine");           // learnsScaleAndShift
    QTest::addColumn<bool>("cancelsBias");
    QTest::newRow("plain") << "plain" << false << false << false << false << false << false;
    QTest::newRow("batch-norm") << "batch-norm" << false << true << true << true << true << true;
    QTest::newRow("layer-norm") << "layer-norm" << true << false << true << false << true << false;
    QTest::newRow("group-norm") << "group-norm" << true << false << true << false << true << false;
    QTest::newRow("batch-norm-after")
        << "batch-norm-after" << false << true << false << false << true << false;
    QTest::newRow("batch-norm-no-affine")
        << "batch-norm-no-affine" << false << true << true << true << false << true;
    QTest::newRow("noisy-batch-norm")
        << "noisy-batch-norm" << false << true << true << true << true << true;
  }
  void everyKindHasItsTraits() {
    QFETCH(QString, key);
    QFETCH(bool, perExample);
    QFETCH(bool, batchStatistics);
    QFETCH(bool, activationInput);
    QFETCH(bool, normalizesZ);
    QFETCH(bool, affine);
    QFETCH(bool, cancelsBias);
    const std::optional<Normalization> kind = normalizationFromKey(key.toStdString());
    QVERIFY(kind);
    QCOMPARE(normalizesPerExample(*kind), perExample);
    QCOMPARE(usesBatchStatistics(*kind), batchStatistics);
    QCOMPARE(normalizesActivationInput(*kind), activationInput);
    QCOMPARE(batchNormalizesZ(*kind), normalizesZ);
    QCOMPARE(learnsScaleAndShift(*kind), affine);
    QCOMPARE(cancelsDenseBias(*kind), cancelsBias);
  }
  // Every kind above, and no other; the setting a kind reads alone is a row of the settings
  // table (the window offers its control while a run has the kind).
  void everyKindIsARow() {
    QCOMPARE(int(normalizations().size()), 7);
    QVERIFY(normalizationInfo(Normalization::GroupNorm).setting == "network.groups");
    QVERIFY(normalizationInfo(Normalization::NoisyBatchNorm).setting == "network.noiseSpread");
    for (const NormalizationInfo& kind : normalizations())
      QVERIFY2(kind.setting.empty() || findSetting(kind.setting), kind.key.data());
  }

  // The noise comes from the network's seed: the same seed gives the same c and s at every
  // step, another seed others; c and s stay within their ranges and are centred on 1 and 0.
  void noiseIsReproducibleFromTheSeed() {
    Network a(noisyNetwork(3)), b(noisyNetwork(3)), other(noisyNetwork(4));
    double shiftSum = 0, scaleSum = 0;
    int count = 0;
    for (int step = 0; step < 400; ++step) {
      a.drawNoise();
      b.drawNoise();
      other.drawNoise();
      for (int l = 0; l < a.depth(); ++l) {
        const StepNoise& n = a.block(l).noise();
        QCOMPARE(n.shift(), b.block(l).noise().shift());
        QCOMPARE(n.scale(), b.block(l).noise().scale());
        QVERIFY(n.shift() != other.block(l).noise().shift());
        QVERIFY(n.shift().cwiseAbs().maxCoeff() <= 1);
        QVERIFY(n.scale().minCoeff() >= 0.5 && n.scale().maxCoeff() <= 1.5);
        shiftSum += double(n.shift().sum());
        scaleSum += double(n.scale().sum());
        count += int(n.shift().size());
      }
    }
    QVERIFY(std::abs(shiftSum / count) < 0.05);
    QVERIFY(std::abs(scaleSum / count - 1) < 0.03);
    // Every step draws anew.
    const Vector before = a.block(0).noise().shift();
    a.drawNoise();
    QVERIFY(a.block(0).noise().shift() != before);
  }

  // Two experiments from the same seed train a noisy run to the same losses; the noise reaches
  // training (a spread of 0 trains like batch norm, a spread of 1 does not) but not evaluation.
  void noisyRunsAreReproducibleAndNoiseLeavesEvaluation() {
    auto losses = [](const std::string& runs, double spread) {
      ExperimentConfig config;
      config.runs = parseRunList(runs);
      config.network.noiseSpread = Scalar(spread);
      config.steps = 40;
      Experiment experiment(config);
      std::vector<double> out;
      for (int i = 0; i < 40; ++i) out.push_back(experiment.step());
      return out;
    };
    QCOMPARE(losses("noisy-batch-norm", 1), losses("noisy-batch-norm", 1));
    QCOMPARE(losses("noisy-batch-norm", 0), losses("batch-norm", 0));
    QVERIFY(losses("noisy-batch-norm", 1) != losses("batch-norm", 1));

    Network net(noisyNetwork(5));
    Rng rng(2);
    const Matrix x = test::randomMatrix(2, 32, rng);
    net.forward(x, Mode::Train);
    ForwardRecord probe, eval;
    net.infer(x, NormStats::Batch, probe);  // what training sees: the step's noise
    QVERIFY(
        probe.hidden[0].activationInput().isApprox(net.lastForward().hidden[0].activationInput()));
    Network quiet = net;
    quiet.setNormalization(Normalization::BatchNorm);
    ForwardRecord quietEval;
    net.infer(x, NormStats::Running, eval);
    quiet.infer(x, NormStats::Running, quietEval);
    QCOMPARE(eval.probabilities, quietEval.probabilities);
  }
};

QTEST_GUILESS_MAIN(NormalizationsTest)
#include "test_normalizations.moc"
