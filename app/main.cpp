#include <QApplication>
#include <QCommandLineParser>

#include "main_window.h"

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("BatchNorm Lab"));
  QApplication::setOrganizationName(QStringLiteral("bnlab"));
  QApplication::setApplicationVersion(QStringLiteral(BNLAB_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Trains a small neural network live and shows each hidden layer's distribution over "
      "time, with batch normalization on and off."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.process(app);

  bnlab::MainWindow window;
  window.show();
  return QApplication::exec();
}
