#include "chartwidget.h"

#include <QActionGroup>
#include <QContextMenuEvent>
#include <QFile>
#include <QHelpEvent>
#include <QImage>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>
#include <QToolTip>

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

int groupCount(const ChartData &chart)
{
    int n = int(chart.categories.size());
    for (const ChartSeries &s : chart.series)
        n = std::max(n, int(s.values.size()));
    return n;
}

// The y range each kind plots.
void valueRange(const ChartData &chart, double *lo, double *hi)
{
    *lo = 0;
    *hi = 0;
    if (chart.kind == ChartKind::Histogram) {
        *hi = std::max(1, chart.histogram().maxCount());
        return;
    }
    for (const ChartSeries &s : chart.series) {
        for (double v : s.values) {
            if (std::isfinite(v)) {
                *hi = std::max(*hi, v);
                *lo = std::min(*lo, v);
            }
        }
    }
}

// Smallest and largest positive finite bar value (0 when there is none).
void positiveRange(const ChartData &chart, double *minPositive, double *maxPositive)
{
    *minPositive = 0;
    *maxPositive = 0;
    for (const ChartSeries &s : chart.series) {
        for (double v : s.values) {
            if (std::isfinite(v) && v > 0) {
                *minPositive = *minPositive == 0 ? v : std::min(*minPositive, v);
                *maxPositive = std::max(*maxPositive, v);
            }
        }
    }
}

// A label's box: the text plus a gap of a third of a character each side along the text, so
// that two boxes that do not intersect never read as one number ("0.0270.06").
QRectF labelBox(const QFontMetricsF &fm, const QString &text, bool rotated)
{
    const double along = fm.horizontalAdvance(text) + fm.averageCharWidth() * 0.7;
    return rotated ? QRectF(0, 0, fm.height(), along) : QRectF(0, 0, along, fm.height());
}

// A category's name in at most maxLines lines of width: broken at spaces, inside a word only
// when the word alone is too wide ("TCP_NODELAY" in a narrow group), the last line elided.
QStringList wrapLines(const QFont &font, const QString &text, double width, int maxLines)
{
    QStringList lines;
    QTextLayout layout(text, font);
    QTextOption option(Qt::AlignHCenter);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        if (lines.size() == maxLines - 1) {
            lines << QFontMetricsF(font).elidedText(text.mid(line.textStart()).simplified(), Qt::ElideRight, width);
            break;
        }
        lines << text.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    return lines;
}

} // namespace

double ChartLayout::mapY(double v) const
{
    double f = 0;
    if (logScale) {
        if (!(v > 0))
            return plot.bottom();
        f = (std::log10(v) - std::log10(yLo)) / (std::log10(yHi) - std::log10(yLo));
    } else {
        f = (v - yLo) / (yHi - yLo);
    }
    return plot.bottom() - std::clamp(f, 0.0, 1.0) * plot.height();
}

