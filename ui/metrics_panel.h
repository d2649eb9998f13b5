#pragma once
// The strip across the top: loss and accuracy over steps, and the decision plane.
#include <QTabWidget>
#include <QWidget>

#include "experiment/snapshot.h"
#include "plot/plot_widget.h"

namespace bnlab {

class MetricsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit MetricsPanel(QWidget* parent = nullptr);
  void showSnapshot(const Snapshot& snapshot);
  const std::vector<plot::PlotWidget*>& plots() const { return plots_; }
  // The charts that apply to the snapshot shown (the second decision plane only for twins).
  std::vector<plot::PlotWidget*> shownPlots() const;
  // Brings the tab holding the chart named `name` (its object name, e.g. "figure-1") forward.
  void showTab(const QString& name);

  signals:
  // The user clicked the decision plane at input (x, y).
  void pointChosen(double x, double y);

 private:
  plot::PlotWidget* loss_;
  plot::PlotWidget* accuracy_;
  plot::PlotWidget* plane_;
  plot::PlotWidget* secondPlane_;  // the batch-norm twin's, in compare mode
  plot::PlotWidget* noise_;
  plot::PlotWidget* testTime_;
  plot::PlotWidget* landscape_;
  plot::PlotWidget* gap_;
  plot::PlotWidget* figureOne_;
  QTabWidget* tabs_;
  std::vector<plot::PlotWidget*> plots_;
};

}  // namespace bnlab
