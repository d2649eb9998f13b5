#include "panels/run_view_grid.h"

#include <algorithm>

namespace bnlab {

RunViewGrid::RunViewGrid(QWidget* parent) : QWidget(parent), grid_(new QGridLayout(this)) {
  grid_->setContentsMargins(0, 0, 0, 0);
  grid_->setSpacing(4);
  for (plot::PlotWidget*& view : views_) view = new plot::PlotWidget(this);
  arrange();
}

void RunViewGrid::setCount(int count) {
  count = std::clamp(count, 1, kMaxRuns);
  if (count == count_) return;
  count_ = count;
  columns_ = 0;
  // Up to two runs each chart keeps its usual minimum (as in the plain and batch-norm pair).
  // More get smaller cells, and the grid asks only for room for 2 × 2 of them: a row when
  // the strip is wide, two rows when it is narrow.
  const bool small = count_ > 2;
  for (plot::PlotWidget* view : views_) view->setMinimumSize(small ? kSmallestCell : QSize(0, 0));
  const int spacing = grid_->spacing();
  setMinimumSize(
      small ? QSize(2 * kSmallestCell.width() + spacing, 2 * kSmallestCell.height() + spacing)
            : QSize(0, 0));
  arrange();
}

int RunViewGrid::bestColumns(int count, QSize size) {
  if (count <= 2) return count;  // side by side, as the plain and batch-norm pair always was
  int best = count;
  double bestSide = 0;
  // Balanced grids only: for each number of rows, the fewest columns that hold every run (four
  // runs: a row of four, 2 × 2 or a column, never 3 + 1).
  for (int rows = 1; rows <= count; ++rows) {
    const int columns = (count + rows - 1) / rows;
    if ((count + columns - 1) / columns != rows) continue;  // the same grid as fewer rows
    const double width = double(size.width()) / columns, height = double(size.height()) / rows;
    if (width < kSmallestCell.width() || height < kSmallestCell.height()) continue;
    const double side = std::min(width, height);
    // Fewer rows win ties: a strip of charts reads left to right like the rest of the window.
    if (side > bestSide * 1.05) best = columns, bestSide = side;
  }
  return best;
}

void RunViewGrid::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  arrange();
}

void RunViewGrid::arrange() {
  const int columns = bestColumns(count_, size());
  if (columns == columns_) return;
  columns_ = columns;
  for (plot::PlotWidget* view : views_) grid_->removeWidget(view);
  for (int r = 0; r < kMaxRuns; ++r) {
    const bool shown = r < count_;
    views_[std::size_t(r)]->setVisible(shown);
    if (shown) grid_->addWidget(views_[std::size_t(r)], r / columns, r % columns);
  }
  for (int c = 0; c < kMaxRuns; ++c) grid_->setColumnStretch(c, c < columns ? 1 : 0);
  for (int r = 0; r < kMaxRuns; ++r)
    grid_->setRowStretch(r, r < (count_ + columns - 1) / columns ? 1 : 0);
}

}  // namespace bnlab
