#include "panels/lesson_panel.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QSettings>
#include <QVBoxLayout>

#include "config/small_file.h"
#include "lessons/lesson_values.h"

namespace bnlab {

namespace {

QString settingsKey(const Lesson& lesson, const char* what) {
  return QStringLiteral("lessons/%1/%2").arg(lesson.id, QLatin1String(what));
}

}  // namespace

LessonPanel::LessonPanel(QList<Lesson> lessons, QWidget* parent)
    : QWidget(parent), lessons_(std::move(lessons)) {
  pages_ = new QStackedWidget(this);
  pages_->addWidget(buildList());
  pages_->addWidget(buildLesson());
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(pages_);
  setMinimumWidth(240);
  refreshList();
}

QWidget* LessonPanel::buildList() {
  auto* page = new QWidget(this);
  auto* heading = new QLabel(tr("<b>Lessons</b>"), page);
  auto* intro =
      new QLabel(tr("Each lesson loads an experiment, trains it at a pace you can follow, "
                    "stops at checkpoints, asks you for one action and ends with what "
                    "this run measured."),
                 page);
  intro->setWordWrap(true);
  list_ = new QListWidget(page);
  list_->setWordWrap(true);
  list_->setObjectName(QStringLiteral("lesson-list"));
  list_->setSpacing(3);
  details_ = new QLabel(page);
  details_->setWordWrap(true);
  details_->setMinimumHeight(details_->fontMetrics().lineSpacing() * 4);
  details_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  connect(list_, &QListWidget::currentRowChanged, this, [this](int row) {
    details_->setText(row >= 0 && row < lessons_.size() ? lessons_[row].summary : QString());
  });
  auto* startButton = new QPushButton(tr("Start lesson"), page);
  startButton->setDefault(true);
  connect(startButton, &QPushButton::clicked, this, [this] { start(list_->currentRow()); });
  connect(list_, &QListWidget::itemActivated, this,
          [this](QListWidgetItem* item) { start(list_->row(item)); });
  listIntro_ = new QWidget(page);
  auto* introLayout = new QVBoxLayout(listIntro_);
  introLayout->setContentsMargins(0, 0, 0, 0);
  introLayout->addWidget(heading);
  introLayout->addWidget(intro);
  listFooter_ = new QWidget(page);
  auto* footer = new QVBoxLayout(listFooter_);
  footer->setContentsMargins(0, 0, 0, 0);
  footer->addWidget(details_);
  auto* open = new QPushButton(tr("Open a lesson file…"), page);
  open->setToolTip(tr("A lesson written as a JSON file, like those in resources/lessons"));
  connect(open, &QPushButton::clicked, this, [this] {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open a lesson"), QString(), tr("Lessons (*.json)"));
    QString error;
    if (!path.isEmpty() && !openLessonFile(path, error))
      QMessageBox::warning(this, tr("Lesson not opened"), error);
  });
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(startButton, 1);
  buttons->addWidget(open);
  footer->addLayout(buttons);
  listLayout_ = new QGridLayout(page);
  listLayout_->setContentsMargins(0, 0, 0, 0);
  return page;
}

QWidget* LessonPanel::buildLesson() {
  auto* page = new QWidget(this);
  title_ = new QLabel(page);
  title_->setWordWrap(true);
  QFont titleFont = title_->font();
  titleFont.setBold(true);
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
  title_->setFont(titleFont);
  progressText_ = new QLabel(page);
  progress_ = new QProgressBar(page);
  progress_->setTextVisible(false);
  progress_->setMaximumHeight(6);
  text_ = new QLabel(page);
  text_->setWordWrap(true);
  text_->setTextFormat(Qt::RichText);
  text_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  QFont textFont = text_->font();
  textFont.setPointSizeF(textFont.pointSizeF() * 1.1);
  text_->setFont(textFont);
  text_->setObjectName(QStringLiteral("lesson-text"));
  // A long text scrolls (the strip above the charts is short) instead of being cut off.
  textScroll_ = new QScrollArea(page);
  textScroll_->setWidget(text_);
  textScroll_->setWidgetResizable(true);
  textScroll_->setFrameShape(QFrame::NoFrame);
  textScroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  status_ = new QLabel(page);
  status_->setWordWrap(true);
  status_->setObjectName(QStringLiteral("lesson-status"));
  QFont statusFont = status_->font();
  statusFont.setItalic(true);
  status_->setFont(statusFont);
  back_ = new QPushButton(tr("‹ Back"), page);
  next_ = new QPushButton(tr("Next ›"), page);
  auto* leave = new QPushButton(tr("Leave"), page);
  leave->setToolTip(tr("Leave the lesson (Esc); the experiment stays as it is."));
  connect(back_, &QPushButton::clicked, this, &LessonPanel::back);
  connect(next_, &QPushButton::clicked, this, &LessonPanel::next);
  connect(leave, &QPushButton::clicked, this, &LessonPanel::leave);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(back_);
  buttons->addWidget(next_);
  buttons->addStretch(1);
  buttons->addWidget(leave);
  lessonHeader_ = new QWidget(page);
  auto* header = new QBoxLayout(QBoxLayout::TopToBottom, lessonHeader_);
  header->setContentsMargins(0, 0, 0, 0);
  header->addWidget(title_);
  header->addWidget(progressText_);
  header->addWidget(progress_);
  lessonFooter_ = new QWidget(page);
  auto* footer = new QBoxLayout(QBoxLayout::TopToBottom, lessonFooter_);
  footer->setContentsMargins(0, 0, 0, 0);
  footer->addWidget(status_);
  footer->addLayout(buttons);
  lessonLayout_ = new QGridLayout(page);
  lessonLayout_->setContentsMargins(0, 0, 0, 0);
  arrange();
  return page;
}

void LessonPanel::setWide(bool wide) {
  if (wide == wide_) return;
  wide_ = wide;
  arrange();
}

void LessonPanel::arrange() {
  // Tall (beside the charts): header, text, footer from top to bottom. Wide (above them, on
  // narrow screens): header over footer on the left, the text beside them.
  for (QWidget* w : {lessonHeader_, static_cast<QWidget*>(textScroll_), lessonFooter_})
    lessonLayout_->removeWidget(w);
  for (int i = 0; i < 3; ++i) {
    lessonLayout_->setRowStretch(i, 0);
    lessonLayout_->setColumnStretch(i, 0);
  }
  setMaximumHeight(wide_ ? 160 : QWIDGETSIZE_MAX);  // a strip, leaving the height to the charts
  // Wide: the title and where the lesson stands on one line, the status beside the buttons.
  for (QWidget* part : {lessonHeader_, lessonFooter_})
    static_cast<QBoxLayout*>(part->layout())
        ->setDirection(wide_ ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
  progress_->setVisible(!wide_);
  title_->setWordWrap(!wide_);
  status_->setWordWrap(!wide_);
  if (wide_) {
    lessonLayout_->addWidget(lessonHeader_, 0, 0);
    lessonLayout_->addWidget(textScroll_, 1, 0);
    lessonLayout_->addWidget(lessonFooter_, 2, 0);
    lessonLayout_->setRowStretch(1, 1);
  } else {
    lessonLayout_->addWidget(lessonHeader_, 0, 0);
    lessonLayout_->addWidget(textScroll_, 1, 0);
    lessonLayout_->addWidget(lessonFooter_, 2, 0);
    lessonLayout_->setRowStretch(1, 1);
  }
  // The list: beside its introduction when wide, under it when tall.
  if (wide_) {
    listIntro_->setFixedWidth(300);
    listFooter_->setFixedWidth(300);
    listLayout_->addWidget(listIntro_, 0, 0);
    listLayout_->addWidget(listFooter_, 1, 0);
    listLayout_->addWidget(list_, 0, 1, 2, 1);
    list_->setMaximumHeight((list_->fontMetrics().lineSpacing() + 8) * int(lessons_.size()) + 8);
    listLayout_->setColumnStretch(1, 1);
    listLayout_->setRowStretch(1, 1);
  } else {
    for (QWidget* w : {listIntro_, listFooter_}) {
      w->setMinimumWidth(0);
      w->setMaximumWidth(QWIDGETSIZE_MAX);
    }
    listLayout_->addWidget(listIntro_, 0, 0);
    listLayout_->addWidget(list_, 1, 0);
    list_->setMaximumHeight(QWIDGETSIZE_MAX);
    listLayout_->addWidget(listFooter_, 2, 0);
    listLayout_->setRowStretch(1, 1);
  }
}

void LessonPanel::setRemembersProgress(bool remembers) {
  remembers_ = remembers;
  refreshList();
}

void LessonPanel::refreshList() {
  const int current = std::max(list_->currentRow(), 0);
  list_->clear();
  QSettings settings;
  for (const Lesson& lesson : lessons_) {
    QString state;
    if (remembers_ && settings.value(settingsKey(lesson, "done")).toBool())
      state = tr(" ✓ done");
    else if (const int reached =
                 remembers_ ? settings.value(settingsKey(lesson, "reached"), 0).toInt() : 0;
             reached > 0)
      state = tr(" · stopped at step %1 of %2").arg(reached + 1).arg(lesson.stages.size());
    auto* item = new QListWidgetItem(lesson.title + state, list_);
    item->setToolTip(lesson.summary);
  }
  list_->setCurrentRow(std::min(current, int(lessons_.size()) - 1));
}

bool LessonPanel::openLessonFile(const QString& path, QString& error) {
  const std::optional<QByteArray> bytes = readSmallFile(path, kLargestLessonFile, error);
  if (!bytes) return false;
  Lesson lesson;
  QStringList errors;
  if (!parseLesson(*bytes, QFileInfo(path).completeBaseName(), builtInPresets(), lesson, errors)) {
    error = errors.join(QLatin1Char('\n'));
    return false;
  }
  lessons_ << lesson;
  refreshList();
  list_->setCurrentRow(int(lessons_.size()) - 1);
  return true;
}

void LessonPanel::start(int index) {
  if (index < 0 || index >= lessons_.size()) return;
  lessonIndex_ = index;
  session_ = std::make_unique<LessonSession>(lessons_[index]);
  title_->setText(lessons_[index].title);
  pages_->setCurrentIndex(1);
  waitingForLoad_ = true;
  snapshot_.reset();
  session_->enter(0, nullptr);
  shown_ = 0;
  pausedAtCheckpoint_ = false;
  showStage();
  // The first stop goes to the training thread right after the experiment, before Play, so the
  // stage ends at its step exactly (as a headless run's does), however fast training runs.
  emit loadRequested(lessons_[index].preset);
  emit pauseAtRequested(session_->target());
  playOrWait();
}

void LessonPanel::playOrWait() {
  // A stage that asks for an action waits for it with training paused, so the action lands on
  // the step where the headless lesson takes it.
  if (session_->target() >= 0)
    emit playRequested();
  else
    emit pauseRequested();
}

void LessonPanel::showFinished(int index, const SnapshotPtr& snapshot,
                               const QJsonObject& remembered) {
  if (index < 0 || index >= lessons_.size()) return;
  lessonIndex_ = index;
  session_ = std::make_unique<LessonSession>(lessons_[index]);
  session_->setRemembered(remembered);
  session_->enter(session_->stageCount() - 1, snapshot.get());
  title_->setText(lessons_[index].title);
  pages_->setCurrentIndex(1);
  waitingForLoad_ = false;
  snapshot_ = snapshot;
  shown_ = session_->stage();
  showStage();
}

void LessonPanel::leave() {
  if (!session_) return;
  session_.reset();
  lessonIndex_ = -1;
  pages_->setCurrentIndex(0);
  refreshList();
  emit highlightRequested(QString());
  emit left();
}

void LessonPanel::enterStage(int index) {
  if (snapshot_) session_->remember(*snapshot_);
  session_->enter(index, snapshot_.get());
  shown_ = session_->stage();
  pausedAtCheckpoint_ = false;
  saveProgress(session_->current().isConclusion());
  emit pauseAtRequested(session_->target());
  playOrWait();
  showStage();
}

void LessonPanel::next() {
  if (!session_) return;
  if (shown_ < session_->stage()) {
    ++shown_;
    showStage();
  } else if (session_->stage() + 1 < session_->stageCount()) {
    enterStage(session_->stage() + 1);
  } else {
    leave();
  }
}

void LessonPanel::back() {
  if (!session_ || shown_ == 0) return;
  --shown_;
  showStage();
}

void LessonPanel::showSnapshot(const SnapshotPtr& snapshot) {
  if (!session_ || !snapshot) return;
  if (waitingForLoad_) {
    // Snapshots of the experiment before the lesson's may still arrive: wait for the lesson's.
    const ExperimentConfig& want = session_->lesson().preset.config;
    const ExperimentConfig& got = snapshot->config;
    const bool lessons = got.runs == want.runs &&
                         got.network.hiddenUnits == want.network.hiddenUnits &&
                         got.seed == want.seed && got.data.source == want.data.source &&
                         got.data.toy == want.data.toy && got.optimizer == want.optimizer;
    if (!lessons || (session_->target() >= 0 && snapshot->step > session_->target())) return;
    waitingForLoad_ = false;
    emit pauseAtRequested(session_->target());
  }
  snapshot_ = snapshot;
  switch (session_->update(*snapshot)) {
    case LessonSession::State::Reached:
      if (!pausedAtCheckpoint_) emit pauseRequested();
      pausedAtCheckpoint_ = true;
      break;
    case LessonSession::State::Done:
      enterStage(session_->stage() + 1);
      return;
    default:
      break;
  }
  showStage();
}

void LessonPanel::showStage() {
  if (!session_) return;
  const Lesson& lesson = session_->lesson();
  const int count = int(lesson.stages.size());
  const LessonStage& stage = lesson.stages[shown_];
  progressText_->setText((wide_ ? QStringLiteral("· ") : QString()) +
                         tr("Step %1 of %2").arg(shown_ + 1).arg(count));
  progress_->setRange(0, count);
  progress_->setValue(shown_ + 1);
  const QJsonObject summary = snapshot_ ? session_->summary(*snapshot_) : QJsonObject{};
  // The conclusion with each claim checked on this run (before the run has data, its numbers and
  // the claims it states read "…").
  text_->setText(stage.isConclusion() && snapshot_
                     ? conclusionText(lesson, summary)
                     : fillLessonText(stage.text, summary, lesson.claims));
  back_->setEnabled(shown_ > 0);
  const bool last = shown_ + 1 == count;
  next_->setText(last ? tr("Finish") : tr("Next ›"));
  emit highlightRequested(stage.highlight);

  QString status;
  if (shown_ < session_->stage()) {
    status = tr("An earlier step: Next returns to where you are.");
  } else if (stage.isConclusion()) {
    status = tr("Measured on this run. Finish returns to the list; the experiment stays loaded.");
  } else if (stage.action) {
    switch (stage.action->kind) {
      case LessonAction::Kind::Kick:
        status = tr("Your turn: press K (Kick W) with layer %1.").arg(stage.action->layer);
        break;
      case LessonAction::Kind::BatchSize:
        status = tr("Your turn: set the batch size to %1.").arg(stage.action->batchSize);
        break;
      case LessonAction::Kind::Standardize:
        status = tr("Your turn: tick Standardize inputs.");
        break;
      case LessonAction::Kind::ChoosePoint:
        status = tr("Your turn: click a point on the decision plane.");
        break;
    }
  } else if (pausedAtCheckpoint_) {
    status = tr("Paused at step %1: look, then Next.").arg(snapshot_ ? snapshot_->step : 0);
  } else {
    status = tr("Training to step %1… (now %2)")
                 .arg(session_->target())
                 .arg(snapshot_ ? snapshot_->step : 0);
  }
  status_->setText(status);
}

void LessonPanel::saveProgress(bool done) {
  if (!remembers_ || !session_) return;
  QSettings settings;
  const Lesson& lesson = session_->lesson();
  settings.setValue(
      settingsKey(lesson, "reached"),
      std::max(settings.value(settingsKey(lesson, "reached"), 0).toInt(), session_->stage()));
  if (done) settings.setValue(settingsKey(lesson, "done"), true);
}

int LessonPanel::lessonIndex(const QString& file, const QString& id) {
  if (!file.isEmpty()) {
    QString error;
    return openLessonFile(file, error) ? int(lessons_.size()) - 1 : -1;
  }
  for (int i = 0; i < lessons_.size(); ++i)
    if (lessons_[i].id == id) return i;
  return -1;
}

}  // namespace bnlab
