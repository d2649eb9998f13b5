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
  // Moves to the listed value nearest to `value`.
  void setValue(double value);
  QSlider* slider() const { return slider_; }

  // Values spaced evenly on a log scale: `perDecade` per factor of ten from lo to hi.
  static QVector<double> logScale(double lo, double hi, int perDecade);

 signals:
  void valueChanged(double value);

 private:
  QVector<double> values_;
  Formatter format_;
  QSlider* slider_;
  QLabel* label_;
};

}  // namespace bnlab
