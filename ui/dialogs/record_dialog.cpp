#include "dialogs/record_dialog.h"

#include <QButtonGroup>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace bnlab {

namespace {

struct Format {
  const char* suffix;
  const char* label;
};
constexpr Format kFormats[] = {{"gif", "Animated GIF (.gif)"}, {"mp4", "MP4 video, H.264 (.mp4)"}};

QString number(qint64 n) { return QLocale(QLocale::English).toString(n); }

}  // namespace

RecordingPlan loadRecordingPlan(const QString& fileName) {
  QSettings settings;
  RecordingPlan plan;
  const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  QString folder = settings.value(QStringLiteral("animation/folder"), pictures).toString();
  if (folder.isEmpty() || !QFileInfo(folder).isDir()) folder = QDir::homePath();
  const QString suffix =
      settings.value(QStringLiteral("animation/format")).toString() == QLatin1String("mp4")
          ? QStringLiteral("mp4")
          : QStringLiteral("gif");
  plan.path = QDir(folder).filePath(fileName + QLatin1Char('.') + suffix);
  plan.framesPerSecond =
      std::clamp(settings.value(QStringLiteral("animation/fps"), 10).toInt(), 1, 50);
  const int scale = settings.value(QStringLiteral("animation/scale"), 1).toInt();
  plan.scale = (scale == 1 || scale == 2 || scale == 4) ? scale : 1;
  plan.steps =
      settings.value(QStringLiteral("animation/untilStopped"), true).toBool()
          ? 0
          : std::clamp<qint64>(settings.value(QStringLiteral("animation/steps"), 3000).toLongLong(),
                               1, 10'000'000);
  plan.frames = std::clamp(settings.value(QStringLiteral("animation/frames"), 60).toInt(), 2,
                           RecordingPlan::kMostFrames);
  return plan;
}

void saveRecordingPlan(const RecordingPlan& plan) {
  QSettings settings;
  const QFileInfo file(plan.path);
  settings.setValue(QStringLiteral("animation/folder"), file.absolutePath());
  settings.setValue(QStringLiteral("animation/format"), file.suffix().toLower());
  settings.setValue(QStringLiteral("animation/fps"), plan.framesPerSecond);
  settings.setValue(QStringLiteral("animation/scale"), plan.scale);
  settings.setValue(QStringLiteral("animation/untilStopped"), plan.steps == 0);
  if (plan.steps > 0) settings.setValue(QStringLiteral("animation/steps"), plan.steps);
  settings.setValue(QStringLiteral("animation/frames"), plan.frames);
}

