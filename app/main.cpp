#include <QApplication>

#include "main_window.h"

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("BatchNorm Lab");
  QApplication::setOrganizationName("bnlab");
  QApplication::setApplicationVersion(BNLAB_VERSION);
  bnlab::MainWindow window;
  window.show();
  return QApplication::exec();
}
