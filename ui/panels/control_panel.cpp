#include "panels/control_panel.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QRandomGenerator>
#include <QScopedValueRollback>
#include <QVBoxLayout>
#include <algorithm>

#include "session/training_worker.h"

namespace bnlab {

namespace {

QString formatNumber(double v) { return QString::number(v, 'g', 3); }

const QVector<double> kBatchSizes{1, 2, 4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512};
const QVector<double> kSpeeds{5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, kFullSpeed};

}  // namespace

ControlPanel::ControlPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(buildRunButtons());
  layout->addWidget(buildTrainingGroup());
  layout->addWidget(buildPerturbGroup());
  layout->addWidget(buildNetworkGroup());
  layout->addWidget(buildDataGroup());
  layout->addStretch(1);
  connect(&settings_, &SettingControls::changed, this, &ControlPanel::settingChanged);
  setConfig(ExperimentConfig{});
  speed_->setValue(100);  // slow enough to watch the first hundreds of steps form
}

QWidget* ControlPanel::buildRunButtons() {
  auto* box = new QWidget(this);
  auto* row = new QHBoxLayout(box);
  row->setContentsMargins(0, 0, 0, 0);
  play_ = new QPushButton(tr("Play"), box);
  play_->setToolTip(tr("Start or pause training (Space)"));
  auto* step = new QPushButton(tr("Step"), box);
  step->setToolTip(tr("Pause and train exactly one mini-batch (S)"));
  auto* reset = new QPushButton(tr("Reset"), box);
  reset->setToolTip(
      tr("Start again from new initial weights drawn with the same seed, at step 0 (R)"));
  row->addWidget(play_, 2);
  row->addWidget(step, 1);
  row->addWidget(reset, 1);
  connect(play_, &QPushButton::clicked, this, &ControlPanel::playPauseClicked);
  connect(step, &QPushButton::clicked, this, &ControlPanel::stepClicked);
  connect(reset, &QPushButton::clicked, this, &ControlPanel::resetClicked);
  return box;
}

QWidget* ControlPanel::buildTrainingGroup() {
  auto* group = new QGroupBox(tr("Training"), this);
  auto* form = new QFormLayout(group);
  mode_ = new QComboBox(group);
  mode_->setSizeAdjustPolicy(QComboBox::AdjustToContents);  // every entry whole
  mode_->addItem(tr("Compare: plain vs batch norm"), int(RunsMode::Compare));
  mode_->addItem(tr("One network"), int(RunsMode::One));
  mode_->setToolTip(
      tr("Compare trains a plain network and its batch-norm twin side by side, from "
         "the same initial weights on the same mini-batches (orange: plain, blue: "
         "batch norm). One network has a live batch norm switch. Rebuilds."));
  editRuns_ = new QPushButton(tr("Edit runs…"), group);
  editRuns_->setToolTip(tr("Build a list of up to %1 runs trained side by side: each with its "
                           "normalization and, if you like, its own batch size, dropout and name. "
                           "Rebuilds.")
                            .arg(kMaxRuns));
  // The button under the box, so that the column stays narrow enough for a small window.
  auto* editRow = new QHBoxLayout;
  editRow->addWidget(editRuns_);
  editRow->addStretch(1);
  form->addRow(tr("Mode"), mode_);
  form->addRow(QString(), editRow);
  connect(editRuns_, &QPushButton::clicked, this, &ControlPanel::editRunsRequested);
  batchNorm_ = new QCheckBox(tr("Batch norm on every hidden layer"), group);
  batchNorm_->setToolTip(
      tr("Normalize each unit's Z over the mini-batch, then scale by γ and shift by β. Switching "
         "keeps W; the switch is marked on every chart over steps."));
  batchSize_ =
      settings_.bind("training.batchSize",
                     new ValueSlider(
                         kBatchSizes, [](double v) { return QString::number(int(v)); }, group));
  batchSize_->setObjectName(QStringLiteral("controls-batch-size"));
  learningRate_ = settings_.bind(
      "training.learningRate",
      new ValueSlider(ValueSlider::logScale(1e-4, settingRow("training.learningRate").range.max),
                      formatNumber, group));
  optimizer_ = settings_.bind("training.optimizer", new QComboBox(group));
  dropout_ = settings_.bind("network.dropout", new ValueSlider({0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3,
                                                                0.4, 0.5, 0.6, 0.7, 0.8, 0.9},
                                                               formatNumber, group));
  speed_ = new ValueSlider(
      kSpeeds, [](double v) { return v == kFullSpeed ? tr("full") : tr("%1/s").arg(v); }, group);
  speed_->setToolTip(
      tr("Training steps per second: slow motion to watch single updates, or as "
         "fast as this machine goes."));
  form->addRow(batchNorm_);
  form->addRow(tr("Batch size"), batchSize_);
  form->addRow(tr("Learning rate"), learningRate_);
  form->addRow(tr("Optimizer"), optimizer_);
  form->addRow(tr("Dropout"), dropout_);
  form->addRow(tr("Speed"), speed_);
  connect(batchNorm_, &QCheckBox::toggled, this, [this](bool on) {
    if (!showing_) emit batchNormToggled(on);
  });
  connect(mode_, &QComboBox::currentIndexChanged, this, [this] {
    batchNorm_->setEnabled(liveSwitch());
    controlChanged();
  });
  connect(speed_, &ValueSlider::valueChanged, this,
          [this](double v) { emit speedChanged(int(v)); });
  return group;
}

