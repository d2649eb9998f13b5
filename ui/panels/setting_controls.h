#pragma once
// Controls bound to rows of the settings table (core/experiment/settings_table.h): each takes its
// tooltip, range and choices from its row, shows the row's field of a configuration and writes
// it back, and one signal says which row a change was to. Spin boxes, value sliders, check boxes
// and combo boxes (whose item data is the word).
#include <QObject>
#include <QString>
#include <QWidget>
#include <string_view>
#include <utility>
#include <vector>

#include "experiment/settings_table.h"

namespace bnlab {

// The row with this key (a key missing from the table is a programming error: it throws).
const Setting& settingRow(std::string_view key);
// The row's tooltip (its help when it has none), with its range.
QString settingToolTip(const Setting& setting);

class SettingControls : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;

  // Binds `control` to the row `key`: tooltip, range (spin boxes) or words (an empty combo
  // box) from the row; its changes emit changed(row). Returns `control`.
  template <typename Control>
  Control* bind(std::string_view key, Control* control) {
    bindWidget(settingRow(key), control);
    return control;
  }
  // Every bound control shows its field of `config`, without emitting changed().
  void show(const ExperimentConfig& config);
  // Every bound control's value into `config`.
  void read(ExperimentConfig& config) const;
  const std::vector<std::pair<const Setting*, QWidget*>>& bound() const { return bound_; }
  // The control bound to the row `key`, or null.
  QWidget* control(std::string_view key) const;

 signals:
  // A bound control's value was changed (by the user or the program, not by show()).
  void changed(const Setting& row);

 private:
  void bindWidget(const Setting& setting, QWidget* control);
  std::vector<std::pair<const Setting*, QWidget*>> bound_;
};

}  // namespace bnlab
