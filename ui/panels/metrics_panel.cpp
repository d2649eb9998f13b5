#include "panels/metrics_panel.h"

#include <QVBoxLayout>

namespace bnlab {

namespace {

// Room for the run views: three stretch units per chart in a row (the loss chart has four),
// at most ten, so that four runs leave the loss and accuracy charts their width.
int runViewsStretch(int runs) { return std::min(10, 3 * runs); }

}  // namespace

MetricsPanel::MetricsPanel(QWidget* parent)
    : QWidget(parent), runViews_(new RunViewGrid(this)), layout_(new QHBoxLayout(this)) {
  for (const ChartKind& kind : chartKinds()) {
    if (kind.place != ChartPlace::Curves && kind.place != ChartPlace::Insight) continue;
    auto* chart = new plot::PlotWidget(this);
    chart->setObjectName(QString::fromUtf8(kind.id.data(), qsizetype(kind.id.size())));
    chart->setToolTip(kind.toolTip);
    chart->setMinimumSize(kSmallestChart);
    kindCharts_.emplace_back(&kind, chart);
  }
  loss_ = chart("loss");
  accuracy_ = chart("accuracy");
  figureOne_ = chart("figure-1");
  layout_->setContentsMargins(4, 4, 4, 4);
  layout_->setSpacing(4);
  curves_ = new QWidget(this);
  curveChooser_ = new QComboBox(curves_);
  // Accuracy first: the presets' captions speak of it.
  for (const plot::PlotWidget* curve : {accuracy_, loss_})
    curveChooser_->addItem(findChartKind(curve->objectName().toStdString())->name,
                           curve->objectName());
  curveChooser_->setToolTip(tr("Which chart this column shows (a wider window shows both)."));
  curveChooser_->hide();
  connect(curveChooser_, &QComboBox::currentIndexChanged, this, &MetricsPanel::showCurves);
  auto* curvesLayout = new QVBoxLayout(curves_);
  curvesLayout->setContentsMargins(0, 0, 0, 0);
  curvesLayout->setSpacing(2);
  curvesLayout->addWidget(curveChooser_);
  auto* curveRow = new QHBoxLayout;
  curveRow->setSpacing(4);
  curveRow->addWidget(loss_, 1);
  curveRow->addWidget(accuracy_, 1);
  curvesLayout->addLayout(curveRow, 1);
  layout_->addWidget(curves_, 8);
  layout_->addWidget(runViews_, runViewsStretch(1));
  auto* insights = new QWidget(this);
  auto* insightsLayout = new QVBoxLayout(insights);
  insightsLayout->setContentsMargins(0, 0, 0, 0);
  insightsLayout->setSpacing(2);
  insightChooser_ = new QComboBox(insights);
  insightChooser_->setToolTip(tr("Which insight this column shows."));
  enlarge_ = new QToolButton(insights);
  enlarge_->setText(tr("Large"));
  enlarge_->setObjectName(QStringLiteral("figure-1-large"));
  enlarge_->setToolTip(
      tr("Figure 1 large, with test accuracy and each run's percentiles in its "
         "own chart (View → Figure 1, large)"));
  auto* chooserRow = new QHBoxLayout;
  chooserRow->addWidget(insightChooser_, 1);
  chooserRow->addWidget(enlarge_);
  insightsLayout->addLayout(chooserRow);
  insights_ = new QStackedWidget(insights);
  insightsLayout->addWidget(insights_, 1);
  for (const auto& [kind, chart] : kindCharts_) {
    if (kind->place != ChartPlace::Insight) continue;
    insights_->addWidget(chart);
    insightChooser_->addItem(kind->name);
  }
  connect(insightChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
    insights_->setCurrentIndex(index);
    enlarge_->setVisible(insights_->currentWidget() == figureOne_);
  });
  enlarge_->hide();
  connect(enlarge_, &QToolButton::clicked, this, &MetricsPanel::figureOneEnlarged);
  layout_->addWidget(insights, 3);
  plots_ = {loss_, accuracy_};
  plots_.insert(plots_.end(), runViews_->views().begin(), runViews_->views().end());
  for (const auto& [kind, chart] : kindCharts_)
    if (kind->place == ChartPlace::Insight) plots_.push_back(chart);
  for (int r = 0; r < kMaxRuns; ++r)
    runViews_->views()[std::size_t(r)]->setObjectName(
        QStringLiteral("decision-plane-%1").arg(r + 1));
  runViews_->views().front()->setObjectName(QStringLiteral("decision-plane"));
  for (plot::PlotWidget* view : runViews_->views()) {
    view->setCursor(Qt::CrossCursor);
    connect(view, &plot::PlotWidget::clicked, this,
            [this](QPointF p) { emit pointChosen(p.x(), p.y()); });
  }
  setMinimumHeight(210);
  updateMinimumWidth();
}

