#include "tcpinfoview.h"

#include <QCheckBox>
#include <QFile>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QTextStream>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace tcplab {

using Metric = TcpInfoModel::Metric;
using End = TcpInfoModel::End;
using Unit = TcpInfoModel::Unit;

namespace {

QColor metricColor(Metric m)
{
    static const QColor colors[] = {QColor(0x1c, 0x5d, 0x99), QColor(0x7b, 0x3f, 0x9e), QColor(0x2f, 0x7d, 0x32),
                                    QColor(0x2f, 0x7d, 0x32), QColor(0xc7, 0x6b, 0x00), QColor(0x00, 0x83, 0x8f),
                                    QColor(0xb0, 0x2a, 0x37)};
    return colors[int(m)];
}

// A round upper bound for an axis whose quarters are round too.
double niceCeil(double v)
{
    if (!(v > 0))
        return 1;
    const double mag = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 1.2, 1.6, 2.0, 2.4, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0}) {
        if (m * mag >= v)
            return m * mag;
    }
    return 10 * mag;
}

// A round time step: 1, 2 or 5 times a power of ten.
double niceStep(double v)
{
    if (!(v > 0))
        return 1;
    const double mag = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * mag >= v)
            return m * mag;
    }
    return 10 * mag;
}

QString axisNumber(double v, Unit unit)
{
    if (unit == TcpInfoModel::BitsPerSecond) {
        if (v >= 1e9)
            return QStringLiteral("%1G").arg(v / 1e9, 0, 'g', 3);
        if (v >= 1e6)
            return QStringLiteral("%1M").arg(v / 1e6, 0, 'g', 3);
        if (v >= 1e3)
            return QStringLiteral("%1k").arg(v / 1e3, 0, 'g', 3);
    }
    return QString::number(v, 'g', 4);
}

} // namespace

class TcpInfoPlot : public QWidget
{
public:
    explicit TcpInfoPlot(TcpInfoView *view) : QWidget(view), m_view(view)
    {
        setObjectName(QStringLiteral("tcpInfoPlot"));
        setBackgroundRole(QPalette::Base);
        setAutoFillBackground(true);
        setFocusPolicy(Qt::StrongFocus);
        setMinimumHeight(fontMetrics().height() * 10);
    }

    QRectF plotRect() const
    {
        const QFontMetricsF fm(font());
        const double axis = fm.horizontalAdvance(QStringLiteral("000.0M")) + fm.height() * 0.8;
        const double top = fm.height() * 2.2; // the legend's line above the plot
        const double right = axis * (m_view->metricShown(TcpInfoModel::DeliveryRate) ? 2 : 1);
        return QRectF(axis, top, std::max(10.0, width() - axis - right), std::max(10.0, height() - top - fm.height() * 2.4));
    }
    // The time span drawn: the view's, or the whole series when it has none.
    void span(qint64 *from, qint64 *to) const
    {
        *from = m_view->m_fromNs;
        *to = m_view->m_toNs;
        if (*to > *from)
            return;
        const QList<wire::TcpInfoSample> &s = m_view->m_model->samples();
        *from = s.isEmpty() ? 0 : s.first().timeNs;
        *to = s.isEmpty() ? 1 : std::max(s.last().timeNs, *from + 1000000);
    }
    double xForNs(qint64 ns) const
    {
        qint64 from, to;
        span(&from, &to);
        const QRectF r = plotRect();
        return r.left() + double(ns - from) / double(to - from) * r.width();
    }
    qint64 nsForX(double x) const
    {
        qint64 from, to;
        span(&from, &to);
        const QRectF r = plotRect();
        return from + qint64((x - r.left()) / r.width() * double(to - from));
    }

    QList<QPointF> curves[TcpInfoModel::EndCount][TcpInfoModel::MetricCount];

protected:
    void paintEvent(QPaintEvent *) override;
    void wheelEvent(QWheelEvent *event) override
    {
        const double steps = event->angleDelta().y() / 120.0;
        if (event->modifiers() & Qt::ControlModifier)
            m_view->zoom(std::pow(1.25, -steps), nsForX(event->position().x()));
        else
            m_view->pan(-0.1 * steps);
        event->accept();
    }
    void keyPressEvent(QKeyEvent *event) override
    {
        switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal: m_view->zoom(1 / 1.5); return;
        case Qt::Key_Minus: m_view->zoom(1.5); return;
        case Qt::Key_Left: m_view->pan(-0.1); return;
        case Qt::Key_Right: m_view->pan(0.1); return;
        default: QWidget::keyPressEvent(event);
        }
    }

private:
    TcpInfoView *m_view;
};

