#pragma once
// Text from configurations and lesson files, made safe to show in a label: never wider than the
// label is given and never longer than a caption should be.
#include <QString>

namespace bnlab {

// `text` cut after `maxCharacters` (at a space when one is near) with an ellipsis.
QString elided(const QString& text, int maxCharacters);

// `text` with a line-break opportunity (a zero-width space) inside every run of more than
// `maxRun` characters without one, so that a word-wrapped label wraps it instead of growing.
QString breakable(const QString& text, int maxRun = 24);

}  // namespace bnlab
