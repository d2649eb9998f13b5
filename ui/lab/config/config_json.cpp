#include "config/config_json.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>
#include <optional>

#include "experiment/run_fields.h"
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

// What a value of a run field must be, in messages: "a whole number", "one of plain, …".
QString expectedValue(const RunField& field) {
  switch (field.kind) {
    case SettingKind::Integer:
      return QStringLiteral("a whole number");
    case SettingKind::Number:
      return QStringLiteral("a number");
    case SettingKind::Choice: {
      QStringList words;
      for (std::string_view w : field.choices()) words << str(w);
      return QStringLiteral("one of %1").arg(words.join(QStringLiteral(", ")));
    }
    default:
      return QStringLiteral("text");
  }
}

// `json` as a value of the run field, or nullopt with a message naming `name` (where it is).
std::optional<SettingValue> runValueFromJson(const RunField& field, const QJsonValue& json,
                                             const QString& name, QStringList& errors) {
  std::optional<SettingValue> value;
  if (field.kind == SettingKind::Integer && wholeNumber(json)) {
    if (std::abs(json.toDouble()) > 1e9) {  // beyond int: said here; validateRun words the rest
      errors << QStringLiteral("%1 must be %2, not %3")
                    .arg(name, QString::fromStdString(field.range.text(true)),
                         QString::number(json.toDouble(), 'g', 15));
      return std::nullopt;
    }
    value = std::int64_t(json.toDouble());
  } else if (field.kind == SettingKind::Number && json.isDouble() &&
             std::isfinite(json.toDouble())) {
    value = json.toDouble();
  } else if (field.kind == SettingKind::Text && json.isString()) {
    value = json.toString().trimmed().toStdString();
  } else if (field.kind == SettingKind::Choice && json.isString()) {
    value = parseRunValue(field, json.toString().toStdString());
  }
  if (!value) errors << QStringLiteral("%1 must be %2").arg(name, expectedValue(field));
  return value;
}

// One run: {"normalization": "batch-norm", "batchSize": 512, "dropout": 0.1, "name": "…"}, the
// fields of run_fields.h by key or alias, only the leading one (the normalization) required.
bool runFromJson(const QJsonValue& value, const QString& where, RunSpec& spec,
                 QStringList& errors) {
  const qsizetype before = errors.size();
  if (!value.isObject()) {
    errors << QStringLiteral("%1 must be an object such as {\"normalization\": \"batch-norm\"}")
                  .arg(where);
    return false;
  }
  const QJsonObject run = value.toObject();
  QStringList names;
  for (const RunField& f : runFields()) {
    names << str(f.key);
    if (!f.alias.empty()) names << str(f.alias);
  }
  reportUnknownKeys(run, where, names, errors);
  for (const RunField& f : runFields()) {
    QString key = str(f.key);
    if (!f.alias.empty() && run.contains(str(f.alias))) {
      if (run.contains(key)) {
        errors << QStringLiteral("%1: give %2 or %3, not both").arg(where, key, str(f.alias));
        continue;
      }
      key = str(f.alias);
    }
    const QJsonValue json = run.value(key);
    if (json.isUndefined()) {
      if (f.leading) errors << QStringLiteral("%1.%2 is missing").arg(where, key);
      continue;
    }
    if (const auto parsed = runValueFromJson(f, json, where + QLatin1Char('.') + key, errors))
      f.set(spec, *parsed);
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
    QJsonObject run;
    for (const RunField& f : runFields())
      if (const std::optional<SettingValue> value = f.get(spec))
        run.insert(str(f.key), toJson(*value));
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
