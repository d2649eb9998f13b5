#pragma once
// The one list of the lab's charts. Each kind has its id (the export file's name, the --charts
// value and what a lesson's "frame" points at), its name in choosers, its tooltip, its place and
// the function that draws it from a snapshot. The window's panels make their charts from these
// rows; headless exports and animations draw the same models without a window.
//
// A new chart: its drawing function under charts/, and its row in chart_catalog.cpp.
#include <QSize>
#include <QString>
#include <span>
#include <string_view>
#include <vector>

#include "experiment/snapshot.h"
#include "render/plot_model.h"

namespace bnlab {

enum class ChartPlace {
  Curves,     // the metrics strip's loss and accuracy
  RunView,    // the metrics strip: one per run (decision plane or confusion matrix)
  Insight,    // the metrics strip: one at a time, chosen from a list
  Layer,      // a row of charts per hidden layer
  FigureOne,  // View → Figure 1, large
  Overview,   // View → All layers: one chart per layer
};

// Which of its kind a chart is: its layer (Layer and Overview charts), its run (RunView and the
// Figure 1 runs), and the quantity the layer's row shows.
struct ChartTarget {
  int layer = 0;
  int run = 0;
  Quantity quantity = Quantity::ActivationInput;
};

struct ChartKind {
  // "loss"; per layer the part after "layerN-" ("distribution"); per run the part before the
  // run's name ("decision-plane").
  std::string_view id;
  ChartPlace place;
  QString name = {};     // in the insight chooser and the recording dialog
  QString toolTip = {};  // "" when describe() gives it
  plot::PlotModel (*build)(const Snapshot&, const ChartTarget&);
  // Whether the snapshot has such a chart (null: always).
  bool (*applies)(const Snapshot&, const ChartTarget&) = nullptr;
  // A tooltip that depends on the snapshot (the run's name, plane or matrix); null: toolTip.
  QString (*describe)(const Snapshot&, const ChartTarget&) = nullptr;
  QSize exportSize = {640, 400};  // a headless export's size, unless --chart-size
  bool perRun = false;            // one chart per run (per layer: the Layer and Overview places)
};

// Every kind, in the dashboard's order.
std::span<const ChartKind> chartKinds();
// The kind with this id; null for none.
const ChartKind* findChartKind(std::string_view id);

// One chart: its kind, which of its kind, and its id for the snapshot.
struct CatalogChart {
  const ChartKind* kind = nullptr;
  ChartTarget target;
  QString id;  // "loss", "layer2-distribution", "decision-plane-batch-norm", "figure-1-run-plain"
  plot::PlotModel model(const Snapshot& snap) const { return kind->build(snap, target); }
  QString toolTip(const Snapshot& snap) const;
};

// A chart's id in `snap`: per layer "layer2-distribution"; per run "decision-plane" for one
// run, "decision-plane-plain", "confusion-batch-norm" for several; "figure-1-run-plain".
QString chartId(const ChartKind& kind, const Snapshot& snap, const ChartTarget& target);

// Every chart of `places` that applies to `snap`, in order; those without data only with
// `withEmpty` (to know every file an export may write before there is data).
std::vector<CatalogChart> catalogCharts(const Snapshot& snap, std::span<const ChartPlace> places,
                                        bool withEmpty = false);
// The dashboard's: the metrics strip's and every layer's, as Export all writes them.
std::vector<CatalogChart> dashboardCharts(const Snapshot& snap, bool withEmpty = false);

}  // namespace bnlab
