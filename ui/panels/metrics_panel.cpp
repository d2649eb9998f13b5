#include "panels/metrics_panel.h"

#include <QVBoxLayout>

#include "charts/batch_norm_charts.h"
#include "charts/chart_common.h"
#include "charts/confusion_matrix.h"
#include "charts/decision_plane.h"
#include "charts/training_charts.h"

namespace bnlab {

namespace {

// Room for the run views: three stretch units per chart in a row (the loss chart has four),
// at most ten, so that four runs leave the loss and accuracy charts their width.
int runViewsStretch(int runs) { return std::min(10, 3 * runs); }

}  // namespace

MetricsPanel::MetricsPanel(QWidget* parent)
    : QWidget(parent),
      loss_(new plot::PlotWidget(this)),
      accuracy_(new plot::PlotWidget(this)),
      runViews_(new RunViewGrid(this)),
      noise_(new plot::PlotWidget),
      testTime_(new plot::PlotWidget),
      landscape_(new plot::PlotWidget),
      gap_(new plot::PlotWidget),
      figureOne_(new plot::PlotWidget),
      layout_(new QHBoxLayout(this)) {
  layout_->setContentsMargins(4, 4, 4, 4);
  layout_->setSpacing(4);
  curves_ = new QWidget(this);
  curveChooser_ = new QComboBox(curves_);
  // Accuracy first: the presets' captions speak of it.
  curveChooser_->addItem(tr("Accuracy"), QStringLiteral("accuracy"));
  curveChooser_->addItem(tr("Loss"), QStringLiteral("loss"));
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
  const std::pair<plot::PlotWidget*, QString> insightNames[] = {{noise_, tr("Batch noise")},
                                                                {testTime_, tr("Test time")},
                                                                {gap_, tr("Gap")},
                                                                {landscape_, tr("Landscape")},
                                                                {figureOne_, tr("Figure 1")}};
  for (const auto& [chart, name] : insightNames) {
    insights_->addWidget(chart);
    insightChooser_->addItem(name);
  }
  connect(insightChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
    insights_->setCurrentIndex(index);
    enlarge_->setVisible(insights_->currentWidget() == figureOne_);
  });
  enlarge_->hide();
  connect(enlarge_, &QToolButton::clicked, this, &MetricsPanel::figureOneEnlarged);
  figureOne_->setToolTip(
      tr("Ioffe & Szegedy (2015), Figure 1 (b, c): the 15th, 50th and 85th "
         "percentiles of one unit's input to its activation (the unit of View → "
         "Batch noise from layer, unit 1) over steps. Without batch norm the band "
         "drifts as earlier layers learn; with it, its mean and spread are the β and γ it "
         "learns, and it moves less."));
  gap_->setToolTip(
      tr("Test loss minus training loss: how much better the network does on the "
         "examples it learns from. Batch norm's noise and dropout narrow it a little "
         "(point 4)."));
  landscape_->setToolTip(
      tr("Beyond the lecture (Santurkar et al. 2018): every 50 steps, the loss "
         "and gradient at 0.5, 1, 2 and 4 learning rates along −∇L. Loss "
         "variation: how much the loss changes along that path; effective "
         "β-smoothness: the largest gradient change per distance moved. "
         "Smaller means a smoother landscape."));
  layout_->addWidget(insights, 3);
  plots_ = {loss_, accuracy_};
  plots_.insert(plots_.end(), runViews_->views().begin(), runViews_->views().end());
  plots_.insert(plots_.end(), {noise_, testTime_, gap_, landscape_, figureOne_});
  const std::pair<plot::PlotWidget*, const char*> names[] = {
      {loss_, "loss"},          {accuracy_, "accuracy"},      {noise_, "batch-noise"},
      {testTime_, "test-time"}, {gap_, "generalization-gap"}, {landscape_, "loss-landscape"},
      {figureOne_, "figure-1"}};
  for (const auto& [chart, name] : names) chart->setObjectName(QLatin1String(name));
  for (int r = 0; r < kMaxRuns; ++r)
    runViews_->views()[std::size_t(r)]->setObjectName(
        QStringLiteral("decision-plane-%1").arg(r + 1));
  runViews_->views().front()->setObjectName(QStringLiteral("decision-plane"));
  for (plot::PlotWidget* view : runViews_->views()) {
    view->setCursor(Qt::CrossCursor);
    connect(view, &plot::PlotWidget::clicked, this,
            [this](QPointF p) { emit pointChosen(p.x(), p.y()); });
  }
  testTime_->setToolTip(
      tr("At test time there is no batch: batch norm uses the running averages "
         "of μ and σ² it kept while training, which converge on the whole "
         "training set's values (grey). The note compares test accuracy with "
         "running statistics, with the test set's own statistics, and with each "
         "example normalized alone, where μ_B = z and σ_B = 0 erase every input "
         "(point 5); with several batch-norm runs, as running/own/alone per run."));
  noise_->setToolTip(
      tr("Each dot is one recent training batch: its mean μ_B and standard "
         "deviation σ_B of one unit's Z, which batch norm divides and subtracts. "
         "The ring is the whole training set's. The scatter is batch norm's "
         "noise (point 4): move the batch-size slider from 64 to 512 and it "
         "shrinks, or compare runs that differ in batch size "
         "(--runs batch-norm,batch-norm:batch=512), each in its colour."));
  loss_->setToolTip(
      tr("Mean cross-entropy: of each mini-batch (grey, one network), and of the "
         "whole training and test sets in evaluation mode."));
  accuracy_->setToolTip(
      tr("Fraction classified correctly, in evaluation mode (running statistics)."));
  for (plot::PlotWidget* chart :
       {loss_, accuracy_, noise_, testTime_, gap_, landscape_, figureOne_})
    chart->setMinimumSize(kSmallestChart);
  setMinimumHeight(210);
  updateMinimumWidth();
}

