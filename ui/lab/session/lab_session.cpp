#include "session/lab_session.h"

#include "session/run_caption.h"
#include "session/shown_text.h"
#include "session/stall_message.h"

namespace bnlab {

namespace {

// The caption holds the longest built-in description (642 characters); longer names and
// descriptions end in an ellipsis.
constexpr int kLongestShownName = 80;
constexpr int kLongestShownDescription = 800;

QString red(const QString& html) {
  return QStringLiteral("<span style='color:#b3261e'>%1</span>").arg(html);
}

}  // namespace

LabSession::LabSession(const ExperimentConfig& config, bool viewer, QObject* parent)
    : QObject(parent), config_(config), viewer_(viewer), describedCaption_(runsCaption(config)) {
  connect(&controller_, &TrainingController::failed, this, [this](const QString& message) {
    failure_ = message;
    setPlaying(false);
    emit captionChanged(caption());
    emit failed(message);
  });
}

LabSession::~LabSession() { controller_.shutdown(); }

std::vector<std::string> LabSession::configure(const ExperimentConfig& config) {
  std::vector<std::string> errors = config.validate();
  if (!errors.empty()) return errors;
  config_ = config;
  failure_.clear();
  stall_.clear();                        // a new network starts learning anew
  if (describedRuns_ != config_.runs) {  // no preset's words, or words about other runs
    describedRuns_.reset();
    describedCaption_ = runsCaption(config_);
  }
  if (!viewer_) controller_.configure(config_);
  emit captionChanged(caption());
  emit stallChanged(stall_);
  return errors;
}

void LabSession::setPlaying(bool on, bool held) {
  const bool changed = on != playing_;
  if (changed) {
    playing_ = on;
    emit playingChanged(on);
  }
  if (!on && (changed || controller_.running()))
    controller_.pause();
  else if (on && !held)
    controller_.play();
}

void LabSession::stepOnce() {
  setPlaying(false);
  controller_.stepOnce();
}

SnapshotPtr LabSession::takeNewest() {
  const SnapshotPtr newest = controller_.latest();
  if (!newest || controller_.generation() == taken_) return nullptr;
  taken_ = controller_.generation();
  return newest;
}

void LabSession::show(SnapshotPtr snapshot) {
  if (!snapshot) return;
  shown_ = std::move(snapshot);
  const Snapshot& snap = *shown_;
  if (playing_ && !controller_.running() && snap.config.steps > 0 &&
      snap.step == snap.config.steps) {
    setPlaying(false);
    emit endReached(snap.step);
  }
  setStall(stallMessage(snap));
}

void LabSession::setStall(const QString& message) {
  if (message == stall_) return;
  stall_ = message;
  emit stallChanged(stall_);
  emit captionChanged(caption());
}

QString LabSession::caption() const {
  if (!failure_.isEmpty()) return red(QStringLiteral("<b>%1</b>").arg(failure_.toHtmlEscaped()));
  if (stall_.isEmpty()) return describedCaption_;
  return describedCaption_ + QStringLiteral("<br>") + red(stall_.toHtmlEscaped());
}

void LabSession::describeAs(const Preset& preset) {
  describedCaption_ =
      QStringLiteral("<b>%1.</b> %2")
          .arg(breakable(elided(preset.name, kLongestShownName)).toHtmlEscaped(),
               breakable(elided(preset.description, kLongestShownDescription)).toHtmlEscaped());
  describedRuns_ = preset.config.runs;
  emit captionChanged(caption());
}

}  // namespace bnlab
