// The window's files: configurations (open, save, recent), data folders and tables, and the
// settings it keeps between sessions.
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

#include "config/small_file.h"
#include "report/chart_files.h"
#include "window/main_window.h"

namespace bnlab {

namespace {
constexpr int kRecentFiles = 8;
const QString kRecentKey = QStringLiteral("files/recentConfigurations");
}  // namespace

void MainWindow::useData(DataSource source, const QString& path) {
  ExperimentConfig config = currentConfig();
  config.data.source = source;
  config.data.path = path.toStdString();
  config.data.unevenScales = false;
  config.data.testShift = 0;
  QSettings().setValue(QStringLiteral("files/lastDataFolder"), QFileInfo(path).absolutePath());
  controls_->setConfig(config);
  rebuild();
}

void MainWindow::chooseConfigurationToOpen() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open configuration"),
                                   QSettings().value(QStringLiteral("files/lastFolder")).toString(),
                                   tr("Configuration (*.json);;All files (*)"));
  if (path.isEmpty()) return;
  openRecent(path);
}

void MainWindow::openRecent(const QString& path) {
  QString error;
  if (!openConfiguration(path, error)) {
    QMessageBox::warning(this, tr("Configuration not opened"), error);
    return;
  }
  rememberRecent(path);
}

void MainWindow::chooseConfigurationToSave() {
  QSettings settings;
  const QString folder =
      settings.value(QStringLiteral("files/lastFolder"), QDir::homePath()).toString();
  QString path = QFileDialog::getSaveFileName(
      this, tr("Save configuration"), QDir(folder).filePath(QStringLiteral("experiment.json")),
      tr("Configuration (*.json)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".json");
  QString error;
  if (!saveConfiguration(path, error)) {
    QMessageBox::warning(this, tr("Configuration not saved"), error);
    return;
  }
  rememberRecent(path);
  statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 6000);
}

bool MainWindow::openConfiguration(const QString& path, QString& error) {
  const std::optional<QByteArray> bytes = readSmallFile(path, kLargestConfigFile, error);
  if (!bytes) return false;
  Preset loaded;
  QStringList errors;
  if (!parseConfigFile(*bytes, QFileInfo(path).fileName(), loaded, errors)) {
    error = errors.join(QLatin1Char('\n'));
    return false;
  }
  if (loaded.name.isEmpty()) loaded.name = QFileInfo(path).completeBaseName();
  if (loaded.description.isEmpty())
    loaded.description = tr("Configuration from %1.").arg(QDir::toNativeSeparators(path));
  applyPreset(loaded);
  return true;
}

bool MainWindow::saveConfiguration(const QString& path, QString& error) const {
  const QJsonDocument document(configToJson(currentConfig()));
  return saveBytes(path, document.toJson(QJsonDocument::Indented), error);
}

void MainWindow::rememberRecent(const QString& path) {
  QSettings settings;
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QStringList recent = settings.value(kRecentKey).toStringList();
  recent.removeAll(absolute);
  recent.prepend(absolute);
  while (recent.size() > kRecentFiles) recent.removeLast();
  settings.setValue(kRecentKey, recent);
  settings.setValue(QStringLiteral("files/lastFolder"), QFileInfo(path).absolutePath());
  updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value(kRecentKey).toStringList();
  for (const QString& path : recent)
    recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openRecent(path); })
        ->setStatusTip(path);
  if (!recent.isEmpty()) recentMenu_->addSeparator();
  QAction* clear = recentMenu_->addAction(tr("Clear list"), this, [this] {
    QSettings().remove(kRecentKey);
    updateRecentMenu();
  });
  clear->setEnabled(!recent.isEmpty());
}

void MainWindow::restoreSettings() {
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  persistent_ = true;
  offerLessons();
}

}  // namespace bnlab
