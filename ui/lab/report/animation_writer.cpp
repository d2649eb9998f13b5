#include "report/animation_writer.h"

#include "report/gif_writer.h"
#include "report/mp4_writer.h"

namespace bnlab {

namespace {
template <typename Writer>
class Adapter : public AnimationWriter {
 public:
  template <typename... Args>
  explicit Adapter(Args&&... args) : writer_(std::forward<Args>(args)...) {}
  bool addFrame(const QImage& frame, int ticks) override { return writer_.addFrame(frame, ticks); }
  bool finish() override { return writer_.finish(); }
  int frames() const override { return writer_.frames(); }
  QString error() const override { return writer_.error(); }

 private:
  Writer writer_;
};
}  // namespace

std::unique_ptr<AnimationWriter> openAnimation(const QString& path, QSize size,
                                               int framesPerSecond) {
  if (path.endsWith(QLatin1String(".mp4"), Qt::CaseInsensitive))
    return std::make_unique<Adapter<Mp4Writer>>(path, size, framesPerSecond);
  return std::make_unique<Adapter<GifWriter>>(path, size, framesPerSecond);
}

}  // namespace bnlab
