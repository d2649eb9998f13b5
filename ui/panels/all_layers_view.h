#pragma once
// Every hidden layer at once, so that the deep ones are never below the fold: one small chart
// per layer of its activation input's percentile bands over steps (Z̃ with batch norm, Z
// without), every run in its colour, in the grid that gives each chart the most room. It draws
// the snapshot's own records and computes nothing.
#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QWidget>
#include <vector>

#include "experiment/snapshot.h"
#include "panels/plot_widget.h"

namespace bnlab {

class AllLayersView : public QWidget {
  Q_OBJECT
 public:
  explicit AllLayersView(QWidget* parent = nullptr);
  // One chart per hidden layer (the old ones are deleted).
  void setLayers(int count);
  // Draws `snapshot` (kept, to redraw when the scale choice changes).
  void showSnapshot(SnapshotPtr snapshot);
  const std::vector<plot::PlotWidget*>& plots() const { return plots_; }
  int columns() const { return columns_; }
  // Whether every layer's chart has the same y range.
  QCheckBox* sameScale() const { return sameScale_; }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void arrange();

  QLabel* caption_;
  QCheckBox* sameScale_;
  QWidget* gridHost_;
  QGridLayout* grid_;
  std::vector<plot::PlotWidget*> plots_;
  SnapshotPtr shown_;
  int columns_ = 0;
};

}  // namespace bnlab