RecordDialog::RecordDialog(const RecordingPlan& plan, const QString& what, bool stepsAllowed,
                           const QString& why, QWidget* parent)
    : QDialog(parent),
      base_(plan),
      format_(new QComboBox),
      path_(new QLineEdit(QDir::toNativeSeparators(plan.path))),
      untilStopped_(new QRadioButton(tr("Until I press Stop"))),
      nextSteps_(new QRadioButton(tr("The next"))),
      steps_(new QSpinBox),
      frames_(new QSpinBox),
      fps_(new QSpinBox),
      scale_(new QComboBox),
      summary_(new QLabel),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)) {
  setWindowTitle(what.isEmpty() ? tr("Record the dashboard") : tr("Record \"%1\"").arg(what));
  for (const Format& f : kFormats) format_->addItem(tr(f.label), QLatin1String(f.suffix));
  format_->setCurrentIndex(plan.path.endsWith(QLatin1String(".mp4"), Qt::CaseInsensitive) ? 1 : 0);
  format_->setToolTip(
      tr("GIF plays everywhere a picture goes (web pages, chats, slides); MP4 is much smaller "
         "and plays in every slide program."));
  path_->setMinimumWidth(380);
  auto* browse = new QPushButton(tr("Browse…"));
  auto* fileRow = new QHBoxLayout;
  fileRow->addWidget(path_, 1);
  fileRow->addWidget(browse);

  auto* lengthGroup = new QButtonGroup(this);
  lengthGroup->addButton(untilStopped_);
  lengthGroup->addButton(nextSteps_);
  steps_->setRange(1, 10'000'000);
  steps_->setSingleStep(500);
  steps_->setGroupSeparatorShown(true);
  steps_->setValue(int(
      plan.steps > 0 ? plan.steps
                     : QSettings().value(QStringLiteral("animation/steps"), 3000).toLongLong()));
  frames_->setRange(2, RecordingPlan::kMostFrames);
  frames_->setValue(plan.frames);
  (plan.steps > 0 && stepsAllowed ? nextSteps_ : untilStopped_)->setChecked(true);
  nextSteps_->setEnabled(stepsAllowed);
  if (!stepsAllowed) nextSteps_->setToolTip(why);
  auto* stepsRow = new QHBoxLayout;
  stepsRow->addWidget(nextSteps_);
  stepsRow->addWidget(steps_);
  stepsRow->addWidget(new QLabel(tr("steps, in")));
  stepsRow->addWidget(frames_);
  stepsRow->addWidget(new QLabel(tr("frames")));
  stepsRow->addStretch(1);
  auto* length = new QVBoxLayout;
  length->addWidget(untilStopped_);
  length->addLayout(stepsRow);

  fps_->setRange(1, 50);
  fps_->setValue(plan.framesPerSecond);
  fps_->setSuffix(tr(" frames a second"));
  for (int scale : {1, 2, 4}) scale_->addItem(tr("%1×").arg(scale), scale);
  scale_->setCurrentIndex(scale_->findData(plan.scale));
  scale_->setToolTip(tr("Pixels per screen pixel: 2× gives sharp text on slides."));

  auto* form = new QFormLayout;
  form->addRow(tr("Format:"), format_);
  form->addRow(tr("File:"), fileRow);
  form->addRow(tr("Length:"), length);
  form->addRow(tr("Frame rate:"), fps_);
  if (what.isEmpty()) {
    form->addRow(tr("Size:"), new QLabel(tr("%1 × %2, the dashboard as on screen")
                                             .arg(plan.size.width())
                                             .arg(plan.size.height())));
  } else {
    width_ = new QSpinBox;
    height_ = new QSpinBox;
    width_->setRange(160, 3840);
    height_->setRange(120, 2160);
    width_->setValue(plan.size.width());
    height_->setValue(plan.size.height());
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(width_);
    sizeRow->addWidget(new QLabel(QStringLiteral("×")));
    sizeRow->addWidget(height_);
    sizeRow->addWidget(
        new QLabel(tr("(on screen: %1 × %2)").arg(plan.size.width()).arg(plan.size.height())));
    sizeRow->addStretch(1);
    form->addRow(tr("Size:"), sizeRow);
    connect(width_, &QSpinBox::valueChanged, this, &RecordDialog::update);
    connect(height_, &QSpinBox::valueChanged, this, &RecordDialog::update);
  }
  form->addRow(tr("Scale:"), scale_);
  summary_->setWordWrap(true);
  summary_->setMinimumWidth(460);
  summary_->setStyleSheet(QStringLiteral("color: #5f6368;"));
  buttons_->button(QDialogButtonBox::Ok)->setText(tr("Record"));
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(summary_);
  layout->addWidget(buttons_);

  connect(browse, &QPushButton::clicked, this, &RecordDialog::browse);
  connect(format_, &QComboBox::currentIndexChanged, this, &RecordDialog::formatChosen);
  connect(buttons_, &QDialogButtonBox::accepted, this, &RecordDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(path_, &QLineEdit::textChanged, this, &RecordDialog::update);
  connect(untilStopped_, &QRadioButton::toggled, this, &RecordDialog::update);
  for (QSpinBox* box : {steps_, frames_, fps_})
    connect(box, &QSpinBox::valueChanged, this, &RecordDialog::update);
  connect(scale_, &QComboBox::currentIndexChanged, this, &RecordDialog::update);
  update();
}

RecordingPlan RecordDialog::plan() const {
  RecordingPlan p = base_;
  p.path = QDir::fromNativeSeparators(path_->text().trimmed());
  if (width_) p.size = QSize(width_->value(), height_->value());
  p.scale = scale_->currentData().toInt();
  p.framesPerSecond = fps_->value();
  p.steps = nextSteps_->isChecked() ? steps_->value() : 0;
  p.frames = frames_->value();
  return p;
}

void RecordDialog::browse() {
  const QString suffix = format_->currentData().toString();
  const QString chosen = QFileDialog::getSaveFileName(
      this, windowTitle(), path_->text(),
      tr(kFormats[format_->currentIndex()].label)
          .replace(QStringLiteral("(.%1)").arg(suffix), QStringLiteral("(*.%1)").arg(suffix)),
      nullptr, QFileDialog::DontConfirmOverwrite);  // accept() asks
  if (chosen.isEmpty()) return;
  path_->setText(QDir::toNativeSeparators(
      QFileInfo(chosen).suffix().isEmpty() ? chosen + QLatin1Char('.') + suffix : chosen));
}

void RecordDialog::formatChosen() {
  const QString suffix = format_->currentData().toString();
  const QFileInfo file(path_->text().trimmed());
  if (file.fileName().isEmpty()) return;
  path_->setText(QDir::toNativeSeparators(
      QDir(file.path()).filePath(file.completeBaseName() + QLatin1Char('.') + suffix)));
}

void RecordDialog::update() {
  const RecordingPlan p = plan();
  const QSize pixels = p.size * p.scale;
  const bool gif = p.path.endsWith(QLatin1String(".gif"), Qt::CaseInsensitive);
  const bool mp4 = p.path.endsWith(QLatin1String(".mp4"), Qt::CaseInsensitive);
  steps_->setEnabled(nextSteps_->isChecked());
  frames_->setEnabled(nextSteps_->isChecked());
  QString problem;
  if (!gif && !mp4)
    problem = tr("Name the file .gif or .mp4.");
  else if (qint64(pixels.width()) * pixels.height() > RecordingPlan::kMostFramePixels)
    problem = tr("Frames of %1 × %2 pixels are too large: choose a smaller scale.")
                  .arg(number(pixels.width()), number(pixels.height()));
  QString text;
  if (!problem.isEmpty()) {
    text = QStringLiteral("<span style='color:#b3261e'>%1</span>").arg(problem.toHtmlEscaped());
  } else if (p.steps == 0) {
    text = tr("A frame of %1 × %2 pixels every %3 s of what the screen shows, from now until you "
              "press Stop: it plays back at the speed you watched. Training goes on as the "
              "controls set it (the Speed slider slows it down).")
               .arg(number(pixels.width()), number(pixels.height()))
               .arg(QLocale(QLocale::English).toString(1.0 / p.framesPerSecond, 'g', 2));
  } else {
    // As the recorder takes them: at most a frame a step.
    const int frames = int(std::min<qint64>(p.frames, p.steps + 1));
    const qint64 gaps = frames - 1;
    const QString every =
        p.steps % gaps == 0
            ? tr("one every %1 steps").arg(number(p.steps / gaps))
            : tr("about one every %1 steps").arg(number((p.steps + gaps / 2) / gaps));
    text = tr("%1 frames of %2 × %3 pixels over the next %4 steps (%5, from the step training "
              "is at when you press Record), playing for %6 s. Training waits at each of these "
              "steps until its frame is drawn.")
               .arg(frames)
               .arg(number(pixels.width()), number(pixels.height()), number(p.steps), every)
               .arg(QLocale(QLocale::English).toString(double(frames) / p.framesPerSecond, 'g', 3));
  }
  if (problem.isEmpty() && gif && qint64(pixels.width()) * pixels.height() > 1'500'000)
    text += QLatin1Char(' ') +
            tr("A GIF of frames this large grows by megabytes a second; an MP4 of them is many "
               "times smaller.");
  summary_->setText(text);
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void RecordDialog::accept() {
  const RecordingPlan p = plan();
  const QFileInfo file(p.path);
  if (!file.absoluteDir().exists()) {
    QMessageBox::warning(
        this, windowTitle(),
        tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(file.absolutePath())));
    return;
  }
  if (file.isDir()) {
    QMessageBox::warning(
        this, windowTitle(),
        tr("%1 is a folder: name a file in it.").arg(QDir::toNativeSeparators(p.path)));
    return;
  }
  if (file.exists() &&
      QMessageBox::question(this, tr("Replace the file?"),
                            tr("%1 exists. Replace it when the recording is saved?")
                                .arg(QDir::toNativeSeparators(p.path)),
                            QMessageBox::Yes | QMessageBox::Cancel,
                            QMessageBox::Cancel) != QMessageBox::Yes)
    return;
  saveRecordingPlan(p);
  QDialog::accept();
}

}  // namespace bnlab
