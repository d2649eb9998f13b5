// IDX (MNIST) reading: exact values from small generated files, raw and gzip; every malformed
// file is a DataError with a message that says what is wrong; the MNIST folder layout; the
// installed Fashion-MNIST when it is there.
#include <zlib.h>

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>

#include "data/idx_reader.h"
#include "data_error_check.h"

using namespace bnlab;
using Bytes = std::vector<std::uint8_t>;

namespace {

// 0x00 0x00 type ndims, big-endian dims, then the data.
Bytes idxBytes(const std::vector<std::uint32_t>& dims, const Bytes& data,
               std::uint8_t type = 0x08) {
  Bytes bytes{0, 0, type, static_cast<std::uint8_t>(dims.size())};
  for (std::uint32_t dim : dims)
    for (int shift : {24, 16, 8, 0}) bytes.push_back(static_cast<std::uint8_t>(dim >> shift));
  bytes.insert(bytes.end(), data.begin(), data.end());
  return bytes;
}

Bytes gzip(const Bytes& raw) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK)
    qFatal("deflateInit2 failed");
  Bytes out(deflateBound(&z, static_cast<uLong>(raw.size())) + 64);
  z.next_in = const_cast<Bytef*>(raw.data());
  z.avail_in = static_cast<uInt>(raw.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) qFatal("deflate did not finish");
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

Bytes sequence(std::size_t size) {  // 0, 37, 74, … mod 256, with 0 and 255 in it
  Bytes data(size);
  for (std::size_t i = 0; i < size; ++i) data[i] = static_cast<std::uint8_t>(i * 37 % 256);
  if (size > 1) data[1] = 255;
  return data;
}

void writeFile(const std::string& path, const Bytes& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

// The DataError's message, or "" when nothing was thrown (other exceptions fail the test).

QByteArray toQ(const Bytes& bytes) {
  return QByteArray(reinterpret_cast<const char*>(bytes.data()),
                    static_cast<qsizetype>(bytes.size()));
}
Bytes fromQ(const QByteArray& bytes) { return Bytes(bytes.begin(), bytes.end()); }

// A folder with MNIST's four files: `trainCount` and `testCount` images of rows × columns.
void writeMnistFolder(const std::string& folder, int trainCount, int testCount, int rows,
                      int columns) {
  const auto images = [&](int n) {
    return idxBytes({std::uint32_t(n), std::uint32_t(rows), std::uint32_t(columns)},
                    sequence(std::size_t(n * rows * columns)));
  };
  const auto labels = [](int n) {
    Bytes data(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) data[std::size_t(i)] = static_cast<std::uint8_t>(i % 3);
    return idxBytes({std::uint32_t(n)}, data);
  };
  // Every spelling the finder accepts: raw, .gz, and the dotted "train-images.idx3-ubyte".
  writeFile(folder + "/train-images-idx3-ubyte.gz", gzip(images(trainCount)));
  writeFile(folder + "/train-labels-idx1-ubyte", labels(trainCount));
  writeFile(folder + "/t10k-images.idx3-ubyte", images(testCount));
  writeFile(folder + "/t10k-labels.idx1-ubyte.gz", gzip(labels(testCount)));
}

}  // namespace

class IdxReaderTest : public QObject {
  Q_OBJECT
 private slots:
  void readsImagesAndLabelsExactly_data() {
    QTest::addColumn<bool>("compressed");
    QTest::newRow("raw") << false;
    QTest::newRow("gzip") << true;
  }
  void readsImagesAndLabelsExactly() {
    QFETCH(bool, compressed);
    QTemporaryDir dir;
    const std::string imagesPath = dir.filePath("images").toStdString();
    const std::string labelsPath = dir.filePath("labels").toStdString();
    const Bytes pixels = sequence(3 * 2 * 4);
    const Bytes labels{2, 0, 5};
    const Bytes imageFile = idxBytes({3, 2, 4}, pixels), labelFile = idxBytes({3}, labels);
    writeFile(imagesPath, compressed ? gzip(imageFile) : imageFile);
    writeFile(labelsPath, compressed ? gzip(labelFile) : labelFile);

    const IdxArray images = readIdxFile(imagesPath);
    QCOMPARE(images.dims, (std::vector<std::int32_t>{3, 2, 4}));
    QCOMPARE(images.data, pixels);
    const IdxArray labelArray = readIdxFile(labelsPath);
    QCOMPARE(labelArray.dims, (std::vector<std::int32_t>{3}));
    QCOMPARE(labelArray.data, labels);
  }

