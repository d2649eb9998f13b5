// Finite-difference gradient checks of every layer type and of whole networks, at double
// precision (bnlab_core_f64). Central differences with h = 1e-6; an analytic derivative a
// passes against the numerical n when |a − n| ≤ 1e-7 + 1e-5·|n|.
#include <QTest>
#include <functional>

#include "network/activation.h"
#include "network/batch_norm.h"
#include "network/dense_layer.h"
#include "network/dropout.h"
#include "network/layer_norm.h"
#include "network/network.h"
#include "network/softmax_cross_entropy.h"
#include "network/step_noise.h"
#include "random_matrix.h"

using namespace bnlab;

namespace {

static_assert(std::is_same_v<Scalar, double>, "gradient checks run at double precision");

constexpr double kStep = 1e-6;
constexpr double kAbsTolerance = 1e-7;
constexpr double kRelTolerance = 1e-5;

// Compares `analytic` with the central difference of `loss` over every entry of `x`.
// Returns the worst |a − n| / (kAbs + kRel·|n|): ≤ 1 passes.
double worstGradientError(Matrix& x, const Matrix& analytic, const std::function<double()>& loss) {
  double worst = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double saved = x.data()[i];
    x.data()[i] = saved + kStep;
    const double up = loss();
    x.data()[i] = saved - kStep;
    const double down = loss();
    x.data()[i] = saved;
    const double numerical = (up - down) / (2 * kStep);
    const double error = std::abs(analytic.data()[i] - numerical);
    worst = std::max(worst, error / (kAbsTolerance + kRelTolerance * std::abs(numerical)));
  }
  return worst;
}

// Σ R ⊙ Y: a loss whose gradient with respect to Y is R.
double weighted(const Matrix& y, const Matrix& r) { return (y.array() * r.array()).sum(); }

// A normalization layer (BatchNorm, LayerNorm) against L = Σ R ⊙ Z̃: ∂L/∂Z, ∂L/∂γ, ∂L/∂β.
// `forward(zHat, zTilde, pass)` runs the layer's forward pass on `z`.
template <typename Norm, typename Forward>
void checkNormalization(Norm& norm, Matrix& z, const Matrix& r, Forward forward) {
  Matrix zHat, zTilde, dZ;
  NormalizationPass pass;
  auto loss = [&] {
    forward(zHat, zTilde, pass);
    return weighted(zTilde, r);
  };
  loss();
  norm.backward(zHat, pass, r, dZ);
  const Matrix dGamma = norm.gammaGrad(), dBeta = norm.betaGrad();
  QVERIFY(worstGradientError(z, dZ, loss) <= 1);
  QVERIFY(worstGradientError(norm.gamma(), dGamma, loss) <= 1);
  QVERIFY(worstGradientError(norm.beta(), dBeta, loss) <= 1);
}

}  // namespace

class GradientCheck : public QObject {
  Q_OBJECT
 private slots:
  void denseLayer() {
    Rng rng(1);
    DenseLayer dense(5, 4);
    dense.weights() = test::randomMatrix(4, 5, rng);
    dense.bias() = test::randomMatrix(4, 1, rng);
    Matrix a = test::randomMatrix(5, 7, rng);
    const Matrix r = test::randomMatrix(4, 7, rng);
    Matrix z, dA;
    auto loss = [&] {
      dense.forward(a, z);
      return weighted(z, r);
    };
    loss();
    dense.backward(a, r, &dA);
    const Matrix dW = dense.weightsGrad(), db = dense.biasGrad();
    QVERIFY(worstGradientError(dense.weights(), dW, loss) <= 1);
    QVERIFY(worstGradientError(dense.bias(), db, loss) <= 1);
    QVERIFY(worstGradientError(a, dA, loss) <= 1);
  }