void TcpInfoPlot::paintEvent(QPaintEvent *)
{
    for (auto &end : curves) {
        for (QList<QPointF> &c : end)
            c.clear();
    }
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(font());
    const double line = std::max(1.0, fm.height() / 8.0);
    const QPalette pal = palette();
    const QRectF r = plotRect();
    const TcpInfoModel *model = m_view->m_model;
    const QList<wire::TcpInfoSample> &samples = model->samples();

    painter.setPen(QPen(pal.color(QPalette::Text), line / 1.5));
    painter.drawRect(r);
    if (samples.isEmpty()) {
        const QString why = model->connection() == 0 ? TcpInfoView::tr("No connection selected: pick one in the Connection list.")
            : !model->missingReason().isEmpty()       ? TcpInfoView::tr("No TCP_INFO samples: %1.").arg(model->missingReason())
                                                      : TcpInfoView::tr("No TCP_INFO samples for this connection yet.");
        painter.drawText(r, Qt::AlignCenter | Qt::TextWordWrap, why);
        return;
    }

    // One scale per unit, from every sample of the metrics shown (so panning keeps the scale).
    double maxOf[TcpInfoModel::UnitCount] = {0, 0, 0};
    bool unitShown[TcpInfoModel::UnitCount] = {false, false, false};
    for (int m = 0; m < TcpInfoModel::MetricCount; ++m) {
        if (!m_view->metricShown(Metric(m)))
            continue;
        const Unit u = TcpInfoModel::unitOf(Metric(m));
        unitShown[u] = true;
        for (int e = 0; e < TcpInfoModel::EndCount; ++e) {
            if (!m_view->endShown(End(e)))
                continue;
            for (const wire::TcpInfoSample &s : samples) {
                double v = TcpInfoModel::value(s, End(e), Metric(m));
                if (m == TcpInfoModel::Rttvar) // the band around srtt
                    v += TcpInfoModel::value(s, End(e), TcpInfoModel::Srtt);
                if (!std::isnan(v))
                    maxOf[u] = std::max(maxOf[u], v);
            }
        }
    }
    for (double &m : maxOf)
        m = niceCeil(m);
    auto yFor = [&](double v, Unit u) { return r.bottom() - v / maxOf[u] * r.height(); };

    // Axes: segments left, ms right, bit/s further right; ticks at quarters.
    const double axisGap = fm.height() * 0.4;
    const double rightAxisX[TcpInfoModel::UnitCount] = {r.left(), r.right(), r.right() + plotRect().left()};
    for (int u = 0; u < TcpInfoModel::UnitCount; ++u) {
        if (!unitShown[u])
            continue;
        const double x = rightAxisX[u];
        painter.setPen(QPen(pal.color(QPalette::Text), line / 1.5));
        if (u == TcpInfoModel::BitsPerSecond)
            painter.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
        for (int i = 0; i <= 4; ++i) {
            const double v = maxOf[u] * i / 4;
            const double y = yFor(v, Unit(u));
            const QString text = axisNumber(v, Unit(u));
            const double w = fm.horizontalAdvance(text);
            const QRectF box = u == TcpInfoModel::Segments ? QRectF(x - axisGap - w, y - fm.height() / 2, w, fm.height())
                                                           : QRectF(x + axisGap, y - fm.height() / 2, w, fm.height());
            painter.drawText(box, Qt::AlignVCenter, text);
            if (u != TcpInfoModel::BitsPerSecond && i > 0 && i < 4) {
                painter.setPen(QPen(pal.color(QPalette::Midlight), line / 2, Qt::DotLine));
                painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
                painter.setPen(QPen(pal.color(QPalette::Text), line / 1.5));
            }
        }
        const QString unit = TcpInfoModel::unitName(Unit(u));
        painter.drawText(QRectF(x - fm.horizontalAdvance(unit) / 2 - 2, r.top() - fm.height() * 1.1, fm.horizontalAdvance(unit) + 4, fm.height()),
                         Qt::AlignCenter, unit);
    }

    // Time ticks: ms since the capture's first packet (the ladder's origin), about 8 font heights apart.
    qint64 from, to;
    span(&from, &to);
    const double spanMs = double(to - from) / 1e6;
    const double step = niceStep(spanMs / std::max(1.0, r.width() / (fm.height() * 8)));
    const double fromMs = double(from - model->originNs()) / 1e6;
    painter.setPen(QPen(pal.color(QPalette::Text), line / 1.5));
    for (double t = std::ceil(fromMs / step) * step; t <= fromMs + spanMs; t += step) {
        const double x = r.left() + (t - fromMs) / spanMs * r.width();
        painter.drawLine(QPointF(x, r.bottom()), QPointF(x, r.bottom() + axisGap));
        const QString text = QString::number(t, 'f', step < 1 ? 3 : 0);
        painter.drawText(QRectF(x - fm.horizontalAdvance(text), r.bottom() + axisGap, 2 * fm.horizontalAdvance(text), fm.height()),
                         Qt::AlignCenter, text);
    }
    painter.drawText(QRectF(r.left(), r.bottom() + fm.height() * 1.2, r.width(), fm.height()), Qt::AlignCenter,
                     TcpInfoView::tr("time (ms since the first packet, as in the ladder)"));

    // The curves, clipped to the plot: a step line (a sample holds until the next one changed it).
    painter.save();
    painter.setClipRect(r.adjusted(-line, -line, line, line));
    const double xFrom = xForNs(from), xTo = xForNs(to);
    for (int e = 0; e < TcpInfoModel::EndCount; ++e) {
        if (!m_view->endShown(End(e)))
            continue;
        const Qt::PenStyle style = e == TcpInfoModel::Client ? Qt::SolidLine : Qt::DashLine;
        // The rttvar band: srtt +- rttvar, under the srtt line.
        if (m_view->metricShown(TcpInfoModel::Rttvar)) {
            QPolygonF upper, lower;
            for (const wire::TcpInfoSample &s : samples) {
                const double srtt = TcpInfoModel::value(s, End(e), TcpInfoModel::Srtt);
                const double var = TcpInfoModel::value(s, End(e), TcpInfoModel::Rttvar);
                if (std::isnan(srtt) || std::isnan(var))
                    continue;
                const double x = xForNs(s.timeNs);
                upper << QPointF(x, yFor(srtt + var, TcpInfoModel::Milliseconds));
                lower.prepend(QPointF(x, yFor(std::max(0.0, srtt - var), TcpInfoModel::Milliseconds)));
                curves[e][TcpInfoModel::Rttvar] << QPointF(x, yFor(var, TcpInfoModel::Milliseconds));
            }
            QColor band = metricColor(TcpInfoModel::Srtt);
            band.setAlpha(e == TcpInfoModel::Client ? 60 : 35);
            painter.setPen(Qt::NoPen);
            painter.setBrush(band);
            painter.drawPolygon(upper + lower);
            painter.setBrush(Qt::NoBrush);
        }
        for (int m = 0; m < TcpInfoModel::MetricCount; ++m) {
            if (m == TcpInfoModel::Rttvar || !m_view->metricShown(Metric(m)))
                continue;
            const Unit u = TcpInfoModel::unitOf(Metric(m));
            QPainterPath path;
            bool open = false;
            double lastY = 0;
            for (const wire::TcpInfoSample &s : samples) {
                const double v = TcpInfoModel::value(s, End(e), Metric(m));
                const double x = xForNs(s.timeNs);
                if (std::isnan(v)) {
                    open = false;
                    continue;
                }
                const double y = yFor(v, u);
                if (!open)
                    path.moveTo(x, y);
                else {
                    path.lineTo(x, lastY);
                    path.lineTo(x, y);
                }
                open = true;
                lastY = y;
                if (x >= xFrom - 1 && x <= xTo + 1)
                    curves[e][m] << QPointF(x, y);
            }
            painter.setPen(QPen(metricColor(Metric(m)), line * (m == TcpInfoModel::Cwnd ? 1.6 : 1.2), style));
            painter.drawPath(path);
        }
    }
    painter.restore();

    // The legend, one line above the plot.
    double x = r.left();
    const double y = fm.height() * 0.1;
    painter.setPen(pal.color(QPalette::Text));
    for (int m = 0; m < TcpInfoModel::MetricCount; ++m) {
        if (!m_view->metricShown(Metric(m)))
            continue;
        const QString text = m == TcpInfoModel::Rttvar ? TcpInfoView::tr("srtt ± rttvar") : TcpInfoModel::metricName(Metric(m));
        const double w = fm.height() * 1.5;
        if (m == TcpInfoModel::Rttvar) {
            QColor band = metricColor(TcpInfoModel::Srtt);
            band.setAlpha(60);
            painter.fillRect(QRectF(x, y + fm.height() * 0.25, w, fm.height() * 0.5), band);
        } else {
            painter.setPen(QPen(metricColor(Metric(m)), line * 1.6));
            painter.drawLine(QPointF(x, y + fm.height() / 2), QPointF(x + w, y + fm.height() / 2));
        }
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRectF(x + w + 4, y, fm.horizontalAdvance(text) + 2, fm.height()), Qt::AlignVCenter, text);
        x += w + fm.horizontalAdvance(text) + fm.height();
    }
    const QString ends = TcpInfoView::tr("solid: client, dashed: server");
    painter.drawText(QRectF(x, y, std::max(0.0, width() - x), fm.height()), Qt::AlignVCenter, ends);
}