plot::PlotWidget* MetricsPanel::chart(std::string_view id) const {
  for (const auto& [kind, chart] : kindCharts_)
    if (kind->id == id) return chart;
  return nullptr;
}

void MetricsPanel::showSnapshot(const Snapshot& snap) {
  for (const auto& [kind, chart] : kindCharts_) chart->setModel(kind->build(snap, {}));
  const int runs = std::clamp(int(snap.runs.size()), 1, kMaxRuns);
  if (runs != runViews_->count()) {
    runViews_->setCount(runs);
    layout_->setStretchFactor(runViews_, runViewsStretch(runs));
    updateMinimumWidth();
  }
  // One view per run: the plane of 2-D data; a confusion matrix for anything wider.
  for (const ChartKind& kind : chartKinds()) {
    if (kind.place != ChartPlace::RunView) continue;
    for (int r = 0; r < runs && r < int(snap.runs.size()); ++r) {
      const ChartTarget target{.run = r};
      if (!kind.applies(snap, target)) continue;
      plot::PlotWidget* view = runViews_->views()[std::size_t(r)];
      view->setModel(kind.build(snap, target));
      view->setObjectName(chartId(kind, snap, target));
      view->setToolTip(kind.describe(snap, target));
    }
  }
}

void MetricsPanel::showTab(const QString& name) {
  for (int i = 0; i < insights_->count(); ++i)
    if (insights_->widget(i)->objectName() == name) insightChooser_->setCurrentIndex(i);
  if (const int curve = curveChooser_->findData(name); curve >= 0)
    curveChooser_->setCurrentIndex(curve);
}

void MetricsPanel::updateMinimumWidth() {
  // The strip may narrow to the width it has with loss and accuracy in one column (which they
  // share below kSideBySideWidth, well before it is reached).
  const QMargins margins = layout_->contentsMargins();
  const int column = std::max({kSmallestChart.width(), curveChooser_->minimumSizeHint().width(),
                               insights_->parentWidget()->minimumSizeHint().width()});
  setMinimumWidth(margins.left() + margins.right() + 2 * layout_->spacing() + 2 * column +
                  runViews_->minimumSizeHint().width());
}

void MetricsPanel::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  const bool share = width() < kSideBySideWidth;
  if (share == curvesShareColumn_) return;
  curvesShareColumn_ = share;
  // Side by side the two charts take eight parts of the width; sharing, the insights' three.
  layout_->setStretchFactor(curves_, share ? 3 : 8);
  showCurves();
}

void MetricsPanel::showCurves() {
  curveChooser_->setVisible(curvesShareColumn_);
  const QString chosen = curveChooser_->currentData().toString();
  loss_->setVisible(!curvesShareColumn_ || chosen == loss_->objectName());
  accuracy_->setVisible(!curvesShareColumn_ || chosen == accuracy_->objectName());
}

std::vector<plot::PlotWidget*> MetricsPanel::shownPlots() const {
  // Every chart but the run views of runs the snapshot lacks (a tab's chart counts when its
  // tab is in the back).
  const auto& views = runViews_->views();
  std::vector<plot::PlotWidget*> shown;
  for (plot::PlotWidget* plot : plots_) {
    const auto view = std::find(views.begin(), views.end(), plot);
    if (view == views.end() || view - views.begin() < runViews_->count()) shown.push_back(plot);
  }
  return shown;
}

}  // namespace bnlab
