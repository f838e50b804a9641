#include "chartwidget.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tcplab {

namespace {

const QColor kSeriesColors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b)};

QColor seriesColor(int i)
{
    return kSeriesColors[i % int(std::size(kSeriesColors))];
}

// A "nice" axis: ticks at 1, 2 or 5 times a power of ten covering [lo, hi].
struct Axis
{
    double lo = 0;
    double hi = 1;
    double step = 0.2;

    static Axis nice(double lo, double hi, int targetTicks = 5)
    {
        Axis a;
        if (!std::isfinite(lo) || !std::isfinite(hi)) {
            lo = 0;
            hi = 1;
        }
        if (hi <= lo)
            hi = lo + (lo == 0 ? 1 : std::abs(lo) * 0.1);
        const double raw = (hi - lo) / std::max(1, targetTicks);
        const double mag = std::pow(10.0, std::floor(std::log10(raw)));
        const double norm = raw / mag;
        a.step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
        a.lo = std::floor(lo / a.step) * a.step;
        a.hi = std::ceil(hi / a.step) * a.step;
        if (a.hi <= a.lo)
            a.hi = a.lo + a.step;
        return a;
    }

    QList<double> ticks() const
    {
        QList<double> t;
        for (double v = lo; v <= hi + step * 0.5 && t.size() < 50; v += step)
            t << (std::abs(v) < step * 1e-9 ? 0.0 : v);
        return t;
    }
};

