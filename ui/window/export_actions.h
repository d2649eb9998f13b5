#pragma once
// The window's export commands: a chart's Save as PNG / SVG / CSV and Copy image, and
// Export all (Ctrl+E) with its dialog, overwrite question and report. The writing itself takes
// no dialog (writeChart, ExportJob), so tests and the command line run the same code.
#include <QObject>
#include <QWidget>
#include <functional>

#include "panels/plot_widget.h"
#include "report/dashboard_export.h"

namespace bnlab {

class ExportActions : public QObject {
  Q_OBJECT
 public:
  // `job` describes the dashboard as it is on screen at the moment of the call.
  ExportActions(QWidget* window, std::function<ExportJob()> job);

  // Asks for a file (or copies), then writes. Failures are reported in a message box.
  void chartAction(const plot::PlotWidget& chart, plot::ChartAction action);
  // The Export all dialog, the overwrite question, the export, and a report in the status bar.
  void exportAllInteractive();

  // SavePng / SaveSvg / SaveCsv of one chart into `path`, at the remembered PNG scale.
  bool writeChart(const plot::PlotWidget& chart, plot::ChartAction action, const QString& path,
                  QString& error) const;
  // The chart as a PNG image and an SVG drawing on the clipboard.
  void copyChart(const plot::PlotWidget& chart) const;

 signals:
  void message(const QString& text);

 private:
  ExportStamp stampFor(const plot::PlotWidget& chart) const;

  QWidget* window_;
  std::function<ExportJob()> job_;
};

}  // namespace bnlab
