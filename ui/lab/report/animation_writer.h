#pragma once
// An animation written frame by frame: an animated GIF (GifWriter) or an H.264 MP4 (Mp4Writer),
// chosen by the file's suffix.
#include <QImage>
#include <QString>
#include <functional>
#include <memory>

namespace bnlab {

class AnimationWriter {
 public:
  virtual ~AnimationWriter() = default;
  // `ticks`: how many frame periods the frame is shown (more than one where frames were left
  // out, so the animation keeps its time).
  virtual bool addFrame(const QImage& frame, int ticks) = 0;
  virtual bool finish() = 0;  // commits the file; false, with error(), if anything failed
  virtual int frames() const = 0;
  virtual QString error() const = 0;
};

// FILE.gif or FILE.mp4 (any case), `size` pixels, played at `framesPerSecond`.
std::unique_ptr<AnimationWriter> openAnimation(const QString& path, QSize size,
                                               int framesPerSecond);
// openAnimation, or another way to write the frames (a test's slow writer).
using AnimationOpener =
    std::function<std::unique_ptr<AnimationWriter>(const QString& path, QSize size, int fps)>;

}  // namespace bnlab
