#pragma once
// One experiment as the window drives it: the configuration it trains, the training thread and
// its commands, the snapshot shown, whether the user has it playing, and what is said of it (the
// caption above the charts, a run that is not learning, a failure). The window's widgets show
// this state and send the user's actions here; the session knows no widget.
#include <QObject>
#include <optional>
#include <string>
#include <vector>

#include "config/config_json.h"
#include "session/training_controller.h"

namespace bnlab {

class LabSession : public QObject {
  Q_OBJECT
 public:
  // A viewer trains nothing: it shows only the snapshots given to show() (a headless run's
  // pictures of the window).
  LabSession(const ExperimentConfig& config, bool viewer, QObject* parent = nullptr);
  ~LabSession() override;

  TrainingController& controller() { return controller_; }
  const TrainingController& controller() const { return controller_; }
  const ExperimentConfig& config() const { return config_; }
  bool viewer() const { return viewer_; }

  // Trains `config` from step 0 (a viewer only adopts it); it is not learning yet and has not
  // failed. Returns its problems (ExperimentConfig::validate); with any, nothing changes.
  std::vector<std::string> configure(const ExperimentConfig& config);

  // Whether the user has training playing (Play/Pause). `held`: a recording holds training at a
  // frame's step, and resumes it itself once the frame is taken.
  bool playing() const { return playing_; }
  void setPlaying(bool on, bool held = false);
  // Pauses and trains exactly one step.
  void stepOnce();
  void apply(const TrainingCommand& command) { controller_.apply(command); }

  // The newest snapshot when it is newer than the last one taken, else null; after
  // forgetTaken() the next call returns the newest again (the charts must all be redrawn).
  SnapshotPtr takeNewest();
  void forgetTaken() { taken_ = 0; }
  // Makes `snapshot` the one shown; says whether it is learning (stallChanged) and pauses
  // playing at the configured end of the run (endReached).
  void show(SnapshotPtr snapshot);
  const SnapshotPtr& shown() const { return shown_; }
  // stallMessage() of the snapshot shown: "" while the run learns.
  const QString& stall() const { return stall_; }

  // The caption above the charts (rich text): a failure's message while there is one; else the
  // preset's name and description, or the runs it trains; under it, why the run is not learning.
  QString caption() const;
  // The caption of `preset` (its words about its runs) for as long as the runs are its.
  void describeAs(const Preset& preset);

 signals:
  void playingChanged(bool playing);
  void captionChanged(const QString& caption);
  void stallChanged(const QString& message);
  // Training stopped: it diverged or could not go on (message: why).
  void failed(const QString& message);
  // Playing paused at the configured end of the run, `step`.
  void endReached(qint64 step);

 private:
  void setStall(const QString& message);

  ExperimentConfig config_;
  bool viewer_;
  TrainingController controller_;
  SnapshotPtr shown_;
  quint64 taken_ = 0;  // the controller's generation last taken
  bool playing_ = false;
  QString stall_;
  QString failure_;
  QString describedCaption_;  // the preset's caption, or the runs'
  // The runs a preset's description speaks of; none: the caption names the runs.
  std::optional<std::vector<RunSpec>> describedRuns_;
};

}  // namespace bnlab
