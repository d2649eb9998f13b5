#pragma once
// An H.264 MP4 written frame by frame through FFmpeg's libraries (libavcodec, libavformat,
// libswscale), which every slide program plays. Frames are converted to YUV 4:2:0 (BT.601, as
// libswscale converts) at the even size nearest below the one asked; the file is written
// through QSaveFile: complete, or not there at all.
#include <QImage>
#include <QSaveFile>
#include <QString>
#include <cstdint>
#include <map>

struct AVCodecContext;
struct AVFormatContext;
struct AVFrame;
struct AVIOContext;
struct AVPacket;
struct AVStream;
struct SwsContext;

namespace bnlab {

class Mp4Writer {
 public:
  Mp4Writer(const QString& path, QSize size, int framesPerSecond);
  ~Mp4Writer();
  Mp4Writer(const Mp4Writer&) = delete;
  Mp4Writer& operator=(const Mp4Writer&) = delete;

  // `ticks`: how many frame periods the frame is shown (more than one where frames were left
  // out, so the video keeps its time).
  bool addFrame(const QImage& frame, int ticks = 1);
  bool finish();  // flushes the encoder, writes the index and commits the file

  int frames() const { return frames_; }
  QString error() const { return error_; }

 private:
  bool fail(const QString& what, int code = 0);
  bool drain(bool flushing);
  static int writeBytes(void* opaque, unsigned char* bytes, int length);
  static std::int64_t seekTo(void* opaque, std::int64_t offset, int whence);

  QSaveFile file_;
  QSize size_;
  AVFormatContext* format_ = nullptr;
  AVCodecContext* codec_ = nullptr;
  AVStream* stream_ = nullptr;
  AVIOContext* io_ = nullptr;
  AVFrame* frame_ = nullptr;
  AVPacket* packet_ = nullptr;
  SwsContext* scaler_ = nullptr;
  int frames_ = 0;
  std::int64_t ticks_ = 0;                 // the next frame's time stamp, in frame periods
  std::map<std::int64_t, int> durations_;  // each frame in the encoder: time stamp → ticks
  bool failed_ = false;
  bool headerWritten_ = false;
  QString error_;
};

}  // namespace bnlab
