// Configuration files: a config survives JSON unchanged, every preset loads and validates, and
// each way a file can be wrong gets a message naming the problem.
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "config/config_json.h"
#include "experiment/run_fields.h"
#include "panels/control_panel.h"

using namespace bnlab;

class ConfigJsonTest : public QObject {
  Q_OBJECT
 private slots:
  void roundTripKeepsEveryField() {
    ExperimentConfig c;
    c.data.toy = {ToyKind::Blobs, 1234, 0.25, 5, 77};
    c.data.testFraction = 0.3;
    c.data.unevenScales = true;
    c.data.standardize = false;
    c.network.hiddenUnits = {7, 9, 11, 13};
    c.network.activation = ActivationKind::LeakyRelu;
    c.network.init = InitKind::Gaussian;
    c.network.initSigma = 0.125f;
    c.network.dropout = 0.25f;
    c.network.batchNormOptions = {0.05f, 0.001f};
    c.network.noiseSpread = 0.75f;
    c.runs =
        parseRunList("layer-norm,noisy-batch-norm:batch=16,batch-norm-after,batch-norm-no-affine");
    c.optimizer = {OptimizerKind::Momentum, 0.03, 0.8, 0.9, 0.999, 1e-8, 0.001};
    c.batchSize = 96;
    c.probeSize = 300;
    c.recordEvery = 7;
    c.evaluateEvery = 70;
    c.landscapeEvery = 30;
    c.gradientShiftEvery = 15;
    c.seed = 99;
    const QByteArray bytes = QJsonDocument(configToJson(c)).toJson();
    Preset back;
    QStringList errors;
    QVERIFY2(parseConfigFile(bytes, "test", back, errors), qPrintable(errors.join("\n")));
    QCOMPARE(QJsonDocument(configToJson(back.config)).toJson(), bytes);
    QCOMPARE(back.config.network.hiddenUnits, c.network.hiddenUnits);
    QCOMPARE(back.config.data.toy.seed, c.data.toy.seed);
    QVERIFY(back.config.runs == c.runs);
    QCOMPARE(back.config.network.noiseSpread, 0.75f);
    QCOMPARE(back.config.gradientShiftEvery, 15);
  }

  void everyPresetLoadsAndValidates() {
    const QList<Preset> presets = builtInPresets();
    QVERIFY(presets.size() >= 4);
    for (const Preset& p : presets) {
      QVERIFY(!p.name.isEmpty());
      QVERIFY(!p.description.isEmpty());
      QVERIFY(p.config.validate().empty());
      // Each sets the pace at which its lesson can be watched.
      QVERIFY2(p.speed.has_value(), qPrintable(p.name));
    }
  }

  void controlsKeepEveryValueOfAConfig() {
    // A learning rate or batch size that the sliders' scales lack is kept, not rounded away.
    for (const Preset& preset : builtInPresets()) {
      ControlPanel panel;
      panel.setConfig(preset.config);
      const ExperimentConfig shown = panel.config();
      QCOMPARE(shown.optimizer.learningRate, preset.config.optimizer.learningRate);
      QCOMPARE(shown.batchSize, preset.config.batchSize);
      QCOMPARE(shown.network.hiddenUnits, preset.config.network.hiddenUnits);
      QVERIFY(shown.runs == preset.config.runs);
    }
    // One run of a relative keeps its kind, and its noise spread, through the controls.
    for (const char* kind :
         {"layer-norm", "noisy-batch-norm", "batch-norm-after", "batch-norm-no-affine"}) {
      ExperimentConfig one;
      one.runs = parseRunList(kind);
      one.network.noiseSpread = 0.45f;
      ControlPanel panel;
      panel.setConfig(one);
      QVERIFY2(panel.config().runs == one.runs, kind);
      QCOMPARE(panel.config().network.noiseSpread, 0.45f);
    }
    ExperimentConfig odd;
    odd.optimizer.learningRate = 0.0707;
    odd.batchSize = 100;
    odd.network.hiddenUnits = {64, 32, 8};
    odd.data.toy.size = 50;
    ControlPanel panel;
    panel.setConfig(odd);
    QCOMPARE(panel.config().optimizer.learningRate, 0.0707);
    QCOMPARE(panel.config().batchSize, 100);
    QCOMPARE(panel.config().network.hiddenUnits, (std::vector<int>{64, 32, 8}));
    QCOMPARE(panel.config().data.toy.size, 50);
    panel.unitsSpin()->setValue(16);  // a change by hand makes every layer 16 wide
    QCOMPARE(panel.config().network.hiddenUnits, (std::vector<int>{16, 16, 16}));
  }

