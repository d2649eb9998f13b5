// Loading reads only what is used: a training limit reads the first n images and labels of an
// MNIST-format folder (and the test set no more than evaluations look at), and a whole set is
// never held as bytes and as floats at once; a CSV table is parsed into its features in place.
// Measured on this process: the bytes it read
// (/proc/self/io) and its peak resident memory (VmHWM, reset through /proc/self/clear_refs).
// The folders are sparse files declaring 200,000 images: ~157 MB each on paper, no disk.
#include <zlib.h>

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <optional>

#include "experiment/data_loading.h"
#include "experiment/experiment.h"

using namespace bnlab;
using Bytes = std::vector<std::uint8_t>;

namespace {

constexpr int kSide = 28, kPixels = kSide * kSide;

Bytes header(const std::vector<std::uint32_t>& dims) {
  Bytes bytes{0, 0, 8, static_cast<std::uint8_t>(dims.size())};
  for (std::uint32_t dim : dims)
    for (int shift : {24, 16, 8, 0}) bytes.push_back(static_cast<std::uint8_t>(dim >> shift));
  return bytes;
}

// Image j's pixel p is (j + p) mod 256 for the first `written` images; the rest are zeros.
Bytes pixels(int written) {
  Bytes data(std::size_t(written) * kPixels);
  for (std::size_t i = 0; i < data.size(); ++i)
    data[i] = std::uint8_t((i / kPixels + i % kPixels) % 256);
  return data;
}

Bytes labels(int count) {
  Bytes data(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) data[std::size_t(i)] = std::uint8_t(i % 10);
  return data;
}

void writeRaw(const std::string& path, const Bytes& start, std::uintmax_t size) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(start.data()), std::streamsize(start.size()));
  std::filesystem::resize_file(path, size);  // the rest a hole of zeros
}

void writeGzip(const std::string& path, const Bytes& start, std::uintmax_t size) {
  gzFile file = gzopen(path.c_str(), "wb1");
  QVERIFY(file);
  gzwrite(file, start.data(), unsigned(start.size()));
  const Bytes zeros(1 << 20);
  for (std::uintmax_t left = size - start.size(); left > 0;) {
    const auto chunk = unsigned(std::min<std::uintmax_t>(left, zeros.size()));
    gzwrite(file, zeros.data(), chunk);
    left -= chunk;
  }
  gzclose(file);
}

// MNIST's four files, each set declaring `count` images; the first `written` with pixels.
void writeFolder(const std::string& folder, int count, int written, bool compressed) {
  for (const char* set : {"train", "t10k"}) {
    Bytes images = header({std::uint32_t(count), kSide, kSide});
    const Bytes data = pixels(written);
    images.insert(images.end(), data.begin(), data.end());
    Bytes labelFile = header({std::uint32_t(count)});
    const Bytes labelData = labels(count);
    labelFile.insert(labelFile.end(), labelData.begin(), labelData.end());
    const std::string stem = folder + "/" + set;
    const std::uintmax_t size = 16 + std::uintmax_t(count) * kPixels;
    if (compressed)
      writeGzip(stem + "-images-idx3-ubyte.gz", images, size);
    else
      writeRaw(stem + "-images-idx3-ubyte", images, size);
    writeRaw(stem + "-labels-idx1-ubyte", labelFile, labelFile.size());
  }
}

// One field of a /proc file ("rchar: 123", "VmHWM:  4 kB"), as a number.
std::int64_t procField(const char* file, const std::string& field) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with(field + ":")) return std::stoll(line.substr(field.size() + 1));
  return -1;
}

std::int64_t bytesRead() { return procField("/proc/self/io", "rchar"); }

// Peak resident memory from now on: resets VmHWM to the current VmRSS, or nothing when the
// kernel does not allow it.
// Resets the peak and returns the resident memory now; none where the peak cannot tell what the
// reader holds: the kernel does not let the process reset it, or a sanitizer's allocator keeps
// freed memory (its quarantine) and adds red zones.
std::optional<std::int64_t> startPeakMeasure() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return std::nullopt;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  return std::nullopt;
#endif
#endif
  std::ofstream clear("/proc/self/clear_refs");
  if (!(clear << "5" << std::flush)) return std::nullopt;
  return procField("/proc/self/status", "VmRSS") * 1024;
}
std::int64_t peakMemory() { return procField("/proc/self/status", "VmHWM") * 1024; }

DataConfig folderConfig(const std::string& folder, int trainLimit) {
  DataConfig config;
  config.source = DataSource::Mnist;
  config.path = folder;
  config.trainLimit = trainLimit;
  return config;
}

}  // namespace

