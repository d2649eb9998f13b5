// Why the charts are drawn by our own renderer: the dashboard's charts (4 hidden layers, every
// history at its 512 points, both twins) drawn each frame by renderPlot (ui/plot) and by
// Qt Charts, at the size each chart has in a 1600 × 1300 window, interleaved in one loop.
//
// Qt Charts draws what it can of each PlotModel: lines (QLineSeries), bands (QAreaSeries
// between two QLineSeries), scatters (QScatterSeries) and histograms (one QAreaSeries outline per
// Bars), on QValueAxis ranges. It has no heat-map cells, no image backdrop (the decision plane's
// shading), no markers and no in-plot legend placement, so its charts show less than ours. A live
// frame replaces every series' points (the data moved), lets Qt Charts lay out (its axes and
// legend update in posted events), then renders. Counters: milliseconds per
// dashboard frame for each, and their ratio (Qt Charts / ours).
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QLineSeries>
#include <QPainter>
#include <QScatterSeries>
#include <QTest>
#include <QValueAxis>
#include <memory>

#include "dashboard_fixture.h"
#include "render/plot_renderer.h"
#include "window/main_window.h"

using namespace bnlab;
using bench::dashboardConfig;
using bench::fullSnapshot;

namespace {

// One chart's model and its size on the dashboard.
struct Chart {
  plot::PlotModel model;
  QSize size;
};

std::vector<Chart> dashboardCharts(MainWindow& window) {
  std::vector<Chart> charts;
  const auto add = [&](const std::vector<plot::PlotWidget*>& widgets) {
    for (const plot::PlotWidget* w : widgets)
      if (w->isVisible() && w->width() > 0) charts.push_back({w->model(), w->size()});
  };
  for (const LayerPanel* panel : window.layerPanels()) add(panel->plots());
  add(window.metrics()->plots());
  return charts;
}

// A histogram's outline: (start, 0), then each bar's top corners, then (end, 0).
QList<QPointF> barOutline(const plot::Bars& bars) {
  QList<QPointF> points{{bars.start, 0}};
  for (int i = 0; i < bars.heights.size(); ++i) {
    const double left = bars.start + i * bars.width;
    points << QPointF(left, bars.heights[i]) << QPointF(left + bars.width, bars.heights[i]);
  }
  points << QPointF(bars.start + double(bars.heights.size()) * bars.width, 0);
  return points;
}

// A Qt Charts chart holding the series of one model; fill() puts the model's points in them.
class QtChartsChart {
 public:
  explicit QtChartsChart(const Chart& chart) : model_(chart.model) {
    chart_ = new QChart;
    scene_.addItem(chart_);
    chart_->setTitle(model_.title);
    chart_->resize(chart.size);
    chart_->legend()->setVisible(model_.legend);
    x_ = new QValueAxis;
    y_ = new QValueAxis;
    x_->setTitleText(model_.xLabel);
    y_->setTitleText(model_.yLabel);
    chart_->addAxis(x_, Qt::AlignBottom);
    chart_->addAxis(y_, Qt::AlignLeft);
    for (const plot::Band& band : model_.bands) {
      auto* lower = new QLineSeries(chart_);
      auto* upper = new QLineSeries(chart_);
      auto* area = new QAreaSeries(upper, lower);
      area->setName(band.name);
      area->setColor(band.color);
      add(area);
      bandSeries_.push_back({lower, upper});
    }
    for (const plot::Bars& bars : model_.bars) {
      auto* outline = new QLineSeries(chart_);
      auto* area = new QAreaSeries(outline);
      area->setName(bars.name);
      area->setColor(bars.color);
      add(area);
      barSeries_.push_back(outline);
    }
    for (const plot::Line& line : model_.lines) {
      auto* series = new QLineSeries;
      series->setName(line.name);
      series->setPen(QPen(line.color, line.width, line.style));
      add(series);
      lineSeries_.push_back(series);
    }
    for (const plot::Scatter& scatter : model_.scatters) {
      auto* series = new QScatterSeries;
      series->setName(scatter.name);
      series->setColor(scatter.color);
      series->setMarkerSize(2 * scatter.radius);
      add(series);
      scatterSeries_.push_back(series);
    }
  }

