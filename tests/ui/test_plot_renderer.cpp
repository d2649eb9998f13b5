// The chart renderer: nice ticks, data ranges, that a model actually paints its series, and
// that a line is as wide as its width says, on screen and in files.
#include <QImage>
#include <QPainter>
#include <QTest>

#include "render/plot_renderer.h"
#include "render/plot_ticks.h"

using namespace bnlab::plot;

class PlotRendererTest : public QObject {
  Q_OBJECT
 private slots:
  // A log step axis: log₁₀(1 + step), so step 9 sits halfway between 0 and 99, and back.
  void logStepAxis() {
    PlotModel m;
    m.xFormat = AxisFormat::Steps;
    m.xLog = true;
    m.xRange = Range{0, 99};
    m.yRange = Range{0, 1};
    m.lines.push_back({.name = QStringLiteral("loss"), .points = {{0, 0.5}, {99, 0.5}}});
    const PlotGeometry g = layoutPlot(QRectF(0, 0, 400, 300), m, QFont());
    QVERIFY(g.xLog);
    const qreal middle = g.plotArea.left() + g.plotArea.width() / 2;
    QVERIFY(std::abs(g.toPixel({9, 0}).x() - middle) < 1e-6);
    QVERIFY(std::abs(g.toData({middle, 0}).x() - 9) < 1e-6);
    QCOMPARE(g.toPixel({0, 0}).x(), g.plotArea.left());
    QCOMPARE(logTicks(0, 5000), (QVector<double>{0, 1, 10, 100, 1000}));
    QCOMPARE(formatTick(1000, std::max(1000.0, 1.0), AxisFormat::Steps), QStringLiteral("1k"));
    m.xFormat = AxisFormat::Number;  // only step axes
    QVERIFY(!layoutPlot(QRectF(0, 0, 400, 300), m, QFont()).xLog);
  }

  void niceTicksAreRoundAndCover() {
    QCOMPARE(niceTicks(0, 10, 5), (QVector<double>{0, 2, 4, 6, 8, 10}));
    QCOMPARE(niceTicks(-0.3, 0.7, 4), (QVector<double>{-0.25, 0, 0.25, 0.5}));
    QVERIFY(niceTicks(1, 1, 5).isEmpty());
    QCOMPARE(formatTick(12000, 5000, AxisFormat::Steps), QStringLiteral("12k"));
    QCOMPARE(formatTick(0.25, 0.25, AxisFormat::Number), QStringLiteral("0.25"));
    // A short axis with one tick labels it as it is.
    QCOMPARE(formatTick(0.5, tickStep({0.5}), AxisFormat::Number), QStringLiteral("0.5"));
    QCOMPARE(formatTick(0.8, tickStep({0.2, 0.8}), AxisFormat::Number), QStringLiteral("0.8"));
    QCOMPARE(tickStep({}), 1.0);
  }

  void zeroHasNoSign_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("step");
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("label");
    QTest::newRow("-0, whole steps") << -0.0 << 1.0 << int(AxisFormat::Number) << "0";
    QTest::newRow("-0, quarter steps") << -0.0 << 0.25 << int(AxisFormat::Number) << "0.00";
    QTest::newRow("-0 steps") << -0.0 << 100.0 << int(AxisFormat::Steps) << "0";
    QTest::newRow("a real negative") << -0.5 << 0.5 << int(AxisFormat::Number) << "-0.5";
  }
  void zeroHasNoSign() {
    QFETCH(double, value);
    QFETCH(double, step);
    QFETCH(int, format);
    QFETCH(QString, label);
    QCOMPARE(formatTick(value, step, AxisFormat(format)), label);
  }

  void rangesFollowTheDataOrTheFixedRange() {
    PlotModel m;
    m.lines.push_back({.name = "a", .color = Qt::blue, .points = {{0, 1}, {10, 3}}});
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
    m.lines.push_back(
        {.name = "line", .color = QColor(255, 0, 0), .points = {{0, 0}, {1, 1}}, .width = 4.0});
    m.bands.push_back({.name = "band",
                       .color = QColor(0, 0, 255),
                       .lower = {{0, -1}, {1, -1}},
                       .upper = {{0, -0.5}, {1, -0.5}}});
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

  void linesHaveTheirWidth_data() {
    QTest::addColumn<qreal>("width");
    QTest::addColumn<bool>("vertical");
    QTest::addColumn<qreal>("scale");     // device pixels per logical pixel
    QTest::addColumn<qreal>("expected");  // thickness in device pixels
    // Screen (scale 1): round(width) pixels. Files (scale 2): width logical units.
    QTest::newRow("screen 1 px") << 1.0 << false << 1.0 << 1.0;
    QTest::newRow("screen 1.8 → 2 px") << 1.8 << false << 1.0 << 2.0;
    QTest::newRow("screen 3 px") << 3.0 << false << 1.0 << 3.0;
    QTest::newRow("screen 3 px vertical") << 3.0 << true << 1.0 << 3.0;
    QTest::newRow("2× image 1") << 1.0 << false << 2.0 << 2.0;
    QTest::newRow("2× image 3") << 3.0 << false << 2.0 << 6.0;
    QTest::newRow("2× image 3 vertical") << 3.0 << true << 2.0 << 6.0;
  }

  // A pure red line on white across the middle of the plot: the red ink (R − G, 0 … 1 per
  // pixel) summed across it, on the perpendicular through the plot's centre, is its thickness.
  void linesHaveTheirWidth() {
    QFETCH(qreal, width);
    QFETCH(bool, vertical);
    QFETCH(qreal, scale);
    QFETCH(qreal, expected);
    PlotModel m;
    m.xRange = Range{0, 1};
    m.yRange = Range{0, 1};
    const QVector<QPointF> points =
        vertical ? QVector<QPointF>{{0.5, 0}, {0.5, 1}} : QVector<QPointF>{{0, 0.5}, {1, 0.5}};
    m.lines.push_back({.color = QColor(255, 0, 0), .points = points, .width = width});
    QImage image(QSize(300, 200) * scale, QImage::Format_RGB32);
    image.setDevicePixelRatio(scale);
    QPainter painter(&image);
    renderPlot(painter, QRectF(0, 0, 300, 200), m);
    painter.end();
    const QRectF area = layoutPlot(QRectF(0, 0, 300, 200), m, QFont()).plotArea;
    const QPoint centre =
        (area.center() * scale).toPoint() + (vertical ? QPoint(0, 7) : QPoint(7, 0));
    double ink = 0;
    const int extent = 20 * int(scale);
    for (int d = -extent; d <= extent; ++d) {
      const QColor c = image.pixelColor(centre + (vertical ? QPoint(d, 0) : QPoint(0, d)));
      ink += (c.red() - c.green()) / 255.0;
    }
    QVERIFY2(std::abs(ink - expected) <= 0.35 * scale,
             qPrintable(
                 QStringLiteral("thickness %1 device pixels, expected %2").arg(ink).arg(expected)));
  }
};

QTEST_MAIN(PlotRendererTest)
#include "test_plot_renderer.moc"
