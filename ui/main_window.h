#pragma once
#include <QMainWindow>

namespace bnlab {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace bnlab