TcpInfoView::TcpInfoView(TcpInfoModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("tcpInfoView"));
    setToolTip(tr("The kernel's TCP_INFO of both ends over time, on the ladder's time axis: Ctrl+wheel or +/- zooms (the "
                  "ladder follows), the wheel pans."));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("tcpInfoTitle"));
    auto *boxes = new QHBoxLayout;
    boxes->setContentsMargins(0, 0, 0, 0);
    for (int e = 0; e < TcpInfoModel::EndCount; ++e) {
        m_endBoxes[e] = new QCheckBox(e == TcpInfoModel::Client ? tr("Client") : tr("Server"), this);
        m_endBoxes[e]->setChecked(true);
        m_endBoxes[e]->setObjectName(e == TcpInfoModel::Client ? QStringLiteral("tcpInfoClient") : QStringLiteral("tcpInfoServer"));
        boxes->addWidget(m_endBoxes[e]);
    }
    boxes->addSpacing(fontMetrics().height());
    for (int m = 0; m < TcpInfoModel::MetricCount; ++m) {
        const QString name = m == TcpInfoModel::Rttvar ? tr("rttvar band") : TcpInfoModel::metricName(Metric(m));
        m_metricBoxes[m] = new QCheckBox(name, this);
        m_metricBoxes[m]->setObjectName(QStringLiteral("tcpInfoMetric_") + TcpInfoModel::metricCsvName(Metric(m)));
        m_metricBoxes[m]->setChecked(m != TcpInfoModel::DeliveryRate);
        m_metricBoxes[m]->setToolTip(tr("in %1").arg(TcpInfoModel::unitName(TcpInfoModel::unitOf(Metric(m)))));
        boxes->addWidget(m_metricBoxes[m]);
    }
    boxes->addStretch(1);
    m_plot = new TcpInfoPlot(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(boxes);
    layout->addWidget(m_plot, 1);
    for (QCheckBox *b : m_metricBoxes)
        connect(b, &QCheckBox::toggled, m_plot, qOverload<>(&QWidget::update));
    for (QCheckBox *b : m_endBoxes)
        connect(b, &QCheckBox::toggled, m_plot, qOverload<>(&QWidget::update));
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateTitle();
        m_plot->update();
    });
    updateTitle();
}

