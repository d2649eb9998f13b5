#include "value_slider.h"

#include <QHBoxLayout>
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
  int best = 0;
  for (int i = 1; i < values_.size(); ++i)
    if (std::abs(values_[i] - value) < std::abs(values_[best] - value)) best = i;
  slider_->setValue(best);
  label_->setText(format_(values_[best]));
}

QVector<double> ValueSlider::logScale(double lo, double hi, int perDecade) {
  QVector<double> values;
  const int steps = int(std::lround(std::log10(hi / lo) * perDecade));
  for (int i = 0; i <= steps; ++i) {
    const double v = lo * std::pow(10.0, double(i) / perDecade);
    const double rounded = std::stod(QString::number(v, 'g', 2).toStdString());
    values.append(rounded);
  }
  return values;
}

}  // namespace bnlab
