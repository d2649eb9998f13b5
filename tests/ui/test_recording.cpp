// Recording animations from the window, offscreen, with training live on its thread: the next N
// steps of a chart (frames at exactly the spread steps, training paused at the last as before),
// the dashboard until stopped (an MP4 FFmpeg decodes), the chart menu's entry and its dialog,
// an unwritable file (a message, no file), and a window closed while recording (the file saved).
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImageReader>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QProcess>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QToolButton>

#include "dialogs/record_dialog.h"
#include "recording/animation_recorder.h"
#include "report/animation_writer.h"
#include "wait_for.h"
#include "window/main_window.h"

using namespace bnlab;

namespace {

ExperimentConfig smallConfig() {
  ExperimentConfig config;
  config.data.toy = {ToyKind::Moons, 600, 0.1, 2, 3};
  config.network.hiddenUnits = {8, 8, 8};
  config.runs = *runsForBatchNorm("compare");
  return config;
}

// A recording of the next `steps` steps of `chart` in `frames` frames.
RecordingPlan nextSteps(const QString& path, const char* chart, QSize size, qint64 steps,
                        int frames) {
  RecordingPlan plan;
  plan.path = path;
  plan.chart = QLatin1String(chart);
  plan.size = size;
  plan.steps = steps;
  plan.frames = frames;
  return plan;
}

// A live window at 1400×900 that has drawn its first snapshot.
struct LiveWindow {
  explicit LiveWindow(MainWindow::Start start = MainWindow::Start::Paused,
                      const ExperimentConfig& config = smallConfig())
      : window(config, start) {
    window.controls()->speedSlider()->setValue(kFullSpeed);
    window.resize(1400, 900);
    window.show();
    BNLAB_TRY_VERIFY(window.shownSnapshot() != nullptr);
    settleLayout();
  }
  // The first snapshot shows the runs' views in the metrics strip, and the charts beside them
  // narrow once the posted layout requests are handled: a test that reads a chart's size reads
  // it after that, however busy the machine (a dialog opened before it saw the wider chart).
  void settleLayout() {
    for (int pass = 0; pass < 4; ++pass) {
      QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
      QCoreApplication::processEvents();
    }
  }
  MainWindow window;
};

// Writes as openAnimation does, taking `ms` more for each frame.
AnimationOpener slowly(int ms) {
  struct Slow : AnimationWriter {
    std::unique_ptr<AnimationWriter> writer;
    int ms = 0;
    bool addFrame(const QImage& frame, int ticks) override {
      QThread::msleep(ulong(ms));
      return writer->addFrame(frame, ticks);
    }
    bool finish() override { return writer->finish(); }
    int frames() const override { return writer->frames(); }
    QString error() const override { return writer->error(); }
  };
  return [ms](const QString& path, QSize size, int fps) -> std::unique_ptr<AnimationWriter> {
    auto slow = std::make_unique<Slow>();
    slow->writer = openAnimation(path, size, fps);
    slow->ms = ms;
    return slow;
  };
}

QList<QImage> gifFrames(const QString& path) {
  QImageReader reader(path);
  QList<QImage> frames;
  for (QImage frame; reader.read(&frame);) frames << frame;
  return frames;
}

// codec_name=…, width=…, height=…, nb_read_frames=…, duration=… of the file's video stream.
QString probe(const QString& ffprobe, const QString& path) {
  QProcess process;
  process.start(ffprobe, {QStringLiteral("-v"), QStringLiteral("error"),
                          QStringLiteral("-count_frames"), QStringLiteral("-show_entries"),
                          QStringLiteral("stream=codec_name,width,height,nb_read_frames,duration"),
                          QStringLiteral("-of"), QStringLiteral("default=nw=1"), path});
  process.waitForFinished(30000);
  return QString::fromUtf8(process.readAllStandardOutput());
}

}  // namespace

class RecordingTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  // The next 240 steps in 5 frames: steps s, s+60, … s+240 exactly, whatever the speed; the
  // frames are the chart at its size × scale and differ; training, paused before, is paused at
  // the last frame's step after.
  void nextStepsOfAChart() {
    LiveWindow live;
    QTemporaryDir dir;
    RecordingPlan plan = nextSteps(dir.filePath(QStringLiteral("layer.gif")), "layer2-distribution",
                                   QSize(400, 250), 240, 5);
    plan.scale = 2;
    AnimationRecorder& recorder = *live.window.recorder();
    QSignalSpy finished(&recorder, &AnimationRecorder::finished);
    recorder.start(plan);
    QVERIFY(recorder.recording());
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(finished.first().at(1).toString().contains(QLatin1String("5 frames")));
    const std::vector<qint64>& steps = recorder.frameSteps();
    QCOMPARE(steps.size(), std::size_t(5));
    for (std::size_t i = 0; i < steps.size(); ++i) QCOMPARE(steps[i], steps[0] + 60 * qint64(i));
    const QList<QImage> frames = gifFrames(plan.path);
    QCOMPARE(frames.size(), 5);
    for (const QImage& frame : frames) QCOMPARE(frame.size(), QSize(800, 500));
    QVERIFY(frames.front() != frames.back());
    QVERIFY(!live.window.playing());
    BNLAB_TRY_VERIFY(!live.window.controller().running() &&
                     live.window.controller().latest()->step == steps.back());
  }

  // Until stopped, the whole dashboard as MP4, training playing: a frame every 1/fps s, which
  // FFmpeg decodes, at the dashboard's size; training plays on after.
  void dashboardUntilStoppedAsMp4() {
    const QString ffprobe = QStandardPaths::findExecutable(QStringLiteral("ffprobe"));
    if (ffprobe.isEmpty()) QSKIP("ffprobe (package ffmpeg, which scripts/dev installs) is missing");
    LiveWindow live(MainWindow::Start::Playing);
    QTemporaryDir dir;
    RecordingPlan plan;
    plan.path = dir.filePath(QStringLiteral("dashboard.mp4"));
    plan.framesPerSecond = 10;
    QTest::qWait(300);  // the layout settles around the first snapshots
    const QSize size = live.window.exportJob().compositeSize;
    AnimationRecorder& recorder = *live.window.recorder();
    QSignalSpy finished(&recorder, &AnimationRecorder::finished);
    QElapsedTimer watched;
    watched.start();
    recorder.start(plan);
    QCOMPARE(recorder.frameSize(), size);
    QTest::qWait(1500);
    BNLAB_TRY_VERIFY(recorder.frames() >= 3);
    const double seconds = watched.elapsed() / 1000.0;
    recorder.stop();
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(recorder.frameSteps().back() > recorder.frameSteps().front());  // training went on
    const QString out = probe(ffprobe, plan.path);
    for (const QString& expected :
         {QStringLiteral("codec_name=h264"), QStringLiteral("width=%1").arg(size.width() & ~1),
          QStringLiteral("height=%1").arg(size.height() & ~1),
          QStringLiteral("nb_read_frames=%1").arg(recorder.frames())})
      QVERIFY2(out.contains(expected), qPrintable(expected + QLatin1String(" in ") + out));
    // It plays for as long as it was watched (frames left out or not).
    const double duration =
        out.section(QLatin1String("duration="), 1).section(QLatin1Char('\n'), 0, 0).toDouble();
    // (To the nearest period at Stop, or the last tick's period if that ends later.)
    QVERIFY2(duration > seconds - 0.1 && duration < seconds + 0.15,
             qPrintable(QStringLiteral("%1 s for %2 s watched").arg(duration).arg(seconds)));
    QVERIFY(live.window.playing());
  }

  // An encoder far slower than drawing (each frame takes 150 ms, periods are 20 ms): frames are
  // left out, and the GIF still plays for as long as it was watched, a last frame taking the
  // periods owed at Stop.
  void fallingBehindKeepsTheTime() {
    LiveWindow live;
    QTemporaryDir dir;
    RecordingPlan plan;  // until stopped
    plan.path = dir.filePath(QStringLiteral("behind.gif"));
    plan.chart = QStringLiteral("layer1-distribution");
    plan.size = QSize(400, 250);
    plan.framesPerSecond = 50;
    AnimationRecorder& recorder = *live.window.recorder();
    recorder.setOpener(slowly(150));
    QSignalSpy finished(&recorder, &AnimationRecorder::finished);
    QElapsedTimer watched;
    watched.start();
    recorder.start(plan);
    // Stopped while 5 periods are owed: left out since the encoder last took a frame.
    QTest::qWait(300);
    int taken = recorder.frames(), leftOut = recorder.framesLeftOut();
    while (recorder.frames() != taken || recorder.framesLeftOut() < leftOut + 5) {
      if (recorder.frames() != taken) taken = recorder.frames(), leftOut = recorder.framesLeftOut();
      QVERIFY2(watched.elapsed() < 20000, "encoding never fell 5 frames behind");
      QTest::qWait(1);
    }
    const double seconds = watched.elapsed() / 1000.0;
    recorder.stop();
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QImageReader gif(plan.path);
    int frames = 0, hundredths = 0;
    for (QImage image; gif.read(&image); ++frames) hundredths += gif.nextImageDelay() / 10;
    QCOMPARE(frames, recorder.frames());
    // (To the nearest period at Stop, or the last tick's period if that ends later.)
    QVERIFY2(
        hundredths >= 100 * seconds - 3 && hundredths <= 100 * seconds + 3,
        qPrintable(QStringLiteral("%1 s for %2 s watched").arg(hundredths / 100.0).arg(seconds)));
  }

  // A frame shown for several periods (frames left out after it) lasts that long in both
  // formats: GIF delays, MP4 time stamps and the last packet's duration.
  void framesShownLongerKeepTheTime() {
    QTemporaryDir dir;
    // 24 moving frames (so H.264 predicts them), shown 1, 2, 3, 3, 5, 4, … periods.
    QList<int> ticks;
    for (int i = 0; i < 24; ++i) ticks << QList<int>{1, 2, 3, 3, 5, 4}[i % 6];
    int periods = 0;
    for (const int t : ticks) periods += t;
    QImage frame(160, 96, QImage::Format_RGB32);
    for (const QString& name : {QStringLiteral("t.gif"), QStringLiteral("t.mp4")}) {
      const std::unique_ptr<AnimationWriter> writer =
          openAnimation(dir.filePath(name), frame.size(), 10);
      for (int i = 0; i < ticks.size(); ++i) {
        frame.fill(Qt::white);
        QPainter(&frame).fillRect(i * 5, 20 + i, 40, 40, QColor::fromHsv(ticks[i] * 60, 200, 200));
        QVERIFY(writer->addFrame(frame, ticks[i]));
      }
      QVERIFY2(writer->finish(), qPrintable(writer->error()));
    }
    QImageReader gif(dir.filePath(QStringLiteral("t.gif")));
    QList<int> delays;
    for (QImage image; gif.read(&image);) delays << gif.nextImageDelay() / 100;
    QCOMPARE(delays, ticks);
    const QString ffprobe = QStandardPaths::findExecutable(QStringLiteral("ffprobe"));
    if (ffprobe.isEmpty()) QSKIP("ffprobe (package ffmpeg, which scripts/dev installs) is missing");
    const QString out = probe(ffprobe, dir.filePath(QStringLiteral("t.mp4")));
    QVERIFY2(out.contains(QStringLiteral("nb_read_frames=%1").arg(ticks.size())) &&
                 out.contains(QStringLiteral("duration=%1\n").arg(periods / 10.0, 0, 'f', 6)),
             qPrintable(out));
  }

  // A chart's menu offers "Record animation…"; its dialog starts with the chart's size on
  // screen, and recording from it writes the file.
  void chartMenuRecords() {
    LiveWindow live;
    QTemporaryDir dir;
    plot::PlotWidget* chart = live.window.findChild<plot::PlotWidget*>("loss");
    QVERIFY(chart);
    QAction* record = nullptr;
    for (QAction* action : chart->findChild<QToolButton*>()->menu()->actions())
      if (action->text().contains(QLatin1String("Record"))) record = action;
    QVERIFY(record);
    const QString path = dir.filePath(QStringLiteral("loss.gif"));
    // The dialog is filled in and accepted, or closed, whatever it shows; checked after.
    RecordingPlan shown;
    QSize onScreen;
    QTimer::singleShot(0, this, [&] {
      auto* dialog = qobject_cast<RecordDialog*>(QApplication::activeModalWidget());
      if (!dialog) {
        if (QApplication::activeModalWidget()) QApplication::activeModalWidget()->close();
        return;
      }
      shown = dialog->plan();
      onScreen = chart->size();
      dialog->findChild<QLineEdit*>()->setText(path);
      const QList<QRadioButton*> lengths = dialog->findChildren<QRadioButton*>();
      const QList<QSpinBox*> boxes = dialog->findChildren<QSpinBox*>();
      if (lengths.size() != 2 || boxes.size() < 2) return dialog->reject();
      lengths.back()->setChecked(true);  // the next N steps
      boxes.at(0)->setValue(30);         // steps
      boxes.at(1)->setValue(4);          // frames
      dialog->accept();
    });
    record->trigger();
    QCOMPARE(shown.chart, QStringLiteral("loss"));
    QCOMPARE(shown.size, onScreen);  // the chart's size while the dialog shows
    QVERIFY(live.window.recorder()->busy());
    QSignalSpy finished(live.window.recorder(), &AnimationRecorder::finished);
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(gifFrames(path).size(), 4);
    QCOMPARE(gifFrames(path).front().size(), shown.size);
  }

  // The next N steps while training plays: Pause and Play in between do not move a frame off
  // its step, and training plays on after the recording.
  void nextStepsWhilePlayingSurvivePauseAndPlay() {
    LiveWindow live(MainWindow::Start::Playing);
    live.window.controls()->speedSlider()->setValue(300);  // 400 steps in about 1.3 s
    QTemporaryDir dir;
    RecordingPlan plan = nextSteps(dir.filePath(QStringLiteral("paused.mp4")),
                                   "layer1-distribution", QSize(320, 200), 400, 9);
    AnimationRecorder& recorder = *live.window.recorder();
    QSignalSpy finished(&recorder, &AnimationRecorder::finished);
    QVERIFY(recorder.start(plan));
    BNLAB_TRY_VERIFY(recorder.frames() >= 3);
    live.window.setPlaying(false);
    QTest::qWait(300);
    QVERIFY(recorder.recording() && recorder.frames() < 9);
    live.window.setPlaying(true);
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    const std::vector<qint64>& steps = recorder.frameSteps();
    QCOMPARE(steps.size(), std::size_t(9));
    for (std::size_t i = 0; i < steps.size(); ++i) QCOMPARE(steps[i], steps[0] + 50 * qint64(i));
    QVERIFY(live.window.playing());
    const qint64 last = steps.back();
    BNLAB_TRY_VERIFY(live.window.controller().running() &&
                     live.window.controller().latest()->step > last);
  }

  // While the last file is being written a new recording does not start; a Reset ends a
  // next-N-steps recording, whose frames so far are saved with a note saying so.
  void busyAndResetAreHandled() {
    LiveWindow live(MainWindow::Start::Playing);
    live.window.controls()->speedSlider()->setValue(200);
    QTemporaryDir dir;
    RecordingPlan plan =
        nextSteps(dir.filePath(QStringLiteral("reset.gif")), "accuracy", QSize(320, 200), 2000, 41);
    AnimationRecorder& recorder = *live.window.recorder();
    QSignalSpy finished(&recorder, &AnimationRecorder::finished);
    QVERIFY(recorder.start(plan));
    QVERIFY(!recorder.start(plan));
    BNLAB_TRY_VERIFY(recorder.frames() >= 2);
    emit live.window.controls()->resetClicked();
    QVERIFY(!recorder.recording());
    QVERIFY(!recorder.start(plan));  // still writing
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.first().at(0).toBool());
    QVERIFY2(finished.first().at(2).toString().contains(QLatin1String("rebuilt")),
             qPrintable(finished.first().at(2).toString()));
    QCOMPARE(gifFrames(plan.path).size(), recorder.frames());
    auto* box = live.window.findChild<QMessageBox*>();
    QVERIFY(box);
    box->close();
  }

  // A file that cannot be written: the recording ends with a message naming it, and no file.
  void unwritableFileIsReported() {
    LiveWindow live;
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    RecordingPlan plan = nextSteps(dir.filePath(QStringLiteral("not-a-folder/x.gif")), "loss",
                                   QSize(300, 200), 20, 3);
    AnimationRecorder& recorder = *live.window.recorder();
    QSignalSpy finished(&recorder, &AnimationRecorder::finished);
    recorder.start(plan);
    QVERIFY(finished.wait(30000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(finished.first().at(1).toString().contains(QLatin1String("x.gif")),
             qPrintable(finished.first().at(1).toString()));
    QVERIFY(!recorder.recording());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"not-a-folder"});
    // The window says so in a message box that does not block it.
    auto* box = live.window.findChild<QMessageBox*>();
    QVERIFY(box && box->isVisible() && box->text() == finished.first().at(1).toString());
    box->close();
  }

  // Training that stops at its configured last step before the recording's last frame: the
  // frames so far are saved, and a message box (which does not block the window) says why.
  void trainingThatEndsEndsTheRecording() {
    ExperimentConfig config = smallConfig();
    config.steps = 50;
    LiveWindow live(MainWindow::Start::Paused, config);
    QTemporaryDir dir;
    RecordingPlan plan =
        nextSteps(dir.filePath(QStringLiteral("short.gif")), "loss", QSize(300, 200), 200,
                  11);  // steps 0, 20, … 200: the run ends at 50
    AnimationRecorder& recorder = *live.window.recorder();
    QSignalSpy finished(&recorder, &AnimationRecorder::finished);
    recorder.start(plan);
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.first().at(0).toBool());
    const QString note = finished.first().at(2).toString();
    QVERIFY2(note.contains(QLatin1String("step 50")), qPrintable(note));
    QCOMPARE(recorder.frameSteps(), (std::vector<qint64>{0, 20, 40, 50}));
    QCOMPARE(gifFrames(plan.path).size(), 4);
    auto* box = live.window.findChild<QMessageBox*>();
    QVERIFY(box && box->isVisible() && box->informativeText() == note);
    box->close();
  }

  // Closing the window while recording saves what was recorded.
  void closingSavesTheRecording() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("closed.gif"));
    {
      LiveWindow live(MainWindow::Start::Playing);
      RecordingPlan plan;
      plan.path = path;
      plan.chart = QStringLiteral("accuracy");
      plan.size = QSize(320, 200);
      plan.framesPerSecond = 20;
      live.window.recorder()->start(plan);
      BNLAB_TRY_VERIFY(live.window.recorder()->frames() >= 3);
      live.window.close();
    }
    QVERIFY(gifFrames(path).size() >= 3);
  }

  // A recording whose file cannot be committed when the window closes (its folder is gone):
  // the window says so before it goes.
  void closingReportsARecordingNotSaved() {
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("gone")));
    LiveWindow live(MainWindow::Start::Playing);
    RecordingPlan plan;
    plan.path = dir.filePath(QStringLiteral("gone/closed.mp4"));
    plan.chart = QStringLiteral("accuracy");
    plan.size = QSize(320, 200);
    live.window.recorder()->start(plan);
    BNLAB_TRY_VERIFY(live.window.recorder()->frames() >= 2);
    QVERIFY(QDir(dir.filePath(QStringLiteral("gone"))).removeRecursively());
    QString shown;
    QTimer::singleShot(0, this, [&] {
      if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
        shown = box->text();
        box->accept();
      }
    });
    live.window.close();
    QVERIFY2(shown.contains(QLatin1String("closed.mp4")), qPrintable(shown));
    QVERIFY(!QFileInfo::exists(plan.path));
  }
};

QTEST_MAIN(RecordingTest)
#include "test_recording.moc"
