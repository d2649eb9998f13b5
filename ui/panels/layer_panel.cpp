#include "panels/layer_panel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include "charts/gradient_shift_charts.h"

namespace bnlab {

namespace {
constexpr std::size_t kTrailLength = 6;
}

LayerPanel::LayerPanel(int layer, int units, QWidget* parent)
    : QWidget(parent),
      layer_(layer),
      title_(new QLabel(this)),
      quantity_(new QComboBox(this)),
      unit_(new QComboBox(this)),
      source_(new QComboBox(this)),
      bands_(new plot::PlotWidget(this)),
      histogram_(new plot::PlotWidget(this)),
      moments_(new plot::PlotWidget(this)),
      scatter_(new plot::PlotWidget(this)),
      shift_(new plot::PlotWidget(this)),
      gradientShift_(new plot::PlotWidget(this)),
      gradientCosine_(new plot::PlotWidget(this)) {
  title_->setText(tr("<b>Hidden layer %1</b> · %2 units").arg(layer + 1).arg(units));
  quantity_->addItem(tr("Activation input (Z̃ or Z)"), int(Quantity::ActivationInput));
  quantity_->addItem(tr("Pre-norm Z = W·A + b"), int(Quantity::PreNorm));
  quantity_->addItem(tr("Activation output A"), int(Quantity::Output));
  quantity_->setToolTip(
      tr("Which values of this layer the charts show: what the activation "
         "sees (Z̃ with normalization, Z without), Z before normalization, or A."));
  unit_->addItem(tr("All units"), -1);
  for (int u = 0; u < units; ++u) unit_->addItem(tr("Unit %1").arg(u + 1), u);
  unit_->setToolTip(tr("Pool every unit's values, or follow one unit."));
  source_->addItem(tr("Probe batch"), int(DistributionSource::Probe));
  source_->addItem(tr("Training batch"), int(DistributionSource::TrainingBatch));
  source_->addItem(tr("Test inputs"), int(DistributionSource::TestInputs));
  source_->setToolTip(
      tr("Probe batch: the same training examples every time, so only the "
         "network moves. Training batch: the current mini-batch, with its "
         "sampling noise. Test inputs: test examples in evaluation mode (running "
         "statistics), shifted ones when the data has a test-input shift."));

  auto* header = new QHBoxLayout;
  header_ = header;
  header->addWidget(title_);
  header->addStretch(1);
  header->addWidget(quantity_);
  header->addWidget(unit_);
  header->addWidget(source_);

  chartRows_ = new QVBoxLayout;
  chartRows_->setSpacing(4);
  firstRow_ = new QHBoxLayout;
  secondRow_ = new QHBoxLayout;
  for (QHBoxLayout* row : {firstRow_, secondRow_}) {
    row->setSpacing(4);
    chartRows_->addLayout(row, 1);
  }
  plots_ = {bands_, histogram_, moments_, scatter_, shift_, gradientShift_, gradientCosine_};
  const char* names[] = {"distribution", "histogram",      "mean-std",       "units-1-2",
                         "shift",        "gradient-shift", "gradient-cosine"};
  for (std::size_t i = 0; i < plots_.size(); ++i) {
    plots_[i]->setObjectName(
        QStringLiteral("layer%1-%2").arg(layer + 1).arg(QLatin1String(names[i])));
    plots_[i]->setMinimumSize(kSmallestChart);
  }
  bands_->setToolTip(
      tr("Percentiles over steps: the median line and bands at ±0.5, ±1, ±1.5 σ "
         "of a normal and min–max. Steady bands mean later layers see a steady input."));
  histogram_->setToolTip(tr("How the values are spread right now."));
  moments_->setToolTip(tr("Mean and standard deviation over steps."));
  scatter_->setToolTip(
      tr("Each dot is one probe example: unit 1's value against unit 2's. Faint "
         "dots show where the cloud was at earlier snapshots."));
  shift_->setToolTip(
      tr("How far this layer's activation input moved: the mean over units of the "
         "1-Wasserstein distance between a unit's probe distributions at two "
         "records, per 100 steps. 'recent' averages the last 20 records."));
  const QString gradientShift =
      tr("Internal covariate shift as Santurkar et al. (2018) measure it. On one step's batch, G "
         "is the gradient ∂L/∂W of this layer's weights and G′ the same gradient after the "
         "earlier layers took this step's update (this layer and the later ones unchanged).");
  gradientShift_->setToolTip(gradientShift +
                             tr(" Drawn: ‖G − G′‖ / ‖G‖ (Frobenius norms). Does batch norm make it "
                                "smaller? 'recent' averages the last 20 measures."));
  gradientCosine_->setToolTip(gradientShift +
                              tr(" Drawn: cos(G, G′) = ⟨G, G′⟩ / (‖G‖·‖G′‖); 1: the earlier "
                                 "layers' update left the gradient's direction as it was."));
  gradientShift_->hide();
  gradientCosine_->hide();

  caption_ = new QLabel(this);
  caption_->setStyleSheet(QStringLiteral("color: #5f6368;"));
  caption_->setWordWrap(true);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->setSpacing(2);
  layout->addLayout(header);
  layout->addLayout(chartRows_, 1);
  layout->addWidget(caption_);
  arrangeCharts(1);

  const auto emitFocus = [this] { emit focusChanged(layer_, focus()); };
  connect(unit_, &QComboBox::currentIndexChanged, this, emitFocus);
  connect(source_, &QComboBox::currentIndexChanged, this, emitFocus);
}

void LayerPanel::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  arrangeCharts(rowsForWidth());
}

