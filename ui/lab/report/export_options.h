#pragma once
// What "Export all" writes: the folder, the file formats (a list of one enum), the PNG scale and
// whether the dashboard picture is included. The dialog, the command line (--format), the
// headless run and the window's exports all read these.
#include <QList>
#include <QString>
#include <optional>
#include <span>

namespace bnlab {

enum class ExportFormat { Png, Svg, Csv };

struct ExportFormatInfo {
  ExportFormat format;
  const char* name;   // the file extension, on the command line and in QSettings: "png"
  const char* label;  // the export dialog's check box (translated there)
  bool picture;       // an image of the chart (PNG, SVG) rather than its data
};

// Every format, in writing order.
std::span<const ExportFormatInfo> exportFormats();
const ExportFormatInfo& exportFormatInfo(ExportFormat format);
std::optional<ExportFormat> exportFormatFromName(const QString& name);
// "png, svg and csv", for messages.
QString exportFormatNames();

struct ExportOptions {
  QString folder;
  QList<ExportFormat> formats{ExportFormat::Png, ExportFormat::Svg, ExportFormat::Csv};
  int scale = 2;  // PNG pixels per screen pixel: 1, 2 or 4
  bool composite = true;

  bool has(ExportFormat format) const { return formats.contains(format); }
  // Whether any picture format (PNG, SVG) is chosen.
  bool hasPicture() const;
};

// A comma-separated list such as "svg,csv" (case and spaces ignored, repeats once). On an
// unknown name: false, and `error` names it.
bool parseExportFormats(const QString& text, QList<ExportFormat>& formats, QString& error);

}  // namespace bnlab
