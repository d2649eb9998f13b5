#pragma once
// One hidden layer: its distribution over steps (percentile bands), the histogram now, mean
// and std over steps, units 1 and 2 against each other with a fading trail, and its shift. The header
// chooses the quantity, all units or one, and the probe or the training batch.
#include <QComboBox>
#include <QLabel>
#include <QWidget>
#include <deque>

#include "experiment/snapshot.h"
#include "plot/plot_widget.h"
#include "plots/layer_charts.h"

namespace bnlab {

class LayerPanel : public QWidget {
  Q_OBJECT
 public:
  LayerPanel(int layer, int units, QWidget* parent = nullptr);

  void showSnapshot(const Snapshot& snapshot);
  int layer() const { return layer_; }
  DistributionFocus focus() const;
  QComboBox* quantityCombo() const { return quantity_; }
  QComboBox* unitCombo() const { return unit_; }
  QComboBox* sourceCombo() const { return source_; }
  const std::vector<plot::PlotWidget*>& plots() const { return plots_; }

 signals:
  void focusChanged(int layer, bnlab::DistributionFocus focus);

 private:
  int layer_;
  QLabel* title_;
  QLabel* caption_;
  QComboBox* quantity_;
  QComboBox* unit_;
  QComboBox* source_;
  plot::PlotWidget* bands_;
  plot::PlotWidget* histogram_;
  plot::PlotWidget* moments_;
  plot::PlotWidget* scatter_;
  plot::PlotWidget* shift_;
  std::vector<plot::PlotWidget*> plots_;
  std::vector<ScatterTrail> trails_;  // per run
  std::int64_t trailStep_ = -1;
};

}  // namespace bnlab
