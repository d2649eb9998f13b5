#include "main_window.h"

#include <QIcon>
#include <QLabel>

namespace bnlab {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("BatchNorm Lab"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/bnlab.svg")));
  auto* placeholder = new QLabel(
      tr("The live training view is not built yet.\n"
         "Run `bnlab --help` for the command line."),
      this);
  placeholder->setAlignment(Qt::AlignCenter);
  setCentralWidget(placeholder);
  resize(1280, 800);
}

}  // namespace bnlab
