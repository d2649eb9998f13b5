#include "config_json.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace bnlab {

namespace {

// Reads one JSON object's keys into typed fields, collecting every error with its key path.
class Reader {
 public:
  Reader(const QJsonObject& object, QString path, QStringList& errors)
      : object_(object), path_(std::move(path)), errors_(errors) {}

  ~Reader() {
    for (auto it = object_.begin(); it != object_.end(); ++it)
      if (!known_.contains(it.key())) errors_ << QStringLiteral("unknown key \"%1\"").arg(name(it.key()));
  }

  Reader child(const QString& key) {
    known_ << key;
    const QJsonValue v = object_.value(key);
    if (!v.isUndefined() && !v.isObject()) errors_ << QStringLiteral("%1 must be an object").arg(name(key));
    return Reader(v.toObject(), name(key), errors_);
  }

  void number(const QString& key, double& out) {
    if (const QJsonValue v = take(key); !v.isUndefined()) {
      if (v.isDouble() && std::isfinite(v.toDouble())) out = v.toDouble();
      else errors_ << QStringLiteral("%1 must be a number").arg(name(key));
    }
  }
  void number(const QString& key, float& out) {
    double d = out;
    number(key, d);
    out = static_cast<float>(d);
  }
  template <typename Int>
  void integer(const QString& key, Int& out) {
    if (const QJsonValue v = take(key); !v.isUndefined()) {
      const double d = v.toDouble(-1.5);
      if (v.isDouble() && d == std::floor(d) && std::abs(d) < 9e15) out = static_cast<Int>(d);
      else errors_ << QStringLiteral("%1 must be a whole number").arg(name(key));
    }
  }
  void boolean(const QString& key, bool& out) {
    if (const QJsonValue v = take(key); !v.isUndefined()) {
      if (v.isBool()) out = v.toBool();
      else errors_ << QStringLiteral("%1 must be true or false").arg(name(key));
    }
  }
  // A string naming one of an enum's values, through its fromName function.
  template <typename Enum, typename FromName>
  void choice(const QString& key, Enum& out, FromName fromName, const QString& allowed) {
    if (const QJsonValue v = take(key); !v.isUndefined()) {
      const auto parsed = fromName(v.toString().toStdString());
      if (v.isString() && parsed) out = *parsed;
      else errors_ << QStringLiteral("%1 must be one of %2").arg(name(key), allowed);
    }
  }
  void units(const QString& key, std::vector<int>& out) {
    if (const QJsonValue v = take(key); !v.isUndefined()) {
      std::vector<int> parsed;
      for (const QJsonValue& u : v.toArray()) {
        const double d = u.toDouble(-1.5);
        if (!u.isDouble() || d != std::floor(d)) {
          parsed.clear();
          break;
        }
        parsed.push_back(int(d));
      }
      if (v.isArray() && !parsed.empty()) out = parsed;
      else errors_ << QStringLiteral("%1 must be a list of whole numbers, e.g. [16, 16, 16]").arg(name(key));
    }
  }
  // The value itself, for structures the caller reads.
  QJsonValue value(const QString& key) { return take(key); }
  void text(const QString& key, QString& out) {
    if (const QJsonValue v = take(key); !v.isUndefined()) {
      if (v.isString()) out = v.toString();
      else errors_ << QStringLiteral("%1 must be text").arg(name(key));
    }
  }

 private:
  QJsonValue take(const QString& key) {
    known_ << key;
    return object_.value(key);
  }
  QString name(const QString& key) const { return path_.isEmpty() ? key : path_ + "." + key; }