void MetricsPanel::showSnapshot(const Snapshot& snap) {
  loss_->setModel(lossOverSteps(snap));
  accuracy_->setModel(accuracyOverSteps(snap));
  // One view per run: the plane of 2-D data; a confusion matrix for anything wider.
  const bool plane = !snap.data || snap.data->train.dimensions() == 2;
  const int runs = std::clamp(int(snap.runs.size()), 1, kMaxRuns);
  if (runs != runViews_->count()) {
    runViews_->setCount(runs);
    layout_->setStretchFactor(runViews_, runViewsStretch(runs));
    updateMinimumWidth();
  }
  const QString base = plane ? QStringLiteral("decision-plane") : QStringLiteral("confusion");
  for (int r = 0; r < runs && r < int(snap.runs.size()); ++r) {
    plot::PlotWidget* view = runViews_->views()[std::size_t(r)];
    view->setModel(plane ? decisionPlane(snap, r) : confusionMatrix(snap, r));
    // File names: "decision-plane" alone; "decision-plane-plain", "…-batch-norm" for runs.
    view->setObjectName(multiRun(snap) ? base + QLatin1Char('-') + runFileName(snap, r) : base);
    const QString whose =
        multiRun(snap) ? tr("Run “%1”: ").arg(runName(snap.runs[std::size_t(r)])) : QString();
    view->setToolTip(
        whose + (plane ? tr("the class the network predicts at each point of the input plane "
                            "(shade: confidence), with training points (dots) and test points "
                            "(rings). Click a point to classify that single example with running "
                            "statistics.")
                       : tr("the test set's confusion: rows the true class, columns the predicted "
                            "class, shade the share of the row.")));
  }
  noise_->setModel(batchNoise(snap));
  testTime_->setModel(testTime(snap));
  landscape_->setModel(landscape(snap));
  gap_->setModel(lossGap(snap));
  figureOne_->setModel(paperFigureOne(snap));
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
