// GifWriter: an animated GIF that Qt's own reader reads back with every frame, at the size
// asked, the chart's flat colours exact (they are in the palette built from the first frame),
// frames that differ where the pictures did, and a file that is either whole or absent.
#include <QDir>
#include <QImageReader>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include "report/gif_writer.h"

using namespace bnlab;

namespace {
// A chart-like picture: white ground, grey grid, a blue bar whose height follows `step`.
QImage frame(int step, QSize size) {
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.setPen(QColor(0xdd, 0xdd, 0xdd));  // crisp, one pixel wide
  for (int x = 0; x < size.width(); x += 20) painter.drawLine(x, 0, x, size.height());
  painter.fillRect(QRect(30, size.height() - 10 - 5 * step, 40, 10 + 5 * step), QColor(0x1f77b4));
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(QColor(0xe6, 0x9f, 0x00));
  painter.drawEllipse(QPointF(120 + 3 * step, 60), 20, 20);  // antialiased edges: blends
  return image;
}
}  // namespace

class GifWriterTest : public QObject {
  Q_OBJECT
 private slots:
  void readsBackEveryFrame() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chart.gif"));
    const QSize size(200, 120);
    GifWriter gif(path, size, 10);
    for (int step = 0; step < 12; ++step)
      QVERIFY2(gif.addFrame(frame(step, size)), qPrintable(gif.error()));
    QVERIFY(!QFile::exists(path));  // nothing visible before it is whole
    QVERIFY2(gif.finish(), qPrintable(gif.error()));
    QCOMPARE(gif.frames(), 12);

    QImageReader reader(path);
    QVERIFY(reader.supportsAnimation());
    QCOMPARE(reader.imageCount(), 12);
    QCOMPARE(reader.size(), size);
    QImage previous;
    for (int step = 0; step < 12; ++step) {
      const QImage image = reader.read().convertToFormat(QImage::Format_RGB32);
      QVERIFY2(!image.isNull(), qPrintable(reader.errorString()));
      QCOMPARE(image.size(), size);
      QCOMPARE(QColor(image.pixel(5, 5)), QColor(Qt::white));                  // ground
      QCOMPARE(QColor(image.pixel(20, 5)), QColor(0xdd, 0xdd, 0xdd));          // grid line
      QCOMPARE(QColor(image.pixel(50, size.height() - 5)), QColor(0x1f77b4));  // bar
      if (!previous.isNull()) QVERIFY(image != previous);
      previous = image;
    }
  }

  // An image drawn at 2× (device pixel ratio 2, as exports at --scale 2 are) fills the GIF's
  // pixels; it is not drawn at its logical size in a corner.
  void scaledExportsFillTheFrame() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hidpi.gif"));
    QImage image(QSize(200, 120), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(QColor(0x1f77b4));
    GifWriter gif(path, image.size(), 10);
    QVERIFY(gif.addFrame(image));
    QVERIFY(gif.finish());
    const QImage back = QImage(path).convertToFormat(QImage::Format_RGB32);
    QCOMPARE(back.size(), QSize(200, 120));
    QCOMPARE(QColor(back.pixel(190, 110)), QColor(0x1f77b4));
  }

  // GIF counts hundredths of a second: at 30 fps the delays are rounded so that every three
  // frames last exactly 10 hundredths (3, 3, 4), and a frame shown twice lasts two periods.
  void delaysKeepTheFrameRate() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("thirty.gif"));
    GifWriter gif(path, QSize(20, 10), 30);
    for (int i = 0; i < 6; ++i) QVERIFY(gif.addFrame(frame(i, QSize(20, 10)), i == 5 ? 2 : 1));
    QVERIFY(gif.finish());
    QImageReader reader(path);
    QList<int> delays;
    for (QImage image; reader.read(&image);) delays << reader.nextImageDelay();
    QCOMPARE(delays, (QList<int>{30, 30, 40, 30, 30, 70}));
  }

  void otherSizesAreScaled() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scaled.gif"));
    GifWriter gif(path, QSize(100, 60), 20);
    QVERIFY(gif.addFrame(frame(0, QSize(200, 120))));
    QVERIFY(gif.finish());
    QCOMPARE(QImageReader(path).size(), QSize(100, 60));
  }

  void failuresSayWhyAndLeaveNothing() {
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("no/such/folder/a.gif"));
    GifWriter cannot(missing, QSize(10, 10), 10);
    QVERIFY(!cannot.addFrame(frame(0, QSize(10, 10))));
    QVERIFY2(cannot.error().contains(missing), qPrintable(cannot.error()));

    const QString empty = dir.filePath(QStringLiteral("empty.gif"));
    GifWriter none(empty, QSize(10, 10), 10);
    QVERIFY(!none.finish());
    QVERIFY2(none.error().contains(QLatin1String("no frames")), qPrintable(none.error()));
    QVERIFY(!QFile::exists(empty));

    const QString abandoned = dir.filePath(QStringLiteral("abandoned.gif"));
    {
      GifWriter gif(abandoned, QSize(10, 10), 10);
      QVERIFY(gif.addFrame(frame(0, QSize(10, 10))));
    }  // never finished
    QVERIFY(!QFile::exists(abandoned));
  }
};

QTEST_MAIN(GifWriterTest)
#include "test_gif_writer.moc"
