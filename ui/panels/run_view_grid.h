#pragma once
// One chart per run (decision planes or confusion matrices), laid out to fit: the first `count`
// of its kMaxRuns charts in the rows × columns that give each the largest square cell for the
// grid's current size (three or four runs: a row in a wide strip, 2 × 2 in a narrow one; one or
// two runs always side by side).
#include <QGridLayout>
#include <QWidget>
#include <array>

#include "experiment/run_spec.h"
#include "panels/plot_widget.h"

namespace bnlab {

class RunViewGrid : public QWidget {
  Q_OBJECT
 public:
  explicit RunViewGrid(QWidget* parent = nullptr);
  const std::array<plot::PlotWidget*, kMaxRuns>& views() const { return views_; }
  int count() const { return count_; }
  void setCount(int count);  // 1 … kMaxRuns; the rest are hidden

  // Columns for `count` square cells in `size`: for more than two, the choice that makes the
  // cells largest among those whose cells are at least kSmallestCell (or a row, if none is).
  static int bestColumns(int count, QSize size);
  static constexpr QSize kSmallestCell{120, 100};

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void arrange();

  std::array<plot::PlotWidget*, kMaxRuns> views_{};
  QGridLayout* grid_;
  int count_ = 1;
  int columns_ = 0;
};

}  // namespace bnlab
