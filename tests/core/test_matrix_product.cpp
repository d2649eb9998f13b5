// multiply() gives Eigen's product, within float rounding, for every transposition and for
// sizes on both sides of kBlasMultiplyAdds (Eigen below it, the BLAS from it on); C keeps its
// storage when it is already the right size. Split over threads (ParallelProducts), it gives the
// one-thread result bit for bit.
#include <sys/resource.h>

#include <QTest>
#include <atomic>
#include <barrier>
#include <thread>

#include "common/matrix_product.h"
#include "common/task_pool.h"

using namespace bnlab;

Q_DECLARE_METATYPE(bnlab::Op)

class MatrixProductTest : public QObject {
  Q_OBJECT
 private slots:
  void equalsEigensProduct_data() {
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");
    QTest::addColumn<Op>("opA");
    QTest::addColumn<Op>("opB");
    const struct {
      int m, n, k;
    } sizes[] = {{3, 5, 2},      {64, 64, 63},  {64, 64, 64},  {256, 256, 256},
                 {100, 60, 784}, {1, 300, 900}, {2, 256, 256}, {300, 37, 300}};
    for (const auto& s : sizes)
      for (const Op a : {Op::Plain, Op::Transposed})
        for (const Op b : {Op::Plain, Op::Transposed})
          QTest::addRow("%dx%dx%d %s%s", s.m, s.n, s.k, a == Op::Plain ? "A" : "Aᵀ",
                        b == Op::Plain ? "B" : "Bᵀ")
              << s.m << s.n << s.k << a << b;
  }
  void equalsEigensProduct() {
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    QFETCH(Op, opA);
    QFETCH(Op, opB);
    const Matrix a = opA == Op::Plain ? Matrix(Matrix::Random(m, k)) : Matrix(Matrix::Random(k, m));
    const Matrix b = opB == Op::Plain ? Matrix(Matrix::Random(k, n)) : Matrix(Matrix::Random(n, k));
    const Matrix opAValue = opA == Op::Plain ? a : Matrix(a.transpose());
    const Matrix opBValue = opB == Op::Plain ? b : Matrix(b.transpose());
    const Matrix expected = opAValue * opBValue;
    Matrix c;
    multiply(a, opA, b, opB, c);
    QCOMPARE(c.rows(), Eigen::Index(m));
    QCOMPARE(c.cols(), Eigen::Index(n));
    // Each entry sums k products of numbers in [−1, 1]: rounding grows like √k · ε.
    const double tolerance =
        1e-5 * std::sqrt(double(k)) * std::max(1.0, double(expected.cwiseAbs().maxCoeff()));
    QVERIFY2((c - expected).cwiseAbs().maxCoeff() <= tolerance,
             qPrintable(QString::number(double((c - expected).cwiseAbs().maxCoeff()))));
    const Scalar* storage = c.data();
    multiply(a, opA, b, opB, c);
    QCOMPARE(c.data(), storage);

    for (const int threads : {2, 3}) {
      TaskPool pool(threads);
      const ParallelProducts parallel(&pool);
      Matrix split;
      multiply(a, opA, b, opB, split);
      QVERIFY2(split == c, qPrintable(QStringLiteral("%1 threads differ by %2")
                                          .arg(threads)
                                          .arg(double((split - c).cwiseAbs().maxCoeff()))));
    }
  }

  // Two threads multiplying at once (parallel runs, or the parts of one product) each get the
  // product alone would: a BLAS whose buffers are not locked fails this now and then.
  void concurrentProductsAreExact() {
    const Matrix a = Matrix::Random(256, 256), b = Matrix::Random(256, 256);
    Matrix expected[2];
    for (int t = 0; t < 2; ++t)
      multiply(a, t ? Op::Transposed : Op::Plain, b, Op::Plain, expected[t]);
    std::atomic<int> wrong{0};
    std::barrier sync(2);
    const auto work = [&](int t) {
      Matrix c;
      for (int round = 0; round < 3000; ++round) {
        sync.arrive_and_wait();
        multiply(a, t ? Op::Transposed : Op::Plain, b, Op::Plain, c);
        if (c != expected[t]) ++wrong;
      }
    };
    std::thread other(work, 1);
    work(0);
    other.join();
    QCOMPARE(wrong.load(), 0);
  }

  void blasUnderAddressLimit() {
    // This process has no limit on its address space (the tests run without one), so it uses
    // the BLAS; command_line::outOfMemory runs bnlab under a limit, where it must not.
    rlimit limit{};
    QVERIFY(getrlimit(RLIMIT_AS, &limit) == 0);
    if (limit.rlim_cur != RLIM_INFINITY) QSKIP("this test process runs under an address limit");
    QVERIFY2(blasInUse(),
             "OpenBLAS (libopenblas0-pthread, which scripts/dev installs) was not loaded");
  }
};

QTEST_GUILESS_MAIN(MatrixProductTest)
#include "test_matrix_product.moc"
