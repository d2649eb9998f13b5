#include "control_panel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QRandomGenerator>
#include <QVBoxLayout>

#include "training_worker.h"

namespace bnlab {

namespace {

QString formatNumber(double v) { return QString::number(v, 'g', 3); }

template <typename Enum, typename NameOf>
void fillCombo(QComboBox* combo, std::initializer_list<Enum> values, NameOf nameOf) {
  for (Enum v : values)
    combo->addItem(QString::fromUtf8(std::string(nameOf(v)).c_str()), int(v));
}

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
  setConfig(ExperimentConfig{});
  speed_->setValue(500);
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
  reset->setToolTip(tr("Start again from new initial weights drawn with the same seed, at step 0 (R)"));
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
  mode_->addItem(tr("Compare: plain vs batch norm"), int(RunsMode::Compare));
  mode_->addItem(tr("One network"), int(RunsMode::One));
  mode_->setToolTip(tr("Compare trains a plain network and its batch-norm twin side by side, from "
                       "the same initial weights on the same mini-batches (orange: plain, blue: "
                       "batch norm). One network has a live batch norm switch. Rebuilds."));
  form->addRow(tr("Mode"), mode_);
  batchNorm_ = new QCheckBox(tr("Batch norm on every hidden layer"), group);
  batchNorm_->setToolTip(
      tr("Normalize each unit's Z over the mini-batch, then scale by γ and shift by β. Switching "
         "keeps W; the switch is marked on every chart over steps."));
  batchSize_ = new ValueSlider(kBatchSizes, [](double v) { return QString::number(int(v)); }, group);
  batchSize_->setToolTip(
      tr("Examples per mini-batch. Batch norm's μ_B and σ_B are estimated from this many "
         "examples: smaller batches make them noisier."));
  learningRate_ = new ValueSlider(ValueSlider::logScale(1e-4, 10), formatNumber, group);
  learningRate_->setToolTip(tr("Step size η of every parameter update (log scale, 0.0001 to 10)."));
  optimizer_ = new QComboBox(group);
  fillCombo(optimizer_, {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam}, optimizerName);
  optimizer_->setToolTip(tr("sgd: θ −= η·g; momentum: a running sum of gradients (μ = 0.9); "
                            "adam: per-parameter step sizes from gradient moments."));
  dropout_ = new ValueSlider({0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9},
                             formatNumber, group);
  dropout_->setToolTip(tr("Probability that a hidden unit's output is zeroed during training "
                          "(the rest are scaled by 1/(1 − p)); no dropout at evaluation."));
  speed_ = new ValueSlider(kSpeeds, [](double v) {
    return v == kFullSpeed ? tr("full") : tr("%1/s").arg(v);
  }, group);
  speed_->setToolTip(tr("Training steps per second: slow motion to watch single updates, or as "
                        "fast as this machine goes."));
  form->addRow(batchNorm_);
  form->addRow(tr("Batch size"), batchSize_);
  form->addRow(tr("Learning rate"), learningRate_);
  form->addRow(tr("Optimizer"), optimizer_);
  form->addRow(tr("Dropout"), dropout_);
  form->addRow(tr("Speed"), speed_);
  connect(batchNorm_, &QCheckBox::toggled, this, &ControlPanel::batchNormToggled);
  connect(mode_, &QComboBox::currentIndexChanged, this, [this] {
    batchNorm_->setEnabled(RunsMode(mode_->currentData().toInt()) == RunsMode::One);
    emit architectureChanged();
  });
  connect(batchSize_, &ValueSlider::valueChanged, this,
          [this](double v) { emit batchSizeChanged(int(v)); });
  connect(learningRate_, &ValueSlider::valueChanged, this, &ControlPanel::optimizerChanged);
  connect(optimizer_, &QComboBox::currentIndexChanged, this, &ControlPanel::optimizerChanged);
  connect(dropout_, &ValueSlider::valueChanged, this, &ControlPanel::dropoutChanged);
  connect(speed_, &ValueSlider::valueChanged, this, [this](double v) { emit speedChanged(int(v)); });
  return group;
}

QWidget* ControlPanel::buildPerturbGroup() {
  auto* group = new QGroupBox(tr("Perturb an earlier layer"), this);
  auto* form = new QFormLayout(group);
  perturbLayer_ = new QSpinBox(group);
  perturbLayer_->setRange(1, NetworkConfig::kMaxDepth);
  perturbLayer_->setToolTip(tr("The hidden layer whose weights W get the kick."));
  perturbAmount_ = new ValueSlider({0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0}, formatNumber, group);
  perturbAmount_->setValue(0.5);
  perturbAmount_->setToolTip(tr("Size of the kick: Gaussian noise with this σ relative to the "
                                "weights' root-mean-square, the same noise in both twins."));
  auto* kick = new QPushButton(tr("Kick W"), group);
  kick->setToolTip(tr("Add the noise to W now (K), and watch how far the later layers' "
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
  layers_->setToolTip(tr("Number of hidden layers, each Dense → [batch norm] → activation → [dropout]."));
  units_ = new QSpinBox(group);
  units_->setRange(1, NetworkConfig::kMaxWidth);
  units_->setToolTip(tr("Units in every hidden layer."));
  activation_ = new QComboBox(group);
  fillCombo(activation_, {ActivationKind::Relu, ActivationKind::LeakyRelu, ActivationKind::Tanh,
                          ActivationKind::Sigmoid, ActivationKind::Linear}, activationName);
  activation_->setToolTip(tr("The non-linearity g in A = g(Z̃) of every hidden layer."));
  init_ = new QComboBox(group);
  fillCombo(init_, {InitKind::He, InitKind::Xavier, InitKind::Gaussian}, initName);
  init_->setToolTip(tr("Initial weights: he N(0, 2/n_in), xavier N(0, 2/(n_in + n_out)), or "
                       "gaussian N(0, σ²) with the σ below (the batch norm paper's small weights)."));
  initSigma_ = new QDoubleSpinBox(group);
  initSigma_->setDecimals(4);
  initSigma_->setRange(0.0001, 10);
  initSigma_->setSingleStep(0.01);
  initSigma_->setToolTip(tr("σ of the gaussian initialization."));
  form->addRow(tr("Hidden layers"), layers_);
  form->addRow(tr("Units per layer"), units_);
  form->addRow(tr("Activation"), activation_);
  form->addRow(tr("Initialization"), init_);
  form->addRow(tr("Init σ"), initSigma_);
  for (QSpinBox* spin : {layers_, units_})
    connect(spin, &QSpinBox::valueChanged, this, &ControlPanel::architectureChanged);
  for (QComboBox* combo : {activation_, init_})
    connect(combo, &QComboBox::currentIndexChanged, this, &ControlPanel::architectureChanged);
  connect(init_, &QComboBox::currentIndexChanged, this, &ControlPanel::updateDatasetControls);
  connect(initSigma_, &QDoubleSpinBox::valueChanged, this, &ControlPanel::architectureChanged);
  return group;
}

QWidget* ControlPanel::buildDataGroup() {
  auto* group = new QGroupBox(tr("Data (changes rebuild the network)"), this);
  auto* form = new QFormLayout(group);
  dataset_ = new QComboBox(group);
  fillCombo(dataset_, {ToyKind::Spiral, ToyKind::Circles, ToyKind::Moons, ToyKind::Xor, ToyKind::Blobs}, toyName);
  dataset_->addItem(tr("Fashion-MNIST (28×28 images)"), kFashionMnist);
  dataset_->setToolTip(tr("The 2-D toy problems, Fashion-MNIST (Debian's package "
                          "dataset-fashion-mnist), or your own data: File → Open MNIST-format "
                          "folder or Open CSV data."));
  labelColumn_ = new QSpinBox(group);
  labelColumn_->setRange(-1, 9999);
  labelColumn_->setSpecialValueText(tr("last"));
  labelColumn_->setToolTip(tr("The CSV column holding the labels, counted from 0."));
  classes_ = new QSpinBox(group);
  classes_->setRange(2, 10);
  classes_->setToolTip(tr("Arms of the spiral or number of blobs (one class each)."));
  noise_ = new ValueSlider({0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0},
                           formatNumber, group);
  noise_->setToolTip(tr("Standard deviation of the Gaussian noise added to each coordinate."));
  size_ = new QSpinBox(group);
  size_->setRange(2, 200000);
  size_->setSingleStep(100);
  size_->setToolTip(tr("Examples in all; a quarter are held out as the test set."));
  seed_ = new QSpinBox(group);
  seed_->setRange(0, int(ExperimentConfig::kMaxSeed));
  seed_->setToolTip(tr("Seed of the data, the initial weights, the batch order and dropout."));
  auto* regenerate = new QPushButton(tr("New seed"), group);
  regenerate->setToolTip(tr("Draw a new seed: new data, new initial weights, from step 0."));
  auto* seedRow = new QHBoxLayout;
  seedRow->addWidget(seed_, 1);
  seedRow->addWidget(regenerate);
  unevenScales_ = new QCheckBox(tr("Uneven feature scales (x₁ × 200, x₂ × 0.02)"), group);
  unevenScales_->setToolTip(tr("Stretch the inputs so the two features have very different ranges."));
  standardize_ = new QCheckBox(tr("Standardize inputs"), group);
  standardize_->setToolTip(tr("Give each input feature mean 0 and variance 1 (fitted on the "
                              "training split): what batch norm does for hidden units."));
  form->addRow(tr("Dataset"), dataset_);
  form->addRow(tr("Label column"), labelColumn_);
  form->addRow(tr("Classes"), classes_);
  form->addRow(tr("Noise"), noise_);
  form->addRow(tr("Examples"), size_);
  form->addRow(tr("Seed"), seedRow);
  testShift_ = new ValueSlider({0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3}, formatNumber, group);
  testShift_->setToolTip(tr("Covariate shift: move the test inputs this many training standard "
                            "deviations along x₁, labelled by the same rule. The network was "
                            "never shown that region (black cats, coloured cats)."));
  form->addRow(unevenScales_);
  form->addRow(standardize_);
  form->addRow(tr("Test-input shift"), testShift_);
  connect(dataset_, &QComboBox::currentIndexChanged, this, &ControlPanel::updateDatasetControls);
  connect(dataset_, &QComboBox::currentIndexChanged, this, &ControlPanel::architectureChanged);
  for (QSpinBox* spin : {classes_, size_, seed_, labelColumn_})
    connect(spin, &QSpinBox::valueChanged, this, &ControlPanel::architectureChanged);
  connect(noise_, &ValueSlider::valueChanged, this, &ControlPanel::architectureChanged);
  connect(testShift_, &ValueSlider::valueChanged, this, &ControlPanel::architectureChanged);
  for (QCheckBox* box : {unevenScales_, standardize_})
    connect(box, &QCheckBox::toggled, this, &ControlPanel::architectureChanged);
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
  for (QWidget* w : std::initializer_list<QWidget*>{noise_, size_, unevenScales_, testShift_}) w->setEnabled(toy);
  labelColumn_->setEnabled(key == kCsvFile);
  initSigma_->setEnabled(InitKind(init_->currentData().toInt()) == InitKind::Gaussian);
}

ExperimentConfig ControlPanel::config() const {
  ExperimentConfig c = base_;
  const int key = dataset_->currentData().toInt();
  c.data.source = key < kFashionMnist ? DataSource::Toy : key == kCsvFile ? DataSource::Csv : DataSource::Mnist;
  if (key < kFashionMnist) c.data.toy.kind = ToyKind(key);
  if (key == kFashionMnist) c.data.path.clear();
  c.data.labelColumn = labelColumn_->value();
  c.data.toy.classes = classes_->value();
  c.data.toy.noise = noise_->value();
  c.data.toy.size = size_->value();
  // One seed control for data and training; a file's separate data seed stands until it moves.
  if (std::uint64_t(seed_->value()) != base_.seed) {
    c.data.toy.seed = std::uint64_t(seed_->value());
    c.seed = std::uint64_t(seed_->value());
  }
  c.data.unevenScales = unevenScales_->isChecked();
  c.data.standardize = standardize_->isChecked();
  c.data.testShift = testShift_->value();
  // Widths that differ per layer (from a file) stand until the layer or unit count is changed.
  const auto& loaded = base_.network.hiddenUnits;
  const bool untouched = !loaded.empty() && layers_->value() == int(loaded.size()) &&
                         units_->value() == loaded.front();
  if (!untouched) c.network.hiddenUnits.assign(std::size_t(layers_->value()), units_->value());
  c.network.activation = ActivationKind(activation_->currentData().toInt());
  c.network.init = InitKind(init_->currentData().toInt());
  c.network.initSigma = Scalar(initSigma_->value());
  c.network.dropout = Scalar(dropout_->value());
  switch (RunsMode(mode_->currentData().toInt())) {
    case RunsMode::Compare:
      c.runs = *runsForBatchNorm("compare");
      break;
    case RunsMode::One:
      c.runs = *runsForBatchNorm(batchNorm_->isChecked() ? "on" : "off");
      break;
    case RunsMode::Custom:
      c.runs = base_.runs;
      break;
  }
  c.batchSize = int(batchSize_->value());
  c.optimizer = optimizerConfig();
  return c;
}

OptimizerConfig ControlPanel::optimizerConfig() const {
  OptimizerConfig o = base_.optimizer;
  o.kind = OptimizerKind(optimizer_->currentData().toInt());
  o.learningRate = learningRate_->value();
  return o;
}

int ControlPanel::speed() const { return int(speed_->value()); }

void ControlPanel::setConfig(const ExperimentConfig& c) {
  const QSignalBlocker blockers[] = {
      QSignalBlocker(dataset_), QSignalBlocker(classes_), QSignalBlocker(noise_),
      QSignalBlocker(noise_->slider()), QSignalBlocker(size_), QSignalBlocker(seed_),
      QSignalBlocker(unevenScales_), QSignalBlocker(standardize_), QSignalBlocker(layers_),
      QSignalBlocker(units_), QSignalBlocker(activation_), QSignalBlocker(init_),
      QSignalBlocker(initSigma_), QSignalBlocker(batchNorm_), QSignalBlocker(batchSize_),
      QSignalBlocker(batchSize_->slider()), QSignalBlocker(learningRate_),
      QSignalBlocker(learningRate_->slider()), QSignalBlocker(optimizer_),
      QSignalBlocker(dropout_), QSignalBlocker(dropout_->slider()), QSignalBlocker(mode_),
      QSignalBlocker(testShift_), QSignalBlocker(testShift_->slider()), QSignalBlocker(labelColumn_)};
  base_ = c;
  showDataSource(c.data);
  labelColumn_->setValue(c.data.labelColumn);
  classes_->setValue(c.data.toy.classes);
  noise_->setValue(c.data.toy.noise);
  size_->setValue(c.data.toy.size);
  seed_->setValue(int(c.seed));
  unevenScales_->setChecked(c.data.unevenScales);
  standardize_->setChecked(c.data.standardize);
  testShift_->setValue(c.data.testShift);
  layers_->setValue(int(c.network.hiddenUnits.size()));
  units_->setValue(c.network.hiddenUnits.empty() ? 16 : c.network.hiddenUnits.front());
  activation_->setCurrentIndex(activation_->findData(int(c.network.activation)));
  init_->setCurrentIndex(init_->findData(int(c.network.init)));
  initSigma_->setValue(c.network.initSigma);
  const std::optional<std::string_view> shorthand = batchNormShorthand(c.runs);
  const RunsMode mode = !shorthand ? RunsMode::Custom
                        : *shorthand == "compare" ? RunsMode::Compare
                                                  : RunsMode::One;
  if (const int custom = mode_->findData(int(RunsMode::Custom)); custom >= 0) mode_->removeItem(custom);
  if (mode == RunsMode::Custom)
    mode_->addItem(tr("%n runs: %1", nullptr, int(c.runs.size()))
                       .arg(QString::fromStdString(formatRunList(c.runs))),
                   int(RunsMode::Custom));
  mode_->setCurrentIndex(mode_->findData(int(mode)));
  batchNorm_->setChecked(c.runs.size() == 1 && c.runs.front().normalization != Normalization::None);
  batchNorm_->setEnabled(mode == RunsMode::One);
  batchSize_->setValue(c.batchSize);
  learningRate_->setValue(c.optimizer.learningRate);
  optimizer_->setCurrentIndex(optimizer_->findData(int(c.optimizer.kind)));
  dropout_->setValue(c.network.dropout);
  updateDatasetControls();
  perturbLayer_->setMaximum(std::max(1, int(c.network.hiddenUnits.size())));
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

void ControlPanel::setRunning(bool running) {
  play_->setText(running ? tr("Pause") : tr("Play"));
}

}  // namespace bnlab
