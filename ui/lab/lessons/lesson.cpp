#include "lessons/lesson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>

#include "lessons/lesson_values.h"

namespace bnlab {

namespace {

// `base` with each section of `over` laid over it key by key ("runs" and other arrays whole).
QJsonObject overlay(QJsonObject base, const QJsonObject& over) {
  for (auto it = over.begin(); it != over.end(); ++it) {
    if (it->isObject() && base.value(it.key()).isObject()) {
      QJsonObject section = base.value(it.key()).toObject();
      const QJsonObject changes = it->toObject();
      for (auto c = changes.begin(); c != changes.end(); ++c) section.insert(c.key(), *c);
      base.insert(it.key(), section);
    } else {
      base.insert(it.key(), *it);
    }
  }
  return base;
}

std::optional<LessonAction> parseAction(const QJsonObject& json, const QString& where,
                                        QStringList& errors) {
  LessonAction action;
  const QString kind = json.value(QStringLiteral("kind")).toString();
  if (kind == QLatin1String("kick")) {
    action.kind = LessonAction::Kind::Kick;
    action.layer = json.value(QStringLiteral("layer")).toInt(1);
    action.amount = json.value(QStringLiteral("amount")).toDouble(0.5);
    if (action.layer < 1 || !(action.amount > 0 && action.amount <= 2))
      errors << QStringLiteral("%1: a kick needs a layer ≥ 1 and an amount in (0, 2]").arg(where);
  } else if (kind == QLatin1String("batchSize")) {
    action.kind = LessonAction::Kind::BatchSize;
    action.batchSize = json.value(QStringLiteral("value")).toInt(0);
    if (action.batchSize < 1 || action.batchSize > ExperimentConfig::kMaxBatchSize)
      errors << QStringLiteral("%1: batchSize needs a value from 1 to %2")
                    .arg(where)
                    .arg(ExperimentConfig::kMaxBatchSize);
  } else if (kind == QLatin1String("standardize")) {
    action.kind = LessonAction::Kind::Standardize;
    action.standardize = json.value(QStringLiteral("value")).toBool(true);
  } else if (kind == QLatin1String("choosePoint")) {
    action.kind = LessonAction::Kind::ChoosePoint;
    action.x = json.value(QStringLiteral("x")).toDouble(0);
    action.y = json.value(QStringLiteral("y")).toDouble(0);
  } else {
    errors << QStringLiteral(
                  "%1: unknown action \"%2\" (kick, batchSize, standardize, choosePoint)")
                  .arg(where, kind);
    return std::nullopt;
  }
  return action;
}

bool parseClaim(const QJsonObject& json, const QString& where, LessonClaim& claim,
                QStringList& errors) {
  claim.id = json.value(QStringLiteral("id")).toString();
  claim.that = json.value(QStringLiteral("that")).toString();
  claim.says = json.value(QStringLiteral("says")).toString();
  claim.otherwise = json.value(QStringLiteral("otherwise")).toString();
  for (const QJsonValue& required : json.value(QStringLiteral("requires")).toArray())
    claim.preconditions << required.toString();
  claim.value = json.value(QStringLiteral("value")).toString();
  claim.of = json.value(QStringLiteral("of")).toString();
  const std::pair<const char*, LessonClaim::Relation> relations[] = {
      {"atMost", LessonClaim::Relation::AtMost},
      {"atLeast", LessonClaim::Relation::AtLeast},
      {"within", LessonClaim::Relation::Within}};
  int found = 0;
  for (const auto& [key, relation] : relations) {
    const QJsonValue bound = json.value(QLatin1String(key));
    if (!bound.isDouble()) continue;
    claim.relation = relation;
    claim.bound = bound.toDouble();
    ++found;
  }
  QStringList problems;
  if (claim.that.isEmpty()) problems << QStringLiteral("says nothing (\"that\")");
  static const QRegularExpression name(QStringLiteral("^[A-Za-z][A-Za-z0-9]*$"));
  if (!claim.id.isEmpty() && !name.match(claim.id).hasMatch())
    problems << QStringLiteral("id \"%1\" is not a name (letters and digits)").arg(claim.id);
  claim.stated =
      json.contains(QStringLiteral("says")) && json.contains(QStringLiteral("otherwise"));
  if (!claim.stated &&
      (json.contains(QStringLiteral("says")) || json.contains(QStringLiteral("otherwise"))))
    problems << QStringLiteral("give both \"says\" and \"otherwise\", or neither");
  for (const QString& sentence : {claim.says, claim.otherwise})
    for (const QString& expression : lessonTextExpressions(sentence))
      if (const QString error = checkLessonExpression(expression); !error.isEmpty())
        problems << error;
  if (found != 1) problems << QStringLiteral("needs exactly one of atMost, atLeast, within");
  if (const QString error = checkLessonExpression(claim.value); !error.isEmpty()) problems << error;
  if (!claim.of.isEmpty())
    if (const QString error = checkLessonExpression(claim.of); !error.isEmpty()) problems << error;
  for (const QString& p : problems) errors << QStringLiteral("%1: %2").arg(where, p);
  return problems.isEmpty();
}

}  // namespace

bool parseLesson(const QByteArray& bytes, const QString& id, const QList<Preset>& presets,
                 Lesson& lesson, QStringList& errors) {
  const qsizetype before = errors.size();
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
  if (!doc.isObject()) {
    errors << QStringLiteral("%1: not a JSON object (%2)").arg(id, parseError.errorString());
    return false;
  }
  const QJsonObject json = doc.object();
  lesson.id = id;
  lesson.title = json.value(QStringLiteral("title")).toString();
  lesson.summary = json.value(QStringLiteral("summary")).toString();
  if (lesson.title.isEmpty()) errors << QStringLiteral("%1: no title").arg(id);

  const QString presetName = json.value(QStringLiteral("preset")).toString();
  const auto preset = std::find_if(presets.begin(), presets.end(),
                                   [&](const Preset& p) { return p.name == presetName; });
  if (preset == presets.end()) {
    errors << QStringLiteral("%1: no preset named \"%2\"").arg(id, presetName);
    return false;
  }
  lesson.preset = *preset;
  lesson.preset.name = lesson.title;
  lesson.preset.description = lesson.summary;
  QStringList problems;
  const QJsonObject changes = json.value(QStringLiteral("experiment")).toObject();
  if (!configFromJson(overlay(configToJson(preset->config), changes), lesson.preset.config,
                      problems))
    for (const QString& p : problems) errors << QStringLiteral("%1: experiment: %2").arg(id, p);
  if (const QJsonValue speed = json.value(QStringLiteral("speed")); speed.isDouble())
    lesson.preset.speed = speed.toInt();
  if (const QJsonValue tab = json.value(QStringLiteral("tab")); tab.isString())
    lesson.preset.tab = tab.toString();

  const QJsonArray stages = json.value(QStringLiteral("stages")).toArray();
  for (qsizetype i = 0; i < stages.size(); ++i) {
    const QString where = QStringLiteral("%1: stage %2").arg(id).arg(i + 1);
    const QJsonObject s = stages[i].toObject();
    LessonStage stage;
    stage.text = s.value(QStringLiteral("text")).toString();
    stage.highlight = s.value(QStringLiteral("highlight")).toString();
    if (s.value(QStringLiteral("until")).isDouble())
      stage.until = qint64(s.value(QStringLiteral("until")).toDouble());
    if (s.value(QStringLiteral("for")).isDouble())
      stage.forSteps = qint64(s.value(QStringLiteral("for")).toDouble());
    if (s.value(QStringLiteral("action")).isObject())
      stage.action = parseAction(s.value(QStringLiteral("action")).toObject(), where, errors);
    const QJsonObject remember = s.value(QStringLiteral("remember")).toObject();
    for (auto r = remember.begin(); r != remember.end(); ++r) {
      stage.remember << qMakePair(r.key(), r->toString());
      if (const QString error = checkLessonExpression(r->toString()); !error.isEmpty())
        errors << QStringLiteral("%1: remember %2: %3").arg(where, r.key(), error);
    }
    if (stage.text.isEmpty()) errors << QStringLiteral("%1: no text").arg(where);
    if (int(stage.until.has_value()) + int(stage.forSteps.has_value()) +
            int(s.contains(QStringLiteral("action"))) >
        1)
      errors << QStringLiteral("%1: give one of until, for, action").arg(where);
    if ((stage.until && *stage.until < 0) || (stage.forSteps && *stage.forSteps < 1))
      errors << QStringLiteral("%1: until must be ≥ 0 and for ≥ 1").arg(where);
    for (const QString& expression : lessonTextExpressions(stage.text))
      if (const QString error = checkLessonExpression(expression); !error.isEmpty())
        errors << QStringLiteral("%1: %2").arg(where, error);
    lesson.stages << stage;
  }
  if (lesson.stages.isEmpty() || !lesson.stages.last().isConclusion())
    errors << QStringLiteral("%1: the last stage must be the conclusion (no until, for or action)")
                  .arg(id);

  const QJsonArray claims = json.value(QStringLiteral("claims")).toArray();
  QStringList ids;  // of the claims so far: a claim requires only earlier ones (no cycle)
  for (qsizetype i = 0; i < claims.size(); ++i) {
    LessonClaim claim;
    const QString where = QStringLiteral("%1: claim %2").arg(id).arg(i + 1);
    if (!parseClaim(claims[i].toObject(), where, claim, errors)) continue;
    for (const QString& required : claim.preconditions)
      if (!ids.contains(required))
        errors << QStringLiteral("%1: requires \"%2\", which no earlier claim is")
                      .arg(where, required);
    if (!claim.id.isEmpty() && ids.contains(claim.id))
      errors << QStringLiteral("%1: a second claim \"%2\"").arg(where, claim.id);
    ids << claim.id;
    lesson.claims << claim;
  }
  // A stated claim has its sentences; sentences state no claim.
  for (const LessonClaim& claim : lesson.claims)
    if (!claimPlaceholders(claim.says + claim.otherwise).isEmpty())
      errors << QStringLiteral(
                    "%1: claim \"%2\": a claim's sentences cannot state another {claim:…}")
                    .arg(id, claim.that);
  for (qsizetype s = 0; s < lesson.stages.size(); ++s)
    for (const QString& stated : claimPlaceholders(lesson.stages[s].text)) {
      const auto claim = std::find_if(lesson.claims.begin(), lesson.claims.end(),
                                      [&](const LessonClaim& c) { return c.id == stated; });
      if (claim == lesson.claims.end() || !claim->stated)
        errors << QStringLiteral(
                      "%1: stage %2 states {claim:%3}, but no claim of that id has "
                      "\"says\" and \"otherwise\"")
                      .arg(id)
                      .arg(s + 1)
                      .arg(stated);
    }
  return errors.size() == before;
}

QList<Lesson> builtInLessons() {
  const QList<Preset> presets = builtInPresets();
  QList<Lesson> lessons;
  const QDir dir(QStringLiteral(":/lessons"));
  for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
    QFile f(dir.filePath(file));
    Lesson lesson;
    QStringList errors;
    if (f.open(QIODevice::ReadOnly) &&
        parseLesson(f.readAll(), QFileInfo(file).completeBaseName(), presets, lesson, errors))
      lessons << lesson;
    else
      qWarning("bnlab: skipping lesson %s: %s", qPrintable(file),
               qPrintable(errors.join(QStringLiteral("; "))));
  }
  return lessons;
}

}  // namespace bnlab