QWidget *TcpInfoView::plot() const
{
    return m_plot;
}

bool TcpInfoView::metricShown(Metric metric) const
{
    return m_metricBoxes[metric]->isChecked();
}

bool TcpInfoView::endShown(End end) const
{
    return m_endBoxes[end]->isChecked();
}

void TcpInfoView::updateTitle()
{
    m_title->setText(m_model->connection() == 0 ? tr("TCP_INFO over time")
                                                : tr("TCP_INFO over time of connection #%1: %2 samples")
                                                      .arg(m_model->connection())
                                                      .arg(m_model->samples().size()));
}

void TcpInfoView::setVisibleRange(qint64 fromNs, qint64 toNs)
{
    if (fromNs == m_fromNs && toNs == m_toNs)
        return;
    m_fromNs = fromNs;
    m_toNs = toNs;
    m_plot->update();
}

void TcpInfoView::zoom(double factor, qint64 anchorNs)
{
    qint64 from, to;
    m_plot->span(&from, &to);
    if (anchorNs < 0)
        anchorNs = from + (to - from) / 2;
    const qint64 newFrom = anchorNs - qint64(double(anchorNs - from) * factor);
    const qint64 newTo = anchorNs + qint64(double(to - anchorNs) * factor);
    if (newTo - newFrom < 1000)
        return;
    setVisibleRange(newFrom, newTo);
    emit visibleRangeRequested(newFrom, newTo);
}

void TcpInfoView::pan(double fraction)
{
    qint64 from, to;
    m_plot->span(&from, &to);
    const qint64 shift = qint64(double(to - from) * fraction);
    setVisibleRange(from + shift, to + shift);
    emit visibleRangeRequested(from + shift, to + shift);
}

QList<QPointF> TcpInfoView::curve(End end, Metric metric) const
{
    return m_plot->curves[end][metric];
}

double TcpInfoView::xForNs(qint64 ns) const
{
    return m_plot->xForNs(ns);
}

Error TcpInfoView::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return Error::message(tr("%1: %2").arg(path, file.errorString()));
    QTextStream out(&file);
    QStringList header;
    for (int c = 0; c < m_model->columnCount(); ++c)
        header << m_model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
    out << header.join(QLatin1Char(',')) << '\n';
    for (int r = 0; r < m_model->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < m_model->columnCount(); ++c)
            cells << m_model->index(r, c).data().toString();
        out << cells.join(QLatin1Char(',')) << '\n';
    }
    out.flush();
    if (file.error() != QFileDevice::NoError)
        return Error::message(tr("%1: %2").arg(path, file.errorString()));
    return {};
}

Error TcpInfoView::exportPng(const QString &path) const
{
    if (!m_plot->grab().save(path, "PNG"))
        return Error::message(tr("%1: the image could not be written").arg(path));
    return {};
}

} // namespace tcplab