  // The first n items of a file, read in pieces across gzip's buffers and members; the rest is
  // passed over but its length still checked.
  void readsTheFirstItemsOnly_data() {
    QTest::addColumn<bool>("compressed");
    QTest::newRow("raw") << false;
    QTest::newRow("gzip, two members") << true;
  }
  void readsTheFirstItemsOnly() {
    QFETCH(bool, compressed);
    QTemporaryDir dir;
    const std::string path = dir.filePath("images").toStdString();
    const Bytes pixels = sequence(1500 * 28 * 28);  // 1.2 MB: several of gzip's pieces
    const Bytes raw = idxBytes({1500, 28, 28}, pixels);
    const auto write = [&](const Bytes& bytes) {
      if (!compressed) return writeFile(path, bytes);
      const std::size_t half = bytes.size() / 2 + 7;
      Bytes members = gzip(Bytes(bytes.begin(), bytes.begin() + long(half)));
      const Bytes second = gzip(Bytes(bytes.begin() + long(half), bytes.end()));
      members.insert(members.end(), second.begin(), second.end());
      writeFile(path, members);
    };
    write(raw);
    const IdxArray first = readIdxFile(path, {}, 1234);
    QCOMPARE(first.dims, (std::vector<std::int32_t>{1234, 28, 28}));
    QVERIFY(first.data == Bytes(pixels.begin(), pixels.begin() + 1234 * 784));
    QCOMPARE(readIdxFile(path, {}, 5000).dims[0], 1500);  // more than there are: all
    QVERIFY(readIdxFile(path).data == pixels);

    write(Bytes(raw.begin(), raw.end() - 1));
    CHECK_ERROR(readIdxFile(path, {}, 10),
                "truncated: the header promises 1500 images of 28×28 (1176000 bytes) but the file "
                "holds 1175999 bytes of pixels");
    Bytes trailing = raw;
    trailing.push_back(9);
    write(trailing);
    CHECK_ERROR(readIdxFile(path, {}, 10), "the file holds 1 bytes after the 1176000 bytes");
  }

  void concatenatedGzipMembersAreOneStream() {
    const Bytes raw = idxBytes({4}, {1, 2, 3, 4});
    Bytes twoMembers = gzip(Bytes(raw.begin(), raw.begin() + 6));
    const Bytes second = gzip(Bytes(raw.begin() + 6, raw.end()));
    twoMembers.insert(twoMembers.end(), second.begin(), second.end());
    QCOMPARE(parseIdx(twoMembers, "two.gz").data, (Bytes{1, 2, 3, 4}));
  }

  void imageDatasetIsOneImagePerColumnInRowMajorOrder() {
    const Bytes pixels = sequence(3 * 2 * 4);
    const IdxArray images = parseIdx(idxBytes({3, 2, 4}, pixels), "images");
    const IdxArray labels = parseIdx(idxBytes({3}, {2, 0, 5}), "labels");
    const Dataset data = makeImageDataset(images, labels, "set");
    QCOMPARE(data.dimensions(), 8);
    QCOMPARE(data.size(), 3);
    QCOMPARE(data.imageRows, 2);
    QCOMPARE(data.imageColumns, 4);
    QCOMPARE(data.labels, (std::vector<int>{2, 0, 5}));
    QCOMPARE(data.classes, 6);
    for (int image = 0; image < 3; ++image)
      for (int row = 0; row < 2; ++row)
        for (int column = 0; column < 4; ++column) {
          const std::uint8_t pixel = pixels[std::size_t(image * 8 + row * 4 + column)];
          QCOMPARE(data.features(row * 4 + column, image), Scalar(pixel) / Scalar(255));
        }
    QCOMPARE(data.features(1, 0), Scalar(1));  // 255 → exactly 1
    QCOMPARE(data.features(0, 0), Scalar(0));
  }

