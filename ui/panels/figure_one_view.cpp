#include "panels/figure_one_view.h"

#include <QHBoxLayout>
#include <QVBoxLayout>

#include "charts/chart_catalog.h"
#include "charts/figure_one_charts.h"

namespace bnlab {

FigureOneView::FigureOneView(QWidget* parent)
    : QWidget(parent), caption_(new QLabel(this)), accuracy_(new plot::PlotWidget(this)) {
  caption_->setWordWrap(true);
  caption_->setContentsMargins(8, 4, 8, 4);
  caption_->setStyleSheet(QStringLiteral("color: #3c4043;"));
  caption_->setText(tr(
      "<b>Ioffe &amp; Szegedy (2015), Figure 1.</b> (a) Test accuracy of each run over steps. "
      "Below, for each run, one unit's input to its activation over steps: its 15th, 50th and "
      "85th percentiles over the probe batch, on one y axis. Without batch norm the band "
      "drifts as the earlier layers learn; with it, its mean and spread are the β and γ it learns. "
      "View → Batch noise from "
      "layer chooses the unit's layer. The preset “Paper Figure 1” trains the paper's "
      "network."));
  const ChartKind& accuracy = *findChartKind("figure-1-accuracy");
  accuracy_->setObjectName(QString::fromUtf8(accuracy.id.data(), qsizetype(accuracy.id.size())));
  accuracy_->setToolTip(accuracy.toolTip);
  const ChartKind& percentiles = *findChartKind("figure-1-run");
  auto* runs = new QHBoxLayout;
  runs->setSpacing(6);
  for (int r = 0; r < kMaxRuns; ++r) {
    auto* chart = new plot::PlotWidget(this);
    chart->setObjectName(chartId(percentiles, Snapshot{}, ChartTarget{.run = r}));
    chart->setToolTip(percentiles.toolTip);
    chart->setVisible(r < 2);
    chart->setMinimumSize(kSmallestChart);  // four runs side by side fit a small window
    runs->addWidget(chart, 1);
    percentiles_[std::size_t(r)] = chart;
  }
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 0, 4, 4);
  layout->setSpacing(6);
  layout->addWidget(caption_);
  layout->addWidget(accuracy_, 2);
  layout->addLayout(runs, 3);
}

std::vector<plot::PlotWidget*> FigureOneView::plots() const {
  std::vector<plot::PlotWidget*> charts{accuracy_};
  charts.insert(charts.end(), percentiles_.begin(), percentiles_.end());
  return charts;
}

void FigureOneView::showSnapshot(const Snapshot& snap) {
  accuracy_->setModel(figureOneAccuracy(snap));
  std::vector<plot::PlotModel> runs = figureOnePercentiles(snap);  // on one shared y axis
  const ChartKind& percentiles = *findChartKind("figure-1-run");
  for (int r = 0; r < kMaxRuns; ++r) {
    plot::PlotWidget* chart = percentiles_[std::size_t(r)];
    const bool shown = r < int(runs.size());
    chart->setVisible(shown);
    if (!shown) continue;
    chart->setObjectName(chartId(percentiles, snap, ChartTarget{.run = r}));
    chart->setModel(std::move(runs[std::size_t(r)]));
  }
}

}  // namespace bnlab
