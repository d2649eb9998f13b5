#include "config/config_json.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>
#include <optional>

#include "experiment/settings_table.h"

namespace bnlab {

namespace {

QString str(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// Keys of the top level besides the settings' sections.
const QStringList kTopLevelKeys{QStringLiteral("runs"), QStringLiteral("name"),
                                QStringLiteral("description"), QStringLiteral("tab"),
                                QStringLiteral("speed")};

QJsonValue toJson(const SettingValue& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return qint64(*i);
  if (const auto* d = std::get_if<double>(&value)) return *d;
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  if (const auto* text = std::get_if<std::string>(&value)) return QString::fromStdString(*text);
  QJsonArray widths;
  for (int units : std::get<std::vector<int>>(value)) widths.append(units);
  return widths;
}

// "training.batchSize: the batch size must be 1 to 512, not 1000000000000": the number as
// written, not as an int would hold it (as rangeErrors words it for values in range of int).
QString outOfRange(const Setting& setting, const QString& name, double written) {
  return QStringLiteral("%1: %2 must be %3, not %4")
      .arg(name, QString::fromUtf8(setting.label.data(), qsizetype(setting.label.size())),
           QString::fromStdString(setting.range.text(true)), QString::number(written, 'g', 15));
}

bool wholeNumber(const QJsonValue& v) {
  const double d = v.toDouble(-1.5);
  return v.isDouble() && d == std::floor(d) && std::abs(d) < 9e15;
}

// `json` as a value of `setting`'s kind, or nullopt with a message naming `name` (its key).
std::optional<SettingValue> fromJson(const Setting& setting, const QJsonValue& json,
                                     const QString& name, QStringList& errors) {
  std::optional<SettingValue> value;
  QString problem;
  switch (setting.kind) {
    case SettingKind::Integer:
      // Out of range as the number written, before any conversion could change it.
      if (!wholeNumber(json)) {
        problem = QStringLiteral("must be a whole number");
      } else if (!setting.range.contains(json.toDouble())) {
        errors << outOfRange(setting, name, json.toDouble());
        return std::nullopt;
      } else {
        value = std::int64_t(json.toDouble());
      }
      break;
    case SettingKind::Number:
      if (json.isDouble() && std::isfinite(json.toDouble()))
        value = json.toDouble();
      else
        problem = QStringLiteral("must be a number");
      break;
    case SettingKind::Flag:
      if (json.isBool())
        value = json.toBool();
      else
        problem = QStringLiteral("must be true or false");
      break;
    case SettingKind::Text:
      if (json.isString())
        value = json.toString().toStdString();
      else
        problem = QStringLiteral("must be text");
      break;
    case SettingKind::Choice: {
      const SettingValue word = json.toString().toStdString();
      if (json.isString() && acceptsValue(setting, word)) {
        value = word;
      } else {
        QStringList words;
        for (std::string_view w : setting.choices()) words << str(w);
        problem = QStringLiteral("must be one of %1").arg(words.join(QStringLiteral(", ")));
      }
      break;
    }
    case SettingKind::Widths: {
      std::vector<int> widths;
      for (const QJsonValue& units : json.toArray()) {
        if (!wholeNumber(units)) {
          widths.clear();
          break;
        }
        if (!setting.range.contains(units.toDouble())) {
          errors << outOfRange(setting, name, units.toDouble());
          return std::nullopt;
        }
        widths.push_back(int(units.toDouble()));
      }
      if (json.isArray() && !widths.empty())
        value = widths;
      else
        problem = QStringLiteral("must be a list of whole numbers, e.g. [16, 16, 16]");
      break;
    }
  }
  if (!value) errors << name + QLatin1Char(' ') + problem;
  return value;
}

// Keys of `object` (at `path`) that are not in `known`, as errors.
void reportUnknownKeys(const QJsonObject& object, const QString& path, const QStringList& known,
                       QStringList& errors) {
  for (auto it = object.begin(); it != object.end(); ++it)
    if (!known.contains(it.key()))
      errors << QStringLiteral("unknown key \"%1\"")
                    .arg(path.isEmpty() ? it.key() : path + "." + it.key());
}

// The settings' sections in table order: "data", "network", "training", "measure".
QStringList sections() {
  QStringList names;
  for (const Setting& s : settings())
    if (!names.contains(str(s.section()))) names << str(s.section());
  return names;
}

// One run: {"normalization": "batch-norm", "batchSize": 512, "dropout": 0.1, "name": "…"}, only
// the normalization required.
bool runFromJson(const QJsonValue& value, const QString& where, RunSpec& spec,
                 QStringList& errors) {
  const qsizetype before = errors.size();
  if (!value.isObject()) {
    errors << QStringLiteral("%1 must be an object such as {\"normalization\": \"batch-norm\"}")
                  .arg(where);
    return false;
  }
  const QJsonObject run = value.toObject();
  reportUnknownKeys(run, where, {"normalization", "batchSize", "dropout", "name"}, errors);
  QStringList kinds;
  for (const NormalizationInfo& n : normalizations()) kinds << str(n.key);
  const QJsonValue normalization = run.value(QStringLiteral("normalization"));
  if (normalization.isUndefined())
    errors << QStringLiteral("%1.normalization is missing").arg(where);
  else if (const auto kind = normalizationFromKey(normalization.toString().toStdString());
           normalization.isString() && kind)
    spec.normalization = *kind;
  else
    errors << QStringLiteral("%1.normalization must be one of %2")
                  .arg(where, kinds.join(QStringLiteral(", ")));
  if (const QJsonValue size = run.value(QStringLiteral("batchSize")); !size.isUndefined()) {
    if (!wholeNumber(size))
      errors << QStringLiteral("%1.batchSize must be a whole number").arg(where);
    else if (std::abs(size.toDouble()) >
             1e9)  // beyond int: say so here; validateRun words the rest
      errors << QStringLiteral("%1.batchSize must be 1 to %2, not %3")
                    .arg(where)
                    .arg(kMaxBatchSize)
                    .arg(QString::number(size.toDouble(), 'g', 15));
    else
      spec.batchSize = int(size.toDouble());
  }
  if (const QJsonValue rate = run.value(QStringLiteral("dropout")); !rate.isUndefined()) {
    if (rate.isDouble() && std::isfinite(rate.toDouble()))
      spec.dropout = rate.toDouble();
    else
      errors << QStringLiteral("%1.dropout must be a number").arg(where);
  }
  if (const QJsonValue name = run.value(QStringLiteral("name")); !name.isUndefined()) {
    if (name.isString())
      spec.name = name.toString().trimmed().toStdString();
    else
      errors << QStringLiteral("%1.name must be text").arg(where);
  }
  return errors.size() == before;
}

void readRuns(const QJsonObject& json, ExperimentConfig& c, QStringList& errors) {
  const QJsonValue runs = json.value(QStringLiteral("runs"));
  if (runs.isUndefined()) return;
  if (json.value(QStringLiteral("network")).toObject().contains(QStringLiteral("batchNorm")))
    errors << QStringLiteral("give runs or network.batchNorm, not both");
  if (!runs.isArray()) {
    errors << QStringLiteral(
        "runs must be a list such as [{\"normalization\": \"plain\"}, "
        "{\"normalization\": \"batch-norm\"}]");
    return;
  }
  std::vector<RunSpec> specs(std::size_t(runs.toArray().size()));
  bool good = true;
  for (qsizetype i = 0; i < runs.toArray().size(); ++i)
    good = runFromJson(runs.toArray()[i], QStringLiteral("runs[%1]").arg(i), specs[std::size_t(i)],
                       errors) &&
           good;
  if (good) c.runs = specs;
}

}  // namespace

QJsonArray runsToJson(const std::vector<RunSpec>& runs) {
  QJsonArray array;
  for (const RunSpec& spec : runs) {
    QJsonObject run{{"normalization", str(normalizationInfo(spec.normalization).key)}};
    if (spec.batchSize) run.insert(QStringLiteral("batchSize"), *spec.batchSize);
    if (spec.dropout) run.insert(QStringLiteral("dropout"), *spec.dropout);
    if (!spec.name.empty()) run.insert(QStringLiteral("name"), QString::fromStdString(spec.name));
    array.append(run);
  }
  return array;
}

QJsonObject configToJson(const ExperimentConfig& c) {
  QJsonObject root;
  for (const QString& section : sections()) {
    QJsonObject values;
    for (const Setting& s : settings())
      if (!s.shorthand && str(s.section()) == section)
        values.insert(str(s.field()), toJson(s.get(c)));
    root.insert(section, values);
  }
  root.insert(QStringLiteral("runs"), runsToJson(c.runs));
  return root;
}

bool configFromJson(const QJsonObject& json, ExperimentConfig& out, QStringList& errors,
                    const ExperimentConfig& defaults) {
  ExperimentConfig c = defaults;
  const qsizetype before = errors.size();
  const QStringList sectionNames = sections();
  reportUnknownKeys(json, QString(), sectionNames + kTopLevelKeys, errors);
  for (const char* key : {"name", "description", "tab"})
    if (json.contains(QLatin1String(key)) && !json.value(QLatin1String(key)).isString())
      errors << QStringLiteral("%1 must be text").arg(QLatin1String(key));
  if (const QJsonValue speed = json.value(QStringLiteral("speed")); !speed.isUndefined()) {
    const double v = speed.toDouble(-1);
    if (!speed.isDouble() || v != std::floor(v) || v < 0 || v > kMaxPresetSpeed)
      errors << QStringLiteral(
                    "speed must be a whole number of steps per second, 0 (as fast as "
                    "possible) to %1")
                    .arg(kMaxPresetSpeed);
  }
  for (const QString& section : sectionNames) {
    const QJsonValue object = json.value(section);
    if (object.isUndefined()) continue;
    if (!object.isObject()) {
      errors << QStringLiteral("%1 must be an object").arg(section);
      continue;
    }
    QStringList fields;
    for (const Setting& s : settings())
      if (str(s.section()) == section) fields << str(s.field());
    reportUnknownKeys(object.toObject(), section, fields, errors);
  }
  // Settings in table order (the batch-norm shorthand before "runs", which must not meet it).
  for (const Setting& s : settings()) {
    const QJsonValue value = json.value(str(s.section())).toObject().value(str(s.field()));
    if (value.isUndefined()) continue;
    if (const auto parsed = fromJson(s, value, str(s.key), errors)) s.set(c, *parsed);
  }
  readRuns(json, c, errors);
  if (errors.size() == before)
    for (const std::string& e : c.validate()) errors << QString::fromStdString(e);
  if (errors.size() != before) return false;
  out = c;
  return true;
}

bool parseConfigFile(const QByteArray& bytes, const QString& source, Preset& preset,
                     QStringList& errors) {
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    errors << QStringLiteral("%1: not valid JSON at byte %2: %3")
                  .arg(source)
                  .arg(parseError.offset)
                  .arg(parseError.errorString());
    return false;
  }
  if (!doc.isObject()) {
    errors << QStringLiteral("%1: the top level must be a JSON object").arg(source);
    return false;
  }
  QStringList problems;
  if (!configFromJson(doc.object(), preset.config, problems)) {
    for (const QString& p : problems) errors << QStringLiteral("%1: %2").arg(source, p);
    return false;
  }
  preset.name = doc.object().value(QStringLiteral("name")).toString(source);
  preset.description = doc.object().value(QStringLiteral("description")).toString();
  preset.tab = doc.object().value(QStringLiteral("tab")).toString();
  if (const QJsonValue speed = doc.object().value(QStringLiteral("speed")); speed.isDouble())
    preset.speed = speed.toInt();
  return true;
}

QList<Preset> builtInPresets() {
  QList<Preset> presets;
  const QDir dir(QStringLiteral(":/presets"));
  for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
    QFile f(dir.filePath(file));
    Preset preset;
    QStringList errors;
    if (f.open(QIODevice::ReadOnly) && parseConfigFile(f.readAll(), file, preset, errors))
      presets << preset;
    else
      qWarning("bnlab: skipping preset %s: %s", qPrintable(file), qPrintable(errors.join("; ")));
  }
  return presets;
}

}  // namespace bnlab
