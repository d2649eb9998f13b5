#pragma once
// An animated GIF written frame by frame (giflib), so that memory stays one frame however long
// the recording. Each frame gets a palette built for it: its 192 most frequent colours exactly (a
// chart's background, grid, text, series and band colours) and a 4×4×4 cube for the rest
// (antialiased edges). Each pixel takes its nearest palette colour, without dithering, so flat
// areas stay flat and exact. (One palette for all frames, built from the first, gave colours
// that appear later, such as a band that widens during training, only as cube approximations.)
// The file is written through QSaveFile: complete, or not there at all.
#include <QHash>
#include <QImage>
#include <QSaveFile>
#include <QString>
#include <QVector>
#include <memory>

struct GifFileType;

namespace bnlab {

class GifWriter {
 public:
  // Played at `framesPerSecond` (1 to 50). GIF counts time in hundredths of a second, so each
  // frame's delay is rounded to keep the total exact: at 30 fps, 3, 3 and 4 hundredths.
  GifWriter(const QString& path, QSize size, int framesPerSecond);
  ~GifWriter();
  GifWriter(const GifWriter&) = delete;
  GifWriter& operator=(const GifWriter&) = delete;

  // Frames of another size are scaled to the GIF's. `ticks`: how many frame delays the frame
  // is shown (more than one where frames were left out, so the GIF keeps its time).
  bool addFrame(const QImage& frame, int ticks = 1);
  // Writes the trailer and commits the file. False, with error(), if anything failed.
  bool finish();

  int frames() const { return frames_; }
  QString error() const { return error_; }

 private:
  bool fail(const QString& what, int gifError);
  void buildPalette(const QImage& frame);
  quint8 nearest(QRgb colour);
  static int writeToFile(GifFileType* gif, const unsigned char* bytes, int length);

  QSaveFile file_;
  QSize size_;
  int framesPerSecond_;
  qint64 ticks_ = 0;  // frame periods written so far
  GifFileType* gif_ = nullptr;
  QVector<QRgb> palette_;
  QHash<QRgb, quint8> mapped_;  // every colour met so far, and its palette index
  std::vector<unsigned char> line_;
  int frames_ = 0;
  bool failed_ = false;
  QString error_;
};

}  // namespace bnlab
