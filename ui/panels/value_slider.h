#pragma once
// A slider over a fixed list of values (for example a log-like scale), with the current value
// shown beside it.
#include <QLabel>
#include <QSlider>
#include <QWidget>
#include <functional>

namespace bnlab {

class ValueSlider : public QWidget {
  Q_OBJECT
 public:
  using Formatter = std::function<QString(double)>;
  ValueSlider(QVector<double> values, Formatter format, QWidget* parent = nullptr);

  double value() const { return values_[slider_->value()]; }
  // Moves to `value`, adding it to the scale if it is not there (never rounds it away).
  void setValue(double value);
  QSlider* slider() const { return slider_; }

  // 1, 2, 3, 5 × 10ᵏ from lo to hi: a log scale of round numbers.
  static QVector<double> logScale(double lo, double hi);

 signals:
  void valueChanged(double value);

 private:
  QVector<double> values_;
  Formatter format_;
  QSlider* slider_;
  QLabel* label_;
};

}  // namespace bnlab
