// The window's run list: the dialog gives back the list its rows show, refuses what core's
// validateRuns refuses, and the control panel trains the accepted list (rebuilding once).
#include <QSignalSpy>
#include <QTest>

#include "dialogs/run_list_dialog.h"
#include "panels/control_panel.h"
#include "window/main_window.h"

using namespace bnlab;

namespace {
void choose(QComboBox* box, const char* key) {
  box->setCurrentIndex(box->findData(QString::fromLatin1(key)));
}
}  // namespace

class RunListDialogTest : public QObject {
  Q_OBJECT
 private slots:
  void rowsShowTheRunsGiven() {
    const std::vector<RunSpec> runs =
        parseRunList("plain,batch-norm:batch=512:dropout=0.2:name=big");
    RunListDialog dialog(runs);
    QCOMPARE(int(dialog.rows().size()), 2);
    QCOMPARE(dialog.rows()[1].name->text(), QStringLiteral("big"));
    QCOMPARE(dialog.rows()[1].batchSize->value(), 512);
    QVERIFY(dialog.runs() == runs);
    QVERIFY(dialog.okButton()->isEnabled());
  }

  // One run of its own (here a batch size) keeps the live batch-norm switch, and the switch is
  // what the panel's configuration says; a list of two does not have it.
  void oneCustomRunKeepsTheLiveSwitch() {
    ControlPanel panel;
    ExperimentConfig config;
    config.runs = parseRunList("batch-norm:batch=128");
    panel.setConfig(config);
    QVERIFY(panel.batchNormSwitch()->isEnabled());
    QVERIFY(panel.batchNormSwitch()->isChecked());
    panel.batchNormSwitch()->setChecked(false);
    QCOMPARE(QString::fromStdString(formatRunList(panel.config().runs)),
             QStringLiteral("plain:batch=128"));
    config.runs = parseRunList("plain,batch-norm:batch=128");
    panel.setConfig(config);
    QVERIFY(!panel.batchNormSwitch()->isEnabled());
    QVERIFY(panel.config().runs == config.runs);
  }

  void editedRowsAreTheListReturned() {
    RunListDialog dialog(*runsForBatchNorm("compare"));
    dialog.addButton()->click();
    QCOMPARE(int(dialog.rows().size()), 3);
    const RunListDialog::Row& third = dialog.rows()[2];
    // A third plain run is called "plain" like the first: refused until it differs.
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY(dialog.problemLabel()->text().contains("two runs are called \"plain\""));
    choose(third.normalization, "batch-norm");
    third.batchSize->setValue(256);
    third.dropout->setValue(0.1);
    QVERIFY2(dialog.okButton()->isEnabled(), qPrintable(dialog.problemLabel()->text()));
    QCOMPARE(QString::fromStdString(formatRunList(dialog.runs())),
             QStringLiteral("plain,batch-norm,batch-norm:batch=256:dropout=0.1"));
    // The placeholder is the name the run gets.
    QCOMPARE(third.name->placeholderText(), QStringLiteral("batch norm · batch 256 · dropout 0.1"));
    dialog.rows()[0].remove->click();
    QCOMPARE(QString::fromStdString(formatRunList(dialog.runs())),
             QStringLiteral("batch-norm,batch-norm:batch=256:dropout=0.1"));
  }

  void atMostFourRunsAndAtLeastOne() {
    RunListDialog dialog(*runsForBatchNorm("off"));
    QVERIFY(!dialog.rows()[0].remove->isEnabled());
    for (int i = 0; i < 5; ++i) dialog.addRun();
    QCOMPARE(int(dialog.rows().size()), kMaxRuns);
    QVERIFY(!dialog.addButton()->isEnabled());
  }

  void aNameLeftOutOfRangeIsRefused() {
    RunListDialog dialog(*runsForBatchNorm("compare"));
    dialog.rows()[1].name->setText(QString(81, QLatin1Char('x')));
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY(dialog.problemLabel()->text().contains("at most 80 characters"));
  }

  void panelTrainsTheAcceptedList() {
    MainWindow window(ExperimentConfig{}, MainWindow::Start::Paused);
    ControlPanel& panel = *window.controls();
    QSignalSpy rebuilt(&panel, &ControlPanel::architectureChanged);
    panel.editRunsButton()->click();
    auto* dialog = window.findChild<RunListDialog*>();
    QVERIFY(dialog);
    dialog->addRun();
    dialog->rows()[2].name->setText(QStringLiteral("small batches"));
    dialog->rows()[2].batchSize->setValue(8);
    dialog->okButton()->click();
    QCOMPARE(rebuilt.count(), 1);
    QCOMPARE(QString::fromStdString(formatRunList(panel.config().runs)),
             QStringLiteral("plain,batch-norm,plain:batch=8:name=small batches"));
    QVERIFY(panel.modeCombo()->currentText().contains(QLatin1String("3 runs")));
    QVERIFY(!panel.batchNormSwitch()->isEnabled());
    // Back to one network: its live switch works again.
    panel.modeCombo()->setCurrentIndex(
        panel.modeCombo()->findData(int(ControlPanel::RunsMode::One)));
    QVERIFY(panel.batchNormSwitch()->isEnabled());
    QCOMPARE(int(panel.config().runs.size()), 1);
  }

  void panelKeepsAListThatIsAShorthand() {
    ControlPanel panel;
    panel.setRuns(*runsForBatchNorm("on"));
    QCOMPARE(panel.modeCombo()->currentData().toInt(), int(ControlPanel::RunsMode::One));
    QVERIFY(panel.batchNormSwitch()->isChecked());
    QVERIFY(panel.config().runs == *runsForBatchNorm("on"));
  }
};

QTEST_MAIN(RunListDialogTest)
#include "test_run_list_dialog.moc"
