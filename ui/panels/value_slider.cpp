#include "panels/value_slider.h"

#include <QHBoxLayout>
#include <algorithm>
#include <cmath>

namespace bnlab {

ValueSlider::ValueSlider(QVector<double> values, Formatter format, QWidget* parent)
    : QWidget(parent),
      values_(std::move(values)),
      format_(std::move(format)),
      slider_(new QSlider(Qt::Horizontal, this)),
      label_(new QLabel(this)) {
  slider_->setRange(0, int(values_.size()) - 1);
  slider_->setPageStep(1);
  label_->setMinimumWidth(48);
  label_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(slider_, 1);
  layout->addWidget(label_);
  label_->setText(format_(values_.front()));
  connect(slider_, &QSlider::valueChanged, this, [this](int index) {
    label_->setText(format_(values_[index]));
    emit valueChanged(values_[index]);
  });
}

void ValueSlider::setValue(double value) {
  // A value from a file or preset that the scale lacks joins the scale, rather than being
  // silently replaced by its nearest neighbour.
  const auto same = [value](double v) {
    return std::abs(v - value) <= 1e-9 * std::max(1.0, std::abs(value));
  };
  int index = int(std::find_if(values_.begin(), values_.end(), same) - values_.begin());
  if (index == values_.size()) {
    index = int(std::lower_bound(values_.begin(), values_.end(), value) - values_.begin());
    values_.insert(index, value);
    const QSignalBlocker blocker(slider_);
    slider_->setRange(0, int(values_.size()) - 1);
  }
  slider_->setValue(index);
  label_->setText(format_(values_[index]));
}

QVector<double> ValueSlider::logScale(double lo, double hi) {
  // 1, 2, 3, 5 × 10ᵏ: round numbers, roughly even on a log scale.
  QVector<double> values;
  for (double decade = std::pow(10.0, std::floor(std::log10(lo))); decade <= hi; decade *= 10)
    for (double m : {1.0, 2.0, 3.0, 5.0}) {
      const double v = std::stod(QString::number(m * decade, 'g', 3).toStdString());
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) values.append(v);
    }
  return values;
}

}  // namespace bnlab
