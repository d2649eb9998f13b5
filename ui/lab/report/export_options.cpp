#include "report/export_options.h"

#include <QCoreApplication>
#include <QStringList>
#include <array>

namespace bnlab {

namespace {
constexpr std::array<ExportFormatInfo, 3> kFormats{{
    {ExportFormat::Png, "png", QT_TRANSLATE_NOOP("ExportDialog", "PNG image"), true},
    {ExportFormat::Svg, "svg",
     QT_TRANSLATE_NOOP("ExportDialog", "SVG drawing (scalable, for slides and papers)"), true},
    {ExportFormat::Csv, "csv",
     QT_TRANSLATE_NOOP("ExportDialog", "CSV data (every point each chart shows)"), false},
}};
}  // namespace

std::span<const ExportFormatInfo> exportFormats() { return kFormats; }

const ExportFormatInfo& exportFormatInfo(ExportFormat format) {
  for (const ExportFormatInfo& info : kFormats)
    if (info.format == format) return info;
  return kFormats.front();
}

std::optional<ExportFormat> exportFormatFromName(const QString& name) {
  for (const ExportFormatInfo& info : kFormats)
    if (name.compare(QLatin1String(info.name), Qt::CaseInsensitive) == 0) return info.format;
  return std::nullopt;
}

QString exportFormatNames() {
  QStringList names;
  for (const ExportFormatInfo& info : kFormats) names << QLatin1String(info.name);
  const QString last = names.takeLast();
  return names.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

bool ExportOptions::hasPicture() const {
  for (ExportFormat format : formats)
    if (exportFormatInfo(format).picture) return true;
  return false;
}

bool parseExportFormats(const QString& text, QList<ExportFormat>& formats, QString& error) {
  QList<ExportFormat> parsed;
  for (const QString& part : text.split(QLatin1Char(','))) {
    const std::optional<ExportFormat> format = exportFormatFromName(part.trimmed());
    if (!format) {
      error = QStringLiteral("--format takes %1 separated by commas, not \"%2\"")
                  .arg(exportFormatNames(), part);
      return false;
    }
    if (!parsed.contains(*format)) parsed << *format;
  }
  formats = parsed;
  return true;
}

}  // namespace bnlab
