// The shipped presets do what their descriptions promise.
#include <QTest>

#include "config_json.h"
#include "experiment/experiment.h"

using namespace bnlab;

namespace {
Preset presetNamed(const QString& name) {
  for (const Preset& p : builtInPresets())
    if (p.name == name) return p;
  return {};
}
}  // namespace

class PresetsTest : public QObject {
  Q_OBJECT
 private slots:
  // After 1000 seeded steps the batch-norm twin's recent shift is below 60% of the plain
  // twin's in every hidden layer past the first (measured: about 35%).
  void covariateShiftInsideTheNetwork() {
    const Preset preset = presetNamed(QStringLiteral("Covariate shift inside the network"));
    QVERIFY(!preset.name.isEmpty());
    ExperimentConfig config = preset.config;
    QVERIFY(config.runs == *runsForBatchNorm("compare"));
    config.recordEvery = 20;
    Experiment experiment(config);
    for (int i = 0; i < 1000; ++i) experiment.step();
    const SnapshotPtr snap = experiment.snapshot();
    const auto& plain = snap->runs[0].layers;
    const auto& normed = snap->runs[1].layers;
    for (std::size_t l = 1; l < plain.size(); ++l)
      QVERIFY2(normed[l].recentShift < 0.6 * plain[l].recentShift,
               qPrintable(QStringLiteral("layer %1: batch norm %2, plain %3")
                              .arg(l + 1)
                              .arg(normed[l].recentShift)
                              .arg(plain[l].recentShift)));
  }

  void inputNormalizationSpeedsUpLearning() {
    const Preset preset = presetNamed(QStringLiteral("Input normalization: uneven feature scales"));
    QVERIFY(!preset.name.isEmpty());
    ExperimentConfig raw = preset.config;
    QVERIFY(!raw.data.standardize && raw.data.unevenScales);
    ExperimentConfig standardized = raw;
    standardized.data.standardize = true;
    Experiment slow(raw), fast(standardized);
    for (int i = 0; i < 1500; ++i) {
      slow.step();
      fast.step();
    }
    const double slowAccuracy = slow.run(0).evaluate(slow.data().test).accuracy;
    const double fastAccuracy = fast.run(0).evaluate(fast.data().test).accuracy;
    QVERIFY2(fastAccuracy > 0.95 && slowAccuracy < 0.8,
             qPrintable(QStringLiteral("standardized %1, raw %2").arg(fastAccuracy).arg(slowAccuracy)));
  }
};

QTEST_MAIN(PresetsTest)
#include "test_presets.moc"
