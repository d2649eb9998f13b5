#pragma once
// The main window assembles the panels and menus and wires them to its lab session (the
// experiment, its training thread and what is said of it): controls on the left, metrics across
// the top, one panel per hidden layer below, a status bar. It redraws from the newest snapshot on
// its own ~30 Hz clock.
#include <QActionGroup>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QPointer>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <optional>
#include <vector>

#include "config/config_json.h"
#include "panels/all_layers_view.h"
#include "panels/control_panel.h"
#include "panels/figure_one_view.h"
#include "panels/highlight_frame.h"
#include "panels/layer_panel.h"
#include "panels/lesson_panel.h"
#include "panels/metrics_panel.h"
#include "recording/frame_painter.h"
#include "report/dashboard_export.h"
#include "session/lab_session.h"
#include "window/export_actions.h"
#include "window/measure_action.h"

namespace bnlab {

class AnimationRecorder;

class MainWindow : public QMainWindow, public FramePainter {
  Q_OBJECT
 public:
  // Playing and Paused train on the controller's thread; Viewer trains nothing and only shows
  // the snapshots given to showSnapshot() (the headless command line's pictures).
  enum class Start { Playing, Paused, Viewer };
  explicit MainWindow(const ExperimentConfig& config = ExperimentConfig{},
                      Start start = Start::Playing, QWidget* parent = nullptr);
  ~MainWindow() override;

  TrainingController& controller() { return session_.controller(); }
  LabSession& session() { return session_; }
  ControlPanel* controls() const { return controls_; }
  // The status bar's warning (a configuration's warning, or why training stopped), or "".
  QString warningText() const;
  MetricsPanel* metrics() const { return metrics_; }
  const std::vector<LayerPanel*>& layerPanels() const { return layerPanels_; }
  // Draws the newest snapshot now (the redraw timer calls this ~30 times a second).
  void redraw() override;
  // Puts `snapshot` into every panel (their charts repaint on the next paint event).
  void showSnapshot(SnapshotPtr snapshot) override;
  // Loads a preset into the controls, rebuilds, and shows its description as the caption.
  void applyPreset(const Preset& preset);
  // Shows the preset's name and description as the caption above the charts.
  void showCaption(const Preset& preset);
  // The snapshot the charts show now (null before the first).
  SnapshotPtr shownSnapshot() const { return session_.shown(); }

  // Every chart that applies now, with its model and size on screen, the whole dashboard as
  // one picture, the shown snapshot's configuration and summary.
  // Charts without data are left out unless `withEmpty` (to find every file an export may
  // write, before there is data).
  ExportJob exportJob(bool withEmpty = false) const;
  // The whole dashboard (caption, metrics strip, every layer panel, also those scrolled out of
  // view): its size, and painting it as it is shown now.
  QSize dashboardSize() const;
  void paintDashboard(QPainter& painter) const;
  ExportActions* exportActions() const { return exportActions_; }

  // What the centre shows (View menu, toolbar): the dashboard (metrics and a panel per layer),
  // every layer at once, or the paper's Figure 1 large.
  enum class View { Dashboard, AllLayers, FigureOne };
  void showView(View view);
  View shownView() const { return View(views_->currentIndex()); }
  AllLayersView* allLayersView() const { return allLayers_; }
  FigureOneView* figureOneView() const { return figureOne_; }

  // Configuration files (the JSON that --config reads). On failure: false and a message.
  bool openConfiguration(const QString& path, QString& error);
  bool saveConfiguration(const QString& path, QString& error) const;

  // Window geometry from QSettings now, and back into them on close (the interactive app);
  // lessons remember their progress, and are offered on the first start.
  void restoreSettings();
  LessonPanel* lessonPanel() const { return lessons_; }
  QDockWidget* lessonDock() const { return lessonDock_; }
  // Shows the lesson panel: a column beside the charts, or on windows narrower than
  // kLessonColumnWidth a strip above them.
  void showLessons();
  static constexpr int kLessonColumnWidth = 1400;
  // Shows lesson `index` finished by a headless run: its snapshot and its conclusion.
  void showFinishedLesson(int index, const SnapshotPtr& snapshot, const QJsonObject& remembered);

