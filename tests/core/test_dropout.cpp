// Dropout: the drop rate within a binomial margin, expectation preserved by the 1/(1 − p)
// scale, and the identity in Eval mode.
#include <QTest>

#include "network/dropout.h"

using namespace bnlab;

class DropoutTest : public QObject {
  Q_OBJECT
 private slots:
  void dropsAtTheConfiguredRate_data() {
    QTest::addColumn<double>("rate");
    QTest::newRow("p = 0.1") << 0.1;
    QTest::newRow("p = 0.5") << 0.5;
    QTest::newRow("p = 0.9") << 0.9;
  }
  void dropsAtTheConfiguredRate() {
    QFETCH(double, rate);
    Dropout dropout(static_cast<Scalar>(rate));
    Rng rng(3);
    const Matrix ones = Matrix::Ones(200, 500);  // 100 000 draws
    Matrix out, mask;
    dropout.forward(ones, Mode::Train, rng, out, mask);
    const double dropped = (out.array() == 0).cast<double>().mean();
    // 5 binomial standard deviations: √(p(1−p)/n) ≤ 0.0016.
    QVERIFY2(std::abs(dropped - rate) < 0.008, qPrintable(QString::number(dropped)));
    const double kept = out.mean();  // E[output] = input = 1
    QVERIFY2(std::abs(kept - 1.0) < 0.05 * (1 + rate / (1 - rate)),
             qPrintable(QString::number(kept)));
    for (Eigen::Index i = 0; i < out.size(); ++i)
      QVERIFY(out.data()[i] == 0 || std::abs(out.data()[i] - 1 / (1 - rate)) < 1e-5);
  }

  void isTheIdentityInEvalMode() {
    Dropout dropout(0.5f);
    Rng rng(4);
    Matrix input = Matrix::Random(10, 10), out, mask;
    dropout.forward(input, Mode::Eval, rng, out, mask);
    QCOMPARE(out, input);
    Matrix dIn;
    Dropout::backward(input, mask, dIn);
    QCOMPARE(dIn, input);
  }

  void rateZeroIsTheIdentityInTrainMode() {
    Dropout dropout(0);
    Rng rng(5);
    Matrix input = Matrix::Random(4, 4), out, mask;
    dropout.forward(input, Mode::Train, rng, out, mask);
    QCOMPARE(out, input);
  }
};

QTEST_GUILESS_MAIN(DropoutTest)
#include "test_dropout.moc"
