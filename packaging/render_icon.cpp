// Renders the app's SVG icon to a PNG of a given size, for the hicolor icon theme's fixed-size
// folders: render_icon ICON.svg SIZE OUT.png. Runs at build time, without a display.
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char* argv[]) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  if (argc != 4) {
    std::fprintf(stderr, "usage: render_icon ICON.svg SIZE OUT.png\n");
    return 2;
  }
  QSvgRenderer svg{QString::fromLocal8Bit(argv[1])};
  bool ok = false;
  const int size = QByteArray(argv[2]).toInt(&ok);
  if (!svg.isValid() || !ok || size < 1 || size > 4096) {
    std::fprintf(stderr, "render_icon: cannot read %s, or %s is not a size\n", argv[1], argv[2]);
    return 2;
  }
  QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  svg.render(&painter);
  painter.end();
  if (!image.save(QString::fromLocal8Bit(argv[3]), "PNG")) {
    std::fprintf(stderr, "render_icon: cannot write %s\n", argv[3]);
    return 1;
  }
  return 0;
}