QString tickText(double v)
{
    const double a = std::abs(v);
    if (a == 0)
        return QStringLiteral("0");
    if (a >= 1e6 || a < 1e-3)
        return QString::number(v, 'g', 3);
    QString s = QString::number(v, 'f', a >= 100 ? 0 : (a >= 1 ? 2 : 3));
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

struct Frame
{
    QRect plot;
    Axis y;
    double map(double v) const { return plot.bottom() - (v - y.lo) / (y.hi - y.lo) * plot.height(); }
};

void drawLegend(QPainter &p, const QRect &area, const ChartData &chart, const QColor &text)
{
    const QFontMetrics fm(p.font());
    int x = area.right();
    for (int i = int(chart.series.size()) - 1; i >= 0; --i) {
        const QString name = chart.series[i].name;
        const int w = fm.horizontalAdvance(name) + 18;
        x -= w;
        p.fillRect(QRect(x, area.top() + (fm.height() - 10) / 2, 10, 10), seriesColor(i));
        p.setPen(text);
        p.drawText(QRect(x + 14, area.top(), w - 14, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, name);
        x -= 10;
    }
}

Frame drawFrame(QPainter &p, const QRect &rect, const ChartData &chart, double lo, double hi, const QColor &text,
                const QColor &grid, int bottomLabelLines)
{
    const QFontMetrics fm(p.font());
    Frame f;
    f.y = Axis::nice(std::min(0.0, lo), hi);
    int labelWidth = 0;
    for (double t : f.y.ticks())
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(tickText(t)));
    const int top = rect.top() + fm.height() * 2 + 8;           // title, legend
    const int left = rect.left() + fm.height() + 6 + labelWidth + 6; // y label, tick labels
    const int bottom = rect.bottom() - fm.height() * (bottomLabelLines + 1) - 10;
    f.plot = QRect(QPoint(left, top), QPoint(rect.right() - 12, bottom));
    if (f.plot.width() < 20 || f.plot.height() < 20)
        return f;

    QFont bold = p.font();
    bold.setBold(true);
    p.save();
    p.setFont(bold);
    p.setPen(text);
    p.drawText(QRect(rect.left(), rect.top() + 2, rect.width(), fm.height() + 2), Qt::AlignHCenter | Qt::AlignVCenter,
               QFontMetrics(bold).elidedText(chart.title, Qt::ElideRight, rect.width() - 8));
    p.restore();
    drawLegend(p, QRect(rect.left(), rect.top() + fm.height() + 4, rect.width() - 12, fm.height()), chart, text);

    for (double t : f.y.ticks()) {
        const int y = int(std::lround(f.map(t)));
        p.setPen(QPen(grid, 1, t == 0 ? Qt::SolidLine : Qt::DotLine));
        p.drawLine(f.plot.left(), y, f.plot.right(), y);
        p.setPen(text);
        p.drawText(QRect(f.plot.left() - labelWidth - 6, y - fm.height() / 2, labelWidth, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, tickText(t));
    }
    p.setPen(QPen(text, 1));
    p.drawLine(f.plot.bottomLeft(), f.plot.bottomRight());
    p.drawLine(f.plot.bottomLeft(), f.plot.topLeft());

    p.drawText(QRect(rect.left(), rect.bottom() - fm.height(), rect.width(), fm.height()), Qt::AlignHCenter, chart.xLabel);
    p.save();
    p.translate(rect.left() + 2, f.plot.center().y());
    p.rotate(-90);
    p.drawText(QRect(-f.plot.height() / 2, 0, f.plot.height(), fm.height()), Qt::AlignHCenter | Qt::AlignTop, chart.yLabel);
    p.restore();
    return f;
}

void drawBars(QPainter &p, const QRect &rect, const ChartData &chart, const QColor &text, const QColor &grid)
{
    double hi = 0;
    double lo = 0;
    for (const ChartSeries &s : chart.series) {
        for (double v : s.values) {
            if (std::isfinite(v)) {
                hi = std::max(hi, v);
                lo = std::min(lo, v);
            }
        }
    }
    const int groups = std::max<int>(int(chart.categories.size()), [&] {
        int n = 0;
        for (const ChartSeries &s : chart.series)
            n = std::max(n, int(s.values.size()));
        return n;
    }());
    const Frame f = drawFrame(p, rect, chart, lo, hi, text, grid, 3);
    if (f.plot.width() < 20 || groups == 0)
        return;
    const QFontMetrics fm(p.font());
    const double groupWidth = double(f.plot.width()) / groups;
    const int nSeries = std::max(1, int(chart.series.size()));
    const double barWidth = groupWidth * 0.8 / nSeries;
    for (int g = 0; g < groups; ++g) {
        const double gx = f.plot.left() + g * groupWidth + groupWidth * 0.1;
        for (int s = 0; s < chart.series.size(); ++s) {
            if (g >= chart.series[s].values.size() || !std::isfinite(chart.series[s].values[g]))
                continue;
            const double v = chart.series[s].values[g];
            const double y0 = f.map(0);
            const double y1 = f.map(v);
            const QRectF bar(gx + s * barWidth, std::min(y0, y1), std::max(1.0, barWidth - 1), std::max(1.0, std::abs(y1 - y0)));
            p.fillRect(bar, seriesColor(s));
            if (barWidth >= fm.horizontalAdvance(QStringLiteral("0000")) * 0.6) {
                p.setPen(text);
                p.drawText(QRectF(bar.left() - 20, bar.top() - fm.height() - 1, bar.width() + 40, fm.height()),
                           Qt::AlignHCenter | Qt::AlignBottom, tickText(v));
            }
        }
        if (g < chart.categories.size()) {
            p.setPen(text);
            p.drawText(QRectF(f.plot.left() + g * groupWidth + 2, f.plot.bottom() + 4, groupWidth - 4, fm.height() * 3 + 2),
                       Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, chart.categories[g]);
        }
    }
}

void drawLines(QPainter &p, const QRect &rect, const ChartData &chart, const QColor &text, const QColor &grid)
{
    double xlo = 0, xhi = 0, ylo = 0, yhi = 0;
    bool any = false;
    for (const ChartSeries &s : chart.series) {
        for (int i = 0; i < s.values.size(); ++i) {
            const double x = i < s.xs.size() ? s.xs[i] : double(i);
            const double y = s.values[i];
            if (!std::isfinite(x) || !std::isfinite(y))
                continue;
            xlo = any ? std::min(xlo, x) : x;
            xhi = any ? std::max(xhi, x) : x;
            ylo = std::min(ylo, y);
            yhi = any ? std::max(yhi, y) : std::max(0.0, y);
            any = true;
        }
    }
    const Frame f = drawFrame(p, rect, chart, ylo, yhi, text, grid, 1);
    if (f.plot.width() < 20 || !any)
        return;
    const Axis x = Axis::nice(xlo, xhi, std::max(2, f.plot.width() / 80));
    auto mapX = [&](double v) { return f.plot.left() + (v - x.lo) / (x.hi - x.lo) * f.plot.width(); };
    const QFontMetrics fm(p.font());
    for (double t : x.ticks()) {
        const double px = mapX(t);
        p.setPen(QPen(grid, 1, Qt::DotLine));
        p.drawLine(QPointF(px, f.plot.top()), QPointF(px, f.plot.bottom()));
        p.setPen(text);
        p.drawText(QRectF(px - 40, f.plot.bottom() + 4, 80, fm.height()), Qt::AlignHCenter | Qt::AlignTop, tickText(t));
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    for (int s = 0; s < chart.series.size(); ++s) {
        const ChartSeries &series = chart.series[s];
        QPainterPath path;
        bool started = false;
        for (int i = 0; i < series.values.size(); ++i) {
            const QPointF pt(mapX(i < series.xs.size() ? series.xs[i] : double(i)), f.map(series.values[i]));
            if (!started)
                path.moveTo(pt);
            else
                path.lineTo(pt);
            started = true;
            p.setPen(Qt::NoPen);
            p.setBrush(seriesColor(s));
            p.drawEllipse(pt, 2.5, 2.5);
        }
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(seriesColor(s), 2));
        p.drawPath(path);
    }
    p.restore();
}

void drawHistogram(QPainter &p, const QRect &rect, const ChartData &chart, const QColor &text, const QColor &grid)
{
    const HistogramBins h = chart.histogram();
    const Frame f = drawFrame(p, rect, chart, 0, std::max(1, h.maxCount()), text, grid, 1);
    if (f.plot.width() < 20 || h.edges.size() < 2)
        return;
    const int bins = int(h.edges.size()) - 1;
    const double binWidth = double(f.plot.width()) / bins;
    const int nSeries = std::max(1, int(h.counts.size()));
    const QFontMetrics fm(p.font());
    for (int b = 0; b < bins; ++b) {
        for (int s = 0; s < h.counts.size(); ++s) {
            const double y1 = f.map(h.counts[s][b]);
            const QRectF bar(f.plot.left() + b * binWidth + s * binWidth / nSeries, y1, std::max(1.0, binWidth / nSeries - 1),
                             std::max(0.0, f.plot.bottom() - y1));
            p.fillRect(bar, seriesColor(s));
        }
    }
    const int every = std::max(1, int(std::ceil(double(fm.horizontalAdvance(QStringLiteral("00000.0"))) / binWidth)));
    p.setPen(text);
    for (int b = 0; b <= bins; b += every) {
        const double px = f.plot.left() + b * binWidth;
        p.drawLine(QPointF(px, f.plot.bottom()), QPointF(px, f.plot.bottom() + 3));
        p.drawText(QRectF(px - 40, f.plot.bottom() + 4, 80, fm.height()), Qt::AlignHCenter | Qt::AlignTop, tickText(h.edges[b]));
    }
}

} // namespace

ChartWidget::ChartWidget(QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ChartWidget::setChart(const ChartData &chart)
{
    m_chart = chart;
    setAccessibleDescription(chart.title);
    update();
}

void ChartWidget::clear()
{
    setChart(ChartData());
}

void ChartWidget::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    update();
}

void ChartWidget::paintChart(QPainter &painter, const QRect &rect, const ChartData &chart, const QPalette &palette,
                             const QString &placeholder)
{
    painter.save();
    painter.fillRect(rect, palette.color(QPalette::Base));
    const QColor text = palette.color(QPalette::Text);
    QColor grid = palette.color(QPalette::Mid);
    if (chart.isEmpty()) {
        painter.setPen(palette.color(QPalette::PlaceholderText));
        painter.drawText(rect, Qt::AlignCenter | Qt::TextWordWrap, placeholder);
        painter.restore();
        return;
    }
    const QRect inner = rect.adjusted(6, 4, -6, -4);
    switch (chart.kind) {
    case ChartKind::Bar: drawBars(painter, inner, chart, text, grid); break;
    case ChartKind::Line: drawLines(painter, inner, chart, text, grid); break;
    case ChartKind::Histogram: drawHistogram(painter, inner, chart, text, grid); break;
    }
    painter.restore();
}

QImage ChartWidget::toImage(const QSize &size) const
{
    QSize s = size;
    if (s.isEmpty())
        s = this->size().expandedTo(QSize(640, 400));
    QImage image(s, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    painter.setFont(font());
    paintChart(painter, image.rect(), m_chart, palette(), m_placeholder);
    painter.end();
    return image;
}

bool ChartWidget::exportPng(const QString &path, const QSize &size) const
{
    return toImage(size).save(path, "PNG");
}

bool ChartWidget::exportCsv(const QString &path) const
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    return f.write(m_chart.toCsv().toUtf8()) >= 0;
}

void ChartWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    paintChart(painter, rect(), m_chart, palette(), m_placeholder);
}

} // namespace tcplab
