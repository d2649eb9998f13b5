#include "start_lookup.h"

#include <QFileInfo>

#include "config/small_file.h"
#include "lessons/lesson.h"

namespace bnlab {

bool findPreset(const QString& wanted, Preset& out, QString& error) {
  // Names that start with the words given win over names that merely contain them.
  QList<Preset> matches, starts;
  QStringList names;
  for (const Preset& p : builtInPresets()) {
    names << QLatin1Char('"') + p.name + QLatin1Char('"');
    if (p.name.contains(wanted, Qt::CaseInsensitive)) matches << p;
    if (p.name.startsWith(wanted, Qt::CaseInsensitive)) starts << p;
  }
  if (starts.size() == 1) matches = starts;
  if (matches.size() == 1) {
    out = matches.front();
    return true;
  }
  error = QStringLiteral("%1 preset matches \"%2\"; presets: %3")
              .arg(matches.isEmpty() ? QStringLiteral("no") : QStringLiteral("more than one"),
                   wanted, names.join(QStringLiteral(", ")));
  return false;
}

bool findLesson(const QString& wanted, CommandLine& out, QString& error) {
  if (wanted.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
    const std::optional<QByteArray> bytes = readSmallFile(wanted, kLargestLessonFile, error);
    if (!bytes) return false;
    Lesson lesson;
    QStringList errors;
    if (!parseLesson(*bytes, QFileInfo(wanted).completeBaseName(), builtInPresets(), lesson,
                     errors)) {
      error = errors.join(QStringLiteral("; "));
      return false;
    }
    out.lesson = lesson;
    out.lessonFile = wanted;
    out.start = lesson.preset;
    return true;
  }
  const QList<Lesson> lessons = builtInLessons();
  QStringList titles;
  QList<int> matches;
  bool isNumber = false;
  const int number = wanted.toInt(&isNumber);
  for (int i = 0; i < lessons.size(); ++i) {
    titles << QLatin1Char('"') + lessons[i].title + QLatin1Char('"');
    if (isNumber ? number == i + 1 : lessons[i].title.contains(wanted, Qt::CaseInsensitive))
      matches << i;
  }
  if (matches.size() == 1) {
    out.lesson = lessons[matches.front()];
    out.start = lessons[matches.front()].preset;
    return true;
  }
  error = QStringLiteral("%1 lesson matches \"%2\"; lessons: %3")
              .arg(matches.isEmpty() ? QStringLiteral("no") : QStringLiteral("more than one"),
                   wanted, titles.join(QStringLiteral(", ")));
  return false;
}

bool readConfigFile(const QString& path, Preset& out, QString& error) {
  const std::optional<QByteArray> bytes = readSmallFile(path, kLargestConfigFile, error);
  if (!bytes) return false;
  QStringList errors;
  if (!parseConfigFile(*bytes, path, out, errors)) {
    error = errors.join(QStringLiteral("; "));
    return false;
  }
  return true;
}

}  // namespace bnlab
