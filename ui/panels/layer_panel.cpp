#include "panels/layer_panel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <algorithm>

#include "charts/layer_charts.h"

namespace bnlab {

LayerPanel::LayerPanel(int layer, int units, QWidget* parent)
    : QWidget(parent),
      layer_(layer),
      title_(new QLabel(this)),
      quantity_(new QComboBox(this)),
      unit_(new QComboBox(this)),
      source_(new QComboBox(this)) {
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
  for (const ChartKind& kind : chartKinds()) {
    if (kind.place != ChartPlace::Layer) continue;
    auto* chart = new plot::PlotWidget(this);
    chart->setObjectName(QStringLiteral("layer%1-%2")
                             .arg(layer + 1)
                             .arg(QString::fromUtf8(kind.id.data(), qsizetype(kind.id.size()))));
    chart->setToolTip(kind.toolTip);
    chart->setMinimumSize(kSmallestChart);
    // Charts that apply only to some runs (the gradient shift's) wait for a snapshot with them.
    chart->setVisible(!kind.applies);
    plots_.push_back(chart);
    kinds_.push_back(&kind);
  }

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
  const auto stretch = [](const ChartKind& kind) {
    return kind.id == "distribution" ? 5 : kind.exportSize.width() > 600 ? 4 : 3;
  };
  for (plot::PlotWidget* chart : plots_) {
    firstRow_->removeWidget(chart);
    secondRow_->removeWidget(chart);
  }
  const int firstRowCharts = rows == 1 ? count : (count + 1) / 2;
  int placed = 0;
  for (std::size_t i = 0; i < plots_.size(); ++i) {
    if (plots_[i]->isHidden()) continue;
    (placed++ < firstRowCharts ? firstRow_ : secondRow_)->addWidget(plots_[i], stretch(*kinds_[i]));
  }
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

int LayerPanel::shownChartCount() const {
  return int(std::count_if(plots_.begin(), plots_.end(),
                           [](const plot::PlotWidget* chart) { return !chart->isHidden(); }));
}

void LayerPanel::showSnapshot(const Snapshot& snap) {
  if (snap.runs.empty() || layer_ >= int(snap.runs.front().layers.size())) return;
  const ChartTarget target{.layer = layer_, .quantity = Quantity(quantity_->currentData().toInt())};
  caption_->setText(layerCaption(snap, layer_));
  bool arrangementChanged = false;
  for (std::size_t i = 0; i < plots_.size(); ++i) {
    const bool applies = !kinds_[i]->applies || kinds_[i]->applies(snap, target);
    if (applies) plots_[i]->setModel(kinds_[i]->build(snap, target));
    if (applies == plots_[i]->isHidden()) {
      plots_[i]->setVisible(applies);
      arrangementChanged = true;
    }
  }
  if (arrangementChanged) arrangeCharts(rowsForWidth());
}

}  // namespace bnlab
