#pragma once
// Reading the small files a user names (configurations, lessons): at most `limit` bytes are read,
// so a device or an endless pipe (--config /dev/zero) is refused at the limit instead of read
// without bound; pipes and process substitutions within the limit work.
#include <QByteArray>
#include <QString>
#include <optional>

namespace bnlab {

inline constexpr qint64 kLargestConfigFile = qint64(4) << 20;  // 4 MB
inline constexpr qint64 kLargestLessonFile = qint64(1) << 20;  // 1 MB

// The file's bytes, or nullopt with `error` naming the file and the reason.
std::optional<QByteArray> readSmallFile(const QString& path, qint64 limit, QString& error);

}  // namespace bnlab
