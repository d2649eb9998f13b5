// CSV tables: headers, integer and named labels, quoting, CRLF and spaces read to the exact
// values; every bad table is a DataError naming the line (and column) of the problem.
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "data/csv_reader.h"
#include "data_error_check.h"
#include "experiment/data_loading.h"

using namespace bnlab;

namespace {

// The DataError's message, or "" when nothing was thrown (other exceptions fail the test).

}  // namespace

class CsvReaderTest : public QObject {
  Q_OBJECT
 private slots:
  void goodTables_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("labelColumn");
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<QList<float>>("features");  // row by row = column-major d × n
    QTest::addColumn<int>("dimensions");
    QTest::addColumn<QList<int>>("labels");
    QTest::addColumn<int>("classes");
    QTest::addColumn<QStringList>("classNames");
    QTest::newRow("no header, integer labels")
        << QByteArray("1,2,0\n3,4,1\n") << -1 << ',' << QList<float>{1, 2, 3, 4} << 2
        << QList<int>{0, 1} << 2 << QStringList{};
    QTest::newRow("header, class numbers with gaps")
        << QByteArray("x,y,label\n1.5,-2e-3,0\n3,4,4\n") << -1 << ','
        << QList<float>{1.5f, -2e-3f, 3, 4} << 2 << QList<int>{0, 4} << 5 << QStringList{};
    QTest::newRow("named labels in order of first appearance")
        << QByteArray("a,b,species\n1,2,cat\n3,4,dog\n5,6,cat\n") << -1 << ','
        << QList<float>{1, 2, 3, 4, 5, 6} << 2 << QList<int>{0, 1, 0} << 2
        << QStringList{"cat", "dog"};
    QTest::newRow("label column first")
        << QByteArray("label,x\n1,0.5\n0,-2.5e1\n") << 0 << ',' << QList<float>{0.5f, -25} << 1
        << QList<int>{1, 0} << 2 << QStringList{};
    QTest::newRow("label column in the middle")
        << QByteArray("1,b,2\n3,a,4\n") << 1 << ',' << QList<float>{1, 2, 3, 4} << 2
        << QList<int>{0, 1} << 2 << QStringList{"b", "a"};
    QTest::newRow("quoted fields with quotes, commas and a line break")
        << QByteArray(
               "\"x\",\"y\",\"kind\"\n1,\"2\",\"big \"\"cat\"\"\"\n3,4,\"a,b\"\n"
               "5,6,\"two\nlines\"\n")
        << -1 << ',' << QList<float>{1, 2, 3, 4, 5, 6} << 2 << QList<int>{0, 1, 2} << 3
        << QStringList{"big \"cat\"", "a,b", "two\nlines"};
    QTest::newRow("CRLF, spaces, tabs, blank lines")
        << QByteArray("x , y, l\r\n 1 ,\t2 , 0\r\n\r\n  \r\n3,4,1\r\n\r\n") << -1 << ','
        << QList<float>{1, 2, 3, 4} << 2 << QList<int>{0, 1} << 2 << QStringList{};
    QTest::newRow("no trailing newline, byte-order mark")
        << QByteArray("\xEF\xBB\xBFx,l\n7,1\n8,0") << -1 << ',' << QList<float>{7, 8} << 1
        << QList<int>{1, 0} << 2 << QStringList{};
    QTest::newRow("leading zeros and a plus sign")
        << QByteArray("+1.5,007\n2,3\n") << -1 << ',' << QList<float>{1.5f, 2} << 1
        << QList<int>{7, 3} << 8 << QStringList{};
    QTest::newRow("a negative label makes every label a name")
        << QByteArray("1,-1\n2,1\n") << -1 << ',' << QList<float>{1, 2} << 1 << QList<int>{0, 1}
        << 2 << QStringList{"-1", "1"};
    QTest::newRow("semicolons") << QByteArray("x;y;l\n1.5;2;a\n3;4;b\n") << -1 << ';'
                                << QList<float>{1.5f, 2, 3, 4} << 2 << QList<int>{0, 1} << 2
                                << QStringList{"a", "b"};
    QTest::newRow("tabs") << QByteArray("1\t2\tA\n3\t4\tB\n") << -1 << '\t'
                          << QList<float>{1, 2, 3, 4} << 2 << QList<int>{0, 1} << 2
                          << QStringList{"A", "B"};
  }
  void goodTables() {
    QFETCH(QByteArray, text);
    QFETCH(int, labelColumn);
    QFETCH(char, delimiter);
    QFETCH(QList<float>, features);
    QFETCH(int, dimensions);
    QFETCH(QList<int>, labels);
    QFETCH(int, classes);
    QFETCH(QStringList, classNames);
    CsvOptions options;
    options.labelColumn = labelColumn;
    options.delimiter = delimiter;
    const Dataset data = parseCsv(text.toStdString(), "t.csv", options);
    QCOMPARE(data.dimensions(), dimensions);
    QCOMPARE(data.size(), int(labels.size()));
    for (int i = 0; i < int(features.size()); ++i)
      QCOMPARE(data.features(i % dimensions, i / dimensions), Scalar(features[i]));
    QCOMPARE(data.labels, std::vector<int>(labels.begin(), labels.end()));
    QCOMPARE(data.classes, classes);
    QCOMPARE(int(data.classNames.size()), int(classNames.size()));
    for (int i = 0; i < int(classNames.size()); ++i)
      QCOMPARE(QString::fromStdString(data.classNames[std::size_t(i)]), classNames[i]);
  }

  void badTables_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("labelColumn");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ragged row") << QByteArray("a,b,c\n1,2,0\n1,2\n") << -1
                                << "bad.csv:3: expected 3 fields, found 2";
    QTest::newRow("long row after blank CRLF lines")
        << QByteArray("1,2,0\r\n\r\n3,4,1,5\r\n") << -1 << "bad.csv:3: expected 3 fields, found 4";
    QTest::newRow("line count through a quoted line break")
        << QByteArray("1,\"a\nb\"\n2,c\n3,4,5\n") << -1 << "bad.csv:4: expected 2 fields, found 3";
    QTest::newRow("not a number") << QByteArray("x,y,l\n1,2,0\n3,abc,1\n") << -1
                                  << "bad.csv:3:2: \"abc\" is not a number";
    QTest::newRow("empty feature")
        << QByteArray("1,2,0\n1,,1\n") << -1 << "bad.csv:2:2: \"\" is not a number";
    QTest::newRow("decimal comma")
        << QByteArray("1,0\n\"1,5\",1\n") << -1 << "bad.csv:2:1: \"1,5\" is not a number";
    QTest::newRow("inf") << QByteArray("1,2,0\n1,inf,1\n") << -1
                         << "bad.csv:2:2: \"inf\" is not a finite number";
    QTest::newRow("nan") << QByteArray("1,2,0\nnan,1,1\n") << -1
                         << "bad.csv:2:1: \"nan\" is not a finite number";
    QTest::newRow("beyond float") << QByteArray("1,2,0\n1,1e39,1\n") << -1
                                  << "bad.csv:2:2: \"1e39\" is out of range";
    QTest::newRow("beyond double")
        << QByteArray("1,2,0\n1,-1e999,1\n") << -1 << "bad.csv:2:2: \"-1e999\" is out of range";
    QTest::newRow("empty") << QByteArray("") << -1 << "bad.csv: no rows: the text is empty";
    QTest::newRow("blank lines only") << QByteArray("\n \r\n\t\n") << -1 << "the text is empty";
    QTest::newRow("only a header")
        << QByteArray("x,y,label\r\n") << -1 << "bad.csv: only a header row, no data";
    QTest::newRow("one row") << QByteArray("x,l\n1,0\n") << -1
                             << "bad.csv: only 1 row of data; at least 2 are needed";
    QTest::newRow("label column too large") << QByteArray("1,2,0\n3,4,1\n") << 3
                                            << "bad.csv: label column 3 is out of range: the "
                                               "first row has 3 fields (columns 0 to 2)";
    QTest::newRow("label column negative")
        << QByteArray("1,2,0\n3,4,1\n") << -2 << "label column -2 is out of range";
    QTest::newRow("no feature column") << QByteArray("0\n1\n") << -1 << "bad.csv:1: only one field";
    QTest::newRow("unclosed quote")
        << QByteArray("1,0\n2,\"abc\n3,1\n") << -1 << "bad.csv:2:2: a quoted field is never closed";
    QTest::newRow("text after a closing quote")
        << QByteArray("1,0\n2,\"a\"b\n") << -1 << "bad.csv:2:2: text after the closing quote";
    QTest::newRow("empty label") << QByteArray("1,0\n2,\n") << -1
                                 << "bad.csv:2:2: the label is empty";
    QTest::newRow("class number 1000")
        << QByteArray("1,0\n2,999\n3,1000\n") << -1 << "bad.csv:3: a class number of 1000 or more";
    QTest::newRow("class number beyond int") << QByteArray("1,0\n2,99999999999999999999\n") << -1
                                             << "bad.csv:2: a class number of 1000 or more";
    QTest::newRow("one class number") << QByteArray("1,3\n2,3\n") << -1
                                      << "bad.csv: every label is 3; at least 2 classes are needed";
    QTest::newRow("class numbers far apart")
        << QByteArray("1,0\n2,500\n") << -1 << "bad.csv: class ids go up to 500 but only 2 classes";
    QTest::newRow("first row with a nan is data, not a header")
        << QByteArray("1,nan,0\n2,3,1\n4,5,0\n") << -1
        << "bad.csv:1:2: \"nan\" is not a finite number";
    QTest::newRow("first row with a typo is data, not a header")
        << QByteArray("0.5,0..3,1\n2,3,0\n4,5,1\n") << -1
        << "bad.csv:1:2: \"0..3\" is not a number";
    QTest::newRow("one named class")
        << QByteArray("1,cat\n2,cat\n") << -1 << "bad.csv: every row has the label \"cat\"";
  }
  void badTables() {
    QFETCH(QByteArray, text);
    QFETCH(int, labelColumn);
    QFETCH(QString, expected);
    CsvOptions options;
    options.labelColumn = labelColumn;
    CHECK_ERROR(parseCsv(text.toStdString(), "bad.csv", options), expected.toStdString());
  }

  void capsAreErrors() {
    const std::string text = "1,2,0\n3,4,1\n5,6,0\n";
    CsvOptions options;
    options.maxBytes = 17;
    CHECK_ERROR(parseCsv(text, "c.csv", options),
                "c.csv: the text is 18 bytes, more than the limit of 17");
    options = {};
    options.maxRows = 2;
    CHECK_ERROR(parseCsv(text, "c.csv", options), "c.csv:3: more than 2 rows of data");
    options = {};
    options.maxColumns = 2;
    CHECK_ERROR(parseCsv(text, "c.csv", options), "c.csv:1: more than 2 fields");
    std::string manyNames;
    for (int i = 0; i <= kCsvMaxClasses; ++i) manyNames += "1,name" + std::to_string(i) + "\n";
    CHECK_ERROR(parseCsv(manyNames, "c.csv"), "c.csv: more than 1000 different labels");
    options = {};
    options.delimiter = '"';
    CHECK_ERROR(parseCsv(text, "c.csv", options), "the delimiter cannot be");
  }

  void readsFilesAndNamesThem() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("table.csv").toStdString();
    std::ofstream(path) << "sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n";
    const Dataset data = readCsvFile(path);
    QCOMPARE(data.size(), 2);
    QCOMPARE(data.features(1, 1), Scalar(4.7f));
    QCOMPARE(data.classNames, (std::vector<std::string>{"setosa", "versicolor"}));

    CsvOptions small;
    small.maxBytes = 20;
    CHECK_ERROR(readCsvFile(path, small), path + ": the file is larger than the limit of 20 bytes");
    CHECK_ERROR(readCsvFile(path + ".missing"), path + ".missing: no such file");
    std::ofstream(path) << "a,b\n1,x\n1,2,3\n";
    CHECK_ERROR(readCsvFile(path), path + ":3: expected 2 fields, found 3");
  }

  // A table too small to split into training and test sets is named with what divided it.
  void tooFewRowsNameTheFile() {
    QTemporaryDir dir;
    DataConfig config;
    config.source = DataSource::Csv;
    config.path = dir.filePath("two.csv").toStdString();
    config.testFraction = 0.25;
    std::ofstream(config.path) << "a,b,label\n1,2,0\n3,4,1\n";
    CHECK_ERROR(makeDataSplit(config),
                config.path +
                    ": 2 examples (test fraction 0.25) leave 1 to train on; training "
                    "needs at least 2");
    std::ofstream(config.path) << "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n";
    config.trainLimit = 1;
    CHECK_ERROR(makeDataSplit(config), "(test fraction 0.25, train limit 1) leave 1 to train on");
    config.trainLimit = 0;
    config.testFraction = 0.05;
    CHECK_ERROR(makeDataSplit(config), config.path +
                                           ": 4 examples (test fraction 0.05) leave "
                                           "none to test on: raise the test fraction");
    config.testFraction = 0.25;
    QCOMPARE(makeDataSplit(config).train.size(), 3);
  }
};

QTEST_GUILESS_MAIN(CsvReaderTest)
#include "test_csv_reader.moc"