QWidget* ControlPanel::buildPerturbGroup() {
  auto* group = new QGroupBox(tr("Perturb an earlier layer"), this);
  group->setObjectName(QStringLiteral("controls-kick"));
  auto* form = new QFormLayout(group);
  perturbLayer_ = new QSpinBox(group);
  perturbLayer_->setRange(1, NetworkConfig::kMaxDepth);
  perturbLayer_->setToolTip(tr("The hidden layer whose weights W get the kick."));
  perturbAmount_ =
      new ValueSlider({0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0}, formatNumber, group);
  perturbAmount_->setValue(0.5);
  perturbAmount_->setToolTip(
      tr("Size of the kick: Gaussian noise with this σ relative to the "
         "weights' root-mean-square, the same noise in every run."));
  auto* kick = new QPushButton(tr("Kick W"), group);
  kick->setToolTip(
      tr("Add the noise to W now (K), and watch how far the later layers' "
         "distributions move with and without batch norm."));
  form->addRow(tr("Layer"), perturbLayer_);
  form->addRow(tr("Amount"), perturbAmount_);
  form->addRow(kick);
  connect(kick, &QPushButton::clicked, this, &ControlPanel::requestPerturb);
  return group;
}

QWidget* ControlPanel::buildNetworkGroup() {
  auto* group = new QGroupBox(tr("Network (changes rebuild it)"), this);
  auto* form = new QFormLayout(group);
  layers_ = new QSpinBox(group);
  layers_->setRange(1, NetworkConfig::kMaxDepth);
  layers_->setToolTip(
      tr("Number of hidden layers, each Dense → [batch norm] → activation → [dropout]."));
  units_ = new QSpinBox(group);
  const SettingRange widths = settingRow("network.hiddenLayers").range;
  units_->setRange(int(widths.min), int(widths.max));
  units_->setToolTip(
      tr("Units in every hidden layer, %1.").arg(QString::fromStdString(widths.text(true))));
  activation_ = settings_.bind("network.activation", new QComboBox(group));
  init_ = settings_.bind("network.init", new QComboBox(group));
  initSigma_ = new QDoubleSpinBox(group);
  initSigma_->setDecimals(4);
  initSigma_->setSingleStep(0.01);
  settings_.bind("network.initSigma", initSigma_);
  auto* noiseSpread = new QDoubleSpinBox(group);
  noiseSpread->setDecimals(2);
  noiseSpread->setSingleStep(0.05);
  settings_.bind("network.noiseSpread", noiseSpread);
  auto* groups = settings_.bind("network.groups", new QSpinBox(group));
  form->addRow(tr("Hidden layers"), layers_);
  form->addRow(tr("Units per layer"), units_);
  form->addRow(tr("Activation"), activation_);
  form->addRow(tr("Initialization"), init_);
  form->addRow(tr("Init σ"), initSigma_);
  form->addRow(tr("Noise spread"), noiseSpread);
  form->addRow(tr("Groups"), groups);
  for (QSpinBox* spin : {layers_, units_})
    connect(spin, &QSpinBox::valueChanged, this, &ControlPanel::controlChanged);
  connect(init_, &QComboBox::currentIndexChanged, this, &ControlPanel::updateDatasetControls);
  return group;
}