  // One label value, or ids far beyond the classes present, would train a network on a wrong
  // number of classes: errors naming the set.
  void classesMustBeTwoOrMoreAndNumberedFromZero() {
    const IdxArray images = parseIdx(idxBytes({2, 1, 1}, {10, 20}), "images");
    CHECK_ERROR(makeImageDataset(images, parseIdx(idxBytes({2}, {255, 255}), "labels"), "set"),
                "set: every label is 255; at least 2 classes are needed");
    CHECK_ERROR(makeImageDataset(images, parseIdx(idxBytes({2}, {0, 255}), "labels"), "set"),
                "set: class ids go up to 255 but only 2 classes are present");
    QCOMPARE(makeImageDataset(images, parseIdx(idxBytes({2}, {0, 9}), "labels"), "set").classes,
             10);
  }

  void malformedFilesAreDataErrors_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("compressed");
    QTest::addColumn<QString>("expected");
    const Bytes good = idxBytes({3, 2, 3}, sequence(18));
    auto add = [](const char* row, const Bytes& bytes, const char* expected) {
      QTest::newRow(QByteArray("raw: ") + row) << toQ(bytes) << false << QString(expected);
      QTest::newRow(QByteArray("gzip: ") + row) << toQ(bytes) << true << QString(expected);
    };
    add("empty", {}, "the file is empty");
    add("header cut at 3 bytes", {0, 0, 8}, "truncated: the file holds 3 bytes");
    add("dims cut", Bytes(good.begin(), good.begin() + 10),
        "truncated: a header of 3 dimensions takes 16 bytes but the file holds 10");
    add("bad magic", Bytes{0x50, 0x4b, 3, 4, 0, 0, 0, 1, 9},
        "not an IDX file: it starts with 0x50 0x4b instead of 0x00 0x00");
    add("float data", idxBytes({3}, Bytes(12), 0x0D),
        "unsupported IDX data type 0x0d (float); only 0x08 (unsigned byte) is read");
    add("two dimensions", idxBytes({2, 2}, Bytes(4)), "the header has 2 dimensions");
    add("zero dimensions", Bytes{0, 0, 8, 0}, "the header has 0 dimensions");
    add("2^31-1 labels", idxBytes({0x7fffffffu}, {}),
        "the header promises 2147483647 labels, more than the limit of 1000000");
    add("4294967295 images", idxBytes({0xffffffffu, 28, 28}, {}),
        "dimension 1 (count) is 4294967295, more than 2147483647");
    add("huge images", idxBytes({1, 100000, 100000}, {}),
        "images of 100000×100000, larger than the limit of 1024×1024");
    add("zero rows", idxBytes({3, 0, 3}, {}), "dimension 2 (rows) is 0");
    add("zero labels", idxBytes({0}, {}), "dimension 1 (count) is 0");
    add("data cut", Bytes(good.begin(), good.end() - 1),
        "truncated: the header promises 3 images of 2×3 (18 bytes) but the file holds 17 "
        "bytes of pixels");
    add("labels cut", idxBytes({5}, {1, 2}),
        "truncated: the header promises 5 labels (5 bytes) but the file holds 2 bytes of labels");
    Bytes trailing = good;
    trailing.insert(trailing.end(), {7, 7});
    add("trailing bytes", trailing, "the file holds 2 bytes after the 18 bytes of pixels");

