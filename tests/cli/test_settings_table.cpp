// The table of settings from both of its ends: every row's option sets its field, every row
// survives a configuration file, every ranged row refuses a value outside its range with a
// message naming the option (or the file's key), and old files with network.batchNorm load
// to the right runs. In process, through parseCommandLine and configFromJson.
#include <QJsonDocument>
#include <QTest>
#include <cmath>

#include "command_line.h"
#include "config/config_json.h"
#include "experiment/settings_table.h"

using namespace bnlab;

Q_DECLARE_METATYPE(const Setting*)

namespace {

QString str(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// A valid value of `s` that differs from its default.
SettingValue nonDefault(const Setting& s) {
  const SettingValue byDefault = s.get(ExperimentConfig{});
  const SettingRange& r = s.range;
  switch (s.kind) {
    case SettingKind::Integer:
      for (double candidate : {r.min + 1, r.max, r.min})
        if (r.contains(candidate) && SettingValue(std::int64_t(candidate)) != byDefault)
          return std::int64_t(candidate);
      break;
    case SettingKind::Number:
      return (r.min + r.max) / 2;
    case SettingKind::Flag:
      return !std::get<bool>(byDefault);
    case SettingKind::Choice:
      for (std::string_view word : s.choices())
        if (SettingValue(std::string(word)) != byDefault) return std::string(word);
      break;
    case SettingKind::Widths:
      return std::vector<int>{3, 5};
    case SettingKind::Text:
      return std::string("some/where");
  }
  return byDefault;
}

// Equal, numbers to float precision (some fields are Scalar).
bool same(const SettingValue& a, const SettingValue& b) {
  if (std::holds_alternative<double>(a) && std::holds_alternative<double>(b))
    return std::abs(std::get<double>(a) - std::get<double>(b)) <=
           1e-6 * std::max(1.0, std::abs(std::get<double>(a)));
  return a == b;
}

bool parse(const QStringList& options, CommandLine& out, QString& error) {
  return parseCommandLine(
      QStringList{QStringLiteral("bnlab"), QStringLiteral("--headless")} + options, out, error);
}

}  // namespace

class SettingsTableTest : public QObject {
  Q_OBJECT
 private slots:
  void everyRowIsComplete() {
    QStringList keys, options;
    for (const Setting& s : settings()) {
      QVERIFY2(s.get && s.set && !s.label.empty() && !s.help.empty(), s.key.data());
      QVERIFY2(s.key.find('.') != std::string_view::npos, s.key.data());
      QVERIFY2(!keys.contains(str(s.key)), s.key.data());
      keys << str(s.key);
      if (!s.option.empty()) {
        QVERIFY2(!options.contains(str(s.option)), s.option.data());
        options << str(s.option);
      }
      if (s.kind == SettingKind::Choice) QVERIFY2(s.choices && !s.choices().empty(), s.key.data());
      // The default configuration is valid, so each default is inside its range.
      QVERIFY2(acceptsValue(s, s.get(ExperimentConfig{})) || s.kind == SettingKind::Choice,
               s.key.data());
    }
    QVERIFY(ExperimentConfig{}.validate().empty());
  }

  void optionSetsItsField_data() {
    QTest::addColumn<const Setting*>("setting");
    for (const Setting& s : settings())
      if (!s.option.empty()) QTest::newRow(s.option.data()) << &s;
  }
  void optionSetsItsField() {
    QFETCH(const Setting*, setting);
    const SettingValue value = nonDefault(*setting);
    QVERIFY(!same(value, setting->get(ExperimentConfig{})));
    CommandLine cli;
    QString error;
    const QString text = QString::fromStdString(formatSettingValue(value));
    QVERIFY2(parse({QStringLiteral("--") + str(setting->option), text}, cli, error),
             qPrintable(error));
    QVERIFY2(
        same(setting->get(cli.config), value),
        qPrintable(QStringLiteral("--%1 %2 read back as %3")
                       .arg(str(setting->option), text,
                            QString::fromStdString(formatSettingValue(setting->get(cli.config))))));
  }

  void settingSurvivesAConfigurationFile_data() {
    QTest::addColumn<const Setting*>("setting");
    for (const Setting& s : settings()) QTest::newRow(s.key.data()) << &s;
  }
  void settingSurvivesAConfigurationFile() {
    QFETCH(const Setting*, setting);
    ExperimentConfig config;
    const SettingValue value = nonDefault(*setting);
    setting->set(config, value);
    const QByteArray bytes = QJsonDocument(configToJson(config)).toJson();
    Preset back;
    QStringList errors;
    QVERIFY2(parseConfigFile(bytes, "test", back, errors), qPrintable(errors.join("\n")));
    QVERIFY(same(setting->get(back.config), value));
    QCOMPARE(QJsonDocument(configToJson(back.config)).toJson(), bytes);
  }

