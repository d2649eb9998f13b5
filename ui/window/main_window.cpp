#include "window/main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QIcon>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

#include "dialogs/help_dialogs.h"
#include "dialogs/run_list_dialog.h"
#include "recording/animation_recorder.h"
#include "render/plot_renderer.h"
#include "report/chart_files.h"
#include "report/summary_json.h"
#include "session/run_caption.h"
#include "session/shown_text.h"

namespace bnlab {

MainWindow::MainWindow(const ExperimentConfig& config, Start start, QWidget* parent)
    : QMainWindow(parent), session_(config, start == Start::Viewer) {
  setWindowTitle(tr("BatchNorm Lab"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/bnlab.svg")));

  controls_ = new ControlPanel;
  controls_->setConfig(config);
  auto* controlScroll = new QScrollArea;
  controlScroll_ = controlScroll;
  controlScroll->setWidget(controls_);
  controlScroll->setWidgetResizable(true);
  controlScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  controlScroll->setMinimumWidth(controls_->sizeHint().width() + 24);
  controlScroll->setMaximumWidth(controlScroll->minimumWidth());  // the charts take the rest

  metrics_ = new MetricsPanel;
  layersHost_ = new QWidget;
  layersLayout_ = new QVBoxLayout(layersHost_);
  layersLayout_->setContentsMargins(0, 0, 0, 0);
  layersLayout_->setSpacing(6);
  auto* layerScroll = new QScrollArea;
  layerScroll->setObjectName(QStringLiteral("layers"));
  layerScroll->setWidget(layersHost_);
  layerScroll->setWidgetResizable(true);

  caption_ = new QLabel(session_.caption());
  caption_->setWordWrap(true);
  caption_->setMinimumWidth(1);  // the window's size, not the caption's words, sets its width
  caption_->setContentsMargins(8, 2, 8, 2);
  caption_->setStyleSheet(QStringLiteral("background: #fff8e1; color: #3c4043;"));
  auto* top = new QWidget;
  top_ = top;
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  topLayout->setSpacing(0);
  topLayout->addWidget(caption_);
  topLayout->addWidget(metrics_, 1);
  auto* centre = new QSplitter(Qt::Vertical);
  centre->addWidget(top);
  centre->addWidget(layerScroll);
  centre->setStretchFactor(0, 0);
  centre->setStretchFactor(1, 1);
  centre->setSizes({270, 730});
  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(controlScroll);
  split->addWidget(buildViews(centre));
  split->setStretchFactor(1, 1);
  setCentralWidget(split);

  stepLabel_ = new QLabel;
  rateLabel_ = new QLabel;
  lossLabel_ = new QLabel;
  warningLabel_ = new QLabel;
  warningLabel_->setStyleSheet(QStringLiteral("color: #b3261e;"));
  for (QLabel* label : {stepLabel_, rateLabel_, lossLabel_})
    label->setContentsMargins(10, 0, 10, 0);
  statusBar()->addWidget(warningLabel_, 1);
  statusBar()->addPermanentWidget(lossLabel_);
  statusBar()->addPermanentWidget(rateLabel_);
  statusBar()->addPermanentWidget(stepLabel_);
  exportActions_ = new ExportActions(this, [this] { return exportJob(); });
  connect(exportActions_, &ExportActions::message, this,
          [this](const QString& text) { statusBar()->showMessage(text, 6000); });
  for (plot::PlotWidget* chart : metrics_->plots()) connectChart(chart);
  buildMenus();
  buildToolBar();

  connect(controls_, &ControlPanel::architectureChanged, this, &MainWindow::rebuild);
  connect(controls_, &ControlPanel::resetClicked, this, &MainWindow::rebuild);
  connect(controls_, &ControlPanel::playPauseClicked, this, &MainWindow::togglePlay);
  connect(controls_, &ControlPanel::stepClicked, &session_, &LabSession::stepOnce);
  connect(controls_, &ControlPanel::batchNormToggled, this, [this](bool on) {
    session_.apply(SetBatchNorm{on});
    showWarnings();
  });
  connect(controls_, &ControlPanel::liveSettingChanged, this, [this](const Setting& row) {
    session_.apply(SetSetting::of(row, controls_->config()));
    showWarnings();
  });
  connect(controls_, &ControlPanel::speedChanged, &session_.controller(),
          &TrainingController::setSpeed);
  connect(metrics_, &MetricsPanel::pointChosen, this, [this](double x, double y) {
    session_.apply(ChoosePoint{x, y});
  });
  connect(controls_, &ControlPanel::editRunsRequested, this, [this] {
    auto* dialog = new RunListDialog(controls_->config().runs, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, controls_,
            [this, dialog] { controls_->setRuns(dialog->runs()); });
    dialog->open();
  });
  connect(controls_, &ControlPanel::perturbRequested, this, [this](int layer, double relative) {
    session_.apply(Perturb{layer, relative});
  });
  connect(&session_, &LabSession::failed, warningLabel_, &QLabel::setText);
  connect(&session_, &LabSession::captionChanged, caption_, &QLabel::setText);
  connect(&session_, &LabSession::stallChanged, this, &MainWindow::showWarnings);
  connect(&session_, &LabSession::playingChanged, controls_, &ControlPanel::setRunning);
  connect(&session_, &LabSession::endReached, this, [this](qint64 step) {
    statusBar()->showMessage(
        tr("Paused at step %1, the end of this experiment; Play goes on.").arg(step), 8000);
  });

  redrawTimer_.setInterval(33);
  connect(&redrawTimer_, &QTimer::timeout, this, &MainWindow::redraw);
  if (!session_.viewer()) redrawTimer_.start();

  session_.controller().setSpeed(controls_->speed());
  rebuild();
  if (start == Start::Playing) togglePlay();
  const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1440, 900);
  resize(std::clamp(available.width() * 9 / 10, std::min(1280, available.width()), 1800),
         std::clamp(available.height() * 9 / 10, std::min(800, available.height()), 1150));
}

MainWindow::~MainWindow() {
  recorder_->stopAndWait();  // a recording in progress is saved, while training still runs
  session_.controller().shutdown();
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open configuration…"), QKeySequence::Open, this,
                  &MainWindow::chooseConfigurationToOpen);
  recentMenu_ = file->addMenu(tr("Open &recent"));
  updateRecentMenu();
  file->addAction(tr("&Save configuration…"), QKeySequence::Save, this,
                  &MainWindow::chooseConfigurationToSave);
  file->addSeparator();
  file->addAction(tr("Open &MNIST-format folder…"), this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Folder of MNIST-format files (train-images-idx3-ubyte[.gz], …)"),
        QSettings().value(QStringLiteral("files/lastDataFolder"), QDir::homePath()).toString());
    if (!folder.isEmpty()) useData(DataSource::Mnist, folder);
  });
  file->addAction(tr("Open &CSV data…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("CSV table: one example a row, the labels in one column"),
        QSettings().value(QStringLiteral("files/lastDataFolder"), QDir::homePath()).toString(),
        tr("CSV (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty()) useData(DataSource::Csv, path);
  });
  file->addSeparator();
  file->addAction(tr("&Export all charts…"), QKeySequence(Qt::CTRL | Qt::Key_E), exportActions_,
                  &ExportActions::exportAllInteractive);
  buildRecording(file);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* training = menuBar()->addMenu(tr("&Training"));
  training->addAction(tr("&Play / pause"), QKeySequence(Qt::Key_Space), this,
                      &MainWindow::togglePlay);
  training->addAction(tr("&Step once"), QKeySequence(Qt::Key_S), controls_,
                      &ControlPanel::stepClicked);
  training->addAction(tr("&Reset"), QKeySequence(Qt::Key_R), this, &MainWindow::rebuild);
  training->addAction(tr("&Kick the chosen layer's weights"), QKeySequence(Qt::Key_K), controls_,
                      &ControlPanel::requestPerturb);
  QAction* bn = training->addAction(tr("Toggle &batch norm"), QKeySequence(Qt::Key_B));
  connect(bn, &QAction::triggered, this, [this] {
    if (QCheckBox* on = controls_->batchNormSwitch(); on->isEnabled()) on->toggle();
  });

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addActions(viewActions_->actions());
  view->addSeparator();
  QMenu* quantity = view->addMenu(tr("Every layer shows"));
  const std::pair<QString, Quantity> quantities[] = {
      {tr("Activation input (Z̃ or Z)"), Quantity::ActivationInput},
      {tr("Pre-norm Z"), Quantity::PreNorm},
      {tr("Activation output A"), Quantity::Output}};
  for (const auto& [label, q] : quantities) {
    quantity->addAction(label, this, [this, q = q] {
      for (LayerPanel* panel : layerPanels_)
        panel->quantityCombo()->setCurrentIndex(panel->quantityCombo()->findData(int(q)));
      session_.forgetTaken();
    });
  }
  noiseLayerMenu_ = view->addMenu(tr("Batch noise from layer"));
  landscapeProbe_ =
      new MeasureAction(tr("&Loss-landscape probe (every %1 steps)"), kLandscapeEvery, this);
  gradientShift_ = new MeasureAction(tr("&Gradient shift from earlier layers (every %1 steps)"),
                                     kGradientShiftEvery, this);
  gradientShift_->setStatusTip(
      tr("Internal covariate shift as Santurkar et al. (2018) measure it: how much each layer's "
         "gradient changes when the earlier layers take their step"));
  view->addActions({landscapeProbe_, gradientShift_});
  showMeasures(session_.config());
  connect(landscapeProbe_, &QAction::toggled, this, [this] {
    session_.apply(SetSetting{"measure.landscapeEvery", std::int64_t(landscapeProbe_->every())});
  });
  connect(gradientShift_, &QAction::toggled, this, [this] {
    session_.apply(SetSetting{"measure.gradientShiftEvery", std::int64_t(gradientShift_->every())});
  });
  QAction* showControls = view->addAction(tr("Show &controls"));
  showControls->setCheckable(true);
  showControls->setChecked(true);
  showControls->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
  connect(showControls, &QAction::toggled, controlScroll_, &QWidget::setVisible);
  logSteps_ = view->addAction(tr("&Log-scale step axis"));
  logSteps_->setCheckable(true);
  logSteps_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
  logSteps_->setStatusTip(
      tr("Charts over steps on a log scale: the first hundreds of steps as wide as the thousands "
         "after"));
  connect(logSteps_, &QAction::toggled, this, [this](bool on) { applyLogSteps(on); });
  view->addAction(tr("&Full screen"), QKeySequence::FullScreen, this,
                  [this] { isFullScreen() ? showNormal() : showFullScreen(); });

  QMenu* presets = menuBar()->addMenu(tr("&Presets"));
  for (const Preset& preset : builtInPresets()) {
    QAction* action =
        presets->addAction(preset.name, this, [this, preset] { applyPreset(preset); });
    action->setToolTip(preset.description);
    action->setStatusTip(preset.description);
  }
  presets->setToolTipsVisible(true);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&What am I looking at?"), QKeySequence::HelpContents, this,
                  [this] { showWhatAmILookingAt(this); });
  buildLessons(help);
  help->addSeparator();
  help->addAction(tr("&About BatchNorm Lab"), this, [this] { showAboutBox(this); });
}