ChartLayout ChartWidget::layoutChart(const QFont &font, const QRect &rect, const ChartData &chart, bool logScale)
{
    ChartLayout l;
    const QFontMetricsF fm(font);
    const double lh = fm.height();
    const double pad = std::ceil(lh * 0.4);
    const QRectF area(rect);
    l.logScale = logScale && chart.kind == ChartKind::Bar && canUseLogScale(chart);

    // Title, bold, one line.
    QFont bold = font;
    bold.setBold(true);
    const QFontMetricsF bfm(bold);
    l.titleText = bfm.elidedText(chart.title, Qt::ElideRight, area.width() - pad);
    l.titleElided = l.titleText != chart.title;
    l.titleRect = QRectF(area.left(), area.top(), area.width(), bfm.height());

    // Legend: items flow into as many right-aligned rows as they need.
    const double swatch = std::round(lh * 0.7);
    double y = l.titleRect.bottom() + pad / 2;
    QList<QPair<QRectF, int>> row;
    auto flushRow = [&] {
        if (row.isEmpty())
            return;
        const double shift = area.right() - row.last().first.right();
        for (auto &item : row)
            l.legend << qMakePair(item.first.translated(shift, 0), item.second);
        row.clear();
        y += lh;
    };
    double x = area.left();
    for (int i = 0; i < chart.series.size(); ++i) {
        const QString name = fm.elidedText(chart.series[i].name, Qt::ElideRight, area.width() - swatch - pad);
        const double w = swatch + pad / 2 + fm.horizontalAdvance(name);
        if (!row.isEmpty() && x + w > area.right()) {
            flushRow();
            x = area.left();
        }
        row << qMakePair(QRectF(x, y, w, lh), i);
        l.legendText << name;
        x += w + lh;
    }
    flushRow();
    const double labelBand = chart.kind == ChartKind::Bar ? lh + 2 : pad;
    const double top = y + pad / 2 + labelBand;

    // The y scale and its tick labels.
    double lo = 0, hi = 0;
    valueRange(chart, &lo, &hi);
    QList<double> ticks;
    if (l.logScale) {
        double minPositive = 0, maxPositive = 0;
        positiveRange(chart, &minPositive, &maxPositive);
        const int d0 = int(std::floor(std::log10(minPositive)));
        int d1 = int(std::ceil(std::log10(maxPositive)));
        if (d1 <= d0)
            d1 = d0 + 1;
        l.yLo = std::pow(10.0, d0);
        l.yHi = std::pow(10.0, d1);
        // Few decades: 2 and 5 of each as well, so the scale still reads.
        const bool fine = d1 - d0 <= 2;
        for (int d = d0; d <= d1; ++d) {
            for (double m : {1.0, 2.0, 5.0}) {
                const double v = m * std::pow(10.0, d);
                if ((m == 1.0 || fine) && v <= l.yHi * 1.0000001)
                    ticks << v;
            }
        }
    } else {
        const Axis axis = Axis::nice(std::min(0.0, lo), hi);
        l.yLo = axis.lo;
        l.yHi = axis.hi;
        ticks = axis.ticks();
    }
    double tickWidth = 0;
    for (double t : ticks)
        tickWidth = std::max(tickWidth, fm.horizontalAdvance(tickText(t)));

    // Left: the rotated y title's strip, then the tick labels.
    const double left = area.left() + lh + pad + tickWidth + pad;
    const double right = area.right() - pad;

    // Bottom: the x title, and above it the category labels (bars, word-wrapped, at most three
    // lines) or one line of x tick labels.
    const int groups = groupCount(chart);
    const double groupWidth = groups > 0 ? (right - left) / groups : 0;
    double under = lh;
    if (chart.kind == ChartKind::Bar) {
        under = 0;
        for (const QString &c : chart.categories) {
            l.categoryLines << wrapLines(font, c, std::max(1.0, groupWidth - 4), 3);
            under = std::max(under, l.categoryLines.last().size() * lh);
        }
    }
    l.xTitleText = fm.elidedText(chart.xLabel, Qt::ElideRight, area.width());
    l.xTitleRect = QRectF(area.left(), area.bottom() - lh, area.width(), lh);
    const double bottom = l.xTitleRect.top() - pad / 2 - under - pad / 2;
    l.plot = QRectF(QPointF(left, top), QPointF(right, bottom));
    if (l.plot.width() < lh || l.plot.height() < lh)
        return l;

    for (double t : ticks) {
        ChartLayout::Tick tick;
        tick.value = t;
        tick.y = l.mapY(t);
        tick.text = tickText(t);
        tick.rect = QRectF(left - pad - tickWidth, tick.y - lh / 2, tickWidth, lh);
        l.yTicks << tick;
    }

    // The y title runs up the left strip: centred on the plot when it fits there, else on the
    // whole height; elided (full text in the tooltip) only when even that is too short.
    QString yTitle = chart.yLabel;
    if (l.logScale)
        yTitle = yTitle.isEmpty() ? tr("log scale") : tr("%1 · log scale").arg(yTitle);
    const double titleLength = fm.horizontalAdvance(yTitle);
    double centre = l.plot.center().y();
    double length = titleLength;
    if (titleLength > area.height()) {
        yTitle = fm.elidedText(yTitle, Qt::ElideRight, area.height());
        length = fm.horizontalAdvance(yTitle);
        l.yTitleElided = true;
    }
    centre = std::clamp(centre, area.top() + length / 2, area.bottom() - length / 2);
    l.yTitleText = yTitle;
    l.yTitleRect = QRectF(area.left(), centre - length / 2, lh, length);

    if (chart.kind != ChartKind::Bar || groups == 0)
        return l;

    // Bars.
    const int nSeries = std::max(1, int(chart.series.size()));
    const double barWidth = groupWidth * 0.8 / nSeries;
    const double base = l.mapY(l.logScale ? l.yLo : 0.0);
    for (int g = 0; g < groups; ++g) {
        const double gx = left + g * groupWidth + groupWidth * 0.1;
        for (int s = 0; s < chart.series.size(); ++s) {
            if (g >= chart.series[s].values.size() || !std::isfinite(chart.series[s].values[g]))
                continue;
            const double v = chart.series[s].values[g];
            const double y1 = l.mapY(v);
            ChartLayout::Bar bar;
            bar.series = s;
            bar.category = g;
            bar.value = v;
            if (l.logScale) {
                // A value the log scale cannot show (0) gets no bar, only its label on the base.
                const double h = v > 0 ? std::max(1.0, base - y1) : 0.0;
                bar.rect = QRectF(gx + s * barWidth, base - h, std::max(1.0, barWidth - 1), h);
            } else {
                const double h = std::max(1.0, std::abs(y1 - base));
                bar.rect = QRectF(gx + s * barWidth, v < 0 ? base : base - h, std::max(1.0, barWidth - 1), h);
            }
            l.bars << bar;
        }
        if (g < chart.categories.size())
            l.categoryRects << QRectF(left + g * groupWidth + 2, bottom + pad / 2, groupWidth - 4, under);
    }

    // Value labels, placed by collision: above the bar, on it, rotated above, rotated on it, or
    // not at all (the tooltip keeps the value). A label never covers another label or another
    // bar, and stays inside the plot and the band above it.
    const QRectF allowed = l.plot.adjusted(0, -labelBand, 0, 0);
    for (int b = 0; b < l.bars.size(); ++b) {
        const ChartLayout::Bar &bar = l.bars[b];
        const QString text = tickText(bar.value);
        QList<ChartLayout::Label> candidates;
        for (bool rotated : {false, true}) {
            QRectF box = labelBox(fm, text, rotated);
            ChartLayout::Label above{box, text, b, rotated, false};
            above.rect.moveCenter(QPointF(bar.rect.center().x(), 0));
            above.rect.moveBottom(bar.rect.top() - 1);
            ChartLayout::Label on{box, text, b, rotated, true};
            on.rect.moveCenter(QPointF(bar.rect.center().x(), 0));
            on.rect.moveTop(bar.rect.top() + 1);
            candidates << above << on;
        }
        bool placed = false;
        for (const ChartLayout::Label &c : std::as_const(candidates)) {
            if (!allowed.contains(c.rect))
                continue;
            if (c.inside && !bar.rect.contains(c.rect))
                continue;
            bool clear = true;
            for (const ChartLayout::Label &other : std::as_const(l.labels))
                clear = clear && !other.rect.intersects(c.rect);
            for (int o = 0; clear && o < l.bars.size(); ++o)
                clear = o == b || !l.bars[o].rect.intersects(c.rect);
            if (clear) {
                l.labels << c;
                placed = true;
                break;
            }
        }
        if (!placed)
            ++l.droppedLabels;
    }
    return l;
}