  void activation_data() {
    QTest::addColumn<int>("kind");
    for (auto kind : {ActivationKind::Relu, ActivationKind::LeakyRelu, ActivationKind::Tanh,
                      ActivationKind::Sigmoid, ActivationKind::Linear})
      QTest::newRow(std::string(activationName(kind)).c_str()) << int(kind);
  }
  void activation() {
    QFETCH(int, kind);
    const auto activation = static_cast<ActivationKind>(kind);
    Rng rng(2);
    Matrix z = test::randomMatrix(6, 9, rng, 2.0);
    // Keep away from relu's kink, where the derivative is undefined.
    z = (z.array().abs() < 0.05).select(z.array() + 0.1, z.array()).matrix();
    const Matrix r = test::randomMatrix(6, 9, rng);
    Matrix a, dZ;
    auto loss = [&] {
      activationForward(activation, z, a);
      return weighted(a, r);
    };
    loss();
    activationBackward(activation, z, a, r, dZ);
    QVERIFY(worstGradientError(z, dZ, loss) <= 1);
  }

  void batchNorm_data() {
    QTest::addColumn<bool>("train");
    QTest::newRow("train mode, batch statistics") << true;
    QTest::newRow("eval mode, running statistics") << false;
  }
  void batchNorm() {
    QFETCH(bool, train);
    const Mode mode = train ? Mode::Train : Mode::Eval;
    Rng rng(3);
    BatchNorm norm(4, {});
    norm.gamma() = test::randomMatrix(4, 1, rng, 0.5, 1.0);
    norm.beta() = test::randomMatrix(4, 1, rng);
    Matrix z = test::randomMatrix(4, 10, rng, 3.0, 1.5);
    for (int i = 0; i < 5; ++i) {  // non-trivial running statistics for eval mode
      Matrix zHat, zTilde;
      NormalizationPass pass;
      norm.forward(test::randomMatrix(4, 10, rng, 2.0, 1.0), Mode::Train, zHat, zTilde, pass);
    }
    checkNormalization(norm, z, test::randomMatrix(4, 10, rng),
                       [&](Matrix& zHat, Matrix& zTilde, NormalizationPass& pass) {
                         norm.forward(z, mode, zHat, zTilde, pass);
                       });
  }

  // Layer norm: per example over units, the same in training and evaluation; batches of
  // several examples and of one (where batch norm would erase the input, layer norm does not).
  void layerNorm_data() {
    QTest::addColumn<int>("examples");
    QTest::addColumn<int>("groups");
    QTest::newRow("batch of 10") << 10 << 1;
    QTest::newRow("batch of 1") << 1 << 1;
    QTest::newRow("group norm, 2 groups of 3, batch of 10") << 10 << 2;
    QTest::newRow("group norm, 3 groups of 2, batch of 1") << 1 << 3;
  }
  void layerNorm() {
    QFETCH(int, examples);
    QFETCH(int, groups);
    Rng rng(5);
    LayerNorm norm(6, Scalar(1e-5), groups);
    norm.gamma() = test::randomMatrix(6, 1, rng, 0.5, 1.0);
    norm.beta() = test::randomMatrix(6, 1, rng);
    Matrix z = test::randomMatrix(6, examples, rng, 3.0, 1.5);
    checkNormalization(norm, z, test::randomMatrix(6, examples, rng),
                       [&](Matrix& zHat, Matrix& zTilde, NormalizationPass& pass) {
                         norm.forward(z, zHat, zTilde, pass);
                       });
  }

  // Noisy batch norm's noise: Z̃′ = c ⊙ Z̃ + s with c and s fixed between draws.
  void stepNoise() {
    Rng rng(9);
    StepNoise noise(4, Scalar(1));
    noise.draw(rng);
    Matrix zTilde = test::randomMatrix(4, 7, rng);
    const Matrix r = test::randomMatrix(4, 7, rng);
    Matrix out, dZTilde = r;
    auto loss = [&] {
      out = zTilde;
      noise.apply(out);
      return weighted(out, r);
    };
    loss();
    noise.backward(dZTilde);
    QVERIFY(worstGradientError(zTilde, dZTilde, loss) <= 1);
  }

  void dropoutWithFixedMask() {
    Rng rng(4);
    Dropout dropout(0.4);
    Matrix a = test::randomMatrix(5, 8, rng);
    const Matrix r = test::randomMatrix(5, 8, rng);
    Matrix out, mask, dA;
    auto loss = [&] {
      Rng maskRng(99);  // the same mask at every evaluation
      dropout.forward(a, Mode::Train, maskRng, out, mask);
      return weighted(out, r);
    };
    loss();
    Dropout::backward(r, mask, dA);
    QVERIFY(worstGradientError(a, dA, loss) <= 1);
  }

