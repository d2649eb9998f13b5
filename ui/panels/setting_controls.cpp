#include "panels/setting_controls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <climits>
#include <cmath>
#include <stdexcept>

#include "panels/value_slider.h"

namespace bnlab {

namespace {

QString str(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

double number(const SettingValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return double(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return 0;
}

// `value` as the row's kind (a number control's value for an Integer or Number row).
SettingValue ofKind(const Setting& s, double value) {
  if (s.kind == SettingKind::Integer) return std::int64_t(std::llround(value));
  return value;
}

// Spin boxes hold ints: the row's range, clipped to them.
int intBound(double v) { return int(std::clamp(v, double(INT_MIN), double(INT_MAX))); }

}  // namespace

const Setting& settingRow(std::string_view key) {
  if (const Setting* s = findSetting(key)) return *s;
  throw std::logic_error("no setting " + std::string(key));
}

QString settingToolTip(const Setting& s) {
  QString tip = str(s.tooltip.empty() ? s.help : s.tooltip);
  if (s.ranged() && s.kind != SettingKind::Widths)
    tip += QStringLiteral(" (%1)").arg(str(s.range.text(s.kind == SettingKind::Integer)));
  return tip;
}

void SettingControls::bindWidget(const Setting& s, QWidget* control) {
  control->setToolTip(settingToolTip(s));
  const auto emitChanged = [this, &s] { emit changed(s); };
  if (auto* spin = qobject_cast<QSpinBox*>(control)) {
    spin->setRange(intBound(s.range.min + (s.range.openMin ? 1 : 0)),
                   intBound(s.range.max - (s.range.openMax ? 1 : 0)));
    connect(spin, &QSpinBox::valueChanged, this, emitChanged);
  } else if (auto* spin = qobject_cast<QDoubleSpinBox*>(control)) {
    const double step = std::pow(10.0, -spin->decimals());
    spin->setRange(s.range.min + (s.range.openMin ? step : 0),
                   s.range.max - (s.range.openMax ? step : 0));
    connect(spin, &QDoubleSpinBox::valueChanged, this, emitChanged);
  } else if (auto* slider = qobject_cast<ValueSlider*>(control)) {
    connect(slider, &ValueSlider::valueChanged, this, emitChanged);
  } else if (auto* box = qobject_cast<QCheckBox*>(control)) {
    connect(box, &QCheckBox::toggled, this, emitChanged);
  } else if (auto* combo = qobject_cast<QComboBox*>(control)) {
    if (combo->count() == 0)
      for (std::string_view word : s.choices()) combo->addItem(str(word), str(word));
    connect(combo, &QComboBox::currentIndexChanged, this, emitChanged);
  }
  bound_.emplace_back(&s, control);
}

QWidget* SettingControls::control(std::string_view key) const {
  for (const auto& [s, control] : bound_)
    if (s->key == key) return control;
  return nullptr;
}

void SettingControls::show(const ExperimentConfig& config) {
  const QSignalBlocker quiet(this);  // the controls follow the configuration; nobody changed it
  for (const auto& [s, control] : bound_) {
    const SettingValue v = s->get(config);
    if (auto* spin = qobject_cast<QSpinBox*>(control))
      spin->setValue(int(number(v)));
    else if (auto* spin = qobject_cast<QDoubleSpinBox*>(control))
      spin->setValue(number(v));
    else if (auto* slider = qobject_cast<ValueSlider*>(control))
      slider->setValue(number(v));
    else if (auto* box = qobject_cast<QCheckBox*>(control))
      box->setChecked(std::get<bool>(v));
    else if (auto* combo = qobject_cast<QComboBox*>(control))
      combo->setCurrentIndex(combo->findData(QString::fromStdString(std::get<std::string>(v))));
  }
}

void SettingControls::read(ExperimentConfig& config) const {
  for (const auto& [s, control] : bound_) {
    if (auto* spin = qobject_cast<QSpinBox*>(control))
      s->set(config, ofKind(*s, spin->value()));
    else if (auto* spin = qobject_cast<QDoubleSpinBox*>(control))
      s->set(config, ofKind(*s, spin->value()));
    else if (auto* slider = qobject_cast<ValueSlider*>(control))
      s->set(config, ofKind(*s, slider->value()));
    else if (auto* box = qobject_cast<QCheckBox*>(control))
      s->set(config, box->isChecked());
    else if (auto* combo = qobject_cast<QComboBox*>(control))
      s->set(config, combo->currentData().toString().toStdString());
  }
}

}  // namespace bnlab
