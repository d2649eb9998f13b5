#pragma once
// "Edit runs…": the list of runs trained side by side, one row a run (its name, normalization,
// and optionally its own batch size and dropout), 1 to kMaxRuns rows. Checked as it is edited by
// core's validateRuns; OK stays disabled while a problem is shown.
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <vector>

#include "experiment/run_spec.h"

namespace bnlab {

class RunListDialog : public QDialog {
  Q_OBJECT
 public:
  explicit RunListDialog(const std::vector<RunSpec>& runs, QWidget* parent = nullptr);

  // The runs as the rows show them.
  std::vector<RunSpec> runs() const;
  void addRun();
  void removeRun(int row);

  // One row's controls. A batch size of 0 and the lowest dropout stand for "the experiment's".
  struct Row {
    QLineEdit* name;
    QComboBox* normalization;  // item data: the normalization's key
    QSpinBox* batchSize;
    QDoubleSpinBox* dropout;
    QPushButton* remove;
  };
  const std::vector<Row>& rows() const { return rows_; }
  QPushButton* addButton() const { return add_; }
  QPushButton* okButton() const { return buttons_->button(QDialogButtonBox::Ok); }
  QLabel* problemLabel() const { return problems_; }

 private:
  // Replaces every row by one per run of `runs`.
  void showRuns(const std::vector<RunSpec>& runs);
  void check();

  QWidget* table_;
  QGridLayout* grid_ = nullptr;
  std::vector<Row> rows_;
  QPushButton* add_;
  QLabel* kinds_;  // what each chosen normalization does
  QLabel* problems_;
  QDialogButtonBox* buttons_;
};

}  // namespace bnlab
