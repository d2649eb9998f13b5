#pragma once
// Colours used the same way everywhere: the Okabe–Ito palette, safe for colour-blind readers.
#include <QColor>
#include <QString>

namespace bnlab::palette {

inline const QColor kBlue{0x00, 0x72, 0xB2};
inline const QColor kOrange{0xE6, 0x9F, 0x00};
inline const QColor kSky{0x56, 0xB4, 0xE9};
inline const QColor kGreen{0x00, 0x9E, 0x73};
inline const QColor kVermillion{0xD5, 0x5E, 0x00};
inline const QColor kPurple{0xCC, 0x79, 0xA7};
inline const QColor kYellow{0xF0, 0xE4, 0x42};
inline const QColor kGrey{0x80, 0x86, 0x8b};

// Train and test data and metrics.
inline const QColor kTrain = kBlue;
inline const QColor kTest = kVermillion;
// The distribution of a layer.
inline const QColor kDistribution = kBlue;
inline const QColor kMarker = kPurple;  // batch norm switched (one-run experiments only)
inline const QColor kKickMarker{0x3c, 0x40, 0x43};  // a kick to W: ink, no run's colour

// Runs, in run order: the default comparison (plain, then batch norm) is orange and blue.
inline constexpr int kRunColorCount = 4;
QColor runColor(int run);       // cycles after four
QString runColorName(int run);  // "orange", "blue", … for captions

// Colour of class k (cycles after seven).
QColor classColor(int k);

// `c` with alpha a in [0, 1].
QColor withAlpha(QColor c, double a);

}  // namespace bnlab::palette
