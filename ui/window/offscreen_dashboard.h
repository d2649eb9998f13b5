#pragma once
// The window, laid out offscreen, for the pictures a headless run takes of the whole window or
// dashboard. Everything else a headless run writes comes from the lab without a window.
#include <QJsonObject>
#include <memory>

#include "config/config_json.h"
#include "report/dashboard_picture.h"

namespace bnlab {

// A window of `size` that trains nothing and shows the snapshots it is given, with `caption`'s
// name and description above the charts when it has a name.
std::unique_ptr<DashboardPicture> offscreenDashboard(const ExperimentConfig& config,
                                                     const Preset& caption, QSize size);

// The window of `size` showing a lesson finished headless: the lesson read from `lessonFile`, or
// else the built-in lesson `lessonId`, with its conclusion for `snapshot` and the chart it frames.
QImage finishedLessonPicture(const QString& lessonFile, const QString& lessonId,
                             const SnapshotPtr& snapshot, const QJsonObject& remembered,
                             QSize size);

}  // namespace bnlab