QWidget* ControlPanel::buildDataGroup() {
  auto* group = new QGroupBox(tr("Data (changes rebuild the network)"), this);
  auto* form = new QFormLayout(group);
  dataset_ = new QComboBox(group);
  // The toy sets by name (item data: ToyKind), then the other sources.
  for (std::string_view name : toyNames())
    dataset_->addItem(QString::fromUtf8(name.data(), qsizetype(name.size())),
                      int(*toyFromName(name)));
  dataset_->addItem(tr("Fashion-MNIST (28×28)"), kFashionMnist);
  // A long folder or file name is elided (its path is the entry's tooltip) rather than widening
  // the column.
  dataset_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  dataset_->setMinimumContentsLength(20);
  dataset_->setToolTip(settingToolTip(settingRow("data.dataset")));
  labelColumn_ = settings_.bind("data.labelColumn", new QSpinBox(group));
  labelColumn_->setSpecialValueText(tr("last"));
  classes_ = settings_.bind("data.classes", new QSpinBox(group));
  noise_ = settings_.bind("data.noise", new ValueSlider({0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15,
                                                         0.2, 0.3, 0.5, 0.75, 1.0},
                                                        formatNumber, group));
  size_ = settings_.bind("data.size", new QSpinBox(group));
  size_->setSingleStep(100);
  // One seed for data and training (a file's own data seed stands until this one moves).
  seed_ = new QSpinBox(group);
  const Setting& seed = settingRow("training.seed");
  seed_->setRange(int(seed.range.min), int(seed.range.max));
  seed_->setToolTip(settingToolTip(seed));
  auto* regenerate = new QPushButton(tr("New seed"), group);
  regenerate->setToolTip(tr("Draw a new seed: new data, new initial weights, from step 0."));
  auto* seedRow = new QHBoxLayout;
  seedRow->addWidget(seed_, 1);
  seedRow->addWidget(regenerate);
  unevenScales_ = settings_.bind("data.unevenScales",
                                 new QCheckBox(tr("Uneven scales (x₁ × 200, x₂ × 0.02)"), group));
  standardize_ = settings_.bind("data.standardize", new QCheckBox(tr("Standardize inputs"), group));
  standardize_->setObjectName(QStringLiteral("controls-standardize"));
  form->addRow(tr("Dataset"), dataset_);
  form->addRow(tr("Label column"), labelColumn_);
  form->addRow(tr("Classes"), classes_);
  form->addRow(tr("Noise"), noise_);
  form->addRow(tr("Examples"), size_);
  form->addRow(tr("Seed"), seedRow);
  testShift_ =
      settings_.bind("data.testShift",
                     new ValueSlider({0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3}, formatNumber, group));
  form->addRow(unevenScales_);
  form->addRow(standardize_);
  form->addRow(tr("Test-input shift"), testShift_);
  connect(dataset_, &QComboBox::currentIndexChanged, this, &ControlPanel::updateDatasetControls);
  connect(dataset_, &QComboBox::currentIndexChanged, this, &ControlPanel::controlChanged);
  connect(seed_, &QSpinBox::valueChanged, this, &ControlPanel::controlChanged);
  connect(regenerate, &QPushButton::clicked, this,
          [this] { seed_->setValue(int(QRandomGenerator::global()->bounded(1, 999999))); });
  return group;
}

void ControlPanel::updateDatasetControls() {
  perturbLayer_->setMaximum(layers_->value());
  const int key = dataset_->currentData().toInt();
  const bool toy = key < kFashionMnist;
  const auto kind = ToyKind(key);
  classes_->setEnabled(toy && (kind == ToyKind::Spiral || kind == ToyKind::Blobs));
  for (QWidget* w : std::initializer_list<QWidget*>{noise_, size_, unevenScales_, testShift_})
    w->setEnabled(toy);
  labelColumn_->setEnabled(key == kCsvFile);
  initSigma_->setEnabled(initFromName(init_->currentData().toString().toStdString()) ==
                         InitKind::Gaussian);
}

ExperimentConfig ControlPanel::config() const {
  ExperimentConfig c = base_;
  const int key = dataset_->currentData().toInt();
  c.data.source = key < kFashionMnist ? DataSource::Toy
                  : key == kCsvFile   ? DataSource::Csv
                                      : DataSource::Mnist;
  if (key < kFashionMnist) c.data.toy.kind = ToyKind(key);
  if (key == kFashionMnist) c.data.path.clear();
  settings_.read(c);
  // One seed control for data and training; a file's separate data seed stands until it moves.
  if (std::uint64_t(seed_->value()) != base_.seed) {
    c.data.toy.seed = std::uint64_t(seed_->value());
    c.seed = std::uint64_t(seed_->value());
  }
  // Widths that differ per layer (from a file) stand until the layer or unit count is changed.
  const auto& loaded = base_.network.hiddenUnits;
  const bool untouched = !loaded.empty() && layers_->value() == int(loaded.size()) &&
                         units_->value() == loaded.front();
  if (!untouched) c.network.hiddenUnits.assign(std::size_t(layers_->value()), units_->value());
  switch (RunsMode(mode_->currentData().toInt())) {
    case RunsMode::Compare:
      c.runs = *runsForBatchNorm("compare");
      break;
    case RunsMode::One:
      c.runs = *runsForBatchNorm(batchNorm_->isChecked() ? "on" : "off");
      break;
    case RunsMode::Custom:
      c.runs = base_.runs;
      if (c.runs.size() == 1) {  // one run of its own (a name, a batch size): the switch is live
        Normalization& kind = c.runs.front().normalization;  // a relative stays itself when on
        if (!batchNorm_->isChecked())
          kind = Normalization::None;
        else if (kind == Normalization::None)
          kind = Normalization::BatchNorm;
      }
      break;
  }
  return c;
}

