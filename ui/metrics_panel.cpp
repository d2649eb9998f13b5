#include "metrics_panel.h"

#include <QHBoxLayout>
#include <QTabWidget>

#include "real_data_plots.h"
#include "snapshot_plots.h"

namespace bnlab {

MetricsPanel::MetricsPanel(QWidget* parent)
    : QWidget(parent),
      loss_(new plot::PlotWidget(this)),
      accuracy_(new plot::PlotWidget(this)),
      plane_(new plot::PlotWidget(this)),
      secondPlane_(new plot::PlotWidget(this)),
      noise_(new plot::PlotWidget),
      testTime_(new plot::PlotWidget),
      landscape_(new plot::PlotWidget),
      gap_(new plot::PlotWidget),
      figureOne_(new plot::PlotWidget) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  layout->addWidget(loss_, 4);
  layout->addWidget(accuracy_, 4);
  layout->addWidget(plane_, 3);
  layout->addWidget(secondPlane_, 3);
  auto* insights = new QTabWidget(this);
  tabs_ = insights;
  insights->setDocumentMode(true);
  insights->addTab(noise_, tr("Batch noise"));
  insights->addTab(testTime_, tr("Test time"));
  insights->addTab(gap_, tr("Gap"));
  insights->addTab(landscape_, tr("Landscape"));
  insights->addTab(figureOne_, tr("Figure 1"));
  figureOne_->setToolTip(tr("Ioffe & Szegedy (2015), Figure 1 (b, c): the 15th, 50th and 85th "
                            "percentiles of one unit's input to its activation (the unit of View → "
                            "Batch noise from layer, unit 1) over steps. Without batch norm the band "
                            "drifts as earlier layers learn; with it, it holds still."));
  gap_->setToolTip(tr("Test loss minus training loss: how much better the network does on the "
                      "examples it learns from. Batch norm's noise and dropout narrow it a little "
                      "(point 4)."));
  landscape_->setToolTip(tr("Beyond the lecture (Santurkar et al. 2018): every 50 steps, the loss "
                            "and gradient at 0.5, 1, 2 and 4 learning rates along −∇L. Loss "
                            "variation: how much the loss changes along that path; effective "
                            "β-smoothness: the largest gradient change per distance moved. "
                            "Smaller means a smoother landscape."));
  layout->addWidget(insights, 3);
  secondPlane_->hide();
  plots_ = {loss_, accuracy_, plane_, secondPlane_, noise_, testTime_, gap_, landscape_, figureOne_};
  const char* names[] = {"loss", "accuracy", "decision-plane", "decision-plane-batch-norm",
                         "batch-noise", "test-time", "generalization-gap", "loss-landscape", "figure-1"};
  for (std::size_t i = 0; i < plots_.size(); ++i) plots_[i]->setObjectName(QLatin1String(names[i]));
  for (plot::PlotWidget* plane : {plane_, secondPlane_}) {
    plane->setCursor(Qt::CrossCursor);
    connect(plane, &plot::PlotWidget::clicked, this,
            [this](QPointF p) { emit pointChosen(p.x(), p.y()); });
  }
  testTime_->setToolTip(tr("At test time there is no batch: batch norm uses the running averages "
                           "of μ and σ² it kept while training, which converge on the whole "
                           "training set's values (grey). The note compares test accuracy with "
                           "running statistics, with the test set's own statistics, and with each "
                           "example normalized alone, where μ_B = z and σ_B = 0 erase every input "
                           "(point 5)."));
  noise_->setToolTip(tr("Each dot is one recent training batch: its mean μ_B and standard "
                        "deviation σ_B of one unit's Z, which batch norm divides and subtracts. "
                        "The ring is the whole training set's. The scatter is batch norm's "
                        "noise (point 4): move the batch-size slider from 64 to 512 and it shrinks."));
  loss_->setToolTip(tr("Mean cross-entropy: of each mini-batch (grey), and of the whole training "
                       "and test sets in evaluation mode."));
  accuracy_->setToolTip(tr("Fraction classified correctly, in evaluation mode (running statistics)."));
  secondPlane_->setToolTip(tr("The batch-norm twin's decision plane."));
  plane_->setToolTip(tr("Click a point to classify that single example with running statistics. "
                        "The class the network predicts at each point of the input plane (shade: "
                        "confidence), with training points (dots) and test points (rings)."));
  setMinimumHeight(210);
}

void MetricsPanel::showSnapshot(const Snapshot& snap) {
  loss_->setModel(lossOverSteps(snap));
  accuracy_->setModel(accuracyOverSteps(snap));
  // The plane of 2-D data; a confusion matrix for anything wider.
  const bool plane = !snap.data || snap.data->train.dimensions() == 2;
  const auto view = [&](int run) { return plane ? decisionPlane(snap, run) : confusionMatrix(snap, run); };
  const QString base = plane ? QStringLiteral("decision-plane") : QStringLiteral("confusion");
  plane_->setModel(view(0));
  const bool twins = snap.runs.size() > 1;
  plane_->setObjectName(twins ? base + QStringLiteral("-plain") : base);
  secondPlane_->setObjectName(base + QStringLiteral("-batch-norm"));
  secondPlane_->setVisible(twins);
  if (twins) secondPlane_->setModel(view(1));
  noise_->setModel(batchNoise(snap));
  testTime_->setModel(testTime(snap));
  landscape_->setModel(landscape(snap));
  gap_->setModel(lossGap(snap));
  figureOne_->setModel(paperFigureOne(snap));
}

void MetricsPanel::showTab(const QString& name) {
  for (int i = 0; i < tabs_->count(); ++i)
    if (tabs_->widget(i)->objectName() == name) tabs_->setCurrentIndex(i);
}

}  // namespace bnlab

namespace bnlab {

std::vector<plot::PlotWidget*> MetricsPanel::shownPlots() const {
  std::vector<plot::PlotWidget*> shown;
  for (plot::PlotWidget* plot : plots_)
    if (plot != secondPlane_ || !secondPlane_->isHidden()) shown.push_back(plot);
  return shown;
}

}  // namespace bnlab