    Bytes flipped = gzip(idxBytes({1, 16, 16}, sequence(256)));
    for (std::size_t i = 12; i < flipped.size() - 8; i += 3) flipped[i] ^= 0x5a;
    QTest::newRow("corrupted gzip stream") << toQ(flipped) << false << "corrupted gzip stream";
    Bytes badCrc = gzip(good);
    badCrc[badCrc.size() - 6] ^= 1;  // the CRC-32 in the trailer
    QTest::newRow("gzip CRC mismatch") << toQ(badCrc) << false << "corrupted gzip stream";
    const Bytes packed = gzip(good);
    QTest::newRow("gzip cut short") << toQ(Bytes(packed.begin(), packed.end() - 12)) << false
                                    << "truncated: the gzip stream ends";
    QTest::newRow("gzip magic only") << toQ({0x1f, 0x8b}) << false << "truncated";
    Bytes garbageAfter = packed;
    garbageAfter.insert(garbageAfter.end(), {1, 2, 3});
    QTest::newRow("garbage after the gzip stream") << toQ(garbageAfter) << false << "gzip";
  }
  void malformedFilesAreDataErrors() {
    QFETCH(QByteArray, bytes);
    QFETCH(bool, compressed);
    QFETCH(QString, expected);
    const Bytes input = compressed ? gzip(fromQ(bytes)) : fromQ(bytes);
    const std::string message = errorOf([&] { parseIdx(input, "bad.idx"); });
    QVERIFY2(message.starts_with("bad.idx: "), message.c_str());
    QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
  }

  void limitsAreRespected() {
    IdxLimits limits;
    limits.maxDataBytes = 100;
    CHECK_ERROR(parseIdx(idxBytes({1, 11, 10}, Bytes(110)), "x", limits),
                "(110 bytes), more than the limit of 100 bytes");
    limits.maxItems = 2;
    CHECK_ERROR(parseIdx(idxBytes({3}, Bytes(3)), "x", limits),
                "3 labels, more than the limit of 2");
    limits = {};
    limits.maxImageSide = 4;
    CHECK_ERROR(parseIdx(idxBytes({1, 4, 5}, Bytes(20)), "x", limits),
                "larger than the limit of 4×4");
    QCOMPARE(parseIdx(idxBytes({1, 4, 4}, Bytes(16)), "x", limits).data.size(), std::size_t{16});
  }

  void zipBombStopsAtTheDecompressionCap() {
    // 16 bytes of header promising 1000 bytes, then 4 MB of zeros: ~4 KB of gzip.
    Bytes raw = idxBytes({1000}, Bytes(4'000'000));
    IdxLimits limits;
    limits.maxDataBytes = 1000;
    const Bytes bomb = gzip(raw);
    QVERIFY(bomb.size() < 10'000);
    CHECK_ERROR(parseIdx(bomb, "bomb.gz", limits), "decompresses to more than 1016 bytes");
  }

  void fileErrorsNameTheFile() {
    QTemporaryDir dir;
    const std::string missing = dir.filePath("nothing-here").toStdString();
    CHECK_ERROR(readIdxFile(missing), missing + ": no such file");
    CHECK_ERROR(readIdxFile(dir.path().toStdString()), "is a folder, not a file");
    const std::string cut = dir.filePath("cut.gz").toStdString();
    writeFile(cut, Bytes{0x1f, 0x8b, 8});
    CHECK_ERROR(readIdxFile(cut), cut + ": truncated");
  }

  void imageDatasetChecksItsInputs() {
    const IdxArray images = parseIdx(idxBytes({3, 2, 2}, Bytes(12)), "i");
    const IdxArray threeLabels = parseIdx(idxBytes({3}, {0, 1, 2}), "l");
    const IdxArray twoLabels = parseIdx(idxBytes({2}, {0, 1}), "l");
    CHECK_ERROR(makeImageDataset(images, twoLabels, "set"),
                "set: 3 images but 2 labels; the counts must agree");
    CHECK_ERROR(makeImageDataset(threeLabels, images, "set"), "the images have 1 dimensions");
    IdxArray handMade{{3, 2, 2}, Bytes(11)};
    CHECK_ERROR(makeImageDataset(handMade, threeLabels, "set"),
                "the images hold 11 bytes but their dimensions promise 12");
    handMade = {{3, -2, -2}, Bytes(12)};
    CHECK_ERROR(makeImageDataset(handMade, threeLabels, "set"), "a dimension of -2");
  }

  void mnistFolderInEverySpelling() {
    QTemporaryDir dir;
    const std::string folder = dir.path().toStdString();
    writeMnistFolder(folder, 7, 4, 3, 5);
    const std::optional<MnistFiles> files = findMnistFiles(folder);
    QVERIFY(files);
    QVERIFY(files->trainImages.ends_with("train-images-idx3-ubyte.gz"));
    QVERIFY(files->testImages.ends_with("t10k-images.idx3-ubyte"));
    QVERIFY(files->testLabels.ends_with("t10k-labels.idx1-ubyte.gz"));

    const DataSplit split = loadMnistFolder(folder);
    QCOMPARE(split.train.size(), 7);
    QCOMPARE(split.test.size(), 4);
    QCOMPARE(split.train.dimensions(), 15);
    QCOMPARE(split.test.imageRows, 3);
    QCOMPARE(split.test.imageColumns, 5);
    QCOMPARE(split.train.classes, 3);
    QCOMPARE(split.test.classes, 3);
    QCOMPARE(split.train.features(1, 0), Scalar(1));
  }

  void mnistFolderProblemsNameTheFolderAndFile() {
    QTemporaryDir dir;
    const std::string folder = dir.path().toStdString();
    writeMnistFolder(folder, 7, 4, 3, 5);
    std::filesystem::remove(folder + "/t10k-labels.idx1-ubyte.gz");
    QVERIFY(!findMnistFiles(folder));
    CHECK_ERROR(loadMnistFolder(folder),
                folder + ": no t10k-labels-idx1-ubyte (or .gz) in this folder");
    CHECK_ERROR(loadMnistFolder(folder + "/nope"), folder + "/nope: no such folder");

    writeFile(folder + "/t10k-labels-idx1-ubyte", idxBytes({3}, {0, 1, 2}));  // 4 images
    CHECK_ERROR(loadMnistFolder(folder), "(test set): 4 images but 3 labels");

    writeFile(folder + "/t10k-labels-idx1-ubyte", idxBytes({4}, {0, 1, 2, 1}));
    writeFile(folder + "/t10k-images.idx3-ubyte", idxBytes({4, 5, 3}, Bytes(60)));
    CHECK_ERROR(loadMnistFolder(folder), "the training images are 3×5 but the test images are 5×3");
  }

  void installedFashionMnist() {
    if (!findMnistFiles(kFashionMnistFolder)) QSKIP("Fashion-MNIST is not installed");
    const DataSplit split = loadMnistFolder(kFashionMnistFolder);
    QCOMPARE(split.train.size(), 60000);
    QCOMPARE(split.test.size(), 10000);
    QCOMPARE(split.train.dimensions(), 784);
    QCOMPARE(split.train.imageRows, 28);
    QCOMPARE(split.train.imageColumns, 28);
    QCOMPARE(split.train.classes, 10);
    QCOMPARE(split.test.classes, 10);
    QCOMPARE(int(fashionMnistClassNames().size()), 10);
    for (const Dataset* data : {&split.train, &split.test}) {
      QCOMPARE(data->features.minCoeff(), Scalar(0));
      QCOMPARE(data->features.maxCoeff(), Scalar(1));
      std::vector<int> perClass(10, 0);
      for (int label : data->labels) ++perClass[std::size_t(label)];
      for (int count : perClass) QCOMPARE(count, data->size() / 10);  // balanced
    }
  }
};

QTEST_GUILESS_MAIN(IdxReaderTest)
#include "test_idx_reader.moc"
