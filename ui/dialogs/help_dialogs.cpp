#include "dialogs/help_dialogs.h"

#include <Eigen/Core>
#include <QApplication>
#include <QMessageBox>

namespace bnlab {

void showWhatAmILookingAt(QWidget* parent) {
  QMessageBox box(parent);
  box.setWindowTitle(QObject::tr("What am I looking at?"));
  box.setTextFormat(Qt::RichText);
  box.setText(QObject::tr(
      "<p>A small network learns to classify the points of the decision plane while you watch "
      "every hidden layer. In compare mode the <span style='color:#E69F00'><b>plain</b></span> "
      "network and its <span style='color:#0072B2'><b>batch-norm</b></span> twin start from the "
      "same weights and see the same mini-batches. <i>Edit runs…</i> (or <tt>--runs</tt>) trains "
      "up to four runs side by side — batch norm at batch 64 beside batch 512, dropout beside "
      "batch "
      "norm — each in its own colour: orange, blue, green, purple.</p>"
      "<ol>"
      "<li><b>Normalizing hidden units, like normalizing inputs.</b> Standardizing input features "
      "with very different ranges speeds up learning (preset <i>Input normalization</i>); batch "
      "norm does the same for each hidden unit's Z.</li>"
      "<li><b>Covariate shift inside the network.</b> Layer 3 sees the outputs of layers 1 and 2, "
      "which keep moving as their weights learn: watch the plain twin's bands drift and its "
      "<i>shift</i> stay high (preset <i>Covariate shift inside the network</i>).</li>"
      "<li><b>What batch norm guarantees.</b> Whatever earlier layers do, each unit of Z̃ keeps "
      "the mean β and standard deviation γ the network learns: the blue bands are governed by γ "
      "and β (dashed beside the mean and std), not by the earlier layers. Kick layer 1's weights "
      "(K) and compare how far the later layers move.</li>"
      "<li><b>A slight regularization effect.</b> Each batch is normalized with its own noisy "
      "mean and variance; smaller batches mean more noise. Set a layer's source to "
      "<i>Training batch</i> and move the batch-size slider.</li>"
      "<li><b>Test time.</b> A single example has no batch: evaluation uses running averages "
      "of μ and σ² kept during training. Accuracy is always measured that way here.</li>"
      "</ol>"
      "<p><b>Charts per layer</b>: percentile bands over steps (median, ±0.5, 1, 1.5σ of a "
      "normal, min–max) on a fixed probe batch; the histogram now; mean and std over steps; "
      "units 1 and 2 against each other; the shift per 100 steps (1-Wasserstein). With View → "
      "Gradient shift from earlier layers, also internal covariate shift as Santurkar et al. "
      "(2018) measure it: how much the layer's weight gradient G changes (‖G − G′‖/‖G‖, and "
      "the cosine of G and G′) when the earlier layers take their update of the same step.</p>"));
  box.exec();
}

void showAboutBox(QWidget* parent) {
  QMessageBox::about(
      parent, QObject::tr("About BatchNorm Lab"),
      QObject::tr("<h3>BatchNorm Lab %1</h3><p>Watch batch normalization at work on a "
                  "network training live.</p><p>Qt %2 · Eigen %3.%4.%5</p>")
          .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()))
          .arg(EIGEN_WORLD_VERSION)
          .arg(EIGEN_MAJOR_VERSION)
          .arg(EIGEN_MINOR_VERSION));
}

}  // namespace bnlab
