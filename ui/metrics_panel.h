#pragma once
// The strip across the top: loss and accuracy over steps, each run's decision plane (or
// confusion matrix), and the insight tabs (batch noise, test time, gap, landscape, Figure 1).
#include <QHBoxLayout>
#include <QTabWidget>
#include <QWidget>

#include "experiment/snapshot.h"
#include "plot/plot_widget.h"
#include "run_view_grid.h"

namespace bnlab {

class MetricsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit MetricsPanel(QWidget* parent = nullptr);
  void showSnapshot(const Snapshot& snapshot);
  // Every chart, those of runs the snapshot lacks included.
  const std::vector<plot::PlotWidget*>& plots() const { return plots_; }
  // The charts that apply to the snapshot shown (one decision plane per run).
  std::vector<plot::PlotWidget*> shownPlots() const;
  // Brings the tab holding the chart named `name` (its object name, e.g. "figure-1") forward.
  void showTab(const QString& name);

  signals:
  // The user clicked a decision plane at input (x, y).
  void pointChosen(double x, double y);

 private:
  plot::PlotWidget* loss_;
  plot::PlotWidget* accuracy_;
  RunViewGrid* runViews_;  // each run's decision plane or confusion matrix
  plot::PlotWidget* noise_;
  plot::PlotWidget* testTime_;
  plot::PlotWidget* landscape_;
  plot::PlotWidget* gap_;
  plot::PlotWidget* figureOne_;
  QTabWidget* tabs_;
  QHBoxLayout* layout_;
  std::vector<plot::PlotWidget*> plots_;
};

}  // namespace bnlab
