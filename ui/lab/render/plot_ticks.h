#pragma once
// Where an axis puts its ticks and what they say: "nice" numbers (1, 2, 2.5, 5 × 10ᵏ apart) or
// the categories of a category axis, labelled with as many decimals as the step needs.
#include <QString>
#include <QStringList>
#include <QVector>

#include "render/plot_model.h"

namespace bnlab::plot {

// "Nice" tick positions (1, 2, 2.5, 5 × 10ᵏ steps) covering [min, max], about `target` of them.
QVector<double> niceTicks(double min, double max, int target);
// Ticks of a log step axis: 0 and the powers of ten in [min, max].
QVector<double> logTicks(double min, double max);
// The step the labels of `ticks` are written for: the distance between ticks, or with a single
// tick the tick itself (so 0.5 alone reads "0.5", not "1").
double tickStep(const QVector<double>& ticks);
// A tick's label: 12k on a step axis, 0.25 with a step of 0.25; never "-0".
QString formatTick(double value, double step, AxisFormat format);

// Every category (0, 1, …) on a category axis, else niceTicks.
QVector<double> axisTicks(const QStringList& categories, double min, double max, int target);
// The category's name on a category axis, else formatTick.
QString tickLabel(const QStringList& categories, double value, double step, AxisFormat format);

}  // namespace bnlab::plot
