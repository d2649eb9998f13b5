#pragma once
// The strip across the top: loss and accuracy over steps, each run's decision plane (or
// confusion matrix), and the insights (batch noise, test time, gap, landscape, Figure 1), one at
// a time, chosen from a list that shows every name whole however narrow the column. When the
// strip is narrow, loss and accuracy share a column the same way, to leave the run views room.
#include <QBoxLayout>
#include <QComboBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QWidget>

#include "charts/chart_catalog.h"
#include "experiment/snapshot.h"
#include "panels/plot_widget.h"
#include "panels/run_view_grid.h"

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
  // Brings the chart named `name` (its object name, e.g. "figure-1", "accuracy") forward, when
  // it shares its column with others.
  void showTab(const QString& name);
  QComboBox* insightChooser() const { return insightChooser_; }
  // Whether loss and accuracy share one column, one at a time (below kSideBySideWidth).
  bool curvesShareColumn() const { return curvesShareColumn_; }
  QComboBox* curveChooser() const { return curveChooser_; }
  static constexpr int kSideBySideWidth = 1000;
  static constexpr QSize kSmallestChart{120, 96};

 signals:
  // The user clicked a decision plane at input (x, y).
  void pointChosen(double x, double y);
  // The user asked for the Figure 1 chart large (its button).
  void figureOneEnlarged();

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void updateMinimumWidth();
  // Loss and accuracy side by side, or the chosen one alone when they share a column.
  void showCurves();

  // The catalog's chart of this id.
  plot::PlotWidget* chart(std::string_view id) const;

  // The catalog's Curves and Insight charts, and the kind each shows.
  std::vector<std::pair<const ChartKind*, plot::PlotWidget*>> kindCharts_;
  plot::PlotWidget* loss_;
  plot::PlotWidget* accuracy_;
  RunViewGrid* runViews_;  // each run's decision plane or confusion matrix
  plot::PlotWidget* figureOne_;
  QComboBox* insightChooser_;
  QStackedWidget* insights_;
  QToolButton* enlarge_;
  QWidget* curves_;  // loss and accuracy
  QComboBox* curveChooser_;
  bool curvesShareColumn_ = false;
  QHBoxLayout* layout_;
  std::vector<plot::PlotWidget*> plots_;
};

}  // namespace bnlab
