#include "panels/all_layers_view.h"

#include <QHBoxLayout>
#include <QVBoxLayout>
#include <cmath>

#include "charts/chart_catalog.h"
#include "charts/layer_charts.h"
#include "panels/run_view_grid.h"
#include "render/plot_renderer.h"

namespace bnlab {

AllLayersView::AllLayersView(QWidget* parent)
    : QWidget(parent),
      caption_(new QLabel(this)),
      sameScale_(new QCheckBox(tr("One y axis for every layer"), this)),
      gridHost_(new QWidget(this)),
      grid_(new QGridLayout(gridHost_)) {
  caption_->setWordWrap(true);
  caption_->setStyleSheet(QStringLiteral("color: #3c4043;"));
  caption_->setText(
      tr("Every hidden layer's activation input over steps (Z̃ with batch norm, Z "
         "without), on the probe batch: the median and percentile bands of each "
         "run in its colour. Without batch norm the later layers drift and spread "
         "as the earlier ones learn."));
  sameScale_->setToolTip(
      tr("Draw every layer on the same y range, to compare their spreads; "
         "else each layer has the range its own values need."));
  connect(sameScale_, &QCheckBox::toggled, this, [this] { showSnapshot(shown_); });
  gridHost_->installEventFilter(this);
  auto* top = new QHBoxLayout;
  top->addWidget(caption_, 1);
  top->addWidget(sameScale_);
  grid_->setContentsMargins(0, 0, 0, 0);
  grid_->setSpacing(6);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 4, 8, 4);
  layout->setSpacing(4);
  layout->addLayout(top);
  layout->addWidget(gridHost_, 1);
}

void AllLayersView::setLayers(int count) {
  for (plot::PlotWidget* chart : plots_) delete chart;
  plots_.clear();
  for (int l = 0; l < count; ++l) {
    auto* chart = new plot::PlotWidget(gridHost_);
    const ChartKind& overview = *findChartKind("overview");
    const ChartTarget target{.layer = l};
    chart->setObjectName(chartId(overview, Snapshot{}, target));
    chart->setMinimumSize(RunViewGrid::kSmallestCell);
    chart->setToolTip(overview.describe(Snapshot{}, target));
    plots_.push_back(chart);
  }
  // The room the squarest grid needs, whichever grid the room there is gets: the view never
  // asks for a row of every layer (a hidden view's minimum is the window's too).
  const int columns = int(std::ceil(std::sqrt(double(count))));
  const int rows = count > 0 ? (count + columns - 1) / columns : 0;
  const auto extent = [this](int cells, int cell) {
    return cells > 0 ? cells * cell + (cells - 1) * grid_->spacing() : 0;
  };
  gridHost_->setMinimumSize(extent(columns, RunViewGrid::kSmallestCell.width()),
                            extent(rows, RunViewGrid::kSmallestCell.height()));
  columns_ = 0;
  arrange();
}

void AllLayersView::showSnapshot(SnapshotPtr snapshot) {
  if (!snapshot) return;
  const Snapshot& snap = *snapshot;
  if (snap.runs.empty() || snap.runs.front().layers.size() != plots_.size()) return;
  shown_ = std::move(snapshot);
  std::vector<plot::PlotModel> models;
  for (int l = 0; l < int(plots_.size()); ++l) models.push_back(layerOverview(snap, l));
  if (sameScale_->isChecked()) {
    // The union of the ranges each layer would take alone.
    std::optional<plot::Range> shared;
    for (const plot::PlotModel& m : models) {
      if (!plot::hasData(m)) continue;
      plot::Range x, y;
      plot::dataRanges(m, x, y);
      shared = shared ? plot::Range{std::min(shared->min, y.min), std::max(shared->max, y.max)} : y;
    }
    for (plot::PlotModel& m : models) m.yRange = shared;
  }
  for (std::size_t l = 0; l < plots_.size(); ++l) plots_[l]->setModel(std::move(models[l]));
}

bool AllLayersView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == gridHost_ && event->type() == QEvent::Resize) arrange();
  return QWidget::eventFilter(watched, event);
}

void AllLayersView::arrange() {
  const int count = int(plots_.size());
  if (count == 0) return;
  // The grid that gives each chart the largest cell in the room there is.
  const int columns = RunViewGrid::bestColumns(count, gridHost_->size());
  if (columns == columns_) return;
  columns_ = columns;
  for (plot::PlotWidget* chart : plots_) grid_->removeWidget(chart);
  const int rows = (count + columns - 1) / columns;
  for (int l = 0; l < count; ++l)
    grid_->addWidget(plots_[std::size_t(l)], l / columns, l % columns);
  for (int c = 0; c < grid_->columnCount(); ++c) grid_->setColumnStretch(c, c < columns ? 1 : 0);
  for (int r = 0; r < grid_->rowCount(); ++r) grid_->setRowStretch(r, r < rows ? 1 : 0);
  for (plot::PlotWidget* chart : plots_) chart->show();
}

}  // namespace bnlab
