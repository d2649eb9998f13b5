#include "panels/plot_widget.h"

#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>
#include <algorithm>

#include "render/plot_renderer.h"

namespace bnlab::plot {

namespace {
// The point of `points` (ascending x) nearest to x.
const QPointF* nearestByX(const QVector<QPointF>& points, double x) {
  if (points.isEmpty()) return nullptr;
  auto it = std::lower_bound(points.begin(), points.end(), x,
                             [](const QPointF& p, double v) { return p.x() < v; });
  if (it == points.end()) return &points.back();
  if (it != points.begin() && x - (it - 1)->x() < it->x() - x) --it;
  return &*it;
}
}  // namespace

PlotWidget::PlotWidget(QWidget* parent) : QWidget(parent), corner_(new QToolButton(this)) {
  setMouseTracking(true);
  setAttribute(Qt::WA_OpaquePaintEvent);
  corner_->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
  corner_->setIconSize({14, 14});
  corner_->setAutoRaise(true);
  corner_->setToolTip(tr("Save or copy this chart (also on the right mouse button)"));
  corner_->setPopupMode(QToolButton::InstantPopup);
  corner_->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; }"));
  corner_->setMenu(buildMenu(corner_));
  corner_->hide();
  corner_->setObjectName(QLatin1String(kCornerButtonName));
}

QMenu* PlotWidget::buildMenu(QWidget* parent) {
  auto* menu = new QMenu(parent);
  const std::pair<QString, ChartAction> entries[] = {
      {tr("Save as &PNG…"), ChartAction::SavePng},
      {tr("Save as &SVG…"), ChartAction::SaveSvg},
      {tr("&Copy image"), ChartAction::CopyImage},
      {tr("Save &data as CSV…"), ChartAction::SaveCsv},
      {tr("&Record animation…"), ChartAction::RecordAnimation}};
  for (const auto& [label, action] : entries) {
    if (action == ChartAction::RecordAnimation) menu->addSeparator();
    menu->addAction(label, this, [this, action = action] { emit actionRequested(action); });
  }
  return menu;
}

void PlotWidget::contextMenuEvent(QContextMenuEvent* event) {
  QMenu* menu = buildMenu(this);
  menu->setAttribute(Qt::WA_DeleteOnClose);
  menu->popup(event->globalPos());
}

void PlotWidget::enterEvent(QEnterEvent*) { corner_->show(); }

void PlotWidget::resizeEvent(QResizeEvent*) {
  const QSize size = corner_->sizeHint();
  corner_->setGeometry(width() - size.width() - 1, 1, size.width(), size.height());
}

void PlotWidget::setModel(PlotModel model) {
  model_ = std::move(model);
  model_.xLog = logSteps_ && model_.xFormat == AxisFormat::Steps;
  update();
}

void PlotWidget::setLogSteps(bool logSteps) {
  logSteps_ = logSteps;
  setModel(std::move(model_));
}

void PlotWidget::render(QPainter& painter, const QRectF& area) const {
  renderPlot(painter, area, model_);
}

void PlotWidget::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  render(painter, rect());
  if (hovering_) drawReadout(painter);
}

void PlotWidget::mouseMoveEvent(QMouseEvent* event) {
  mouse_ = event->position();
  hovering_ = true;
  update();
}

void PlotWidget::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  const PlotGeometry g = layoutPlot(rect(), model_, font());
  if (g.plotArea.contains(event->position())) emit clicked(g.toData(event->position()));
}

void PlotWidget::leaveEvent(QEvent*) {
  hovering_ = false;
  corner_->setVisible(corner_->menu()->isVisible());
  update();
}

void PlotWidget::drawReadout(QPainter& painter) const {
  const PlotGeometry g = layoutPlot(rect(), model_, painter.font());
  if (!g.plotArea.contains(mouse_)) return;
  const QPointF data = g.toData(mouse_);
  QStringList lines;
  const bool steps = model_.xFormat == AxisFormat::Steps;
  if (!model_.lines.empty() && (steps || model_.scatters.empty())) {
    const QPointF* anchor = nullptr;
    for (const Line& line : model_.lines) {
      const QPointF* p = nearestByX(line.points, data.x());
      if (!p) continue;
      if (!anchor) anchor = p;
      lines << QStringLiteral("%1: %2")
                   .arg(line.name.isEmpty() ? tr("value") : line.name)
                   .arg(p->y(), 0, 'g', 4);
    }
    if (!anchor) return;
    lines.prepend(steps ? tr("step %1").arg(qint64(anchor->x()))
                        : QStringLiteral("x = %1").arg(anchor->x(), 0, 'g', 4));
    const qreal px = g.toPixel(*anchor).x();
    painter.setPen(QPen(QColor(0, 0, 0, 90), 1));
    painter.drawLine(QPointF(px, g.plotArea.top()), QPointF(px, g.plotArea.bottom()));
  } else {
    lines << QStringLiteral("x = %1").arg(data.x(), 0, 'g', 4)
          << QStringLiteral("y = %1").arg(data.y(), 0, 'g', 4);
  }
  QFont font = painter.font();
  font.setPointSizeF(8);
  painter.setFont(font);
  const QFontMetricsF metrics(font);
  qreal width = 0;
  for (const QString& l : lines) width = std::max(width, metrics.horizontalAdvance(l));
  QRectF box(mouse_ + QPointF(12, 12), QSizeF(width + 10, metrics.height() * lines.size() + 6));
  if (box.right() > rect().right()) box.moveRight(mouse_.x() - 12);
  if (box.bottom() > rect().bottom()) box.moveBottom(mouse_.y() - 12);
  painter.setPen(QColor(0x9a, 0xa0, 0xa6));
  painter.setBrush(QColor(255, 255, 250, 235));
  painter.drawRoundedRect(box, 3, 3);
  painter.setPen(QColor(0x20, 0x21, 0x24));
  for (int i = 0; i < lines.size(); ++i)
    painter.drawText(
        QRectF(box.left() + 5, box.top() + 3 + i * metrics.height(), width + 2, metrics.height()),
        Qt::AlignLeft | Qt::AlignVCenter, lines[i]);
}

}  // namespace bnlab::plot
