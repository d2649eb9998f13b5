#include "session/run_caption.h"

#include <QObject>
#include <QStringList>
#include <algorithm>

#include "charts/palette.h"

namespace bnlab {

namespace {

QString coloured(const QString& text, const QColor& color) {
  return QStringLiteral("<span style='color:%1'><b>%2</b></span>")
      .arg(color.name(), text.toHtmlEscaped());
}

// The lines of normalizationLines, each on a line of its own after the caption.
QString onLinesBelow(const QStringList& lines) {
  return lines.isEmpty() ? QString() : QStringLiteral("<br>") + lines.join(QStringLiteral("<br>"));
}

}  // namespace

QStringList normalizationLines(const std::vector<RunSpec>& runs, bool all) {
  QStringList lines;
  std::vector<Normalization> seen;
  for (const RunSpec& run : runs) {
    const Normalization kind = run.normalization;
    const bool basic = kind == Normalization::None || kind == Normalization::BatchNorm;
    if ((basic && !all) || std::find(seen.begin(), seen.end(), kind) != seen.end()) continue;
    seen.push_back(kind);
    const NormalizationInfo& info = normalizationInfo(kind);
    lines << QStringLiteral("<b>%1</b>: %2")
                 .arg(QString::fromUtf8(info.label.data(), qsizetype(info.label.size()))
                          .toHtmlEscaped(),
                      QString::fromUtf8(info.description.data(), qsizetype(info.description.size()))
                          .toHtmlEscaped());
  }
  return lines;
}

QString runsCaption(const ExperimentConfig& config) {
  const QString start = QObject::tr("Press Space to train or pause.");
  const QString help = QObject::tr("Help → What am I looking at? (F1) explains every chart.");
  const std::vector<RunSpec>& runs = config.runs;
  if (runs.size() == 1)
    return QObject::tr(
               "%1 One network: switch batch norm on and off while it trains (B, or the "
               "Training box); W is kept, and every chart over steps marks the switch. %2")
               .arg(start, help) +
           onLinesBelow(normalizationLines(runs, false));
  QStringList named;
  bool sameBatches = true;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    named << coloured(QString::fromStdString(runLabel(runs[r])), palette::runColor(int(r)));
    sameBatches = sameBatches && runs[r].batchSize.value_or(config.batchSize) ==
                                     runs.front().batchSize.value_or(config.batchSize);
  }
  const QString together =
      sameBatches ? QObject::tr("from the same initial weights on the same mini-batches")
                  : QObject::tr(
                        "from the same initial weights; runs with the same "
                        "batch size see the same mini-batches");
  return QObject::tr("%1 %2 runs side by side, %3: %4. %5")
             .arg(start)
             .arg(runs.size())
             .arg(together, named.join(QStringLiteral(", ")), help) +
         onLinesBelow(normalizationLines(runs, false));
}

}  // namespace bnlab
