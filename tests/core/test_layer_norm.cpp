// Layer norm against PyTorch's torch.nn.LayerNorm(5, eps=1e-5), on fixed inputs: the output,
// ∂L/∂Z, ∂L/∂γ and ∂L/∂β of L = Σ R ⊙ Z̃, to 1e-5 in float. The expected values were printed by
// PyTorch 1.13 (Debian's python3-torch) for exactly these inputs
// (tests/core/layer_norm_reference.py).
#include <QTest>
#include <cmath>

#include "network/layer_norm.h"
#include "reference_values.h"

using namespace bnlab;

namespace {

constexpr int kUnits = 5, kExamples = 3;

// Row-major n × m values as PyTorch printed them (units × examples).
Matrix expected(std::initializer_list<double> values) {
  return test::rowMajor(kUnits, kExamples, values);
}

}  // namespace

class LayerNormTest : public QObject {
  Q_OBJECT
 private slots:
  void matchesPyTorch() {
    LayerNorm norm(kUnits);
    norm.gamma() = test::filled(kUnits, 1, [](int u, int) { return 0.5 + 0.25 * u; });
    norm.beta() = test::filled(kUnits, 1, [](int u, int) { return 0.1 * u - 0.2; });
    const Matrix z = test::filled(kUnits, kExamples,
                                  [](int u, int j) { return std::sin(1.3 * u + 0.7 * j) * 3 + j; });
    const Matrix r =
        test::filled(kUnits, kExamples, [](int u, int j) { return std::cos(0.9 * u - 0.4 * j); });
    Matrix zHat, zTilde, dZ;
    NormalizationPass pass;
    norm.forward(z, zHat, zTilde, pass);
    norm.backward(zHat, pass, r, dZ);
    // PyTorch's tensors are examples × units; printed transposed, as units × examples.
    test::compareToPyTorch(
        zTilde, expected({-0.1868234, 0.2614524, 0.4759842, 0.952991, 0.8795089, 0.3235382,
                          0.7633846, -0.2361339, -1.105769, -1.096214, -1.705356, -1.415282,
                          -1.655132, -0.6227463, 0.8019622}));
    test::compareToPyTorch(
        dZ, expected({0.395642, 0.03156012, 0.1532998, -0.04582332, 0.006125644, 0.3565136,
                      -0.1784941, 0.2566082, 0.2938602, -0.07761192, 0.1539975, -0.1480457,
                      -0.0937127, -0.4482915, -0.6556278}));
    const Matrix dGamma = test::filled(kUnits, 1, [](int u, int) {
      const double v[] = {1.81833, 2.580763, -0.8110272, 2.219363, 1.278511};
      return v[u];
    });
    const Matrix dBeta = test::filled(kUnits, 1, [](int u, int) {
      const double v[] = {2.617768, 2.494197, 0.4830673, -1.893638, -2.837276};
      return v[u];
    });
    test::compareToPyTorch(norm.gammaGrad(), dGamma);
    test::compareToPyTorch(norm.betaGrad(), dBeta);
  }

  // Each example is normalized over its own units: a batch of one keeps its information, and an
  // example's output does not depend on the others in its batch.
  void indifferentToTheBatch() {
    LayerNorm norm(kUnits);
    const Matrix z = test::filled(kUnits, kExamples,
                                  [](int u, int j) { return std::sin(2.1 * u + j) * (j + 1); });
    Matrix zHat, all, alone;
    norm.normalize(z, zHat, all);
    for (int j = 0; j < kExamples; ++j) {
      norm.normalize(z.col(j), zHat, alone);
      for (int u = 0; u < kUnits; ++u) QVERIFY(std::abs(alone(u, 0) - all(u, j)) < 1e-6);
      QVERIFY(alone.norm() > 1);  // not erased, unlike batch norm on a batch of one
    }
  }
};

QTEST_MAIN(LayerNormTest)
#include "test_layer_norm.moc"
