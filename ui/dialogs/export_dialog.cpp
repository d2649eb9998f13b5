#include "dialogs/export_dialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace bnlab {

namespace {
QString formatKey(const ExportFormatInfo& format) {
  return QStringLiteral("export/") + QLatin1String(format.name);
}
}  // namespace

ExportOptions loadExportOptions() {
  QSettings settings;
  ExportOptions options;
  const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  options.folder = settings
                       .value(QStringLiteral("export/folder"),
                              QDir(pictures.isEmpty() ? QDir::homePath() : pictures)
                                  .filePath(QStringLiteral("bnlab-export")))
                       .toString();
  // One key a format, "export/png" = true or false.
  QList<ExportFormat> formats;
  for (const ExportFormatInfo& f : exportFormats())
    if (settings.value(formatKey(f), options.has(f.format)).toBool()) formats << f.format;
  options.formats = formats;
  options.composite =
      settings.value(QStringLiteral("export/composite"), options.composite).toBool();
  const int scale = settings.value(QStringLiteral("export/scale"), options.scale).toInt();
  options.scale = (scale == 1 || scale == 2 || scale == 4) ? scale : 2;
  return options;
}

void saveExportOptions(const ExportOptions& options) {
  QSettings settings;
  settings.setValue(QStringLiteral("export/folder"), options.folder);
  for (const ExportFormatInfo& f : exportFormats())
    settings.setValue(formatKey(f), options.has(f.format));
  settings.setValue(QStringLiteral("export/composite"), options.composite);
  settings.setValue(QStringLiteral("export/scale"), options.scale);
}

ExportDialog::ExportDialog(const ExportOptions& options, int charts, QWidget* parent)
    : QDialog(parent),
      charts_(charts),
      folder_(new QLineEdit(options.folder)),
      scale_(new QComboBox),
      composite_(new QCheckBox(tr("A picture of the whole dashboard (dashboard.png / .svg)"))),
      summary_(new QLabel),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)) {
  setWindowTitle(tr("Export all charts"));
  for (const ExportFormatInfo& f : exportFormats()) {
    auto* box = new QCheckBox(tr(f.label));
    box->setChecked(options.has(f.format));
    formats_.push_back({f.format, box});
  }
  composite_->setChecked(options.composite);
  for (int scale : {1, 2, 4}) scale_->addItem(tr("%1×").arg(scale), scale);
  scale_->setCurrentIndex(scale_->findData(options.scale));
  scale_->setToolTip(
      tr("PNG pixels per screen pixel: 2× and 4× give sharp text on slides and "
         "in print."));
  folder_->setMinimumWidth(360);
  auto* browse = new QPushButton(tr("Browse…"));
  auto* folderRow = new QHBoxLayout;
  folderRow->addWidget(folder_, 1);
  folderRow->addWidget(browse);
  auto* formats = new QVBoxLayout;
  for (const auto& [format, box] : formats_) formats->addWidget(box);
  auto* form = new QFormLayout;
  form->addRow(tr("Folder:"), folderRow);
  form->addRow(tr("Formats:"), formats);
  form->addRow(tr("PNG scale:"), scale_);
  form->addRow(QString(), composite_);
  summary_->setWordWrap(true);
  summary_->setStyleSheet(QStringLiteral("color: #5f6368;"));
  buttons_->button(QDialogButtonBox::Ok)->setText(tr("Export"));
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(summary_);
  layout->addWidget(buttons_);

  connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  for (const auto& [format, box] : formats_)
    connect(box, &QCheckBox::toggled, this, &ExportDialog::updateSummary);
  connect(composite_, &QCheckBox::toggled, this, &ExportDialog::updateSummary);
  connect(folder_, &QLineEdit::textChanged, this, &ExportDialog::updateSummary);
  connect(scale_, &QComboBox::currentIndexChanged, this, &ExportDialog::updateSummary);
  updateSummary();
}

ExportOptions ExportDialog::options() const {
  ExportOptions o;
  o.folder = folder_->text().trimmed();
  o.formats.clear();
  for (const auto& [format, box] : formats_)
    if (box->isChecked()) o.formats << format;
  o.scale = scale_->currentData().toInt();
  o.composite = composite_->isChecked();
  return o;
}

void ExportDialog::browse() {
  const QString folder =
      QFileDialog::getExistingDirectory(this, tr("Export to folder"), folder_->text());
  if (!folder.isEmpty()) folder_->setText(folder);
}

void ExportDialog::updateSummary() {
  const ExportOptions o = options();
  const bool anything = !o.formats.isEmpty();
  const bool pictures = o.hasPicture();
  scale_->setEnabled(o.has(ExportFormat::Png));
  composite_->setEnabled(pictures);
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(anything && !o.folder.isEmpty());
  summary_->setText(
      anything ? tr("%1 charts%2, plus config.json (the configuration, loadable with "
                    "File → Open configuration or --config) and summary.json (final "
                    "metrics of each run and layer).")
                     .arg(charts_)
                     .arg(o.composite && pictures ? tr(" and the dashboard picture") : QString())
               : tr("Choose at least one format."));
}

}  // namespace bnlab
