#pragma once
// "Export all": every chart of the dashboard as PNG, SVG and CSV, a composite picture of the
// whole dashboard, config.json and summary.json, into one folder. The window and the headless
// command line both describe what to write as an ExportJob.
#include <QJsonObject>
#include <QSize>
#include <QStringList>
#include <vector>

#include "experiment/snapshot.h"
#include "render/plot_model.h"
#include "report/chart_files.h"
#include "report/export_options.h"

namespace bnlab {

struct NamedChart {
  QString name;  // file name without extension, e.g. "layer2-distribution"
  plot::PlotModel model;
  QSize size;  // logical pixels, as on screen
};

struct ExportJob {
  std::vector<NamedChart> charts;
  QSize compositeSize;           // empty when there is no composite to draw
  PaintFunction paintComposite;  // draws the whole dashboard on compositeSize
  QJsonObject config, summary;
  qint64 step = 0;
};

// The part of an export that both faces write alike: the configuration that repeats the run to
// `snap`'s step, its summary and its step. No charts, no composite.
ExportJob exportJobOf(const Snapshot& snap);
// With the catalog's dashboard charts of `snap`, each at its kind's export size or at
// `chartSize` when that is not empty (a headless export: no window, no composite).
ExportJob catalogExportJob(const Snapshot& snap, QSize chartSize, bool withEmpty = false);

// The files an export would write, relative to the folder, in writing order.
QStringList plannedFiles(const ExportJob& job, const ExportOptions& options);
// Those of them that exist already.
QStringList existingFiles(const ExportJob& job, const ExportOptions& options);

struct ExportReport {
  QStringList written;     // absolute paths
  QString error;           // empty on success; otherwise why the export stopped
  QStringList notWritten;  // after a failure: the planned files not written, the failed one first
  bool ok() const { return error.isEmpty(); }
};

// Creates the folder if needed and writes every planned file, each atomically. Stops at the
// first failure; the files written before it are complete.
ExportReport writeExport(const ExportJob& job, const ExportOptions& options);

// A failed export in one line: the error, then the files written before it and those not:
// "Cannot write out/b.png: No space left on device; 1 file written before it is complete
// (a.png); 3 files were not written (b.png, b.svg, config.json)".
QString exportFailure(const ExportReport& report);

// "a, b, c", or "a, b, c and 4 more" for a longer list.
QString fileList(const QStringList& names);

}  // namespace bnlab
