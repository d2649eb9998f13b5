#pragma once
// File → Record animation… and a chart's "Record animation…": the file (GIF or MP4), the
// length (until Stop, or the next N steps in F frames), frame rate, size and scale, with a line
// saying what the recording will hold.
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>

#include "report/recording_plan.h"

namespace bnlab {

class RecordDialog : public QDialog {
  Q_OBJECT
 public:
  // `what`: the chart's title, or "" for the dashboard. `plan.size` is its size on screen;
  // only a chart's size can be changed. `stepsAllowed`: whether "the next N steps" can be
  // chosen (`why` says why not).
  RecordDialog(const RecordingPlan& plan, const QString& what, bool stepsAllowed,
               const QString& why, QWidget* parent = nullptr);
  RecordingPlan plan() const;

  void accept() override;  // checks the file: its folder exists, replacing it is confirmed

 private:
  void browse();
  void formatChosen();
  void update();

  RecordingPlan base_;
  QComboBox* format_;
  QLineEdit* path_;
  QRadioButton* untilStopped_;
  QRadioButton* nextSteps_;
  QSpinBox* steps_;
  QSpinBox* frames_;
  QSpinBox* fps_;
  QSpinBox* width_ = nullptr;  // a chart's size; the dashboard's is fixed
  QSpinBox* height_ = nullptr;
  QComboBox* scale_;
  QLabel* summary_;
  QDialogButtonBox* buttons_;
};

}  // namespace bnlab
