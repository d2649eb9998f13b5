#pragma once
// Help → What am I looking at? (the five points the app makes visible) and About.
#include <QWidget>

namespace bnlab {

void showWhatAmILookingAt(QWidget* parent);
void showAboutBox(QWidget* parent);

}  // namespace bnlab