  QJsonObject object_;
  QString path_;
  QStringList& errors_;
  QSet<QString> known_;
};

QString str(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// One run: {"normalization": "batch-norm", "batchSize": 512, "dropout": 0.1, "name": "…"}, only
// the normalization required.
bool runFromJson(const QJsonValue& value, const QString& where, RunSpec& spec, QStringList& errors) {
  const qsizetype before = errors.size();
  if (!value.isObject()) {
    errors << QStringLiteral("%1 must be an object such as {\"normalization\": \"batch-norm\"}").arg(where);
    return false;
  }
  Reader run(value.toObject(), where, errors);
  if (!value.toObject().contains(QStringLiteral("normalization")))
    errors << QStringLiteral("%1.normalization is missing").arg(where);
  QString allowed;
  for (const NormalizationInfo& n : normalizations())
    allowed += (allowed.isEmpty() ? "" : ", ") + str(n.key);
  run.choice(QStringLiteral("normalization"), spec.normalization, normalizationFromKey, allowed);
  if (value.toObject().contains(QStringLiteral("batchSize"))) {
    int size = 0;
    run.integer(QStringLiteral("batchSize"), size);
    spec.batchSize = size;
  }
  if (value.toObject().contains(QStringLiteral("dropout"))) {
    double rate = 0;
    run.number(QStringLiteral("dropout"), rate);
    spec.dropout = rate;
  }
  QString name;
  run.text(QStringLiteral("name"), name);
  spec.name = name.toStdString();
  return errors.size() == before;
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
  QJsonArray layers;
  for (int units : c.network.hiddenUnits) layers.append(units);
  return {
      {"data", QJsonObject{{"source", str(dataSourceName(c.data.source))},
                           {"path", QString::fromStdString(c.data.path)},
                           {"labelColumn", c.data.labelColumn},
                           {"trainLimit", c.data.trainLimit},
                           {"dataset", str(toyName(c.data.toy.kind))},
                           {"size", c.data.toy.size},
                           {"noise", c.data.toy.noise},
                           {"classes", c.data.toy.classes},
                           {"seed", qint64(c.data.toy.seed)},
                           {"testFraction", c.data.testFraction},
                           {"unevenScales", c.data.unevenScales},
                           {"standardize", c.data.standardize},
                           {"testShift", c.data.testShift}}},
      {"network", QJsonObject{{"hiddenLayers", layers},
                              {"activation", str(activationName(c.network.activation))},
                              {"init", str(initName(c.network.init))},
                              {"initSigma", double(c.network.initSigma)},
                              {"batchNormMomentum", double(c.network.batchNormOptions.momentum)},
                              {"batchNormEpsilon", double(c.network.batchNormOptions.epsilon)},
                              {"dropout", double(c.network.dropout)}}},
      {"training", QJsonObject{{"optimizer", str(optimizerName(c.optimizer.kind))},
                               {"learningRate", c.optimizer.learningRate},
                               {"momentum", c.optimizer.momentum},
                               {"weightDecay", c.optimizer.weightDecay},
                               {"batchSize", c.batchSize},
                               {"steps", qint64(c.steps)},
                               {"seed", qint64(c.seed)}}},
      {"runs", runsToJson(c.runs)},
      {"measure", QJsonObject{{"probeSize", c.probeSize},
                              {"recordEvery", c.recordEvery},
                              {"evaluateEvery", c.evaluateEvery},
                              {"landscapeEvery", c.landscapeEvery}}},
  };
}

bool configFromJson(const QJsonObject& json, ExperimentConfig& out, QStringList& errors,
                    const ExperimentConfig& defaults) {
  ExperimentConfig c = defaults;
  const qsizetype before = errors.size();
  {
    Reader root(json, QString(), errors);
    QString ignored;
    root.text(QStringLiteral("name"), ignored);
    root.text(QStringLiteral("description"), ignored);
    root.text(QStringLiteral("tab"), ignored);
    {
      Reader data = root.child(QStringLiteral("data"));
      data.choice(QStringLiteral("source"), c.data.source, dataSourceFromName,
                  QStringLiteral("toy, mnist, csv"));
      QString path = QString::fromStdString(c.data.path);
      data.text(QStringLiteral("path"), path);
      c.data.path = path.toStdString();
      data.integer(QStringLiteral("labelColumn"), c.data.labelColumn);
      data.integer(QStringLiteral("trainLimit"), c.data.trainLimit);
      data.choice(QStringLiteral("dataset"), c.data.toy.kind, toyFromName,
                  QStringLiteral("spiral, circles, moons, xor, blobs"));
      data.integer(QStringLiteral("size"), c.data.toy.size);
      data.number(QStringLiteral("noise"), c.data.toy.noise);
      data.integer(QStringLiteral("classes"), c.data.toy.classes);
      data.integer(QStringLiteral("seed"), c.data.toy.seed);
      data.number(QStringLiteral("testFraction"), c.data.testFraction);
      data.boolean(QStringLiteral("unevenScales"), c.data.unevenScales);
      data.boolean(QStringLiteral("standardize"), c.data.standardize);
      data.number(QStringLiteral("testShift"), c.data.testShift);
    }
    {
      Reader net = root.child(QStringLiteral("network"));
      net.units(QStringLiteral("hiddenLayers"), c.network.hiddenUnits);
      net.choice(QStringLiteral("activation"), c.network.activation, activationFromName,
                 QStringLiteral("relu, leaky_relu, tanh, sigmoid, linear"));
      net.choice(QStringLiteral("init"), c.network.init, initFromName,
                 QStringLiteral("he, xavier, gaussian"));
      net.number(QStringLiteral("initSigma"), c.network.initSigma);
      // The shorthand for a list of runs (files older than "runs" have only this).
      net.choice(QStringLiteral("batchNorm"), c.runs, runsForBatchNorm, QStringLiteral("off, on, compare"));
      net.number(QStringLiteral("batchNormMomentum"), c.network.batchNormOptions.momentum);
      net.number(QStringLiteral("batchNormEpsilon"), c.network.batchNormOptions.epsilon);
      net.number(QStringLiteral("dropout"), c.network.dropout);
    }
    {
      Reader train = root.child(QStringLiteral("training"));
      train.choice(QStringLiteral("optimizer"), c.optimizer.kind, optimizerFromName,
                   QStringLiteral("sgd, momentum, adam"));
      train.number(QStringLiteral("learningRate"), c.optimizer.learningRate);
      train.number(QStringLiteral("momentum"), c.optimizer.momentum);
      train.number(QStringLiteral("weightDecay"), c.optimizer.weightDecay);
      train.integer(QStringLiteral("batchSize"), c.batchSize);
      train.integer(QStringLiteral("steps"), c.steps);
      train.integer(QStringLiteral("seed"), c.seed);
    }
    if (const QJsonValue runs = root.value(QStringLiteral("runs")); !runs.isUndefined()) {
      if (json.value(QStringLiteral("network")).toObject().contains(QStringLiteral("batchNorm")))
        errors << QStringLiteral("give runs or network.batchNorm, not both");
      if (!runs.isArray()) {
        errors << QStringLiteral("runs must be a list such as [{\"normalization\": \"plain\"}, "
                                 "{\"normalization\": \"batch-norm\"}]");
      } else {
        std::vector<RunSpec> specs(std::size_t(runs.toArray().size()));
        bool good = true;
        for (qsizetype i = 0; i < runs.toArray().size(); ++i)
          good = runFromJson(runs.toArray()[i], QStringLiteral("runs[%1]").arg(i), specs[std::size_t(i)],
                             errors) && good;
        if (good) c.runs = specs;
      }
    }
    {
      Reader measure = root.child(QStringLiteral("measure"));
      measure.integer(QStringLiteral("probeSize"), c.probeSize);
      measure.integer(QStringLiteral("recordEvery"), c.recordEvery);
      measure.integer(QStringLiteral("evaluateEvery"), c.evaluateEvery);
      measure.integer(QStringLiteral("landscapeEvery"), c.landscapeEvery);
    }
  }
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
