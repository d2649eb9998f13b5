#pragma once
// What every animation frame shares, from the window and from the command line: the picture
// with its step written in the bottom-right corner, at the recording's fixed size in pixels.
#include <QImage>
#include <QSize>

namespace bnlab {

// `picture` (any device pixel ratio) with "step N" in its bottom-right corner, text sized in
// logical pixels so that it scales with the picture.
QImage stampStep(QImage picture, qint64 step);

// `picture` as exactly `pixels`: unchanged when it has that size, else scaled to fit with its
// aspect kept and centred on white (a window resized during a recording).
QImage fitFrame(const QImage& picture, QSize pixels);

}  // namespace bnlab
