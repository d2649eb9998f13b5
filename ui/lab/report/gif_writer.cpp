#include "report/gif_writer.h"

#include <gif_lib.h>

#include <QPainter>
#include <algorithm>
#include <limits>
#include <memory>
#include <utility>

namespace bnlab {

namespace {

constexpr int kPaletteSize = 256;
// 4³ = 64 evenly spread colours; the other 192 are the frame's own. (A 6³ cube left 40: on a
// whole dashboard a thin orange line fell outside them and came out olive.)
constexpr int kCubeLevels = 4;

int squaredDistance(QRgb a, QRgb b) {
  const int r = qRed(a) - qRed(b), g = qGreen(a) - qGreen(b), bl = qBlue(a) - qBlue(b);
  return r * r + g * g + bl * bl;
}

}  // namespace

int GifWriter::writeToFile(GifFileType* gif, const unsigned char* bytes, int length) {
  auto* self = static_cast<GifWriter*>(gif->UserData);
  return int(self->file_.write(reinterpret_cast<const char*>(bytes), length));
}

GifWriter::GifWriter(const QString& path, QSize size, int framesPerSecond)
    : file_(path), size_(size), framesPerSecond_(std::clamp(framesPerSecond, 1, 50)) {
  if (size.isEmpty()) {
    failed_ = true;
    error_ = QStringLiteral("an animation needs a size");
    return;
  }
  if (!file_.open(QIODevice::WriteOnly)) {
    failed_ = true;
    error_ = QStringLiteral("Cannot write %1: %2").arg(path, file_.errorString());
    return;
  }
  int gifError = 0;
  gif_ = EGifOpen(this, reinterpret_cast<OutputFunc>(&GifWriter::writeToFile), &gifError);
  if (!gif_) fail(QStringLiteral("starting the GIF"), gifError);
}

GifWriter::~GifWriter() {
  if (gif_) EGifCloseFile(gif_, nullptr);  // an unfinished file is not committed
}

bool GifWriter::fail(const QString& what, int gifError) {
  failed_ = true;
  const QString reason = file_.error() != QFileDevice::NoError
                             ? file_.errorString()
                             : QString::fromUtf8(GifErrorString(gifError));
  error_ = QStringLiteral("Cannot write %1 (%2): %3").arg(file_.fileName(), what, reason);
  return false;
}

void GifWriter::buildPalette(const QImage& frame) {
  palette_.clear();
  mapped_.clear();
  // Counted by runs of one colour: charts are mostly flat, so few hash look-ups.
  QHash<QRgb, int> counts;
  QRgb run = 0;
  int length = 0;
  for (int y = 0; y < frame.height(); ++y) {
    const auto* row = reinterpret_cast<const QRgb*>(frame.constScanLine(y));
    for (int x = 0; x < frame.width(); ++x) {
      const QRgb colour = row[x] | 0xff000000u;
      if (colour == run) {
        ++length;
      } else {
        if (length > 0) counts[run] += length;
        run = colour;
        length = 1;
      }
    }
  }
  if (length > 0) counts[run] += length;
  QVector<QPair<int, QRgb>> byCount;
  byCount.reserve(counts.size());
  for (auto it = counts.cbegin(); it != counts.cend(); ++it) byCount.append({it.value(), it.key()});
  std::sort(byCount.begin(), byCount.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  const int own = kPaletteSize - kCubeLevels * kCubeLevels * kCubeLevels;
  for (int i = 0; i < std::min<int>(own, int(byCount.size())); ++i)
    palette_.append(byCount[i].second);
  for (int r = 0; r < kCubeLevels; ++r)
    for (int g = 0; g < kCubeLevels; ++g)
      for (int b = 0; b < kCubeLevels; ++b)
        palette_.append(qRgb(r * 255 / (kCubeLevels - 1), g * 255 / (kCubeLevels - 1),
                             b * 255 / (kCubeLevels - 1)));
  while (palette_.size() < kPaletteSize) palette_.append(qRgb(0, 0, 0));
}

quint8 GifWriter::nearest(QRgb colour) {
  const auto found = mapped_.constFind(colour);
  if (found != mapped_.constEnd()) return found.value();
  int best = 0, bestDistance = std::numeric_limits<int>::max();
  for (int i = 0; i < palette_.size() && bestDistance > 0; ++i) {
    const int d = squaredDistance(colour, palette_[i]);
    if (d < bestDistance) best = i, bestDistance = d;
  }
  mapped_.insert(colour, quint8(best));
  return quint8(best);
}

bool GifWriter::addFrame(const QImage& frame, int ticks) {
  if (failed_) return false;
  QImage image = frame.size() == size_
                     ? frame
                     : frame.scaled(size_, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  image.setDevicePixelRatio(1);  // a GIF's pixels are the image's pixels, at any export scale
  // Composited on white: GIF has no partial transparency.
  if (image.hasAlphaChannel()) {
    QImage opaque(image.size(), QImage::Format_RGB32);
    opaque.fill(Qt::white);
    QPainter(&opaque).drawImage(0, 0, image);
    image = opaque;
  }
  image = image.convertToFormat(QImage::Format_RGB32);
  buildPalette(image);
  std::vector<GifColorType> colours(kPaletteSize);
  for (int i = 0; i < kPaletteSize; ++i)
    colours[std::size_t(i)] = {GifByteType(qRed(palette_[i])), GifByteType(qGreen(palette_[i])),
                               GifByteType(qBlue(palette_[i]))};
  const std::unique_ptr<ColorMapObject, decltype(&GifFreeMapObject)> map(
      GifMakeMapObject(kPaletteSize, colours.data()), &GifFreeMapObject);
  if (frames_ == 0) {
    EGifSetGifVersion(gif_, true);
    if (EGifPutScreenDesc(gif_, size_.width(), size_.height(), 8, 0, map.get()) == GIF_ERROR)
      return fail(QStringLiteral("its header"), gif_->Error);
    // Loop for ever (the NETSCAPE2.0 application block).
    const unsigned char loop[3] = {1, 0, 0};
    if (EGifPutExtensionLeader(gif_, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(gif_, 11, "NETSCAPE2.0") == GIF_ERROR ||
        EGifPutExtensionBlock(gif_, 3, loop) == GIF_ERROR ||
        EGifPutExtensionTrailer(gif_) == GIF_ERROR)
      return fail(QStringLiteral("its loop block"), gif_->Error);
    line_.resize(std::size_t(size_.width()));
  }
  GraphicsControlBlock control{};
  control.DisposalMode = DISPOSE_DO_NOT;
  // Hundredths from the start to this frame's end, less those to its start.
  const qint64 start = ticks_ * 100 / framesPerSecond_;
  ticks_ += std::max(1, ticks);
  control.DelayTime = int(std::clamp<qint64>(ticks_ * 100 / framesPerSecond_ - start, 2, 65535));
  control.TransparentColor = NO_TRANSPARENT_COLOR;
  GifByteType extension[4];
  EGifGCBToExtension(&control, extension);
  if (EGifPutExtension(gif_, GRAPHICS_EXT_FUNC_CODE, 4, extension) == GIF_ERROR ||
      EGifPutImageDesc(gif_, 0, 0, size_.width(), size_.height(), false,
                       frames_ == 0 ? nullptr : map.get()) == GIF_ERROR)
    return fail(QStringLiteral("frame %1").arg(frames_ + 1), gif_->Error);
  for (int y = 0; y < size_.height(); ++y) {
    const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
    QRgb last = row[0] | 0xff000000u;
    quint8 index = nearest(last);
    for (int x = 0; x < size_.width(); ++x) {
      if (const QRgb colour = row[x] | 0xff000000u; colour != last) {
        last = colour;
        index = nearest(colour);
      }
      line_[std::size_t(x)] = index;
    }
    if (EGifPutLine(gif_, line_.data(), size_.width()) == GIF_ERROR)
      return fail(QStringLiteral("frame %1").arg(frames_ + 1), gif_->Error);
  }
  ++frames_;
  return true;
}

bool GifWriter::finish() {
  if (failed_) return false;
  if (frames_ == 0) {
    failed_ = true;
    error_ = QStringLiteral("Cannot write %1: no frames were recorded").arg(file_.fileName());
    return false;
  }
  int gifError = 0;
  GifFileType* gif = std::exchange(gif_, nullptr);
  if (EGifCloseFile(gif, &gifError) == GIF_ERROR)
    return fail(QStringLiteral("its trailer"), gifError);
  if (!file_.commit()) {
    failed_ = true;
    error_ = QStringLiteral("Cannot write %1: %2").arg(file_.fileName(), file_.errorString());
    return false;
  }
  return true;
}

}  // namespace bnlab