int ControlPanel::speed() const { return int(speed_->value()); }

void ControlPanel::setConfig(const ExperimentConfig& c) {
  const QScopedValueRollback showing(showing_, true);
  base_ = c;
  showDataSource(c.data);
  settings_.show(c);
  seed_->setValue(int(c.seed));
  layers_->setValue(int(c.network.hiddenUnits.size()));
  units_->setValue(c.network.hiddenUnits.empty() ? 16 : c.network.hiddenUnits.front());
  showRuns(c.runs);
  updateDatasetControls();
  perturbLayer_->setMaximum(std::max(1, int(c.network.hiddenUnits.size())));
}

void ControlPanel::showRuns(const std::vector<RunSpec>& runs) {
  const QSignalBlocker blocker(mode_);
  const std::optional<std::string_view> shorthand = batchNormShorthand(runs);
  const RunsMode mode = !shorthand                ? RunsMode::Custom
                        : *shorthand == "compare" ? RunsMode::Compare
                                                  : RunsMode::One;
  if (const int custom = mode_->findData(int(RunsMode::Custom)); custom >= 0)
    mode_->removeItem(custom);
  if (mode == RunsMode::Custom) {
    // A short entry (the box keeps the panel's width); every run by name in its tooltip.
    QStringList names;
    for (const RunSpec& spec : runs) names << QString::fromStdString(runLabel(spec));
    mode_->addItem(tr("%n runs (Edit runs…)", nullptr, int(runs.size())), int(RunsMode::Custom));
    mode_->setItemData(mode_->count() - 1, names.join(QStringLiteral("\n")), Qt::ToolTipRole);
  }
  mode_->setCurrentIndex(mode_->findData(int(mode)));
  batchNorm_->setChecked(runs.size() == 1 && runs.front().normalization != Normalization::None);
  batchNorm_->setEnabled(liveSwitch());
  // A setting that only some kinds read (normalization.h) is offered while a run has one.
  for (const NormalizationInfo& kind : normalizations()) {
    const auto reads = [&](const RunSpec& run) {
      return normalizationInfo(run.normalization).setting == kind.setting;
    };
    if (QWidget* control = settings_.control(kind.setting))
      control->setEnabled(std::any_of(runs.begin(), runs.end(), reads));
  }
}

void ControlPanel::settingChanged(const Setting& row) {
  if (showing_) return;
  if (row.applyLive)
    emit liveSettingChanged(row);
  else
    emit architectureChanged();
}

void ControlPanel::controlChanged() {
  if (!showing_) emit architectureChanged();
}

bool ControlPanel::liveSwitch() const {
  switch (RunsMode(mode_->currentData().toInt())) {
    case RunsMode::One:
      return true;
    case RunsMode::Custom:
      return base_.runs.size() == 1;
    case RunsMode::Compare:
      break;
  }
  return false;
}

void ControlPanel::setRuns(const std::vector<RunSpec>& runs) {
  if (runs == config().runs) return;
  base_.runs = runs;
  showRuns(runs);
  emit architectureChanged();
}

void ControlPanel::showDataSource(const DataConfig& data) {
  // One entry for the folder or file opened last.
  for (int key : {kMnistFolder, kCsvFile})
    if (const int i = dataset_->findData(key); i >= 0) dataset_->removeItem(i);
  int key = int(data.toy.kind);
  if (data.source == DataSource::Mnist) key = data.path.empty() ? kFashionMnist : kMnistFolder;
  if (data.source == DataSource::Csv) key = kCsvFile;
  const QString name = QFileInfo(QString::fromStdString(data.path)).fileName();
  if (key == kMnistFolder) dataset_->addItem(tr("Folder: %1").arg(name), kMnistFolder);
  if (key == kCsvFile) dataset_->addItem(tr("CSV: %1").arg(name), kCsvFile);
  const int index = dataset_->findData(key);
  dataset_->setItemData(index, QString::fromStdString(data.path), Qt::ToolTipRole);
  dataset_->setCurrentIndex(index);
}

void ControlPanel::requestPerturb() {
  emit perturbRequested(perturbLayer_->value() - 1, perturbAmount_->value());
}

void ControlPanel::setRunning(bool running) { play_->setText(running ? tr("Pause") : tr("Play")); }

}  // namespace bnlab
