#include "charts/chart_common.h"

#include <QObject>
#include <algorithm>

#include "charts/palette.h"
#include "experiment/run_spec.h"

namespace bnlab {

namespace {

QString tr(const char* text) { return QObject::tr(text); }

// Vertical markers where batch norm was switched; toggle i switched it to the state it has
// after every later toggle is undone.
std::vector<plot::Marker> toggleMarkers(const Snapshot& snap, bool batchNormNow) {
  std::vector<plot::Marker> markers;
  const auto& toggles = snap.batchNormToggles;
  for (std::size_t i = 0; i < toggles.size(); ++i) {
    const bool laterToggles = (toggles.size() - 1 - i) % 2 == 1;
    const bool switchedOn = laterToggles ? !batchNormNow : batchNormNow;
    markers.push_back({.x = double(toggles[i]),
                       .label = switchedOn ? tr("BN on") : tr("BN off"),
                       .color = palette::kMarker});
  }
  for (const Snapshot::Perturbation& kick : snap.perturbations)
    markers.push_back({.x = double(kick.step),
                       .label = tr("kick W%1").arg(kick.layer + 1),
                       .color = palette::kKickMarker});
  return markers;
}

// Lower-case letters and digits, every other run of characters one '-'.
QString slug(const QString& text) {
  QString out;
  for (const QChar c : text.toLower()) {
    if (c.isLetterOrNumber())
      out += c;
    else if (!out.isEmpty() && !out.endsWith(QLatin1Char('-')))
      out += QLatin1Char('-');
  }
  while (out.endsWith(QLatin1Char('-'))) out.chop(1);
  return out;
}

}  // namespace

bool multiRun(const Snapshot& snap) { return snap.runs.size() > 1; }

bool anyNormalized(const Snapshot& snap) {
  return std::any_of(snap.runs.begin(), snap.runs.end(),
                     [](const RunSnapshot& r) { return r.normalized; });
}

bool crowded(const Snapshot& snap) { return snap.runs.size() > 2; }

QString runName(const RunSnapshot& run) { return QString::fromStdString(run.name); }

QColor runColor(const Snapshot& snap, int run) {
  return multiRun(snap) ? palette::runColor(run) : palette::kBlue;
}

QString runFileName(const Snapshot& snap, int run) {
  const auto fileName = [&](int r) {
    const QString name = slug(QString::fromStdString(runLabel(snap.runs[std::size_t(r)].spec)));
    return name.isEmpty() ? QStringLiteral("run-%1").arg(r + 1) : name;
  };
  // Labels are unique, their slugs need not be: a later run that repeats one gets its number.
  const QString name = fileName(run);
  for (int r = 0; r < run; ++r)
    if (fileName(r) == name) return QStringLiteral("%1-%2").arg(name).arg(run + 1);
  return name;
}

QString runViewTitle(const Snapshot& snap, int run, const QString& what) {
  if (!multiRun(snap)) return what;
  const QString name = runName(snap.runs[std::size_t(run)]);
  return crowded(snap) ? QStringLiteral("%1: %2").arg(name, what.toLower())
                       : QStringLiteral("%1: %2").arg(what, name);
}

plot::PlotModel overSteps(const Snapshot& snap, const QString& title, const QString& yLabel) {
  plot::PlotModel m;
  m.title = title;
  m.xLabel = tr("step");
  m.yLabel = yLabel;
  m.xFormat = plot::AxisFormat::Steps;
  if (!snap.runs.empty()) m.markers = toggleMarkers(snap, snap.runs.front().batchNorm);
  return m;
}

QVector<QPointF> toPoints(const HistoryView& history) {
  QVector<QPointF> points;
  points.reserve(qsizetype(history.size()));
  history.forEach([&](const HistoryPoint& p) { points.append(QPointF(double(p.step), p.value)); });
  return points;
}

}  // namespace bnlab
