#include "window/export_actions.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMessageBox>
#include <QMimeData>

#include "dialogs/export_dialog.h"

namespace bnlab {

namespace {

struct FileKind {
  const char* extension;
  const char* filter;
};

FileKind fileKind(plot::ChartAction action) {
  switch (action) {
    case plot::ChartAction::SaveSvg:
      return {".svg", "SVG drawing (*.svg)"};
    case plot::ChartAction::SaveCsv:
      return {".csv", "CSV data (*.csv)"};
    default:
      return {".png", "PNG image (*.png)"};
  }
}

}  // namespace

ExportActions::ExportActions(QWidget* window, std::function<ExportJob()> job)
    : QObject(window), window_(window), job_(std::move(job)) {}

ExportStamp ExportActions::stampFor(const plot::PlotWidget& chart) const {
  const ExportJob job = job_();
  return {chart.model().title, QJsonDocument(job.config).toJson(QJsonDocument::Compact), job.step};
}

bool ExportActions::writeChart(const plot::PlotWidget& chart, plot::ChartAction action,
                               const QString& path, QString& error) const {
  const QSize size = chart.size();
  switch (action) {
    case plot::ChartAction::SavePng:
      return savePng(path,
                     paintImage(size, loadExportOptions().scale, chartPainter(chart.model(), size)),
                     stampFor(chart), error);
    case plot::ChartAction::SaveSvg:
      return saveBytes(path, paintSvg(size, stampFor(chart), chartPainter(chart.model(), size)),
                       error);
    case plot::ChartAction::SaveCsv:
      return saveBytes(path, chartCsv(chart.model()), error);
    case plot::ChartAction::CopyImage:
      copyChart(chart);
      return true;
    case plot::ChartAction::RecordAnimation:  // the window's recorder, not a file of its own
      break;
  }
  return false;
}

void ExportActions::copyChart(const plot::PlotWidget& chart) const {
  const QSize size = chart.size();
  auto* mime = new QMimeData;
  mime->setImageData(
      paintImage(size, loadExportOptions().scale, chartPainter(chart.model(), size)));
  mime->setData(QStringLiteral("image/svg+xml"),
                paintSvg(size, stampFor(chart), chartPainter(chart.model(), size)));
  QApplication::clipboard()->setMimeData(mime);
}

void ExportActions::chartAction(const plot::PlotWidget& chart, plot::ChartAction action) {
  if (action == plot::ChartAction::RecordAnimation) return;  // the window's recorder
  if (action == plot::ChartAction::CopyImage) {
    copyChart(chart);
    emit message(tr("Copied \"%1\" to the clipboard").arg(chart.model().title));
    return;
  }
  ExportOptions options = loadExportOptions();
  const FileKind kind = fileKind(action);
  const QString suggested =
      QDir(QFileInfo(options.folder).isDir() ? options.folder : QDir::homePath())
          .filePath(chart.objectName() + QLatin1String(kind.extension));
  // The file dialog asks before replacing an existing file.
  QString path = QFileDialog::getSaveFileName(window_, tr("Save \"%1\"").arg(chart.model().title),
                                              suggested, tr(kind.filter));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QLatin1String(kind.extension);
  QString error;
  if (!writeChart(chart, action, path, error)) {
    QMessageBox::warning(window_, tr("Chart not saved"), error);
    return;
  }
  options.folder = QFileInfo(path).absolutePath();
  saveExportOptions(options);
  emit message(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
}

void ExportActions::exportAllInteractive() {
  const ExportJob job = job_();
  ExportDialog dialog(loadExportOptions(), int(job.charts.size()), window_);
  if (dialog.exec() != QDialog::Accepted) return;
  const ExportOptions options = dialog.options();
  saveExportOptions(options);
  const QStringList existing = existingFiles(job, options);
  if (!existing.isEmpty()) {
    const QString list = existing.size() <= 6 ? existing.join(QStringLiteral(", "))
                                              : existing.mid(0, 5).join(QStringLiteral(", ")) +
                                                    tr(" and %1 more").arg(existing.size() - 5);
    const auto answer = QMessageBox::question(
        window_, tr("Replace existing files?"),
        tr("%n file(s) in %1 would be replaced: %2.", nullptr, int(existing.size()))
            .arg(QDir::toNativeSeparators(options.folder), list),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) return;
  }
  QApplication::setOverrideCursor(Qt::WaitCursor);
  const ExportReport report = writeExport(job, options);
  QApplication::restoreOverrideCursor();
  if (!report.ok()) {
    QMessageBox::warning(window_, tr("Export stopped"),
                         tr("%1\n\n%n file(s) were written before the error; none is partial.",
                            nullptr, int(report.written.size()))
                             .arg(report.error));
    return;
  }
  emit message(tr("Exported %1 files to %2 (step %3)")
                   .arg(report.written.size())
                   .arg(QDir::toNativeSeparators(options.folder))
                   .arg(job.step));
}

}  // namespace bnlab
