#include "charts/chart_catalog.h"

#include <QObject>
#include <algorithm>

#include "charts/batch_norm_charts.h"
#include "charts/chart_common.h"
#include "charts/confusion_matrix.h"
#include "charts/decision_plane.h"
#include "charts/figure_one_charts.h"
#include "charts/gradient_shift_charts.h"
#include "charts/layer_charts.h"
#include "charts/training_charts.h"
#include "render/plot_renderer.h"

namespace bnlab {

namespace {

using plot::PlotModel;

QString tr(const char* text) { return QObject::tr(text); }

// Drawing functions of the snapshot alone, of a layer, of a run.
template <PlotModel (*draw)(const Snapshot&)>
PlotModel whole(const Snapshot& snap, const ChartTarget&) {
  return draw(snap);
}
template <PlotModel (*draw)(const Snapshot&, const LayerView&)>
PlotModel ofLayer(const Snapshot& snap, const ChartTarget& target) {
  return draw(snap, LayerView{target.layer, target.quantity});
}
template <PlotModel (*draw)(const Snapshot&, int)>
PlotModel ofLayerIndex(const Snapshot& snap, const ChartTarget& target) {
  return draw(snap, target.layer);
}
template <PlotModel (*draw)(const Snapshot&, int)>
PlotModel ofRun(const Snapshot& snap, const ChartTarget& target) {
  return draw(snap, target.run);
}

PlotModel figureOneRun(const Snapshot& snap, const ChartTarget& target) {
  std::vector<PlotModel> runs = figureOnePercentiles(snap);  // on one shared y axis
  return target.run < int(runs.size()) ? std::move(runs[std::size_t(target.run)]) : PlotModel{};
}

bool planeData(const Snapshot& snap) { return !snap.data || snap.data->train.dimensions() == 2; }
bool hasRun(const Snapshot& snap, const ChartTarget& target) {
  return target.run < int(snap.runs.size());
}
bool planeView(const Snapshot& snap, const ChartTarget& target) {
  return planeData(snap) && hasRun(snap, target);
}
bool matrixView(const Snapshot& snap, const ChartTarget& target) {
  return !planeData(snap) && hasRun(snap, target);
}
// Layer 1 has no earlier layers (G′ = G).
bool gradientShiftApplies(const Snapshot& snap, const ChartTarget& target) {
  return target.layer > 0 && gradientShiftShown(snap);
}

QString runViewToolTip(const Snapshot& snap, const ChartTarget& target) {
  const bool plane = planeData(snap);
  const QString whose = multiRun(snap) && hasRun(snap, target)
                            ? tr("Run “%1”: ").arg(runName(snap.runs[std::size_t(target.run)]))
                            : QString();
  return whose + (plane ? tr("the class the network predicts at each point of the input plane "
                             "(shade: confidence), with training points (dots) and test points "
                             "(rings). Click a point to classify that single example with running "
                             "statistics.")
                        : tr("the test set's confusion: rows the true class, columns the predicted "
                             "class, shade the share of the row."));
}

QString overviewToolTip(const Snapshot&, const ChartTarget& target) {
  return tr("Hidden layer %1's activation input: median line and percentile bands over steps, "
            "each run in its colour.")
      .arg(target.layer + 1);
}

std::vector<ChartKind> makeKinds() {
  const QString gradientShift =
      tr("Internal covariate shift as Santurkar et al. (2018) measure it. On one step's batch, G "
         "is the gradient ∂L/∂W of this layer's weights and G′ the same gradient after the "
         "earlier layers took this step's update (this layer and the later ones unchanged).");
  const QSize square{400, 400}, small{480, 320};
  return {
      {.id = "loss",
       .place = ChartPlace::Curves,
       .name = tr("Loss"),
       .toolTip = tr("Mean cross-entropy: of each mini-batch (grey, one network), and of the "
                     "whole training and test sets in evaluation mode."),
       .build = whole<lossOverSteps>},
      {.id = "accuracy",
       .place = ChartPlace::Curves,
       .name = tr("Accuracy"),
       .toolTip = tr("Fraction classified correctly, in evaluation mode (running statistics)."),
       .build = whole<accuracyOverSteps>},
      {.id = "decision-plane",
       .place = ChartPlace::RunView,
       .name = tr("Decision plane"),
       .build = ofRun<decisionPlane>,
       .applies = planeView,
       .describe = runViewToolTip,
       .exportSize = square,
       .perRun = true},
      {.id = "confusion",
       .place = ChartPlace::RunView,
       .name = tr("Confusion matrix"),
       .build = ofRun<confusionMatrix>,
       .applies = matrixView,
       .describe = runViewToolTip,
       .exportSize = square,
       .perRun = true},
      {.id = "batch-noise",
       .place = ChartPlace::Insight,
       .name = tr("Batch noise"),
       .toolTip = tr("Each dot is one recent training batch: its mean μ_B and standard "
                     "deviation σ_B of one unit's Z, which batch norm divides and subtracts. "
                     "The ring is the whole training set's. The scatter is batch norm's "
                     "noise (point 4): move the batch-size slider from 64 to 512 and it "
                     "shrinks, or compare runs that differ in batch size "
                     "(--runs batch-norm,batch-norm:batch=512), each in its colour."),
       .build = whole<batchNoise>,
       .exportSize = square},
      {.id = "test-time",
       .place = ChartPlace::Insight,
       .name = tr("Test time"),
       .toolTip = tr("At test time there is no batch: batch norm uses the running averages "
                     "of μ and σ² it kept while training, which converge on the whole "
                     "training set's values (grey). The note compares test accuracy with "
                     "running statistics, with the test set's own statistics, and with each "
                     "example normalized alone, where μ_B = z and σ_B = 0 erase every input "
                     "(point 5); with several batch-norm runs, as running/own/alone per run."),
       .build = whole<testTime>},
      {.id = "generalization-gap",
       .place = ChartPlace::Insight,
       .name = tr("Gap"),
       .toolTip = tr("Test loss minus training loss: how much better the network does on the "
                     "examples it learns from. Batch norm's noise and dropout narrow it a little "
                     "(point 4)."),
       .build = whole<lossGap>},
      {.id = "loss-landscape",
       .place = ChartPlace::Insight,
       .name = tr("Landscape"),
       .toolTip = tr("Beyond the lecture (Santurkar et al. 2018): every 50 steps, the loss "
                     "and gradient at 0.5, 1, 2 and 4 learning rates along −∇L. Loss "
                     "variation: how much the loss changes along that path; effective "
                     "β-smoothness: the largest gradient change per distance moved. "
                     "Smaller means a smoother landscape."),
       .build = whole<landscape>},
      {.id = "figure-1",
       .place = ChartPlace::Insight,
       .name = tr("Figure 1"),
       .toolTip = tr("Ioffe & Szegedy (2015), Figure 1 (b, c): the 15th, 50th and 85th "
                     "percentiles of one unit's input to its activation (the unit of View → "
                     "Batch noise from layer, unit 1) over steps. Without batch norm the band "
                     "drifts as earlier layers learn; with it, its mean and spread are the β and "
                     "γ it learns, and it moves less."),
       .build = whole<paperFigureOne>},
      {.id = "distribution",
       .place = ChartPlace::Layer,
       .name = tr("Distribution over steps"),
       .toolTip = tr("Percentiles over steps: the median line and bands at ±0.5, ±1, ±1.5 σ "
                     "of a normal and min–max. Steady bands mean later layers see a steady input."),
       .build = ofLayer<distributionOverSteps>},
      {.id = "histogram",
       .place = ChartPlace::Layer,
       .name = tr("Histogram"),
       .toolTip = tr("How the values are spread right now."),
       .build = ofLayer<currentHistogram>,
       .exportSize = small},
      {.id = "mean-std",
       .place = ChartPlace::Layer,
       .name = tr("Mean and std"),
       .toolTip = tr("Mean and standard deviation over steps."),
       .build = ofLayer<momentsOverSteps>},
      {.id = "units-1-2",
       .place = ChartPlace::Layer,
       .name = tr("Units 1 and 2"),
       .toolTip = tr("Each dot is one probe example: unit 1's value against unit 2's. Faint "
                     "dots show where the cloud was at earlier records."),
       .build = ofLayer<unitScatter>,
       .exportSize = square},
      {.id = "shift",
       .place = ChartPlace::Layer,
       .name = tr("Shift"),
       .toolTip = tr("How far this layer's activation input moved: the mean over units of the "
                     "1-Wasserstein distance between a unit's probe distributions at two "
                     "records, per 100 steps. 'recent' averages the last 20 records."),
       .build = ofLayer<shiftOverSteps>},
      {.id = "gradient-shift",
       .place = ChartPlace::Layer,
       .name = tr("Gradient shift"),
       .toolTip =
           gradientShift + tr(" Drawn: ‖G − G′‖ / ‖G‖ (Frobenius norms). Does batch norm make it "
                              "smaller? 'recent' averages the last 20 measures."),
       .build = ofLayerIndex<gradientShiftOverSteps>,
       .applies = gradientShiftApplies},
      {.id = "gradient-cosine",
       .place = ChartPlace::Layer,
       .name = tr("Gradient cosine"),
       .toolTip = gradientShift + tr(" Drawn: cos(G, G′) = ⟨G, G′⟩ / (‖G‖·‖G′‖); 1: the earlier "
                                     "layers' update left the gradient's direction as it was."),
       .build = ofLayerIndex<gradientCosineOverSteps>,
       .applies = gradientShiftApplies,
       .exportSize = small},
      {.id = "figure-1-accuracy",
       .place = ChartPlace::FigureOne,
       .name = tr("Figure 1: test accuracy"),
       .toolTip = tr("Test accuracy in evaluation mode (running statistics), per run."),
       .build = whole<figureOneAccuracy>},
      {.id = "figure-1-run",
       .place = ChartPlace::FigureOne,
       .name = tr("Figure 1: a run's percentiles"),
       .toolTip = tr("The 15th (dotted), 50th (solid) and 85th (dashed) percentiles of the "
                     "followed unit's activation input over the probe batch, over steps. "
                     "Every run's chart has the same y axis."),
       .build = figureOneRun,
       .applies = hasRun,
       .perRun = true},
      {.id = "overview",
       .place = ChartPlace::Overview,
       .name = tr("Layer overview"),
       .build = ofLayerIndex<layerOverview>,
       .describe = overviewToolTip,
       .exportSize = small},
  };
}

int layerCount(const Snapshot& snap) {
  return snap.runs.empty() ? 0 : int(snap.runs.front().layers.size());
}

bool perLayer(ChartPlace place) {
  return place == ChartPlace::Layer || place == ChartPlace::Overview;
}

}  // namespace

std::span<const ChartKind> chartKinds() {
  static const std::vector<ChartKind> kinds = makeKinds();
  return kinds;
}

const ChartKind* findChartKind(std::string_view id) {
  for (const ChartKind& kind : chartKinds())
    if (kind.id == id) return &kind;
  return nullptr;
}

QString CatalogChart::toolTip(const Snapshot& snap) const {
  return kind->describe ? kind->describe(snap, target) : kind->toolTip;
}

QString chartId(const ChartKind& kind, const Snapshot& snap, const ChartTarget& target) {
  const QString id = QString::fromUtf8(kind.id.data(), qsizetype(kind.id.size()));
  switch (kind.place) {
    case ChartPlace::Layer:
      return QStringLiteral("layer%1-%2").arg(target.layer + 1).arg(id);
    case ChartPlace::Overview:
      return QStringLiteral("overview-layer%1").arg(target.layer + 1);
    case ChartPlace::RunView:  // "decision-plane" alone; "decision-plane-plain" among several
    case ChartPlace::FigureOne:
      if (!kind.perRun || (kind.place == ChartPlace::RunView && !multiRun(snap))) return id;
      return id + QLatin1Char('-') +
             (hasRun(snap, target) ? runFileName(snap, target.run)
                                   : QString::number(target.run + 1));
    case ChartPlace::Curves:
    case ChartPlace::Insight:
      break;
  }
  return id;
}

std::vector<CatalogChart> catalogCharts(const Snapshot& snap, std::span<const ChartPlace> places,
                                        bool withEmpty) {
  std::vector<CatalogChart> charts;
  const auto add = [&](const ChartKind& kind, ChartTarget target) {
    if (kind.applies && !kind.applies(snap, target)) return;
    CatalogChart chart{&kind, target, chartId(kind, snap, target)};
    if (withEmpty || plot::hasData(chart.model(snap))) charts.push_back(std::move(chart));
  };
  // Place by place, as the dashboard is read: the metrics strip, then each layer's row.
  for (ChartPlace place : places) {
    const bool layered = perLayer(place);
    for (int l = 0; l < (layered ? layerCount(snap) : 1); ++l)
      for (const ChartKind& kind : chartKinds()) {
        if (kind.place != place) continue;
        if (!kind.perRun) add(kind, ChartTarget{.layer = l});
        for (int r = 0; kind.perRun && r < int(snap.runs.size()); ++r)
          add(kind, ChartTarget{.layer = l, .run = r});
      }
  }
  return charts;
}

std::vector<CatalogChart> dashboardCharts(const Snapshot& snap, bool withEmpty) {
  static constexpr ChartPlace kDashboard[] = {ChartPlace::Curves, ChartPlace::RunView,
                                              ChartPlace::Insight, ChartPlace::Layer};
  return catalogCharts(snap, kDashboard, withEmpty);
}

}  // namespace bnlab
