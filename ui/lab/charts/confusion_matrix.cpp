#include "charts/confusion_matrix.h"

#include <QObject>

#include "charts/chart_common.h"

namespace bnlab {

using namespace plot;

namespace {
QString tr(const char* text) { return QObject::tr(text); }
}  // namespace

PlotModel confusionMatrix(const Snapshot& snap, int runIndex) {
  PlotModel m;
  m.title = runViewTitle(snap, runIndex, tr("Test confusion"));
  m.xLabel = tr("predicted class");
  m.emptyText = tr("No evaluation yet");
  m.legend = false;
  if (snap.runs.empty()) return m;
  const Evaluation& test = snap.runs[std::size_t(runIndex)].test;
  const int k = test.classes;
  if (k < 2 || test.confusion.size() != std::size_t(k * k)) return m;
  Cells cells{.name = tr("share of the true class"),
              .color = runColor(snap, runIndex),
              .rows = k,
              .columns = k,
              .rect = QRectF(QPointF(-0.5, -0.5), QPointF(k - 0.5, k - 0.5)),
              .values = std::vector<double>(std::size_t(k * k))};
  for (int r = 0; r < k; ++r) {
    double total = 0;
    for (int c = 0; c < k; ++c) total += test.confusion[std::size_t(r * k + c)];
    for (int c = 0; c < k; ++c)
      cells.values[std::size_t(r * k + c)] =
          total > 0 ? test.confusion[std::size_t(r * k + c)] / total : 0;
  }
  m.cells.push_back(std::move(cells));
  // Row 0 (class 0) at the top: y = k − 1 − class.
  const std::vector<std::string>& names =
      snap.data ? snap.data->test.classNames : std::vector<std::string>{};
  for (int y = 0; y < k; ++y) {
    const int c = k - 1 - y;
    m.yCategories << (std::size_t(c) < names.size() ? QString::fromStdString(names[std::size_t(c)])
                                                    : QString::number(c));
  }
  for (int c = 0; c < k; ++c) m.xCategories << QString::number(c);
  m.xRange = Range{-0.5, k - 0.5};
  m.yRange = Range{-0.5, k - 0.5};
  m.note = tr("accuracy %1%").arg(test.accuracy * 100, 0, 'f', 1);
  return m;
}

}  // namespace bnlab