  // A run's fields are one table (run_fields.h): a list with every field set or unset comes back
  // the same through the command line's form and through a file's, each form writes a field under
  // its name there (batch=, "batchSize"), and both read a field by its key or its alias.
  void runFieldsReadTheSameInBothForms() {
    const std::vector<RunSpec> runs = parseRunList(
        "batch-norm:batch=8,layer-norm:dropout=0.25,noisy-batch-norm:name=loud,group-norm");
    std::vector<RunSpec> all = runs;
    all[0] = {"every field", Normalization::BatchNormAfterActivation, 16, 0.5};
    for (const std::vector<RunSpec>& list : {runs, all}) {
      QVERIFY(parseRunList(formatRunList(list)) == list);
      ExperimentConfig config;
      QStringList errors;
      QVERIFY2(configFromJson({{"runs", runsToJson(list)}}, config, errors),
               qPrintable(errors.join('\n')));
      QVERIFY(config.runs == list);
    }
    const QJsonObject written = runsToJson(all).first().toObject();
    const QString text = QString::fromStdString(formatRunList({all.front()}));
    QCOMPARE(text, "batch-norm-after:batch=16:dropout=0.5:name=every field");
    QCOMPARE(written.size(), qsizetype(runFields().size()));
    for (const RunField& field : runFields()) {
      const QString key = QString::fromUtf8(field.key.data(), qsizetype(field.key.size()));
      QVERIFY2(written.contains(key), qPrintable(key));
      if (field.leading) continue;
      const QString shortName = QString::fromUtf8(field.shortName().data());
      QVERIFY2(text.contains(':' + shortName + '='), qPrintable(text));
      for (std::string_view name : {field.key, field.alias}) {
        if (name.empty()) continue;
        const QString n = QString::fromUtf8(name.data(), qsizetype(name.size()));
        const std::vector<RunSpec> read = parseRunList("batch-norm:" + n.toStdString() + "=" +
                                                       formatSettingValue(*field.get(all.front())));
        QVERIFY2(field.get(read.front()) == field.get(all.front()), qPrintable(n));
        ExperimentConfig config;
        QStringList errors;
        const QJsonObject run{{"normalization", "batch-norm"}, {n, written.value(key)}};
        QVERIFY2(configFromJson({{"runs", QJsonArray{run}}}, config, errors),
                 qPrintable(errors.join('\n')));
        QVERIFY2(field.get(config.runs.front()) == field.get(all.front()), qPrintable(n));
      }
    }
    // A file that names one field twice, by key and by alias, is refused.
    Preset preset;
    QStringList errors;
    QVERIFY(
        !parseConfigFile(R"({"runs": [{"normalization": "plain", "batch": 8, "batchSize": 16}]})",
                         "twice.json", preset, errors));
    QVERIFY2(errors.join('\n').contains("give batchSize or batch, not both"),
             qPrintable(errors.join('\n')));
  }

  void badFilesSayWhatIsWrong_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{ nope") << "not valid JSON";
    QTest::newRow("not an object") << QByteArray("[1, 2]") << "must be a JSON object";
    QTest::newRow("unknown key") << QByteArray(R"({"training": {"learnignRate": 0.1}})")
                                 << "unknown key \"training.learnignRate\"";
    QTest::newRow("wrong type") << QByteArray(R"({"training": {"batchSize": "big"}})")
                                << "training.batchSize must be a whole number";
    QTest::newRow("fraction for integer") << QByteArray(R"({"training": {"batchSize": 6.5}})")
                                          << "training.batchSize must be a whole number";
    QTest::newRow("unknown activation") << QByteArray(R"({"network": {"activation": "swish"}})")
                                        << "network.activation must be one of";
    QTest::newRow("out of range")
        << QByteArray(R"({"training": {"batchSize": 4096}})")
        << "training.batchSize: the batch size must be 1 to 512, not 4096";
    // Beyond int: the message quotes the number written, not what a cast made of it.
    QTest::newRow("far out of range")
        << QByteArray(R"({"training": {"batchSize": 1e12}})")
        << "training.batchSize: the batch size must be 1 to 512, not 1000000000000";
    QTest::newRow("width beyond int")
        << QByteArray(R"({"network": {"hiddenLayers": [16, 3e9]}})")
        << "network.hiddenLayers: units per hidden layer must be 1 to 512, not 3000000000";
    QTest::newRow("run batch beyond int")
        << QByteArray(R"({"runs": [{"normalization": "plain", "batchSize": 3e9}]})")
        << "runs[0].batchSize must be 1 to 512, not 3000000000";
    QTest::newRow("too deep") << QByteArray(R"({"network": {"hiddenLayers": [4,4,4,4,4,4,4,4,4]}})")
                              << "hidden layers must number 1 to 8";
    QTest::newRow("empty layers") << QByteArray(R"({"network": {"hiddenLayers": []}})")
                                  << "network.hiddenLayers must be a list";
    QTest::newRow("negative speed")
        << QByteArray(R"({"speed": -5})") << "speed must be a whole number";
    QTest::newRow("speed as text")
        << QByteArray(R"({"speed": "fast"})") << "speed must be a whole number";
  }
  void badFilesSayWhatIsWrong() {
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    Preset preset;
    QStringList errors;
    QVERIFY(!parseConfigFile(json, "bad.json", preset, errors));
    QVERIFY2(errors.join("\n").contains(expected), qPrintable(errors.join("\n")));
    QVERIFY(errors.front().startsWith("bad.json: "));
  }
};

QTEST_MAIN(ConfigJsonTest)
#include "test_config_json.moc"
