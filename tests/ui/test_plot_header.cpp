// A chart's header never cuts a word or a number where lines can hold it: the note sits beside
// the title when both fit, else on lines of its own broken at its separators; the data area
// gives up the header's height; only text that no lines could hold is reported cut.
#include <QApplication>
#include <QFontMetricsF>
#include <QTest>

#include "render/plot_header.h"
#include "render/plot_renderer.h"

using namespace bnlab::plot;

namespace {

PlotModel withHeader(const QString& title, const QString& note) {
  PlotModel m;
  m.title = title;
  m.note = note;
  m.xLabel = QStringLiteral("step");
  m.yLabel = QStringLiteral("accuracy");
  m.lines.push_back({.name = QStringLiteral("a"), .points = {{0, 0}, {1, 1}}});
  return m;
}

QFont titleFont() { return plotFont(QApplication::font(), PlotStyle{}.fontPointSize + 1, true); }
QFont noteFont() { return plotFont(QApplication::font(), PlotStyle{}.fontPointSize); }

// The note's words, in order, whatever lines they were put on and separators left out.
QStringList words(const QStringList& lines) {
  QStringList all;
  for (const QString& line : lines)
    for (const QString& word : line.split(QLatin1Char(' '), Qt::SkipEmptyParts))
      if (word != QStringLiteral("·") && word != QStringLiteral("|")) all << word;
  return all;
}

}  // namespace

class PlotHeaderTest : public QObject {
  Q_OBJECT
 private slots:
  void noteBesideTheTitleWhenBothFit() {
    const PlotModel m = withHeader(QStringLiteral("Accuracy"), QStringLiteral("test 96.6%"));
    const PlotHeader h = layoutHeader(m, 400, titleFont(), noteFont());
    QCOMPARE(h.title, QStringList{m.title});
    QCOMPARE(h.note, QStringList{m.note});
    QVERIFY(h.noteBeside);
    QCOMPARE(h.height, h.titleLine);
    QVERIFY(!h.titleCut && !h.noteCut);
  }

  // Narrower than title and note together: the note moves under the title, each line within
  // the width, breaking only at its separators, every number whole.
  void noteWrapsAtItsSeparators_data() {
    QTest::addColumn<int>("width");
    QTest::newRow("200 px") << 200;
    QTest::newRow("150 px") << 150;
  }
  void noteWrapsAtItsSeparators() {
    QFETCH(int, width);
    const QString note = QStringLiteral("plain test 96.6% · batch norm test 95.0%");
    const PlotModel m = withHeader(QStringLiteral("Accuracy"), note);
    const PlotHeader h = layoutHeader(m, width, titleFont(), noteFont());
    QVERIFY(!h.noteBeside);
    QCOMPARE(h.note, (QStringList{QStringLiteral("plain test 96.6%"),
                                  QStringLiteral("batch norm test 95.0%")}));
    QVERIFY(!h.noteCut);
    QCOMPARE(h.height, h.titleLine + 2 * h.noteLine);
    const QFontMetricsF metrics(noteFont());
    for (const QString& line : h.note) QVERIFY(metrics.horizontalAdvance(line) <= width);
  }

  // A title too long for a line wraps at its spaces ("Decision plane: batch norm").
  void titleWrapsRatherThanEliding() {
    const PlotModel m = withHeader(QStringLiteral("Decision plane: batch norm"), {});
    const QFontMetricsF metrics(titleFont());
    const qreal width = metrics.horizontalAdvance(m.title) * 0.7;
    const PlotHeader h = layoutHeader(m, width, titleFont(), noteFont());
    QCOMPARE(h.title.size(), 2);
    QCOMPARE(h.title.front(), QStringLiteral("Decision plane:"));
    QCOMPARE(words(h.title), words({m.title}));
    QVERIFY(!h.titleCut);
  }

  // More than the most lines can hold is elided and reported.
  void tooLittleRoomIsReported() {
    const QString note =
        QStringLiteral("μ 0.009 σ 1.5 | μ -0.047 σ 1 | μ -0.0087 σ 1 | μ -0.065 σ 1.4");
    const PlotModel m = withHeader(QStringLiteral("Z̃ now"), note);
    const PlotHeader wide = layoutHeader(m, 260, titleFont(), noteFont());
    QVERIFY(!wide.noteCut);
    QCOMPARE(words(wide.note), words({note}));
    const PlotHeader narrow = layoutHeader(m, 60, titleFont(), noteFont());
    QVERIFY(narrow.noteCut);
    QCOMPARE(narrow.note.size(), PlotHeader::kMaxNoteLines);
    QVERIFY(cutTexts(m, QRectF(0, 0, 68, 200), QApplication::font()).contains(note));
    QVERIFY(cutTexts(m, QRectF(0, 0, 400, 200), QApplication::font()).isEmpty());
  }

  // The data area starts under the header, however many lines it has.
  void dataAreaMakesRoomForTheHeader() {
    const PlotModel oneLine = withHeader(QStringLiteral("Accuracy"), QStringLiteral("96.6%"));
    const PlotModel threeLines = withHeader(
        QStringLiteral("Accuracy"), QStringLiteral("plain test 96.6% · batch norm test 95.0%"));
    const QRectF area(0, 0, 160, 200);
    const PlotHeader header =
        layoutHeader(threeLines, area.width() - 2 * kPlotPadding, titleFont(), noteFont());
    QCOMPARE(header.note.size(), 2);
    const qreal shorter = layoutPlot(area, oneLine, QApplication::font()).plotArea.top();
    const qreal taller = layoutPlot(area, threeLines, QApplication::font()).plotArea.top();
    QCOMPARE(taller - shorter, 2 * header.noteLine);
  }

  // An axis title longer than its axis is reported cut.
  void axisTitleLongerThanItsAxisIsCut() {
    PlotModel m = withHeader(QStringLiteral("A"), {});
    m.yLabel = QStringLiteral("a very long axis title for a short chart");
    QVERIFY(cutTexts(m, QRectF(0, 0, 300, 90), QApplication::font()).contains(m.yLabel));
    QVERIFY(!cutTexts(m, QRectF(0, 0, 300, 400), QApplication::font()).contains(m.yLabel));
  }
};

QTEST_MAIN(PlotHeaderTest)
#include "test_plot_header.moc"