  void softmaxCrossEntropy() {
    Rng rng(5);
    Matrix logits = test::randomMatrix(4, 6, rng, 2.0);
    const std::vector<int> labels{0, 3, 1, 1, 2, 0};
    Matrix p, dLogits;
    auto loss = [&] {
      softmax(logits, p);
      return crossEntropy(p, labels);
    };
    loss();
    crossEntropyGradient(p, labels, dLogits);
    QVERIFY(worstGradientError(logits, dLogits, loss) <= 1);
  }

  // Every normalization kind with three activations; noisy batch norm with its step's noise
  // held fixed between the passes (it changes only when the network draws it).
  void wholeNetwork_data() {
    QTest::addColumn<int>("normalization");
    QTest::addColumn<int>("activation");
    for (Normalization norm :
         {Normalization::None, Normalization::BatchNorm, Normalization::LayerNorm,
          Normalization::BatchNormAfterActivation, Normalization::BatchNormWithoutAffine,
          Normalization::NoisyBatchNorm, Normalization::GroupNorm})
      for (auto kind : {ActivationKind::Tanh, ActivationKind::Sigmoid, ActivationKind::LeakyRelu}) {
        const std::string name =
            "normalization " + std::to_string(int(norm)) + ", " + std::string(activationName(kind));
        QTest::newRow(name.c_str()) << int(norm) << int(kind);
      }
  }
  void wholeNetwork() {
    QFETCH(int, normalization);
    QFETCH(int, activation);
    NetworkConfig config;
    config.inputs = 3;
    config.hiddenUnits = {6, 4, 6};
    config.groups = 2;  // group norm: groups of 3, 2 and 3 units
    config.classes = 3;
    config.activation = static_cast<ActivationKind>(activation);
    config.init = InitKind::Xavier;
    config.normalization = static_cast<Normalization>(normalization);
    config.seed = 7;
    Network net(config);
    Rng rng(6);
    for (int l = 0; l < net.depth(); ++l) {  // γ, β and b away from their trivial values
      HiddenBlock& block = net.block(l);
      if (block.gamma()) *block.gamma() = test::randomMatrix(block.units(), 1, rng, 0.3, 1.0);
      if (block.beta()) *block.beta() = test::randomMatrix(block.units(), 1, rng, 0.3);
      block.dense().bias() = test::randomMatrix(block.units(), 1, rng, 0.3);
    }
    net.drawNoise();
    const Matrix x = test::randomMatrix(3, 8, rng);
    const std::vector<int> y{0, 1, 2, 2, 1, 0, 1, 2};
    net.forward(x, Mode::Train);
    net.lossAndBackward(x, y);
    auto loss = [&] {
      net.forward(x, Mode::Train);
      return crossEntropy(net.lastForward().probabilities, y);
    };
    for (ParameterRef& p : net.parameters()) {
      const Matrix analytic = *p.grad;
      const double worst = worstGradientError(*p.value, analytic, loss);
      QVERIFY2(worst <= 1, qPrintable(QString::fromStdString(p.name) +
                                      QStringLiteral(": worst error ratio %1").arg(worst)));
    }
  }

  void backwardLeavesForwardValuesIntact() {
    NetworkConfig config;
    config.inputs = 2;
    config.hiddenUnits = {4, 4};
    config.normalization = Normalization::BatchNorm;
    config.dropout = 0.3;
    Network net(config);
    Rng rng(8);
    const Matrix x = test::randomMatrix(2, 6, rng);
    net.forward(x, Mode::Train);
    const ForwardRecord before = net.lastForward();
    net.lossAndBackward(x, {0, 1, 1, 0, 1, 0});
    for (int l = 0; l < net.depth(); ++l) {
      const auto& now = net.lastForward().hidden[static_cast<std::size_t>(l)];
      const auto& then = before.hidden[static_cast<std::size_t>(l)];
      QCOMPARE(now.z, then.z);
      QCOMPARE(now.zHat, then.zHat);
      QCOMPARE(now.zTilde, then.zTilde);
      QCOMPARE(now.a, then.a);
      QCOMPARE(now.dropped, then.dropped);
    }
  }
};

QTEST_GUILESS_MAIN(GradientCheck)
#include "test_gradient_check.moc"
