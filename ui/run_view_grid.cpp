#include "run_view_grid.h"

#include <algorithm>

namespace bnlab {

RunViewGrid::RunViewGrid(QWidget* parent) : QWidget(parent), grid_(new QGridLayout(this)) {
  grid_->setContentsMargins(0, 0, 0, 0);
  grid_->setSpacing(4);
  for (plot::PlotWidget*& view : views_) {
    view = new plot::PlotWidget(this);
    // Smaller than a chart's usual minimum, so that four fit the strip in either arrangement.
    view->setMinimumSize(120, 100);
  }
  arrange();
}

void RunViewGrid::setCount(int count) {
  count = std::clamp(count, 1, kMaxRuns);
  if (count == count_) return;
  count_ = count;
  columns_ = 0;
  arrange();
}

int RunViewGrid::bestColumns(int count, QSize size) {
  int best = count;
  double bestSide = 0;
  for (int columns = count; columns >= 1; --columns) {
    const int rows = (count + columns - 1) / columns;
    const double side = std::min(double(size.width()) / columns, double(size.height()) / rows);
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
  for (int r = 0; r < kMaxRuns; ++r) grid_->setRowStretch(r, r < (count_ + columns - 1) / columns ? 1 : 0);
}

}  // namespace bnlab
