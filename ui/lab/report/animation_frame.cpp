#include "report/animation_frame.h"

#include <QLocale>
#include <QPainter>

namespace bnlab {

QImage stampStep(QImage picture, qint64 step) {
  if (picture.isNull()) return picture;
  QPainter painter(&picture);
  painter.setRenderHint(QPainter::Antialiasing);
  QFont font = painter.font();
  font.setPixelSize(11);  // logical pixels: the image's device pixel ratio is its scale
  painter.setFont(font);
  const QString label = QStringLiteral("step %1").arg(QLocale(QLocale::English).toString(step));
  const QRect box = painter.fontMetrics().boundingRect(label).adjusted(-4, -2, 4, 2);
  const QSize logical = (QSizeF(picture.size()) / picture.devicePixelRatio()).toSize();
  const QRect where(logical.width() - box.width() - 4, logical.height() - box.height() - 4,
                    box.width(), box.height());
  painter.fillRect(where, QColor(255, 255, 255, 220));
  painter.setPen(QColor(60, 60, 60));
  painter.drawText(where, Qt::AlignCenter, label);
  return picture;
}

QImage fitFrame(const QImage& picture, QSize pixels) {
  if (picture.isNull() || picture.size() == pixels) return picture;
  QImage frame(pixels, QImage::Format_RGB32);
  frame.fill(Qt::white);
  QImage source = picture;
  source.setDevicePixelRatio(1);
  const QImage scaled = source.scaled(pixels, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  QPainter painter(&frame);
  painter.drawImage((pixels.width() - scaled.width()) / 2, (pixels.height() - scaled.height()) / 2,
                    scaled);
  return frame;
}

}  // namespace bnlab
