// A training step of a small network allocates no memory: every matrix a step writes (Z, Ẑ,
// gradients, batch norm's per-unit scratch, softmax, the parameter list) keeps its storage from
// the step before. Counted by interposing malloc, calloc and realloc (glibc).
#include <QTest>
#include <atomic>
#include <cstddef>

#include "experiment/experiment.h"

extern "C" void* __libc_malloc(std::size_t);
extern "C" void* __libc_calloc(std::size_t, std::size_t);
extern "C" void* __libc_realloc(void*, std::size_t);

namespace {
std::atomic<long> allocations{0};
}  // namespace

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
extern "C" void* malloc(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
extern "C" void* calloc(std::size_t count, std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(count, size);
}
extern "C" void* realloc(void* pointer, std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(pointer, size);
}
#define BNLAB_COUNTS_ALLOCATIONS
#endif

using namespace bnlab;

class StepAllocationsTest : public QObject {
  Q_OBJECT
 private slots:
  void aStepAllocatesNothing_data() {
    QTest::addColumn<QString>("runs");
    QTest::addColumn<int>("optimizer");
    QTest::addColumn<int>("width");
    QTest::newRow("plain, adam") << "off" << int(OptimizerKind::Adam) << 64;
    QTest::newRow("batch norm, adam") << "on" << int(OptimizerKind::Adam) << 64;
    QTest::newRow("batch norm, sgd") << "on" << int(OptimizerKind::Sgd) << 64;
    QTest::newRow("batch norm, momentum") << "on" << int(OptimizerKind::Momentum) << 64;
    // Products large enough for the BLAS's own paths and for two parts on two threads.
    QTest::newRow("wide, batch norm, adam, two threads") << "on" << int(OptimizerKind::Adam) << 256;
  }
  void aStepAllocatesNothing() {
#ifndef BNLAB_COUNTS_ALLOCATIONS
    QSKIP("the sanitizers own malloc");
#else
    QFETCH(QString, runs);
    QFETCH(int, optimizer);
    QFETCH(int, width);
    ExperimentConfig config;
    config.data.toy = {ToyKind::Spiral, 2000, 0.05, 2, 1};
    config.network.hiddenUnits.assign(4, width);
    config.runs = *runsForBatchNorm(runs.toStdString());
    config.optimizer.kind = OptimizerKind(optimizer);
    config.batchSize = width;
    config.recordEvery = 100000;  // training alone: measuring has its own buffers
    config.evaluateEvery = 1000000;
    Experiment experiment(config);
    experiment.setThreads(width > 64 ? 2 : 1);
    for (int s = 0; s < 20; ++s) experiment.step();  // storage sized by the first steps
    const long before = allocations.load();
    for (int s = 0; s < 200; ++s) experiment.step();
    QCOMPARE(allocations.load() - before, 0L);
#endif
  }
};

QTEST_GUILESS_MAIN(StepAllocationsTest)
#include "test_step_allocations.moc"
