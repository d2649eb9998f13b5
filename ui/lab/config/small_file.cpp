#include "config/small_file.h"

#include <QDir>
#include <QFile>

namespace bnlab {

std::optional<QByteArray> readSmallFile(const QString& path, qint64 limit, QString& error) {
  QFile file(path);
  const QString shown = QDir::toNativeSeparators(path);
  if (!file.open(QIODevice::ReadOnly)) {
    error = QStringLiteral("cannot read %1: %2").arg(shown, file.errorString());
    return std::nullopt;
  }
  QByteArray bytes;
  // A pipe may deliver in pieces; an empty read is its end (or an error, checked below).
  while (bytes.size() <= limit) {
    const QByteArray piece = file.read(limit + 1 - bytes.size());
    if (piece.isEmpty()) break;
    bytes += piece;
  }
  if (file.error() != QFileDevice::NoError) {
    error = QStringLiteral("cannot read %1: %2").arg(shown, file.errorString());
    return std::nullopt;
  }
  if (bytes.size() > limit) {
    error = QStringLiteral("%1 is larger than %2 MB, more than a configuration or lesson can be")
                .arg(shown)
                .arg(limit >> 20);
    return std::nullopt;
  }
  return bytes;
}

}  // namespace bnlab
