#pragma once
// A guided lesson: an experiment (a built-in preset, optionally adjusted), a pace, and stages
// that train to a checkpoint, ask for one action, point at one chart and end with a conclusion
// written from the run's own numbers. Lessons are JSON files (resources/lessons/*.json):
//   { "title", "summary", "preset": "<preset name>", "experiment": { sections over the preset },
//     "speed": steps per second, "tab": the metrics tab to show,
//     "stages": [ { "text", "highlight": "<chart name>", "until": step | "for": steps |
//                   "action": { "kind": "kick", "layer", "amount" } | { "kind": "batchSize",
//                   "value" } | { "kind": "standardize", "value" } | { "kind": "choosePoint",
//                   "x", "y" }, "remember": { "name": "<expression>" } }, … ],
//     "claims": [ { "id", "that", "value": "<expression>", "atMost" | "atLeast" | "within": x,
//                   "of": "<expression>", "says", "otherwise", "requires": [ "<id>", … ] },
//                 … ] }
// A stage's text may quote measurements as {expression|format} (see lesson_values.h) and state
// claims as {claim:id}. The last stage, with neither "until", "for" nor "action", is the
// conclusion.
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

#include "config/config_json.h"

namespace bnlab {

// What a stage asks the user to do; the lesson goes on when the snapshots show it done.
struct LessonAction {
  enum class Kind { Kick, BatchSize, Standardize, ChoosePoint };
  Kind kind = Kind::Kick;
  int layer = 1;            // Kick: 1-based hidden layer
  double amount = 0.5;      // Kick: σ relative to rms(W)
  int batchSize = 0;        // BatchSize: the value to move the slider to
  bool standardize = true;  // Standardize: the input standardization switch (retrains from 0)
  double x = 0, y = 0;      // ChoosePoint: where a headless run clicks
};

struct LessonStage {
  QString text;
  QString highlight;               // object name of the chart (or panel) to look at; "" for none
  std::optional<qint64> until;     // train until this step, then pause
  std::optional<qint64> forSteps;  // train this many steps from the stage's start, then pause
  std::optional<LessonAction> action;
  // Values to keep when the stage ends (before the next one changes the experiment), quoted
  // later as remembered.<name>.
  QList<QPair<QString, QString>> remember;
  bool isConclusion() const { return !until && !forSteps && !action; }
};

// A claim a lesson's words rest on: value ≤ atMost·of (or ≥ atLeast·of, or |value − of| ≤
// within); without "of", against the number itself.
//
// A claim a conclusion states is named in its text as {claim:id}: the text then reads `says`
// where the run shows it and `otherwise` where it does not, so the conclusion says what this
// run showed. A claim that `requires` others (its preconditions, for example "both twins
// learned") is checked only where they hold; where one does not, it is untested and its place in
// the text stays empty (the precondition's own sentence says why).
struct LessonClaim {
  enum class Relation { AtMost, AtLeast, Within };
  QString id;           // how the text and other claims name it; "" for a claim no text states
  QString that;         // the claim in words, in the list of checks
  QString says;         // the sentence that states it, where it holds ({expressions} allowed)
  QString otherwise;    // the sentence for a run where it does not hold
  bool stated = false;  // it has both sentences (either may be "": nothing to say then)
  QStringList preconditions;  // ids of earlier claims that must hold for this one to be checked
  QString value;
  Relation relation = Relation::AtMost;
  double bound = 0;
  QString of;  // "" when the bound is absolute
};

struct Lesson {
  QString id;  // the file name without extension
  QString title, summary;
  Preset preset;  // the experiment, its speed and tab
  QList<LessonStage> stages;
  QList<LessonClaim> claims;
};

// Parses a lesson file; `presets` are those it may name. Returns false with one message per
// problem in `errors`.
bool parseLesson(const QByteArray& bytes, const QString& id, const QList<Preset>& presets,
                 Lesson& lesson, QStringList& errors);

// The lessons shipped in the resources (:/lessons/*.json), sorted by file name.
QList<Lesson> builtInLessons();

}  // namespace bnlab
