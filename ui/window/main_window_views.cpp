// The main window's views: the dashboard, every layer at once, and Figure 1 large, one at a time
// in the centre, chosen from the View menu, the toolbar or the Figure 1 chart's button.
#include "recording/animation_recorder.h"
#include "window/main_window.h"

namespace bnlab {

QWidget* MainWindow::buildViews(QWidget* dashboard) {
  views_ = new QStackedWidget;
  allLayers_ = new AllLayersView;
  figureOne_ = new FigureOneView;
  views_->addWidget(dashboard);
  views_->addWidget(allLayers_);
  views_->addWidget(figureOne_);
  for (plot::PlotWidget* chart : figureOne_->plots()) connectChart(chart);

  struct ViewEntry {
    View view;
    QString text;
    QKeySequence key;
    QString tip;
  };
  const ViewEntry entries[] = {
      {.view = View::Dashboard,
       .text = tr("Dashboard"),
       .key = QKeySequence(Qt::CTRL | Qt::Key_1),
       .tip = tr("Loss, accuracy, decision planes and insights above one row of charts per "
                 "layer — Ctrl+1")},
      {.view = View::AllLayers,
       .text = tr("All layers"),
       .key = QKeySequence(Qt::CTRL | Qt::Key_2),
       .tip = tr("Every hidden layer's activation input over steps on one screen — Ctrl+2")},
      {.view = View::FigureOne,
       .text = tr("Figure 1, large"),
       .key = QKeySequence(Qt::CTRL | Qt::Key_3),
       .tip = tr("The batch norm paper's Figure 1: test accuracy and one unit's percentiles per "
                 "run — Ctrl+3")}};
  viewActions_ = new QActionGroup(this);
  for (const ViewEntry& entry : entries) {
    QAction* action = viewActions_->addAction(entry.text);
    action->setCheckable(true);
    action->setShortcut(entry.key);
    action->setToolTip(entry.tip);
    action->setData(int(entry.view));
    action->setChecked(entry.view == View::Dashboard);
  }
  connect(viewActions_, &QActionGroup::triggered, this,
          [this](QAction* action) { showView(View(action->data().toInt())); });
  connect(metrics_, &MetricsPanel::figureOneEnlarged, this, [this] { showView(View::FigureOne); });
  return views_;
}

void MainWindow::showView(View view) {
  views_->setCurrentIndex(int(view));
  for (QAction* action : viewActions_->actions())
    if (action->data().toInt() == int(view)) action->setChecked(true);
  drawShownView();
}

void MainWindow::drawShownView() {
  const SnapshotPtr& shown = session_.shown();
  if (!shown) return;
  // The dashboard is drawn with every snapshot (Export all needs its charts' models); another
  // view when it is shown, or when one of its charts is being recorded.
  const QString recorded =
      recorder_ && recorder_->recording() ? recorder_->plan().chart : QString();
  const auto drawn = [&](View view, QWidget* widget) {
    return shownView() == view ||
           (!recorded.isEmpty() && widget->findChild<plot::PlotWidget*>(recorded));
  };
  if (drawn(View::AllLayers, allLayers_)) allLayers_->showSnapshot(shown);
  if (drawn(View::FigureOne, figureOne_)) figureOne_->showSnapshot(*shown);
}

}  // namespace bnlab
