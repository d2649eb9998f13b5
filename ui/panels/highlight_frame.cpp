#include "panels/highlight_frame.h"

#include <QEvent>
#include <QPainter>

namespace bnlab {

HighlightFrame::HighlightFrame(QWidget* target) : QWidget(target), target_(target) {
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setAttribute(Qt::WA_NoSystemBackground);
  setObjectName(QStringLiteral("lesson-highlight"));
  target->installEventFilter(this);
  setGeometry(target->rect());
  raise();
  show();
}

bool HighlightFrame::eventFilter(QObject* watched, QEvent* event) {
  if (watched == target_ && event->type() == QEvent::Resize) {
    setGeometry(target_->rect());
    raise();
  }
  return false;
}

void HighlightFrame::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  QPen pen(QColor(0xD5, 0x5E, 0x00), 3);
  painter.setPen(pen);
  painter.setBrush(Qt::NoBrush);
  painter.drawRoundedRect(QRectF(rect()).adjusted(1.5, 1.5, -1.5, -1.5), 5, 5);
}

}  // namespace bnlab
