#pragma once
// The numbers a lesson quotes and the claims it checks, read from a run's summary (the JSON
// of summary.json, plus "remembered": the values stages kept).
// An expression is a path into that JSON, dot-separated: keys, array indices, or a range of
// indices "a..b" (the mean of those elements), e.g. runs.1.lastKick.moved.1..3; or a path
// divided by a path or a number: "runs.0.test.accuracy / runs.1.test.accuracy",
// "config.network.noiseSpread / 2".
// In a stage's text, {expression} or {expression|format} quotes a value; formats: 0–4 (digits
// after the point), % (percent, one digit), %0 (whole percent), x (a ratio: "3.1×").
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

#include "lessons/lesson.h"

namespace bnlab {

// "" when `expression` is well formed, else what is wrong.
QString checkLessonExpression(const QString& expression);
// The expressions quoted in `text` (without their formats).
QStringList lessonTextExpressions(const QString& text);
// The value, or none when the summary lacks it (not measured yet) or a division by 0.
std::optional<double> lessonValue(const QJsonObject& summary, const QString& expression);
// `text` with every {claim:id} replaced by that claim's sentence for this run (lesson.h), then
// every {expression|format} by its value ("…" when not measured yet).
QString fillLessonText(const QString& text, const QJsonObject& summary,
                       const QList<LessonClaim>& claims = {});

struct ClaimCheck {
  // NotMeasured: the run lacks a value the claim reads (not measured yet, or never).
  enum class Outcome { Holds, Fails, Untested, NotMeasured };
  bool holds = false;  // outcome == Holds
  Outcome outcome = Outcome::Fails;
  QString
      measured;  // "value 0.071 ≤ 0.5 × 0.214", why it could not be checked, or what it requires
};
// One claim alone, its preconditions aside.
ClaimCheck checkClaim(const LessonClaim& claim, const QJsonObject& summary);
// Every claim in order, each untested where a claim it requires does not hold (or was not
// measured).
QList<ClaimCheck> checkClaims(const QList<LessonClaim>& claims, const QJsonObject& summary);
// One line per claim: "holds: <that> (<measured>)", "does not hold: …", "not tested: …" or
// "not measured: …".
QStringList claimCheckLines(const QList<LessonClaim>& claims, const QList<ClaimCheck>& checks);
// The conclusion as the learner reads it (rich text): its text for this run, then each claim
// checked on it, with its numbers.
QString conclusionText(const Lesson& lesson, const QJsonObject& summary);
// The ids of the claims a text states ({claim:id}), and every {claim:…} written, well or not.
QStringList statedClaims(const QString& text);
QStringList claimPlaceholders(const QString& text);
// Whether a headless run of a lesson shows what it must: no claim unmeasured, and every claim
// its conclusion does not state ({claim:id}) holds or went untested. A stated claim may come out
// either way: its sentences say which.
bool lessonRunHolds(const QList<LessonClaim>& claims, const QList<ClaimCheck>& checks);

}  // namespace bnlab