void MainWindow::buildToolBar() {
  QToolBar* bar = addToolBar(tr("File"));
  bar->setObjectName(QStringLiteral("fileToolBar"));
  bar->setMovable(false);
  bar->setIconSize({18, 18});
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  QAction* open = bar->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open…"),
                                 this, &MainWindow::chooseConfigurationToOpen);
  open->setToolTip(tr("Open a configuration file (JSON) — Ctrl+O"));
  QAction* save = bar->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("Save…"),
                                 this, &MainWindow::chooseConfigurationToSave);
  save->setToolTip(tr("Save the current configuration as JSON — Ctrl+S"));
  bar->addSeparator();
  QAction* exportAll =
      bar->addAction(style()->standardIcon(QStyle::SP_DriveHDIcon), tr("Export all…"),
                     exportActions_, &ExportActions::exportAllInteractive);
  exportAll->setToolTip(
      tr("Every chart as PNG, SVG and CSV, a picture of the dashboard, the "
         "configuration and a summary — Ctrl+E. One chart: its ⭳ button or "
         "right-click."));
  bar->addAction(recordAction_);
  bar->addSeparator();
  bar->addActions(viewActions_->actions());
}

ExperimentConfig MainWindow::currentConfig() const {
  ExperimentConfig config = controls_->config();
  config.landscapeEvery = landscapeProbe_->every();
  config.gradientShiftEvery = gradientShift_->every();
  return config;
}

