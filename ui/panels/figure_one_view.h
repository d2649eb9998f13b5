#pragma once
// The batch norm paper's Figure 1, large: (a) test accuracy of every run above, and below it one
// chart per run of the followed unit's 15th, 50th and 85th percentiles, side by side on one y
// axis. It draws the snapshot's own records (UnitPercentiles) and computes nothing.
#include <QLabel>
#include <QWidget>
#include <array>

#include "experiment/snapshot.h"
#include "panels/plot_widget.h"

namespace bnlab {

class FigureOneView : public QWidget {
  Q_OBJECT
 public:
  explicit FigureOneView(QWidget* parent = nullptr);
  void showSnapshot(const Snapshot& snapshot);
  plot::PlotWidget* accuracy() const { return accuracy_; }
  // One per possible run; those past the snapshot's runs are hidden.
  const std::array<plot::PlotWidget*, kMaxRuns>& percentiles() const { return percentiles_; }
  // The accuracy chart and every run's.
  std::vector<plot::PlotWidget*> plots() const;
  static constexpr QSize kSmallestChart{120, 120};

 private:
  QLabel* caption_;
  plot::PlotWidget* accuracy_;
  std::array<plot::PlotWidget*, kMaxRuns> percentiles_{};
};

}  // namespace bnlab