namespace {

void drawFrame(QPainter &p, const ChartLayout &l, const ChartData &chart, const QColor &text, const QColor &grid)
{
    const QFontMetricsF fm(p.font());
    QFont bold = p.font();
    bold.setBold(true);
    p.save();
    p.setFont(bold);
    p.setPen(text);
    p.drawText(l.titleRect, Qt::AlignHCenter | Qt::AlignVCenter, l.titleText);
    p.restore();
    const double swatch = std::round(fm.height() * 0.7);
    for (int i = 0; i < l.legend.size(); ++i) {
        const QRectF r = l.legend[i].first;
        p.fillRect(QRectF(r.left(), r.center().y() - swatch / 2, swatch, swatch), seriesColor(l.legend[i].second));
        p.setPen(text);
        p.drawText(r.adjusted(swatch + std::ceil(fm.height() * 0.2), 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, l.legendText[i]);
    }
    for (const ChartLayout::Tick &t : l.yTicks) {
        p.setPen(QPen(grid, 1, t.value == 0 || (l.logScale && t.value == l.yLo) ? Qt::SolidLine : Qt::DotLine));
        p.drawLine(QPointF(l.plot.left(), std::round(t.y)), QPointF(l.plot.right(), std::round(t.y)));
        p.setPen(text);
        p.drawText(t.rect, Qt::AlignRight | Qt::AlignVCenter, t.text);
    }
    p.setPen(QPen(text, std::max(1.0, fm.height() / 16)));
    p.drawLine(l.plot.bottomLeft(), l.plot.bottomRight());
    p.drawLine(l.plot.bottomLeft(), l.plot.topLeft());
    p.drawText(l.xTitleRect, Qt::AlignHCenter | Qt::AlignVCenter, l.xTitleText);
    // Rotated a quarter turn: the box's height is the text's length.
    p.save();
    p.translate(l.yTitleRect.left(), l.yTitleRect.bottom());
    p.rotate(-90);
    p.drawText(QRectF(0, 0, l.yTitleRect.height(), l.yTitleRect.width()), Qt::AlignCenter | Qt::TextDontClip, l.yTitleText);
    p.restore();
    Q_UNUSED(chart);
}

void drawBars(QPainter &p, const ChartLayout &l, const ChartData &chart, const QColor &text)
{
    for (const ChartLayout::Bar &bar : l.bars) {
        if (bar.rect.height() > 0)
            p.fillRect(bar.rect, seriesColor(bar.series));
    }
    for (const ChartLayout::Label &label : l.labels) {
        p.setPen(label.inside ? QColor(Qt::white) : text);
        if (!label.rotated) {
            p.drawText(label.rect, Qt::AlignCenter | Qt::TextDontClip, label.text);
            continue;
        }
        p.save();
        p.translate(label.rect.left(), label.rect.bottom());
        p.rotate(-90);
        p.drawText(QRectF(0, 0, label.rect.height(), label.rect.width()), Qt::AlignCenter | Qt::TextDontClip, label.text);
        p.restore();
    }
    p.setPen(text);
    const double lh = QFontMetricsF(p.font()).height();
    for (int g = 0; g < l.categoryRects.size(); ++g) {
        const QRectF r = l.categoryRects[g];
        const QStringList &lines = l.categoryLines[g];
        for (int i = 0; i < lines.size(); ++i)
            p.drawText(QRectF(r.left(), r.top() + i * lh, r.width(), lh), Qt::AlignHCenter | Qt::AlignTop, lines[i]);
    }
    Q_UNUSED(chart);
}

void drawLines(QPainter &p, const ChartLayout &l, const ChartData &chart, const QColor &text, const QColor &grid)
{
    double xlo = 0, xhi = 0;
    bool any = false;
    for (const ChartSeries &s : chart.series) {
        for (int i = 0; i < s.values.size(); ++i) {
            const double x = i < s.xs.size() ? s.xs[i] : double(i);
            if (!std::isfinite(x) || !std::isfinite(s.values[i]))
                continue;
            xlo = any ? std::min(xlo, x) : x;
            xhi = any ? std::max(xhi, x) : x;
            any = true;
        }
    }
    if (!any)
        return;
    const QFontMetricsF fm(p.font());
    const double tickSpace = fm.horizontalAdvance(QStringLiteral("000000"));
    const Axis x = Axis::nice(xlo, xhi, std::max(2, int(l.plot.width() / tickSpace)));
    auto mapX = [&](double v) { return l.plot.left() + (v - x.lo) / (x.hi - x.lo) * l.plot.width(); };
    for (double t : x.ticks()) {
        const double px = mapX(t);
        p.setPen(QPen(grid, 1, Qt::DotLine));
        p.drawLine(QPointF(px, l.plot.top()), QPointF(px, l.plot.bottom()));
        p.setPen(text);
        p.drawText(QRectF(px - tickSpace, l.plot.bottom() + 2, 2 * tickSpace, fm.height()), Qt::AlignHCenter | Qt::AlignTop, tickText(t));
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const double dot = std::max(2.5, fm.height() / 6);
    for (int s = 0; s < chart.series.size(); ++s) {
        const ChartSeries &series = chart.series[s];
        QPainterPath path;
        bool started = false;
        for (int i = 0; i < series.values.size(); ++i) {
            const QPointF pt(mapX(i < series.xs.size() ? series.xs[i] : double(i)), l.mapY(series.values[i]));
            if (!started)
                path.moveTo(pt);
            else
                path.lineTo(pt);
            started = true;
            p.setPen(Qt::NoPen);
            p.setBrush(seriesColor(s));
            p.drawEllipse(pt, dot, dot);
        }
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(seriesColor(s), std::max(2.0, fm.height() / 8)));
        p.drawPath(path);
    }
    p.restore();
}

void drawHistogram(QPainter &p, const ChartLayout &l, const ChartData &chart, const QColor &text)
{
    const HistogramBins h = chart.histogram();
    if (h.edges.size() < 2)
        return;
    const int bins = int(h.edges.size()) - 1;
    const double binWidth = l.plot.width() / bins;
    const int nSeries = std::max(1, int(h.counts.size()));
    const QFontMetricsF fm(p.font());
    for (int b = 0; b < bins; ++b) {
        for (int s = 0; s < h.counts.size(); ++s) {
            const double y1 = l.mapY(h.counts[s][b]);
            const QRectF bar(l.plot.left() + b * binWidth + s * binWidth / nSeries, y1, std::max(1.0, binWidth / nSeries - 1),
                             std::max(0.0, l.plot.bottom() - y1));
            p.fillRect(bar, seriesColor(s));
        }
    }
    const double tickSpace = fm.horizontalAdvance(QStringLiteral("00000.0"));
    const int every = std::max(1, int(std::ceil(tickSpace / binWidth)));
    p.setPen(text);
    for (int b = 0; b <= bins; b += every) {
        const double px = l.plot.left() + b * binWidth;
        p.drawLine(QPointF(px, l.plot.bottom()), QPointF(px, l.plot.bottom() + fm.height() / 5));
        p.drawText(QRectF(px - tickSpace, l.plot.bottom() + 2, 2 * tickSpace, fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                   tickText(h.edges[b]));
    }
}

} // namespace

bool ChartWidget::canUseLogScale(const ChartData &chart)
{
    double minPositive = 0, maxPositive = 0;
    positiveRange(chart, &minPositive, &maxPositive);
    return chart.kind == ChartKind::Bar && maxPositive > 0;
}

bool ChartWidget::wantsLogScale(const ChartData &chart)
{
    double minPositive = 0, maxPositive = 0;
    positiveRange(chart, &minPositive, &maxPositive);
    double lo = 0, hi = 0;
    valueRange(chart, &lo, &hi);
    // Negative values have no place on a log scale.
    return chart.kind == ChartKind::Bar && lo >= 0 && minPositive > 0 && maxPositive / minPositive > kAutoLogRatio;
}

ChartWidget::ChartWidget(QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ChartWidget::setChart(const ChartData &chart)
{
    if (chart.categories != m_chart.categories || chart.yLabel != m_chart.yLabel)
        m_scaleMode = ScaleMode::Automatic;
    m_chart = chart;
    setAccessibleDescription(chart.title);
    update();
    emit scaleChanged(isLogScale());
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

void ChartWidget::setScaleMode(ScaleMode mode)
{
    if (mode == m_scaleMode)
        return;
    const bool wasLog = isLogScale();
    m_scaleMode = mode;
    update();
    if (wasLog != isLogScale())
        emit scaleChanged(isLogScale());
}

bool ChartWidget::isLogScale() const
{
    switch (m_scaleMode) {
    case ScaleMode::Linear: return false;
    case ScaleMode::Logarithmic: return canUseLogScale(m_chart);
    case ScaleMode::Automatic: break;
    }
    return wantsLogScale(m_chart);
}

ChartLayout ChartWidget::currentLayout() const
{
    return layoutChart(font(), rect().adjusted(6, 4, -6, -4), m_chart, isLogScale());
}

QList<QRectF> ChartWidget::labelRects() const
{
    QList<QRectF> rects;
    for (const ChartLayout::Label &l : currentLayout().labels)
        rects << l.rect;
    return rects;
}

void ChartWidget::paintChart(QPainter &painter, const QRect &rect, const ChartData &chart, const QPalette &palette,
                             const QString &placeholder, bool logScale)
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
    const ChartLayout l = layoutChart(painter.font(), rect.adjusted(6, 4, -6, -4), chart, logScale);
    if (l.plot.width() < QFontMetricsF(painter.font()).height() || l.plot.height() < QFontMetricsF(painter.font()).height()) {
        painter.restore();
        return;
    }
    drawFrame(painter, l, chart, text, grid);
    switch (chart.kind) {
    case ChartKind::Bar: drawBars(painter, l, chart, text); break;
    case ChartKind::Line: drawLines(painter, l, chart, text, grid); break;
    case ChartKind::Histogram: drawHistogram(painter, l, chart, text); break;
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
    paintChart(painter, image.rect(), m_chart, palette(), m_placeholder, isLogScale());
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

QSize ChartWidget::sizeHint() const
{
    const QFontMetrics fm(font());
    return QSize(fm.height() * 35, fm.height() * 20).expandedTo(QSize(560, 320));
}

QSize ChartWidget::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return QSize(fm.height() * 15, fm.height() * 10);
}

void ChartWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setFont(font());
    paintChart(painter, rect(), m_chart, palette(), m_placeholder, isLogScale());
}

QString ChartWidget::toolTipAt(const QPointF &pos) const
{
    if (m_chart.isEmpty())
        return {};
    const ChartLayout l = currentLayout();
    for (const ChartLayout::Label &label : l.labels) {
        if (label.rect.contains(pos)) {
            const ChartLayout::Bar &bar = l.bars[label.bar];
            return tr("%1\n%2: %3").arg(m_chart.categories.value(bar.category), m_chart.series[bar.series].name, tickText(bar.value));
        }
    }
    for (const ChartLayout::Bar &bar : l.bars) {
        // A thin or empty bar: the whole column above it counts.
        const QRectF hit(bar.rect.left(), l.plot.top(), bar.rect.width(), l.plot.height());
        if (hit.contains(pos))
            return tr("%1\n%2: %3").arg(m_chart.categories.value(bar.category), m_chart.series[bar.series].name, tickText(bar.value));
    }
    for (int g = 0; g < l.categoryRects.size(); ++g) {
        if (l.categoryRects[g].contains(pos))
            return m_chart.categories[g];
    }
    if (l.yTitleRect.contains(pos))
        return l.logScale ? tr("%1 · log scale").arg(m_chart.yLabel) : m_chart.yLabel;
    if (l.titleRect.contains(pos) && l.titleElided)
        return m_chart.title;
    return {};
}

bool ChartWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(event);
}

void ChartWidget::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    auto *group = new QActionGroup(&menu);
    const QList<QPair<ScaleMode, QString>> modes{
        {ScaleMode::Automatic, tr("Automatic scale (log when the values span decades)")},
        {ScaleMode::Linear, tr("Linear scale")},
        {ScaleMode::Logarithmic, tr("Logarithmic scale")}};
    for (const auto &[mode, text] : modes) {
        QAction *a = menu.addAction(text, this, [this, mode] { setScaleMode(mode); });
        a->setCheckable(true);
        a->setChecked(mode == m_scaleMode);
        a->setEnabled(mode != ScaleMode::Logarithmic || canUseLogScale(m_chart));
        group->addAction(a);
    }
    menu.setEnabled(m_chart.kind == ChartKind::Bar && !m_chart.isEmpty());
    menu.exec(event->globalPos());
}

} // namespace tcplab