void MainWindow::rebuild() {
  if (recorder_) recorder_->trainingRebuilt();
  const std::vector<std::string> errors = session_.configure(currentConfig());
  if (!errors.empty()) {
    warningLabel_->setText(QString::fromStdString(errors.front()));
    return;
  }
  showWarnings();
  rebuildLayerPanels(session_.config().network.hiddenUnits);
  if (!session_.viewer()) statusBar()->showMessage(tr("Network rebuilt from step 0"), 2500);
}

void MainWindow::rebuildLayerPanels(const std::vector<int>& units) {
  for (LayerPanel* panel : layerPanels_) panel->deleteLater();
  layerPanels_.clear();
  noiseLayerMenu_->clear();
  for (int l = 0; l < int(units.size()); ++l)
    noiseLayerMenu_->addAction(tr("Layer %1").arg(l + 1), this, [this, l] {
      session_.apply(SetBatchNoiseTarget{l, 0});
    });
  for (std::size_t l = 0; l < units.size(); ++l) {
    auto* panel = new LayerPanel(int(l), units[l], layersHost_);
    for (plot::PlotWidget* chart : panel->plots()) connectChart(chart);
    connect(panel, &LayerPanel::focusChanged, this, [this](int layer, DistributionFocus focus) {
      session_.apply(SetFocus{layer, focus});
    });
    layersLayout_->addWidget(panel);
    layerPanels_.push_back(panel);
  }
  allLayers_->setLayers(int(units.size()));
  for (plot::PlotWidget* chart : allLayers_->plots()) connectChart(chart);
  session_.forgetTaken();
}