  // The frame's data: every series' points replaced, axes set to the model's ranges.
  void fill() {
    for (std::size_t i = 0; i < bandSeries_.size(); ++i) {
      bandSeries_[i].first->replace(model_.bands[i].lower);
      bandSeries_[i].second->replace(model_.bands[i].upper);
    }
    for (std::size_t i = 0; i < barSeries_.size(); ++i)
      barSeries_[i]->replace(barOutline(model_.bars[i]));
    for (std::size_t i = 0; i < lineSeries_.size(); ++i)
      lineSeries_[i]->replace(model_.lines[i].points);
    for (std::size_t i = 0; i < scatterSeries_.size(); ++i)
      scatterSeries_[i]->replace(model_.scatters[i].points);
    plot::Range x, y;
    plot::dataRanges(model_, x, y);
    x_->setRange(x.min, x.max);
    y_->setRange(y.min, y.max);
  }

  void render(QPainter& painter, const QRectF& target) {
    scene_.render(&painter, target, chart_->geometry());
  }

 private:
  void add(QAbstractSeries* series) {
    chart_->addSeries(series);
    series->attachAxis(x_);
    series->attachAxis(y_);
  }

  const plot::PlotModel& model_;
  QGraphicsScene scene_;
  QChart* chart_ = nullptr;  // owned by scene_
  QValueAxis *x_ = nullptr, *y_ = nullptr;
  std::vector<std::pair<QLineSeries*, QLineSeries*>> bandSeries_;
  std::vector<QLineSeries*> barSeries_, lineSeries_;
  std::vector<QScatterSeries*> scatterSeries_;
};

}  // namespace

static void BM_DashboardFrame_QtChartsAgainstOurs(benchmark::State& state) {
  const SnapshotPtr snapshot = fullSnapshot();
  MainWindow window(dashboardConfig(), MainWindow::Start::Paused);
  window.resize(1600, 1300);
  window.show();
  QTest::qWait(200);  // laid out, and the paused controller's first snapshot shown
  window.showSnapshot(snapshot);
  const std::vector<Chart> charts = dashboardCharts(window);
  std::vector<std::unique_ptr<QtChartsChart>> qtCharts;
  for (const Chart& chart : charts) qtCharts.push_back(std::make_unique<QtChartsChart>(chart));
  for (const auto& chart : qtCharts) chart->fill();
  QTest::qWait(100);
  QImage image(1600, 1300, QImage::Format_ARGB32_Premultiplied);
  qint64 oursNs = 0, theirsNs = 0;
  QElapsedTimer timer;
  for (auto _ : state) {
    image.fill(Qt::white);
    timer.start();
    {
      QPainter painter(&image);
      painter.setRenderHint(QPainter::Antialiasing);
      for (const Chart& chart : charts)
        plot::renderPlot(painter, QRectF(QPointF(0, 0), QSizeF(chart.size)), chart.model);
    }
    oursNs += timer.nsecsElapsed();
    image.fill(Qt::white);
    timer.start();
    {
      QPainter painter(&image);
      painter.setRenderHint(QPainter::Antialiasing);
      for (const auto& chart : qtCharts) chart->fill();
      QCoreApplication::processEvents();  // Qt Charts lays out its axes and legend in events
      for (std::size_t i = 0; i < charts.size(); ++i)
        qtCharts[i]->render(painter, QRectF(QPointF(0, 0), QSizeF(charts[i].size)));
    }
    theirsNs += timer.nsecsElapsed();
  }
  const double frames = double(state.iterations());
  state.counters["charts"] = double(charts.size());
  state.counters["ours_ms"] = double(oursNs) / frames / 1e6;
  state.counters["qt_charts_ms"] = double(theirsNs) / frames / 1e6;
  state.counters["ratio"] = double(theirsNs) / double(std::max<qint64>(oursNs, 1));
}
BENCHMARK(BM_DashboardFrame_QtChartsAgainstOurs)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0)
    ->UseRealTime();
