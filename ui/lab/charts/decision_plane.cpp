#include "charts/decision_plane.h"

#include <QObject>

#include "charts/chart_common.h"
#include "charts/palette.h"

namespace bnlab {

using namespace plot;

namespace {
QString tr(const char* text) { return QObject::tr(text); }
}  // namespace

PlotModel decisionPlane(const Snapshot& snap, int runIndex) {
  PlotModel m;
  m.title = runViewTitle(snap, runIndex, tr("Decision plane"));
  m.note = tr("● train  ○ test");
  m.xLabel = QStringLiteral("x₁");
  m.yLabel = QStringLiteral("x₂");
  m.emptyText = tr("2-D data only");
  if (snap.runs.empty() || !snap.data) return m;
  const DecisionMap& map = snap.runs[std::size_t(runIndex)].decisionMap;
  if (map.empty()) return m;
  const int classes = std::max(2, snap.data->train.classes);
  QImage image(map.columns, map.rows, QImage::Format_RGB32);
  for (int r = 0; r < map.rows; ++r) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(map.rows - 1 - r));  // top row = max y
    for (int c = 0; c < map.columns; ++c) {
      const std::size_t i = std::size_t(r) * std::size_t(map.columns) + std::size_t(c);
      const double floor = 1.0 / classes;
      const double strength =
          0.15 + 0.5 * std::clamp((map.confidence[i] - floor) / (1 - floor), 0.0, 1.0);
      const QColor base = palette::classColor(map.classes[i]);
      line[c] =
          qRgb(int(255 + (base.red() - 255) * strength), int(255 + (base.green() - 255) * strength),
               int(255 + (base.blue() - 255) * strength));
    }
  }
  m.backdrop = Backdrop{image, QRectF(QPointF(map.xMin, map.yMin), QPointF(map.xMax, map.yMax))};
  m.xRange = Range{map.xMin, map.xMax};
  m.yRange = Range{map.yMin, map.yMax};
  // A true map of the plane, unless the features' ranges are too uneven to show one that way.
  const double aspect = (map.xMax - map.xMin) / (map.yMax - map.yMin);
  m.equalAspect = aspect > 0.25 && aspect < 4;
  const auto addPoints = [&](const Dataset& data, bool outline) {
    std::vector<Scatter> byClass(static_cast<std::size_t>(classes));
    for (int k = 0; k < classes; ++k)
      byClass[std::size_t(k)] = {.color = palette::classColor(k).darker(outline ? 100 : 115),
                                 .radius = outline ? 2.6 : 2.0,
                                 .outline = outline,
                                 .inLegend = false};
    const int limit = std::min(data.size(), 1500);
    for (int i = 0; i < limit; ++i)
      byClass[std::size_t(data.labels[std::size_t(i)])].points.append(
          QPointF(data.features(0, i), data.features(1, i)));
    for (Scatter& s : byClass) m.scatters.push_back(std::move(s));
  };
  if (snap.data->train.dimensions() == 2) {
    addPoints(snap.data->train, false);
    addPoints(snap.data->test, true);
  }
  const SinglePrediction& chosen = snap.runs[std::size_t(runIndex)].chosen;
  if (chosen.valid) {
    m.scatters.push_back({.name = tr("chosen"),
                          .color = QColor(0x20, 0x21, 0x24),
                          .points = {QPointF(chosen.x, chosen.y)},
                          .radius = 5.0,
                          .outline = true,
                          .inLegend = false});
    m.note = tr("running: c%1 %2% · own stats: c%3 %4%")
                 .arg(chosen.evalClass + 1)
                 .arg(chosen.evalConfidence * 100, 0, 'f', 0)
                 .arg(chosen.aloneClass + 1)
                 .arg(chosen.aloneConfidence * 100, 0, 'f', 0);
  }
  m.legend = false;
  return m;
}

}  // namespace bnlab