  void outOfRangeIsRefusedByName_data() {
    QTest::addColumn<const Setting*>("setting");
    QTest::addColumn<double>("value");
    for (const Setting& s : settings()) {
      if (!s.ranged()) continue;
      const double step = s.kind == SettingKind::Number ? 0.01 : 1;
      const std::string below = std::string(s.key) + " below",
                        above = std::string(s.key) + " above";
      QTest::newRow(below.c_str()) << &s << (s.range.openMin ? s.range.min : s.range.min - step);
      if (std::isfinite(s.range.max))
        QTest::newRow(above.c_str()) << &s << (s.range.openMax ? s.range.max : s.range.max + step);
    }
  }
  void outOfRangeIsRefusedByName() {
    QFETCH(const Setting*, setting);
    QFETCH(double, value);
    QVERIFY(!setting->range.contains(value));
    const QString text = setting->kind == SettingKind::Number ? QString::number(value)
                                                              : QString::number(qint64(value));
    // In a configuration file: the key.
    QJsonObject section{{str(setting->field()), setting->kind == SettingKind::Widths
                                                    ? QJsonValue(QJsonArray{8, value})
                                                    : QJsonValue(value)}};
    ExperimentConfig config;
    QStringList errors;
    QVERIFY(!configFromJson(QJsonObject{{str(setting->section()), section}}, config, errors));
    QVERIFY2(errors.join("\n").contains(str(setting->key) + ": " + str(setting->label)),
             qPrintable(errors.join("\n")));
    // On the command line: the option.
    if (setting->option.empty()) return;
    CommandLine cli;
    QString error;
    QVERIFY(!parse({QStringLiteral("--") + str(setting->option), text}, cli, error));
    QVERIFY2(error.contains(QStringLiteral("--") + str(setting->option) + ": "), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("must be")), qPrintable(error));
  }

  // Files older than "runs" give network.batchNorm; without either, the twins.
  void oldConfigurationFilesLoadToTheirRuns_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("runs");  // formatRunList of what loads
    QTest::newRow("off") << QByteArray(R"({"network": {"batchNorm": "off"}})") << "plain";
    QTest::newRow("on") << QByteArray(R"({"network": {"batchNorm": "on", "hiddenLayers": [8]}})")
                        << "batch-norm";
    QTest::newRow("compare") << QByteArray(R"({"network": {"batchNorm": "compare"}})")
                             << "plain,batch-norm";
    QTest::newRow("neither") << QByteArray(R"({"training": {"batchSize": 32}})")
                             << "plain,batch-norm";
    QTest::newRow("runs") << QByteArray(
                                 R"({"runs": [{"normalization": "batch-norm", "batchSize": 512}]})")
                          << "batch-norm:batch=512";
  }
  void oldConfigurationFilesLoadToTheirRuns() {
    QFETCH(QByteArray, json);
    QFETCH(QString, runs);
    Preset preset;
    QStringList errors;
    QVERIFY2(parseConfigFile(json, "old.json", preset, errors), qPrintable(errors.join("\n")));
    QCOMPARE(QString::fromStdString(formatRunList(preset.config.runs)), runs);
  }

  void presetsWithTheShorthandLoadAsTwins() {
    for (const Preset& preset : builtInPresets())
      if (preset.name.contains(QLatin1String("Covariate shift inside")))
        QCOMPARE(QString::fromStdString(formatRunList(preset.config.runs)),
                 QStringLiteral("plain,batch-norm"));
  }

  void runsOptionGivesTheList() {
    CommandLine cli;
    QString error;
    QVERIFY2(parse({"--runs", "plain,batch-norm,batch-norm:batch=512:name=big batch"}, cli, error),
             qPrintable(error));
    QCOMPARE(int(cli.config.runs.size()), 3);
    QCOMPARE(cli.config.runs[2].normalization, Normalization::BatchNorm);
    QCOMPARE(cli.config.runs[2].batchSize.value_or(0), 512);
    QCOMPARE(cli.config.runs[2].name, std::string("big batch"));
  }
};

QTEST_MAIN(SettingsTableTest)
#include "test_settings_table.moc"
