#include "lessons/lesson_values.h"

#include <QJsonArray>
#include <QObject>
#include <QRegularExpression>
#include <cmath>

namespace bnlab {

namespace {

const QString kDivide = QStringLiteral(" / ");

const QRegularExpression& placeholder() {
  static const QRegularExpression re(QStringLiteral("\\{([^{}|]+)(?:\\|([^{}]*))?\\}"));
  return re;
}

const QRegularExpression& claimPlaceholder() {
  static const QRegularExpression re(QStringLiteral("\\{claim:([A-Za-z][A-Za-z0-9]*)\\}"));
  return re;
}

// `text` with each {claim:id} replaced by the claim's sentence for `checks`.
QString withClaimSentences(const QString& text, const QList<LessonClaim>& claims,
                           const QList<ClaimCheck>& checks) {
  QString out;
  qsizetype last = 0;
  for (auto it = claimPlaceholder().globalMatch(text); it.hasNext();) {
    const QRegularExpressionMatch match = it.next();
    out += text.mid(last, match.capturedStart() - last);
    for (qsizetype i = 0; i < claims.size(); ++i) {
      if (claims[i].id != match.captured(1)) continue;
      if (checks[i].outcome == ClaimCheck::Outcome::Holds) out += claims[i].says;
      if (checks[i].outcome == ClaimCheck::Outcome::Fails) out += claims[i].otherwise;
      // What is not measured yet is not stated either way.
      if (checks[i].outcome == ClaimCheck::Outcome::NotMeasured) out += QStringLiteral("… ");
    }
    last = match.capturedEnd();
  }
  return out + text.mid(last);
}

const QRegularExpression& component() {
  static const QRegularExpression re(
      QStringLiteral("^(?:[A-Za-z][A-Za-z0-9]*|\\d+|\\d+\\.\\.\\d+)$"));
  return re;
}

// Splits a path at dots that do not belong to a range "a..b".
QStringList pathComponents(const QString& path) {
  QStringList parts;
  QString current;
  for (qsizetype i = 0; i < path.size(); ++i) {
    if (path[i] == QLatin1Char('.') && i + 1 < path.size() && path[i + 1] == QLatin1Char('.')) {
      current += QStringLiteral("..");
      ++i;
    } else if (path[i] == QLatin1Char('.')) {
      parts << current;
      current.clear();
    } else {
      current += path[i];
    }
  }
  parts << current;
  return parts;
}

std::optional<double> valueAt(const QJsonValue& value, const QStringList& parts, qsizetype from) {
  if (from == parts.size())
    return value.isDouble() ? std::optional<double>(value.toDouble()) : std::nullopt;
  const QString& part = parts[from];
  if (value.isObject()) {
    const QJsonObject object = value.toObject();
    return object.contains(part) ? valueAt(object.value(part), parts, from + 1) : std::nullopt;
  }
  if (!value.isArray()) return std::nullopt;
  const QJsonArray array = value.toArray();
  const qsizetype dots = part.indexOf(QStringLiteral(".."));
  const qsizetype first = (dots < 0 ? part : part.left(dots)).toLongLong();
  const qsizetype last = dots < 0 ? first : part.mid(dots + 2).toLongLong();
  if (first < 0 || last >= array.size() || first > last) return std::nullopt;
  double sum = 0;
  for (qsizetype i = first; i <= last; ++i) {
    const std::optional<double> v = valueAt(array[i], parts, from + 1);
    if (!v) return std::nullopt;
    sum += *v;
  }
  return sum / double(last - first + 1);
}

QString formatted(double value, const QString& format) {
  if (format == QLatin1String("%")) return QString::number(100 * value, 'f', 1) + QLatin1Char('%');
  if (format == QLatin1String("%0")) return QString::number(100 * value, 'f', 0) + QLatin1Char('%');
  if (format == QLatin1String("x")) return QString::number(value, 'f', 1) + QChar(0x00D7);
  bool ok = false;
  const int digits = format.toInt(&ok);
  if (ok) return QString::number(value, 'f', std::clamp(digits, 0, 4));
  return QString::number(value, 'g', 3);
}

}  // namespace

QString checkLessonExpression(const QString& expression) {
  const QStringList paths = expression.split(kDivide);
  if (expression.trimmed().isEmpty() || paths.size() > 2)
    return QStringLiteral("\"%1\" is not a path or a path / path").arg(expression);
  for (const QString& path : paths)
    for (const QString& part : pathComponents(path.trimmed()))
      if (!component().match(part).hasMatch())
        return QStringLiteral("\"%1\": \"%2\" is not a key, an index or a range a..b")
            .arg(expression, part);
  return {};
}

QStringList lessonTextExpressions(const QString& text) {
  QStringList expressions;
  for (auto it = placeholder().globalMatch(text); it.hasNext();)
    if (const QString e = it.next().captured(1); !e.startsWith(QLatin1String("claim:")))
      expressions << e;
  return expressions;
}

QStringList claimPlaceholders(const QString& text) {
  static const QRegularExpression any(QStringLiteral("\\{claim:([^{}]*)\\}"));
  QStringList written;
  for (auto it = any.globalMatch(text); it.hasNext();) written << it.next().captured(1);
  return written;
}

bool lessonRunHolds(const QList<LessonClaim>& claims, const QList<ClaimCheck>& checks) {
  for (qsizetype i = 0; i < claims.size() && i < checks.size(); ++i) {
    if (checks[i].outcome == ClaimCheck::Outcome::NotMeasured) return false;
    if (checks[i].outcome == ClaimCheck::Outcome::Fails && !claims[i].stated) return false;
  }
  return true;
}

QStringList statedClaims(const QString& text) {
  QStringList ids;
  for (auto it = claimPlaceholder().globalMatch(text); it.hasNext();) ids << it.next().captured(1);
  return ids;
}

std::optional<double> lessonValue(const QJsonObject& summary, const QString& expression) {
  const QStringList paths = expression.split(kDivide);
  std::optional<double> result;
  for (qsizetype i = 0; i < paths.size(); ++i) {
    // A divisor may be a number ("config.network.noiseSpread / 2"); a path never is one.
    static const QRegularExpression number(QStringLiteral("^\\d+(?:\\.\\d+)?$"));
    const QString term = paths[i].trimmed();
    const std::optional<double> v = i > 0 && number.match(term).hasMatch()
                                        ? std::optional<double>(term.toDouble())
                                        : valueAt(summary, pathComponents(term), 0);
    if (!v || !std::isfinite(*v)) return std::nullopt;
    if (i == 0)
      result = v;
    else if (*v == 0)
      return std::nullopt;
    else
      result = *result / *v;
  }
  return result;
}

QString fillLessonText(const QString& plain, const QJsonObject& summary,
                       const QList<LessonClaim>& claims) {
  const QString text = claims.isEmpty() || statedClaims(plain).isEmpty()
                           ? plain
                           : withClaimSentences(plain, claims, checkClaims(claims, summary));
  QString out;
  qsizetype last = 0;
  for (auto it = placeholder().globalMatch(text); it.hasNext();) {
    const QRegularExpressionMatch match = it.next();
    out += text.mid(last, match.capturedStart() - last);
    const std::optional<double> value = lessonValue(summary, match.captured(1));
    out += value ? formatted(*value, match.captured(2)) : QStringLiteral("…");
    last = match.capturedEnd();
  }
  return out + text.mid(last);
}

namespace {

ClaimCheck checked(bool holds, const QString& measured) {
  return {holds, holds ? ClaimCheck::Outcome::Holds : ClaimCheck::Outcome::Fails, measured};
}

}  // namespace

ClaimCheck checkClaim(const LessonClaim& claim, const QJsonObject& summary) {
  const std::optional<double> value = lessonValue(summary, claim.value);
  const std::optional<double> of =
      claim.of.isEmpty() ? std::optional<double>(1.0) : lessonValue(summary, claim.of);
  if (!value || !of)
    return {false, ClaimCheck::Outcome::NotMeasured, value ? claim.of : claim.value};
  const QString reference =
      claim.of.isEmpty() ? QString() : QStringLiteral(" × %1").arg(*of, 0, 'g', 4);
  switch (claim.relation) {
    case LessonClaim::Relation::AtMost:
      return checked(
          *value <= claim.bound * *of,
          QStringLiteral("%1 ≤ %2%3").arg(*value, 0, 'g', 4).arg(claim.bound).arg(reference));
    case LessonClaim::Relation::AtLeast:
      return checked(
          *value >= claim.bound * *of,
          QStringLiteral("%1 ≥ %2%3").arg(*value, 0, 'g', 4).arg(claim.bound).arg(reference));
    case LessonClaim::Relation::Within: {
      const double target = claim.of.isEmpty() ? 0.0 : *of;
      return checked(std::abs(*value - target) <= claim.bound, QStringLiteral("|%1 − %2| ≤ %3")
                                                                   .arg(*value, 0, 'g', 4)
                                                                   .arg(target, 0, 'g', 4)
                                                                   .arg(claim.bound));
    }
  }
  return {};
}

QStringList claimCheckLines(const QList<LessonClaim>& claims, const QList<ClaimCheck>& checks) {
  QStringList lines;
  for (qsizetype i = 0; i < claims.size() && i < checks.size(); ++i) {
    QString outcome;
    switch (checks[i].outcome) {
      case ClaimCheck::Outcome::Holds:
        outcome = QStringLiteral("holds");
        break;
      case ClaimCheck::Outcome::Fails:
        outcome = QStringLiteral("does not hold");
        break;
      case ClaimCheck::Outcome::Untested:
        outcome = QStringLiteral("not tested");
        break;
      case ClaimCheck::Outcome::NotMeasured:
        outcome = QStringLiteral("not measured");
        break;
    }
    lines << QStringLiteral("%1: %2 (%3)").arg(outcome, claims[i].that, checks[i].measured);
  }
  return lines;
}

QString conclusionText(const Lesson& lesson, const QJsonObject& summary) {
  QString text = fillLessonText(lesson.stages.last().text, summary, lesson.claims);
  if (lesson.claims.isEmpty()) return text;
  QStringList lines;
  for (const QString& line : claimCheckLines(lesson.claims, checkClaims(lesson.claims, summary)))
    lines << line.toHtmlEscaped();
  return text + QStringLiteral("<p style='color:#5f6368'><b>%1</b><br>%2</p>")
                    .arg(QObject::tr("Checked on this run"), lines.join(QStringLiteral("<br>")));
}

QList<ClaimCheck> checkClaims(const QList<LessonClaim>& claims, const QJsonObject& summary) {
  QList<ClaimCheck> checks;
  for (const LessonClaim& claim : claims) {
    QStringList unmet, unmeasured;
    for (const QString& required : claim.preconditions)
      for (qsizetype i = 0; i < checks.size(); ++i) {
        if (claims[i].id != required) continue;
        if (checks[i].outcome == ClaimCheck::Outcome::NotMeasured)
          unmeasured << checks[i].measured;
        else if (!checks[i].holds)
          unmet << claims[i].that;
      }
    if (!unmeasured.isEmpty())
      checks << ClaimCheck{false, ClaimCheck::Outcome::NotMeasured, unmeasured.join(", ")};
    else if (!unmet.isEmpty())
      checks << ClaimCheck{
          false, ClaimCheck::Outcome::Untested,
          QStringLiteral("this run did not show that %1").arg(unmet.join(QStringLiteral(" and ")))};
    else
      checks << checkClaim(claim, summary);
  }
  return checks;
}

}  // namespace bnlab
