#pragma once
// The "Export all" dialog: folder, formats, PNG scale and the composite picture. The choices
// persist in QSettings (loadExportOptions / saveExportOptions).
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <utility>
#include <vector>

#include "report/dashboard_export.h"

namespace bnlab {

ExportOptions loadExportOptions();
void saveExportOptions(const ExportOptions& options);

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  // `charts`: how many charts the dashboard shows now (for the summary line).
  ExportDialog(const ExportOptions& options, int charts, QWidget* parent = nullptr);
  ExportOptions options() const;

 private:
  void browse();
  void updateSummary();

  int charts_;
  QLineEdit* folder_;
  std::vector<std::pair<ExportFormat, QCheckBox*>> formats_;  // in exportFormats() order
  QComboBox* scale_;
  QCheckBox* composite_;
  QLabel* summary_;
  QDialogButtonBox* buttons_;
};

}  // namespace bnlab
