#pragma once
// The main window only assembles panels and wires them to the training controller: controls on
// the left, metrics across the top, one panel per hidden layer below, a status bar. It redraws
// from the newest snapshot on its own ~30 Hz clock.
#include <QLabel>
#include <QMainWindow>
#include <QTimer>
#include <QVBoxLayout>
#include <vector>

#include "config_json.h"
#include "control_panel.h"
#include "layer_panel.h"
#include "metrics_panel.h"
#include "training_controller.h"

namespace bnlab {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const ExperimentConfig& config = ExperimentConfig{}, bool autoplay = true,
                      QWidget* parent = nullptr);
  ~MainWindow() override;

  TrainingController& controller() { return controller_; }
  ControlPanel* controls() const { return controls_; }
  MetricsPanel* metrics() const { return metrics_; }
  const std::vector<LayerPanel*>& layerPanels() const { return layerPanels_; }
  // Draws the newest snapshot now (the redraw timer calls this ~30 times a second).
  void redraw();
  // Puts `snapshot` into every panel (their charts repaint on the next paint event).
  void showSnapshot(const Snapshot& snapshot);
  // Loads a preset into the controls, rebuilds, and shows its description as the caption.
  void applyPreset(const Preset& preset);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void rebuild();
  void rebuildLayerPanels(const std::vector<int>& units);
  void togglePlay();

  void updateStatus(const Snapshot& snap);
  void showAbout();
  void showHelp();

  ExperimentConfig config_;
  TrainingController controller_;
  ControlPanel* controls_;
  QWidget* controlScroll_;
  QMenu* noiseLayerMenu_ = nullptr;
  QAction* landscapeProbe_ = nullptr;
  static constexpr int kLandscapeEvery = 50;
  MetricsPanel* metrics_;
  QWidget* layersHost_;
  QVBoxLayout* layersLayout_;
  std::vector<LayerPanel*> layerPanels_;
  QTimer redrawTimer_;
  quint64 drawnGeneration_ = 0;
  bool wantRunning_ = false;
  QLabel* stepLabel_;
  QLabel* rateLabel_;
  QLabel* lossLabel_;
  QLabel* warningLabel_;
  QLabel* caption_;  // what the current experiment (a preset) shows and what to look at
};

}  // namespace bnlab
