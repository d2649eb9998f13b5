// The main window's part in guided lessons: the lesson panel docked beside the charts, the Help
// menu's entries, and the frame that points at the chart a stage talks about.
#include <QDockWidget>
#include <QMenu>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTimer>

#include "panels/highlight_frame.h"
#include "window/main_window.h"

namespace bnlab {

void MainWindow::buildLessons(QMenu* help) {
  lessons_ = new LessonPanel(builtInLessons());
  lessonDock_ = new QDockWidget(tr("Lesson"), this);
  lessonDock_->setObjectName(QStringLiteral("lessonDock"));
  lessonDock_->setWidget(lessons_);
  lessonDock_->setAllowedAreas(Qt::AllDockWidgetAreas);
  addDockWidget(Qt::RightDockWidgetArea, lessonDock_);
  lessonDock_->hide();

  connect(lessonDock_, &QDockWidget::dockLocationChanged, this, [this](Qt::DockWidgetArea area) {
    lessons_->setWide(area == Qt::TopDockWidgetArea || area == Qt::BottomDockWidgetArea);
  });
  QAction* open = help->addAction(tr("&Lessons…"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                                  &MainWindow::showLessons);
  open->setStatusTip(tr("Guided lessons: each point of the lecture, shown on a live run"));
  leaveLesson_ = help->addAction(tr("Leave the lesson"), QKeySequence(Qt::Key_Escape), lessons_,
                                 &LessonPanel::leave);
  leaveLesson_->setEnabled(false);

  connect(lessons_, &LessonPanel::loadRequested, this, [this](const Preset& preset) {
    applyPreset(preset);
    leaveLesson_->setEnabled(true);
    caption_->hide();  // the lesson panel says what to look at
  });
  connect(lessons_, &LessonPanel::playRequested, this, [this] { setPlaying(true); });
  connect(lessons_, &LessonPanel::pauseRequested, this, [this] { setPlaying(false); });
  connect(lessons_, &LessonPanel::pauseAtRequested, this,
          [this](qint64 step) { controller().pauseAt(step); });
  connect(lessons_, &LessonPanel::highlightRequested, this, &MainWindow::highlight);
  connect(lessons_, &LessonPanel::left, this, [this] {
    leaveLesson_->setEnabled(false);
    controller().pauseAt(-1);
    caption_->show();
  });
}

void MainWindow::offerLessons() {
  lessons_->setRemembersProgress(true);
  QSettings settings;
  if (settings.value(QStringLiteral("lessons/offered")).toBool()) return;
  settings.setValue(QStringLiteral("lessons/offered"), true);
  showLessons();
}

std::optional<qint64> MainWindow::lessonStop() const {
  if (!lessons_ || !lessons_->active()) return std::nullopt;
  return lessons_->session()->target();
}

void MainWindow::showLessons() {
  // Beside the charts where there is room; on narrow windows a strip above them, so the layer
  // rows keep their width.
  if (lessonDock_->isHidden()) {
    const bool narrow = width() < kLessonColumnWidth;
    removeDockWidget(lessonDock_);
    addDockWidget(narrow ? Qt::TopDockWidgetArea : Qt::RightDockWidgetArea, lessonDock_);
    lessons_->setWide(narrow);
  }
  lessonDock_->show();
  lessonDock_->raise();
}

void MainWindow::showFinishedLesson(int index, const SnapshotPtr& snapshot,
                                    const QJsonObject& remembered) {
  showLessons();
  caption_->hide();
  showSnapshot(snapshot);
  lessons_->showFinished(index, snapshot, remembered);
}

void MainWindow::highlight(const QString& name) {
  // Two names are whole views: every layer at once, and Figure 1 large; the rest are charts and
  // controls of the dashboard.
  const View view = name == QLatin1String("all-layers")       ? View::AllLayers
                    : name == QLatin1String("figure-1-large") ? View::FigureOne
                                                              : View::Dashboard;
  if (name != highlightedName_ && !name.isEmpty() && shownView() != view) showView(view);
  highlightedName_ = name;
  // Charts are renamed when a new experiment's first snapshot arrives: a name not found yet is
  // looked for again on the next call (the lesson panel asks at every snapshot).
  QWidget* target = name.isEmpty() || view != View::Dashboard ? nullptr : findChild<QWidget*>(name);
  if (highlight_ && highlight_->target() == target && target) return;
  delete highlight_;
  if (!target) return;
  metrics_->showTab(name);
  for (QWidget* w = target->parentWidget(); w; w = w->parentWidget())
    if (auto* scroll = qobject_cast<QScrollArea*>(w)) {
      // A splitter above the scroll area gives it room for the whole chart when it can.
      if (auto* split = qobject_cast<QSplitter*>(scroll->parentWidget());
          split && split->orientation() == Qt::Vertical && split->count() == 2 &&
          split->widget(1) == scroll) {
        const int total = split->sizes()[0] + split->sizes()[1];
        const int want =
            std::min(target->height() + 40, total - split->widget(0)->minimumSizeHint().height());
        if (split->sizes()[1] < want) split->setSizes({total - want, want});
      }
      scroll->ensureWidgetVisible(target, 0, 0);
      // Again once the layout has settled (a new experiment's panels are laid out later).
      QTimer::singleShot(0, scroll, [scroll, target = QPointer<QWidget>(target)] {
        if (target) scroll->ensureWidgetVisible(target, 0, 0);
      });
      break;
    }
  highlight_ = new HighlightFrame(target);
}

}  // namespace bnlab
