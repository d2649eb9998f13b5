#include "report/mp4_writer.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

namespace bnlab {

namespace {
constexpr int kIoBufferBytes = 1 << 16;

QString avError(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return QString::fromUtf8(text);
}
}  // namespace

int Mp4Writer::writeBytes(void* opaque, unsigned char* bytes, int length) {
  auto* self = static_cast<Mp4Writer*>(opaque);
  const qint64 written = self->file_.write(reinterpret_cast<const char*>(bytes), length);
  return written == length ? length : AVERROR(EIO);
}

std::int64_t Mp4Writer::seekTo(void* opaque, std::int64_t offset, int whence) {
  auto* self = static_cast<Mp4Writer*>(opaque);
  if (whence & AVSEEK_SIZE) return self->file_.size();
  qint64 target = offset;
  if ((whence & ~AVSEEK_FORCE) == SEEK_CUR) target += self->file_.pos();
  if ((whence & ~AVSEEK_FORCE) == SEEK_END) target += self->file_.size();
  return self->file_.seek(target) ? target : AVERROR(EIO);
}

Mp4Writer::Mp4Writer(const QString& path, QSize size, int framesPerSecond)
    : file_(path), size_(size.width() & ~1, size.height() & ~1) {
  if (size_.width() < 2 || size_.height() < 2) {
    fail(QStringLiteral("its size"));
    return;
  }
  if (!file_.open(QIODevice::WriteOnly)) {
    fail(QStringLiteral("opening it"));
    return;
  }
  av_log_set_level(AV_LOG_ERROR);  // no encoder statistics on stderr
  const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
  if (!codec) codec = avcodec_find_encoder(AV_CODEC_ID_H264);
  if (!codec) {
    fail(QStringLiteral("finding an H.264 encoder (FFmpeg built without one)"));
    return;
  }
  int code = avformat_alloc_output_context2(&format_, nullptr, "mp4", nullptr);
  if (code < 0) {
    fail(QStringLiteral("starting the MP4"), code);
    return;
  }
  codec_ = avcodec_alloc_context3(codec);
  codec_->width = size_.width();
  codec_->height = size_.height();
  codec_->time_base = AVRational{1, framesPerSecond};
  codec_->framerate = AVRational{framesPerSecond, 1};
  codec_->pix_fmt = AV_PIX_FMT_YUV420P;
  codec_->gop_size = 2 * framesPerSecond;
  // Frames in display order: with B-frames, frames of unequal length (ticks) end the track
  // early, since MP4 ends it at the last decoded frame's time plus its length.
  codec_->max_b_frames = 0;
  codec_->colorspace = AVCOL_SPC_SMPTE170M;  // BT.601, as libswscale converts by default
  codec_->color_range = AVCOL_RANGE_MPEG;
  if (format_->oformat->flags & AVFMT_GLOBALHEADER) codec_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  av_opt_set(codec_->priv_data, "crf", "18", 0);  // visually lossless for flat chart colours
  av_opt_set(codec_->priv_data, "preset", "medium", 0);
  if ((code = avcodec_open2(codec_, codec, nullptr)) < 0) {
    fail(QStringLiteral("opening the encoder"), code);
    return;
  }
  stream_ = avformat_new_stream(format_, nullptr);
  avcodec_parameters_from_context(stream_->codecpar, codec_);
  stream_->time_base = codec_->time_base;
  auto* buffer = static_cast<unsigned char*>(av_malloc(kIoBufferBytes));
  io_ = avio_alloc_context(buffer, kIoBufferBytes, 1, this, nullptr, &Mp4Writer::writeBytes,
                           &Mp4Writer::seekTo);
  format_->pb = io_;
  if ((code = avformat_write_header(format_, nullptr)) < 0) {
    fail(QStringLiteral("its header"), code);
    return;
  }
  headerWritten_ = true;
  frame_ = av_frame_alloc();
  frame_->format = codec_->pix_fmt;
  frame_->width = codec_->width;
  frame_->height = codec_->height;
  if ((code = av_frame_get_buffer(frame_, 0)) < 0) {
    fail(QStringLiteral("a frame buffer"), code);
    return;
  }
  packet_ = av_packet_alloc();
}

Mp4Writer::~Mp4Writer() {
  sws_freeContext(scaler_);
  av_packet_free(&packet_);
  av_frame_free(&frame_);
  avcodec_free_context(&codec_);
  if (io_) {
    av_freep(&io_->buffer);
    avio_context_free(&io_);
  }
  avformat_free_context(format_);
}

bool Mp4Writer::fail(const QString& what, int code) {
  failed_ = true;
  const QString reason = file_.error() != QFileDevice::NoError ? file_.errorString()
                         : code < 0                            ? avError(code)
                                                               : QStringLiteral("not possible");
  error_ = QStringLiteral("Cannot write %1 (%2): %3").arg(file_.fileName(), what, reason);
  return false;
}

// Moves every packet the encoder has ready into the file.
bool Mp4Writer::drain(bool flushing) {
  while (true) {
    const int code = avcodec_receive_packet(codec_, packet_);
    if (code == AVERROR(EAGAIN) || (flushing && code == AVERROR_EOF)) return true;
    if (code < 0) return fail(QStringLiteral("encoding"), code);
    // Its frame's length: else the index ends at the last frame's start, cutting it.
    const auto duration = durations_.find(packet_->pts);
    packet_->duration = duration == durations_.end() ? 1 : duration->second;
    if (duration != durations_.end()) durations_.erase(duration);
    av_packet_rescale_ts(packet_, codec_->time_base, stream_->time_base);
    packet_->stream_index = stream_->index;
    const int written = av_interleaved_write_frame(format_, packet_);
    av_packet_unref(packet_);
    if (written < 0) return fail(QStringLiteral("frame %1").arg(frames_), written);
  }
}

bool Mp4Writer::addFrame(const QImage& picture, int ticks) {
  if (failed_) return false;
  QImage image = picture.convertToFormat(QImage::Format_RGB32);  // B, G, R, 255 in memory
  scaler_ = sws_getCachedContext(scaler_, image.width(), image.height(), AV_PIX_FMT_BGRA,
                                 size_.width(), size_.height(), AV_PIX_FMT_YUV420P, SWS_BICUBIC,
                                 nullptr, nullptr, nullptr);
  if (!scaler_) return fail(QStringLiteral("converting frame %1").arg(frames_ + 1));
  int code = av_frame_make_writable(frame_);
  if (code < 0) return fail(QStringLiteral("frame %1").arg(frames_ + 1), code);
  const uint8_t* source[1] = {image.constBits()};
  const int sourceStride[1] = {int(image.bytesPerLine())};
  sws_scale(scaler_, source, sourceStride, 0, image.height(), frame_->data, frame_->linesize);
  frame_->pts = ticks_;
  durations_[ticks_] = std::max(1, ticks);
  ticks_ += std::max(1, ticks);
  if ((code = avcodec_send_frame(codec_, frame_)) < 0)
    return fail(QStringLiteral("encoding frame %1").arg(frames_ + 1), code);
  ++frames_;
  return drain(false);
}

bool Mp4Writer::finish() {
  if (failed_) return false;
  if (frames_ == 0) {
    failed_ = true;
    error_ = QStringLiteral("Cannot write %1: no frames were recorded").arg(file_.fileName());
    return false;
  }
  int code = avcodec_send_frame(codec_, nullptr);
  if (code < 0) return fail(QStringLiteral("flushing the encoder"), code);
  if (!drain(true)) return false;
  if ((code = av_write_trailer(format_)) < 0) return fail(QStringLiteral("its index"), code);
  avio_flush(io_);
  if (!file_.commit()) return fail(QStringLiteral("committing it"));
  return true;
}

}  // namespace bnlab