class DataLoadingTest : public QObject {
  Q_OBJECT
 private slots:
  void aTrainingLimitReadsOnlyTheFirstImages_data() {
    QTest::addColumn<bool>("compressed");
    QTest::newRow("raw") << false;
    QTest::newRow("gzip") << true;
  }
  void aTrainingLimitReadsOnlyTheFirstImages() {
    QFETCH(bool, compressed);
    constexpr int kDeclared = 200'000, kLimit = 1000;
    QTemporaryDir dir;
    const std::string folder = dir.path().toStdString();
    writeFolder(folder, kDeclared, kLimit, compressed);

    const std::int64_t readBefore = bytesRead();
    const std::optional<std::int64_t> rssBefore = startPeakMeasure();
    DataConfig config = folderConfig(folder, kLimit);
    config.standardize = false;
    const DataSplit split = makeDataSplit(config);
    const std::int64_t read = bytesRead() - readBefore;

    // Raw files: the used images, their labels and the headers, with room for read-ahead;
    // every image would be 2 × 157 MB.
    const std::int64_t used = std::int64_t(kLimit + Experiment::kEvaluationLimit) * (kPixels + 1);
    if (!compressed)
      QVERIFY2(read < used + (8 << 20), qPrintable(QStringLiteral("%1 bytes read").arg(read)));
    QCOMPARE(split.train.size(), kLimit);
    QCOMPARE(split.test.size(), Experiment::kEvaluationLimit);  // all that evaluations use
    QCOMPARE(split.train.dimensions(), kPixels);
    QCOMPARE(split.train.classes, 10);
    for (int j : {0, 1, 999})
      for (int p : {0, 1, 500})
        QCOMPARE(split.train.features(p, j), Scalar((j + p) % 256) / Scalar(255));
    QCOMPARE(split.train.labels[999], 9);
    QCOMPARE(split.test.features(3, 2), Scalar(5) / Scalar(255));

    if (!rssBefore) QSKIP("peak memory is not measurable here (see startPeakMeasure)");
    const std::int64_t features = used * std::int64_t(sizeof(Scalar));
    const std::int64_t growth = peakMemory() - *rssBefore;
    qInfo("%lld bytes read, peak grew by %lld MB", static_cast<long long>(read),
          static_cast<long long>(growth >> 20));
    QVERIFY2(growth < features + (24 << 20),
             qPrintable(QStringLiteral("peak grew by %1 MB for %2 MB of features")
                            .arg(growth >> 20)
                            .arg(features >> 20)));
  }

  // Every image used (no limit): the float features and little more at the peak, not the
  // file's bytes beside them (nor a centred copy for standardization).
  void aWholeSetIsNotHeldTwice() {
    constexpr int kCount = 30'000;
    QTemporaryDir dir;
    const std::string folder = dir.path().toStdString();
    writeFolder(folder, kCount, 100, false);
    const std::optional<std::int64_t> rssBefore = startPeakMeasure();
    if (!rssBefore) QSKIP("peak memory is not measurable here (see startPeakMeasure)");
    const DataSplit split = makeDataSplit(folderConfig(folder, 0));
    const std::int64_t features = std::int64_t(kCount + Experiment::kEvaluationLimit) * kPixels *
                                  std::int64_t(sizeof(Scalar));
    const std::int64_t growth = peakMemory() - *rssBefore;
    qInfo("peak grew by %lld MB", static_cast<long long>(growth >> 20));
    QVERIFY2(growth < features + features / 8 + (8 << 20),
             qPrintable(QStringLiteral("peak grew by %1 MB for %2 MB of features")
                            .arg(growth >> 20)
                            .arg(features >> 20)));
    QCOMPARE(split.train.size(), kCount);
    QCOMPARE(split.test.size(), Experiment::kEvaluationLimit);
  }

  // A CSV table: at the peak its text and its features (written in place, trimmed), not a
  // growing list of values beside them; a training limit copies only the examples kept. Every
  // buffer is larger than malloc keeps for reuse, so each shows in the peak.
  void aCsvTableIsParsedInPlace() {
    constexpr int kRows = 120'000, kFeatures = 100, kLimit = 500;
    QTemporaryDir dir;
    const std::string path = dir.filePath("table.csv").toStdString();
    {
      std::ofstream out(path);
      for (int f = 0; f < kFeatures; ++f) out << 'x' << f << ',';
      out << "label\n";
      std::string row;
      for (int f = 0; f < kFeatures; ++f) row += std::to_string(f * 7 % 97) + ',';
      for (int r = 0; r < kRows; ++r) out << row << r % 3 << '\n';
    }
    const auto text = std::int64_t(std::filesystem::file_size(path));
    const std::optional<std::int64_t> rssBefore = startPeakMeasure();
    if (!rssBefore) QSKIP("peak memory is not measurable here (see startPeakMeasure)");
    DataConfig config;
    config.source = DataSource::Csv;
    config.path = path;
    config.trainLimit = kLimit;
    const DataSplit split = makeDataSplit(config);
    const std::int64_t features = std::int64_t(kRows) * kFeatures * std::int64_t(sizeof(Scalar));
    const std::int64_t growth = peakMemory() - *rssBefore;
    qInfo("peak grew by %lld MB for %lld MB of text and %lld MB of features",
          static_cast<long long>(growth >> 20), static_cast<long long>(text >> 20),
          static_cast<long long>(features >> 20));
    QVERIFY2(growth < text + features + (8 << 20),
             qPrintable(QStringLiteral("peak grew by %1 MB").arg(growth >> 20)));
    QCOMPARE(split.train.size(), kLimit);
    QCOMPARE(split.test.size(), kRows / 4);
    QCOMPARE(split.train.dimensions(), kFeatures);
  }
};

QTEST_GUILESS_MAIN(DataLoadingTest)
#include "test_data_loading.moc"