  // Recording an animation (main_window_recording.cpp). The dialog for the chart with this
  // object name, or for the whole dashboard (""); then the recording, until stopped.
  void recordAnimation(const QString& chart = QString());
  AnimationRecorder* recorder() const { return recorder_; }
  // One frame's picture, before its step is written on it: the chart with this object name at
  // `size` (empty: its size on screen), or the whole dashboard as laid out; null if there is no
  // such chart.
  QImage animationPicture(const QString& chart, QSize size, qreal scale) const override;
  std::optional<qint64> lessonStop() const override;
  // Whether the user has training playing (the Play/Pause button), and setting it.
  bool playing() const { return session_.playing(); }
  void setPlaying(bool on);

  // Draws a frame around the widget with this object name (a chart or control), bringing it into
  // view; "" removes the frame.
  void highlight(const QString& name);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  // The views around `dashboard` and the actions that choose one (main_window_views.cpp).
  QWidget* buildViews(QWidget* dashboard);
  // Draws the shown snapshot in the view shown, if it is not the dashboard.
  void drawShownView();
  void buildMenus();
  void buildToolBar();
  void buildLessons(QMenu* help);
  // File → Record animation, its toolbar button and the status bar's recording indicator.
  void buildRecording(QMenu* file);
  void recordingEnded(bool ok, const QString& message, const QString& note);
  // Every chart's step axis on a log scale, or back (View → Log-scale step axis).
  void applyLogSteps(bool on);
  void offerLessons();
  // The controls' configuration, with the View menu's measures (landscape probe, gradient shift).
  ExperimentConfig currentConfig() const;
  void chooseConfigurationToOpen();
  // Trains on the MNIST-format folder or CSV file at `path` (rebuilds from step 0).
  void useData(DataSource source, const QString& path);
  void chooseConfigurationToSave();
  void openRecent(const QString& path);
  void rememberRecent(const QString& path);
  void updateRecentMenu();
  void connectChart(plot::PlotWidget* chart);
  void rebuild();
  void rebuildLayerPanels(const std::vector<int>& units);
  void togglePlay();

  void updateStatus(const Snapshot& snap);

  LabSession session_;
  ControlPanel* controls_;
  QWidget* controlScroll_;
  QMenu* noiseLayerMenu_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  ExportActions* exportActions_ = nullptr;
  AnimationRecorder* recorder_ = nullptr;
  QAction* recordAction_ = nullptr;
  QWidget* recordingIndicator_ = nullptr;
  QLabel* recordingLabel_ = nullptr;
  bool persistent_ = false;  // window geometry saved on close
  // The View menu's measures; their intervals when the configuration gives none.
  MeasureAction* landscapeProbe_ = nullptr;
  static constexpr int kLandscapeEvery = 50;
  MeasureAction* gradientShift_ = nullptr;
  static constexpr int kGradientShiftEvery = 10;
  // The measures' switches and intervals as `config` sets them.
  void showMeasures(const ExperimentConfig& config);
  // The first of the configuration's warnings (ExperimentConfig::warnings) in the status bar.
  void showWarnings();
  MetricsPanel* metrics_;
  QWidget* top_;  // the caption and the metrics strip
  QWidget* layersHost_;
  QVBoxLayout* layersLayout_;
  std::vector<LayerPanel*> layerPanels_;
  LessonPanel* lessons_ = nullptr;
  QDockWidget* lessonDock_ = nullptr;
  QAction* leaveLesson_ = nullptr;
  QAction* logSteps_ = nullptr;
  QPointer<HighlightFrame> highlight_;
  QString highlightedName_;  // what the lesson points at now
  QStackedWidget* views_ = nullptr;
  AllLayersView* allLayers_ = nullptr;
  FigureOneView* figureOne_ = nullptr;
  QActionGroup* viewActions_ = nullptr;
  QTimer redrawTimer_;
  QLabel* stepLabel_;
  QLabel* rateLabel_;
  QLabel* lossLabel_;
  QLabel* warningLabel_;
  QLabel* caption_;  // LabSession::caption(): what the experiment shows and what to look at
};

}  // namespace bnlab
