// The chart renderer: nice ticks, data ranges, and that a model actually paints its series.
#include <QImage>
#include <QPainter>
#include <QTest>

#include "plot/plot_renderer.h"

using namespace bnlab::plot;

class PlotRendererTest : public QObject {
  Q_OBJECT
 private slots:
  void niceTicksAreRoundAndCover() {
    QCOMPARE(niceTicks(0, 10, 5), (QVector<double>{0, 2, 4, 6, 8, 10}));
    QCOMPARE(niceTicks(-0.3, 0.7, 4), (QVector<double>{-0.25, 0, 0.25, 0.5}));
    QVERIFY(niceTicks(1, 1, 5).isEmpty());
    QCOMPARE(formatTick(12000, 5000, AxisFormat::Steps), QStringLiteral("12k"));
    QCOMPARE(formatTick(0.25, 0.25, AxisFormat::Number), QStringLiteral("0.25"));
  }

  void rangesFollowTheDataOrTheFixedRange() {
    PlotModel m;
    m.lines.push_back({"a", Qt::blue, {{0, 1}, {10, 3}}});
    m.xFormat = AxisFormat::Steps;
    Range x, y;
    dataRanges(m, x, y);
    QCOMPARE(x.min, 0.0);
    QCOMPARE(x.max, 10.0);
    QVERIFY(y.min < 1 && y.max > 3);
    m.yRange = Range{0, 1};
    dataRanges(m, x, y);
    QCOMPARE(y.max, 1.0);
  }

  void paintsTheSeriesInTheirColours() {
    PlotModel m;
    m.title = "test";
    m.lines.push_back({"line", QColor(255, 0, 0), {{0, 0}, {1, 1}}, 4.0});
    m.bands.push_back({"band", QColor(0, 0, 255), {{0, -1}, {1, -1}}, {{0, -0.5}, {1, -0.5}}});
    QImage image(300, 200, QImage::Format_RGB32);
    QPainter painter(&image);
    renderPlot(painter, image.rect(), m);
    painter.end();
    int red = 0, blue = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x) {
        const QColor c = image.pixelColor(x, y);
        red += c.red() > 200 && c.green() < 60 && c.blue() < 60;
        blue += c.blue() > 200 && c.red() < 60 && c.green() < 60;
      }
    QVERIFY(red > 100);
    QVERIFY(blue > 1000);
  }
};

QTEST_MAIN(PlotRendererTest)
#include "test_plot_renderer.moc"
