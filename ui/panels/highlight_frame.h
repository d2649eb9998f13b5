#pragma once
// A frame drawn over one widget (a chart, a control) to say "look here". It follows the
// widget's size, lets every click through, and never becomes part of a chart's export.
#include <QPointer>
#include <QWidget>

namespace bnlab {

class HighlightFrame : public QWidget {
  Q_OBJECT
 public:
  explicit HighlightFrame(QWidget* target);
  QWidget* target() const { return target_; }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;

 private:
  QPointer<QWidget> target_;
};

}  // namespace bnlab