int LayerPanel::rowsForWidth() const {
  return width() >= kOneRowWidthPerChart * shownChartCount() ? 1 : 2;
}

void LayerPanel::arrangeCharts(int rows) {
  const int count = shownChartCount();
  if (rows == rows_ && count == shownCharts_) return;
  rows_ = rows;
  shownCharts_ = count;
  // Widths in proportion to what each chart holds: the bands over steps widest.
  const int stretch[] = {5, 3, 4, 3, 4, 4, 3};
  for (plot::PlotWidget* chart : plots_) {
    firstRow_->removeWidget(chart);
    secondRow_->removeWidget(chart);
  }
  const int firstRowCharts = rows == 1 ? count : (count + 1) / 2;
  for (int i = 0; i < count; ++i)  // the shown charts are the first `count`
    (i < firstRowCharts ? firstRow_ : secondRow_)->addWidget(plots_[std::size_t(i)], stretch[i]);
  chartRows_->setStretchFactor(secondRow_, rows == 1 ? 0 : 1);  // an empty row takes no room
  // Room for the header, the caption and each row of charts.
  setMinimumHeight(rows == 1 ? 200 : 360);
  // In either arrangement the panel may narrow to the header's width or the first row of two
  // rows' (below the one-row width it takes two rows).
  const int widest = (count + 1) / 2;
  const QMargins margins = layout()->contentsMargins();
  setMinimumWidth(margins.left() + margins.right() +
                  std::max(header_->minimumSize().width(),
                           widest * kSmallestChart.width() + (widest - 1) * firstRow_->spacing()));
}

DistributionFocus LayerPanel::focus() const {
  return {unit_->currentData().toInt(), DistributionSource(source_->currentData().toInt())};
}

void LayerPanel::showSnapshot(const Snapshot& snap) {
  if (snap.runs.empty() || layer_ >= int(snap.runs.front().layers.size())) return;
  const LayerView view{layer_, Quantity(quantity_->currentData().toInt())};
  if (snap.recordedAt != trailStep_) {
    if (snap.recordedAt < trailStep_ || trails_.size() != snap.runs.size()) {
      trails_.assign(snap.runs.size(), {});  // a rebuilt network
    }
    trailStep_ = snap.recordedAt;
    for (std::size_t r = 0; r < snap.runs.size(); ++r) {
      trails_[r].push_back(snap.runs[r].layers[std::size_t(layer_)].scatter);
      while (trails_[r].size() > kTrailLength) trails_[r].pop_front();
    }
  }
  caption_->setText(layerCaption(snap, layer_));
  bands_->setModel(distributionOverSteps(snap, view));
  histogram_->setModel(currentHistogram(snap, view));
  moments_->setModel(momentsOverSteps(snap, view));
  scatter_->setModel(unitScatter(snap, view, trails_));
  shift_->setModel(shiftOverSteps(snap, view));
  // Layer 1 has no earlier layers (G′ = G): its row keeps the room.
  const bool gradientShown = layer_ > 0 && gradientShiftShown(snap);
  if (gradientShown) {
    gradientShift_->setModel(gradientShiftOverSteps(snap, layer_));
    gradientCosine_->setModel(gradientCosineOverSteps(snap, layer_));
  }
  if (gradientShown != gradientShown_) {
    gradientShown_ = gradientShown;
    gradientShift_->setVisible(gradientShown);
    gradientCosine_->setVisible(gradientShown);
    arrangeCharts(rowsForWidth());
  }
}

}  // namespace bnlab
