#pragma once
// One hidden layer: its distribution over steps (percentile bands), the histogram now, mean
// and std over steps, units 1 and 2 against each other with a fading trail, and its shift; while
// the gradient shift is measured, also that and its cosine. The header chooses the quantity, all
// units or one, and the probe or the training batch. The charts stand in one row when the panel
// is wide enough for each to be readable, else in two (the first row one longer when they are
// odd in number), so that a narrow window never needs a sideways scroll bar.
#include <QBoxLayout>
#include <QComboBox>
#include <QLabel>
#include <QWidget>

#include "charts/chart_catalog.h"
#include "experiment/snapshot.h"
#include "panels/plot_widget.h"

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
  // Rows of charts: 1 when the panel is at least kOneRowWidthPerChart wide per chart shown
  // (880 for the five distribution charts), else 2.
  int chartRows() const { return rows_; }
  static constexpr int kOneRowWidthPerChart = 176;
  static constexpr QSize kSmallestChart{120, 120};

 protected:
  void resizeEvent(QResizeEvent* event) override;

 signals:
  void focusChanged(int layer, bnlab::DistributionFocus focus);

 private:
  int layer_;
  QLabel* title_;
  QLabel* caption_;
  QComboBox* quantity_;
  QComboBox* unit_;
  QComboBox* source_;
  // The catalog's Layer charts, in its order; the kind each shows.
  std::vector<plot::PlotWidget*> plots_;
  std::vector<const ChartKind*> kinds_;
  QHBoxLayout* header_;
  QVBoxLayout* chartRows_;
  QHBoxLayout* firstRow_;
  QHBoxLayout* secondRow_;
  int rows_ = 0;
  int shownCharts_ = 0;
  int shownChartCount() const;
  // The rows the panel's width allows for the charts shown.
  int rowsForWidth() const;
  // Lays the shown charts out in `rows` rows (when they or the charts shown changed).
  void arrangeCharts(int rows);
};

}  // namespace bnlab
