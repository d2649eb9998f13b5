#pragma once
// The left-hand controls. A change to a live row of the settings table (batch size, learning
// rate, optimizer, dropout) emits liveSettingChanged and applies to the running network; data and
// architecture changes ask for a rebuild (architectureChanged). Showing a configuration
// (setConfig) emits neither.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSpinBox>
#include <QWidget>

#include "experiment/experiment_config.h"
#include "panels/setting_controls.h"
#include "panels/value_slider.h"

namespace bnlab {

class ControlPanel : public QWidget {
  Q_OBJECT
 public:
  // The dataset box's entries beyond the toy sets (their item data; toy sets use ToyKind).
  static constexpr int kFashionMnist = 100, kMnistFolder = 101, kCsvFile = 102;
  // The mode box's entries: the twins, one network with its live switch, or a list of runs
  // from a file or the command line.
  enum class RunsMode { Compare, One, Custom };

  explicit ControlPanel(QWidget* parent = nullptr);

  // The configuration the controls show.
  ExperimentConfig config() const;
  void setConfig(const ExperimentConfig& config);
  int speed() const;
  void setRunning(bool running);
  // Emits perturbRequested with the chosen layer and amount.
  void requestPerturb();
  // Trains `runs` from now on (the mode box shows them); rebuilds when they differ.
  void setRuns(const std::vector<RunSpec>& runs);

  // For tests and shortcuts.
  QCheckBox* batchNormSwitch() const { return batchNorm_; }
  ValueSlider* batchSizeSlider() const { return batchSize_; }
  ValueSlider* learningRateSlider() const { return learningRate_; }
  ValueSlider* dropoutSlider() const { return dropout_; }
  ValueSlider* speedSlider() const { return speed_; }
  QSpinBox* layersSpin() const { return layers_; }
  QSpinBox* unitsSpin() const { return units_; }
  QComboBox* datasetCombo() const { return dataset_; }
  QComboBox* modeCombo() const { return mode_; }
  // Whether the batch-norm switch applies live: one run, batch norm on or off.
  bool liveSwitch() const;
  QPushButton* editRunsButton() const { return editRuns_; }
  // The controls bound to rows of the settings table.
  const SettingControls& settingControls() const { return settings_; }

 signals:
  void architectureChanged();
  void batchNormToggled(bool enabled);
  // A control of a live row changed: config() holds its new value.
  void liveSettingChanged(const Setting& row);
  void speedChanged(int stepsPerSecond);
  void playPauseClicked();
  void stepClicked();
  void resetClicked();
  // Kick W of hidden layer `layer` (0-based) by `relative` × its RMS, in every run.
  void perturbRequested(int layer, double relative);
  // Edit runs… was pressed: the window opens the run-list dialog, which calls setRuns.
  void editRunsRequested();

 private:
  QWidget* buildDataGroup();
  QWidget* buildNetworkGroup();
  QWidget* buildTrainingGroup();
  QWidget* buildRunButtons();
  QWidget* buildPerturbGroup();
  void updateDatasetControls();
  void showDataSource(const DataConfig& data);
  // The mode box's entry for `runs` and the batch-norm switch's state.
  void showRuns(const std::vector<RunSpec>& runs);
  // A change by the user or a program: a bound control's row applies live or rebuilds; any other
  // control rebuilds. Ignored while setConfig shows a configuration.
  void settingChanged(const Setting& row);
  void controlChanged();

  QComboBox* dataset_;
  QSpinBox* classes_;
  ValueSlider* noise_;
  QSpinBox* size_;
  QSpinBox* labelColumn_;
  QSpinBox* seed_;
  QCheckBox* unevenScales_;
  QCheckBox* standardize_;
  ValueSlider* testShift_;
  QSpinBox* layers_;
  QSpinBox* units_;
  QComboBox* activation_;
  QComboBox* init_;
  QDoubleSpinBox* initSigma_;
  QComboBox* mode_;
  QPushButton* editRuns_;
  QCheckBox* batchNorm_;
  QSpinBox* perturbLayer_;
  ValueSlider* perturbAmount_;
  ValueSlider* batchSize_;
  ValueSlider* learningRate_;
  QComboBox* optimizer_;
  ValueSlider* dropout_;
  ValueSlider* speed_;
  QPushButton* play_;
  SettingControls settings_;
  ExperimentConfig base_;  // fields without a control keep these values
  bool showing_ = false;   // setConfig is at work: the controls' changes are not the user's
};

}  // namespace bnlab