QString MainWindow::warningText() const { return warningLabel_->text(); }

void MainWindow::showMeasures(const ExperimentConfig& config) {
  landscapeProbe_->showEvery(config.landscapeEvery);
  gradientShift_->showEvery(config.gradientShiftEvery);
}

void MainWindow::applyPreset(const Preset& preset) {
  controls_->setConfig(preset.config);
  if (preset.speed) controls_->speedSlider()->setValue(*preset.speed);
  showMeasures(preset.config);
  rebuild();
  showCaption(preset);
}

void MainWindow::showCaption(const Preset& preset) {
  if (!preset.tab.isEmpty()) metrics_->showTab(preset.tab);
  session_.describeAs(preset);
}

void MainWindow::togglePlay() { setPlaying(!session_.playing()); }

void MainWindow::setPlaying(bool on) {
  // A recording that holds training at a frame's step resumes it once the frame is taken.
  session_.setPlaying(on, recorder_ && recorder_->holdsTraining());
}

void MainWindow::redraw() {
  if (SnapshotPtr snap = session_.takeNewest()) showSnapshot(std::move(snap));
}

void MainWindow::applyLogSteps(bool on) {
  for (plot::PlotWidget* chart : findChildren<plot::PlotWidget*>())
    if (chart->logSteps() != on) chart->setLogSteps(on);
}

void MainWindow::showSnapshot(SnapshotPtr snapshot) {
  if (!snapshot) return;
  if (logSteps_ && logSteps_->isChecked()) applyLogSteps(true);  // charts made since
  const Snapshot& snap = *snapshot;
  if (snap.runs.empty() || snap.runs.front().layers.size() != layerPanels_.size()) return;
  session_.show(std::move(snapshot));
  metrics_->showSnapshot(snap);
  for (LayerPanel* panel : layerPanels_) panel->showSnapshot(snap);
  drawShownView();
  updateStatus(snap);
  if (lessons_) lessons_->showSnapshot(session_.shown());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (persistent_) QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
  // A recording in progress is saved; if it cannot be, the user hears of it before the window
  // goes.
  if (const QString error = recorder_->stopAndWait(); !error.isEmpty())
    QMessageBox::warning(this, tr("Animation not saved"), error);
  redrawTimer_.stop();
  session_.controller().shutdown();
  event->accept();
}

}  // namespace bnlab
