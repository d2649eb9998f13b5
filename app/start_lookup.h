#pragma once
// Where a command line starts from: a built-in preset by a part of its name, a lesson by number,
// title or file, or a configuration file. Each returns false with a one-sentence `error`.
#include <QString>

#include "command_line.h"

namespace bnlab {

bool findPreset(const QString& wanted, Preset& out, QString& error);
// A lesson by number (1 …), by a unique part of its title, or a lesson file (*.json): sets
// out.lesson, out.start and (for a file) out.lessonFile.
bool findLesson(const QString& wanted, CommandLine& out, QString& error);
bool readConfigFile(const QString& path, Preset& out, QString& error);

}  // namespace bnlab
