#include "report/dashboard_export.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

#include "charts/chart_catalog.h"
#include "config/config_json.h"
#include "report/summary_json.h"

namespace bnlab {

namespace {

const QString kComposite = QStringLiteral("dashboard");

bool hasComposite(const ExportJob& job, const ExportOptions& options) {
  return options.composite && !job.compositeSize.isEmpty() && job.paintComposite &&
         options.hasPicture();
}

ExportStamp stampFor(const ExportJob& job, const QString& title) {
  return {title, QJsonDocument(job.config).toJson(QJsonDocument::Compact), job.step};
}

// Writes one picture in each chosen image format.
bool writePictures(const QDir& dir, const QString& name, QSize size, const PaintFunction& paint,
                   const ExportStamp& stamp, const ExportOptions& options, ExportReport& report) {
  if (options.has(ExportFormat::Png)) {
    const QString path = dir.filePath(name + QStringLiteral(".png"));
    if (!savePng(path, paintImage(size, options.scale, paint), stamp, report.error)) return false;
    report.written << path;
  }
  if (options.has(ExportFormat::Svg)) {
    const QString path = dir.filePath(name + QStringLiteral(".svg"));
    if (!saveBytes(path, paintSvg(size, stamp, paint), report.error)) return false;
    report.written << path;
  }
  return true;
}

}  // namespace

ExportJob exportJobOf(const Snapshot& snap) {
  ExportJob job;
  ExperimentConfig config = snap.config;
  if (snap.step > 0) config.steps = snap.step;  // --config repeats the run to this step
  job.config = configToJson(config);
  job.summary = summaryToJson(snap);
  job.step = snap.step;
  return job;
}

ExportJob catalogExportJob(const Snapshot& snap, QSize chartSize, bool withEmpty) {
  ExportJob job = exportJobOf(snap);
  for (const CatalogChart& chart : dashboardCharts(snap, withEmpty))
    job.charts.push_back(
        {chart.id, chart.model(snap), chartSize.isEmpty() ? chart.kind->exportSize : chartSize});
  return job;
}

QStringList plannedFiles(const ExportJob& job, const ExportOptions& options) {
  QStringList files;
  for (const NamedChart& chart : job.charts) {
    if (options.has(ExportFormat::Png)) files << chart.name + QStringLiteral(".png");
    if (options.has(ExportFormat::Svg)) files << chart.name + QStringLiteral(".svg");
    if (options.has(ExportFormat::Csv)) files << chart.name + QStringLiteral(".csv");
  }
  if (hasComposite(job, options)) {
    if (options.has(ExportFormat::Png)) files << kComposite + QStringLiteral(".png");
    if (options.has(ExportFormat::Svg)) files << kComposite + QStringLiteral(".svg");
  }
  files << QStringLiteral("config.json") << QStringLiteral("summary.json");
  return files;
}

QStringList existingFiles(const ExportJob& job, const ExportOptions& options) {
  const QDir dir(options.folder);
  QStringList existing;
  for (const QString& file : plannedFiles(job, options))
    if (QFileInfo::exists(dir.filePath(file))) existing << file;
  return existing;
}

namespace {

// writeExport without the list of files not written.
ExportReport writeFiles(const ExportJob& job, const ExportOptions& options) {
  ExportReport report;
  const QFileInfo folder(options.folder);
  if (options.folder.isEmpty()) {
    report.error = QStringLiteral("No export folder given.");
    return report;
  }
  if (folder.exists() && !folder.isDir()) {
    report.error =
        QStringLiteral("Cannot export to %1: it is a file, not a folder.").arg(options.folder);
    return report;
  }
  if (!QDir().mkpath(options.folder)) {
    report.error = QStringLiteral("Cannot create the folder %1.").arg(options.folder);
    return report;
  }
  const QDir dir(options.folder);
  for (const NamedChart& chart : job.charts) {
    const ExportStamp stamp = stampFor(job, chart.model.title);
    if (!writePictures(dir, chart.name, chart.size, chartPainter(chart.model, chart.size), stamp,
                       options, report))
      return report;
    if (options.has(ExportFormat::Csv)) {
      const QString path = dir.filePath(chart.name + QStringLiteral(".csv"));
      if (!saveBytes(path, chartCsv(chart.model), report.error)) return report;
      report.written << path;
    }
  }
  if (hasComposite(job, options) &&
      !writePictures(dir, kComposite, job.compositeSize, job.paintComposite,
                     stampFor(job, QStringLiteral("Dashboard")), options, report))
    return report;
  const std::pair<QString, const QJsonObject*> documents[] = {
      {QStringLiteral("config.json"), &job.config}, {QStringLiteral("summary.json"), &job.summary}};
  for (const auto& [name, json] : documents) {
    const QString path = dir.filePath(name);
    if (!saveBytes(path, QJsonDocument(*json).toJson(QJsonDocument::Indented), report.error))
      return report;
    report.written << path;
  }
  return report;
}

}  // namespace

ExportReport writeExport(const ExportJob& job, const ExportOptions& options) {
  ExportReport report = writeFiles(job, options);
  if (!report.ok()) {
    const QDir dir(options.folder);
    for (const QString& file : plannedFiles(job, options))
      if (!report.written.contains(dir.filePath(file))) report.notWritten << file;
  }
  return report;
}

QString exportFailure(const ExportReport& report) {
  QStringList written;
  for (const QString& path : report.written) written << QFileInfo(path).fileName();
  QString line = report.error;
  if (line.endsWith(QLatin1Char('.'))) line.chop(1);
  if (written.isEmpty())
    line += QStringLiteral("; no file was written before it");
  else if (written.size() == 1)
    line += QStringLiteral("; 1 file written before it is complete (") + written.front() +
            QLatin1Char(')');
  else
    line += QStringLiteral("; %1 files written before it are complete (").arg(written.size()) +
            fileList(written) + QLatin1Char(')');
  if (report.notWritten.size() == 1)
    line +=
        QStringLiteral("; 1 file was not written (") + report.notWritten.front() + QLatin1Char(')');
  else if (report.notWritten.size() > 1)
    line += QStringLiteral("; %1 files were not written (").arg(report.notWritten.size()) +
            fileList(report.notWritten) + QLatin1Char(')');
  return line;
}

QString fileList(const QStringList& names) {
  return names.size() <= 4 ? names.join(QStringLiteral(", "))
                           : names.mid(0, 3).join(QStringLiteral(", ")) +
                                 QStringLiteral(" and %1 more").arg(names.size() - 3);
}

}  // namespace bnlab
