#include "ladderview.h"

#include "packetmodel.h"
#include "wire/packetdecoder.h"

#include <QFontDatabase>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <climits>
#include <cmath>

namespace tcplab {

using wire::Direction;

LadderView::LadderView(PacketModel *model, QWidget *parent) : QAbstractScrollArea(parent), m_model(model)
{
    setObjectName(QStringLiteral("ladderView"));
    setFocusPolicy(Qt::StrongFocus);
    setMinimumWidth(320);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setPointSizeF(f.pointSizeF() * 0.9);
    setFont(f);
    updateMetrics();
    setToolTip(tr("Time runs down. Ctrl+wheel or +/- zooms, the wheel pans, a click on an arrow selects its packet."));
    // A third of a tick after the list's repaint: a paint pass of its own (no single event holds
    // the GUI thread for the list, the ladder and the graph together), one for a tick's insert
    // and trim alike.
    m_rowsChanged.setSingleShot(true);
    m_rowsChanged.setInterval(kDeferredRepaintMs);
    connect(&m_rowsChanged, &QTimer::timeout, this, &LadderView::onRowsChanged);
    const auto deferRepaint = [this] {
        if (!m_rowsChanged.isActive())
            m_rowsChanged.start();
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, deferRepaint);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, deferRepaint);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LadderView::onRowsChanged);
    updateScrollRange();
}

void LadderView::setSelectionModel(QItemSelectionModel *selection)
{
    m_selection = selection;
    connect(selection, &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid() && !m_follow)
            scrollToRow(current.row());
        viewport()->update();
    });
}

void LadderView::setFollowLive(bool follow)
{
    m_follow = follow;
    if (follow)
        onRowsChanged();
}

void LadderView::updateMetrics()
{
    // Measured once per font: a paint asks for these for every arrow, and shaping text that
    // often was most of the GUI thread's time under a bulk transfer.
    const QFontMetrics fm = fontMetrics();
    m_lineHeight = fm.height();
    m_sideMargin = fm.horizontalAdvance(QStringLiteral("0000.000 ms")) + m_lineHeight;
}

double LadderView::serverX() const
{
    return std::max<double>(m_sideMargin + m_lineHeight * 8, viewport()->width() - m_sideMargin);
}

int LadderView::topMargin() const
{
    return m_lineHeight * 2;
}

int LadderView::sideMargin() const
{
    return m_sideMargin;
}

double LadderView::arrowHeadLength() const
{
    return m_lineHeight * 0.65;
}

double LadderView::arrowHeadHalfWidth() const
{
    return m_lineHeight * 0.3;
}

double LadderView::lineWidth() const
{
    return std::max(1.0, m_lineHeight / 11.0);
}

void LadderView::setNsPerPixel(double ns, double anchorY)
{
    ns = std::clamp(ns, kMinNsPerPixel, kMaxNsPerPixel);
    if (anchorY < 0)
        anchorY = viewport()->height() / 2.0;
    const qint64 anchorNs = nsForY(anchorY);
    m_nsPerPixel = ns;
    updateScrollRange();
    // Keep the time under the anchor where it was.
    if (m_model->startNs() >= 0) {
        const double contentY = double(anchorNs - m_model->startNs()) / m_nsPerPixel;
        verticalScrollBar()->setValue(int(std::clamp(contentY - (anchorY - topMargin()), 0.0, double(INT_MAX))));
    }
    viewport()->update();
    reportRange();
}

void LadderView::setVisibleRange(qint64 fromNs, qint64 toNs)
{
    const double height = std::max(1, viewport()->height() - topMargin());
    if (toNs <= fromNs)
        return;
    m_nsPerPixel = std::clamp(double(toNs - fromNs) / height, kMinNsPerPixel, kMaxNsPerPixel);
    updateScrollRange();
    if (m_model->startNs() >= 0) {
        const double contentY = double(fromNs - m_model->startNs()) / m_nsPerPixel;
        verticalScrollBar()->setValue(int(std::clamp(std::round(contentY), 0.0, double(INT_MAX))));
    }
    viewport()->update();
    reportRange();
}

void LadderView::reportRange()
{
    const qint64 from = visibleFromNs(), to = visibleToNs();
    if (from == m_reportedFrom && to == m_reportedTo)
        return;
    m_reportedFrom = from;
    m_reportedTo = to;
    emit visibleRangeChanged(from, to);
}

double LadderView::yForNs(qint64 ns) const
{
    const qint64 start = m_model->startNs() < 0 ? 0 : m_model->startNs();
    return double(ns - start) / m_nsPerPixel - verticalScrollBar()->value() + topMargin();
}

qint64 LadderView::nsForY(double y) const
{
    const qint64 start = m_model->startNs() < 0 ? 0 : m_model->startNs();
    return start + qint64((y - topMargin() + verticalScrollBar()->value()) * m_nsPerPixel);
}

void LadderView::updateScrollRange()
{
    const int rows = m_model->rowCount();
    qint64 span = 0;
    if (rows > 0 && m_model->startNs() >= 0) {
        const PacketRow &last = m_model->packet(rows - 1);
        span = std::max(last.sentNs, last.deliveredNs) - m_model->startNs();
    }
    const double content = double(span) / m_nsPerPixel + topMargin() + m_lineHeight;
    const int page = std::max(1, viewport()->height());
    verticalScrollBar()->setPageStep(page);
    verticalScrollBar()->setSingleStep(20);
    verticalScrollBar()->setRange(0, int(std::clamp(content - page, 0.0, double(INT_MAX))));
}

void LadderView::onRowsChanged()
{
    m_rowsChanged.stop();
    updateScrollRange();
    if (m_follow)
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    viewport()->update();
    reportRange();
}

void LadderView::scrollToRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const Arrow a = arrow(row);
    if (a.from.y() < topMargin() || a.to.y() > viewport()->height() - m_lineHeight / 2) {
        const double contentY = a.from.y() - topMargin() + verticalScrollBar()->value();
        verticalScrollBar()->setValue(int(std::max(0.0, contentY - viewport()->height() / 3.0)));
    }
}

LadderView::Arrow LadderView::arrow(int row) const
{
    Arrow a;
    const PacketRow &p = m_model->packet(row);
    const bool c2s = p.direction == Direction::ClientToServer;
    const double fromX = c2s ? clientX() : serverX();
    const double toX = c2s ? serverX() : clientX();
    a.from = QPointF(fromX, yForNs(p.sentNs));
    if (p.dropped()) {
        // Half-way across, at half the time this direction's packets take.
        a.dropped = true;
        const double flight = std::max(double(m_model->typicalFlightNs(p.direction)) / m_nsPerPixel, double(m_lineHeight));
        a.to = QPointF((fromX + toX) / 2, a.from.y() + flight / 2);
    } else {
        a.to = QPointF(toX, yForNs(p.deliveredNs));
    }
    return a;
}

int LadderView::firstRowFrom(qint64 ns) const
{
    // Rows are in the relay's order, which is the order they left their senders.
    int lo = 0, hi = m_model->rowCount();
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (m_model->packet(mid).sentNs < ns)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int LadderView::rowAt(const QPointF &point) const
{
    const double reach = m_lineHeight * 0.5;
    const qint64 top = nsForY(point.y() - reach) - m_model->maxFlightNs();
    const qint64 bottom = nsForY(point.y() + reach);
    int best = -1;
    double bestDistance = std::max(6.0, reach * 0.75);
    for (int row = firstRowFrom(top); row < m_model->rowCount(); ++row) {
        if (m_model->packet(row).sentNs > bottom)
            break;
        const Arrow a = arrow(row);
        const QPointF d = a.to - a.from;
        const double length2 = d.x() * d.x() + d.y() * d.y();
        double t = length2 > 0 ? ((point - a.from).x() * d.x() + (point - a.from).y() * d.y()) / length2 : 0;
        t = std::clamp(t, 0.0, 1.0);
        const QPointF nearest = a.from + t * d;
        const double distance = std::hypot(point.x() - nearest.x(), point.y() - nearest.y());
        if (distance < bestDistance) {
            bestDistance = distance;
            best = row;
        }
    }
    return best;
}

QString LadderView::label(int row) const
{
    const PacketRow &p = m_model->packet(row);
    if (!p.has(PacketRow::Tcp))
        return tr("not TCP");
    QString text = wire::tcpFlagsText(p.flags) + QStringLiteral(" seq=%1").arg(p.seq);
    if (p.flags & wire::tcpflag::Ack)
        text += QStringLiteral(" ack=%1").arg(p.ack);
    text += QStringLiteral(" len=%1 win=%2").arg(p.length).arg(p.window);
    if (p.has(PacketRow::Retransmission))
        text += tr(" [retransmission]");
    if (p.has(PacketRow::DelayedAck))
        text += tr(" [delayed ACK]");
    if (p.has(PacketRow::ZeroWindow))
        text += tr(" [zero window]");
    return text;
}

void LadderView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const double height = viewport()->height();
    const double cx = clientX(), sx = serverX();
    const QFontMetrics fm(font());

    // The two time lines and their names.
    const double line = lineWidth();
    const double top = topMargin();
    painter.setPen(QPen(pal.color(QPalette::Text), 1.5 * line));
    painter.drawLine(QPointF(cx, top - fm.height() / 4), QPointF(cx, height));
    painter.drawLine(QPointF(sx, top - fm.height() / 4), QPointF(sx, height));
    const double nameWidth = std::max(fm.horizontalAdvance(tr("Client")), fm.horizontalAdvance(tr("Server"))) + fm.height();
    painter.drawText(QRectF(cx - nameWidth / 2, 0, nameWidth, top - fm.height() / 4), Qt::AlignCenter, tr("Client"));
    painter.drawText(QRectF(sx - nameWidth / 2, 0, nameWidth, top - fm.height() / 4), Qt::AlignCenter, tr("Server"));

    m_painted = 0;
    const int rows = m_model->rowCount();
    if (rows == 0 || m_model->startNs() < 0) {
        painter.drawText(viewport()->rect().adjusted(0, topMargin(), 0, 0), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("No packets yet: run the server across the wire and send."));
        return;
    }

    // Time ticks on the left: a round step of about five lines.
    const double stepNs = [this, &fm] {
        const double raw = fm.height() * 5.5 * m_nsPerPixel;
        const double mag = std::pow(10.0, std::floor(std::log10(raw)));
        for (double m : {1.0, 2.0, 5.0, 10.0}) {
            if (m * mag >= raw)
                return m * mag;
        }
        return 10 * mag;
    }();
    const qint64 topNs = nsForY(topMargin()) - m_model->startNs();
    const qint64 bottomNs = nsForY(height) - m_model->startNs();
    painter.setPen(pal.color(QPalette::PlaceholderText));
    for (double t = std::ceil(double(topNs) / stepNs) * stepNs; t <= double(bottomNs); t += stepNs) {
        const double y = yForNs(m_model->startNs() + qint64(t));
        painter.drawLine(QPointF(cx - fm.height() * 0.4, y), QPointF(cx, y));
        painter.drawText(QRectF(0, y - fm.height() / 2.0, cx - fm.height() * 0.5, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                         QStringLiteral("%1 ms").arg(t / 1e6, 0, 'f', stepNs < 1e6 ? 3 : 0));
    }

    const int selected = m_selection && m_selection->currentIndex().isValid() ? m_selection->currentIndex().row() : -1;
    const qint64 fromNs = nsForY(0) - m_model->maxFlightNs();
    const qint64 toNs = nsForY(height);
    double lastLabelY = -1e9;
    const QColor normal = pal.color(QPalette::Text);
    const int first = firstRowFrom(fromNs);
    // Dense (more arrows than pixel rows): plain lines, no heads, as a zoomed-out overview.
    const bool dense = firstRowFrom(toNs) - first > int(height);
    const double headLength = arrowHeadLength();
    const double headHalfWidth = arrowHeadHalfWidth();
    painter.setRenderHint(QPainter::Antialiasing, !dense);
    // Dense, an arrow that leaves in the same pixel row as the last one drawn of its direction
    // and kind covers the same pixels: drawn once, a paint costs the height, not the packets.
    int lastRow[2][3] = {{INT_MIN, INT_MIN, INT_MIN}, {INT_MIN, INT_MIN, INT_MIN}};
    for (int row = first; row < rows && m_painted < kMaxArrows; ++row) {
        const PacketRow &p = m_model->packet(row);
        if (p.sentNs > toNs)
            break;
        const Arrow a = arrow(row);
        if (std::max(a.from.y(), a.to.y()) < 0)
            continue;
        if (dense && row != selected) {
            const int kind = p.dropped() ? 2 : p.has(PacketRow::Retransmission) ? 1 : 0;
            int &last = lastRow[int(p.direction)][kind];
            if (int(a.from.y()) == last)
                continue;
            last = int(a.from.y());
        }
        ++m_painted;
        QColor color = p.direction == Direction::ClientToServer ? QColor(0x1c, 0x5d, 0x99) : QColor(0x2f, 0x7d, 0x32);
        if (p.dropped())
            color = QColor(0xb0, 0x2a, 0x37);
        else if (p.has(PacketRow::Retransmission))
            color = QColor(0xc7, 0x6b, 0x00);
        const bool isSelected = row == selected;
        painter.setPen(QPen(isSelected ? QColor(0xff, 0x8c, 0x00) : color, isSelected ? 2.3 * line : line));
        painter.drawLine(a.from, a.to);
        if (a.dropped) {
            const double r = fm.height() * 0.35;
            painter.setPen(QPen(QColor(0xb0, 0x2a, 0x37), 2 * line));
            painter.drawLine(a.to + QPointF(-r, -r), a.to + QPointF(r, r));
            painter.drawLine(a.to + QPointF(-r, r), a.to + QPointF(r, -r));
        } else if (!dense || isSelected) {
            // The head: a small triangle back from the tip, along the arrow.
            const QPointF d = a.from - a.to;
            const double len = std::hypot(d.x(), d.y());
            if (len > 1) {
                const QPointF u = d / len;
                const QPointF n(-u.y(), u.x());
                painter.setBrush(isSelected ? QColor(0xff, 0x8c, 0x00) : color);
                QPainterPath head;
                head.moveTo(a.to);
                head.lineTo(a.to + headLength * u + headHalfWidth * n);
                head.lineTo(a.to + headLength * u - headHalfWidth * n);
                head.closeSubpath();
                painter.drawPath(head);
                painter.setBrush(Qt::NoBrush);
            }
        }
        // A label where there is room for it: no two closer than a line apart.
        const QPointF mid = (a.from + a.to) / 2;
        if (isSelected || mid.y() - lastLabelY >= fm.height()) {
            const QString text = label(row);
            const double w = fm.horizontalAdvance(text) + 6;
            QRectF box(mid.x() - w / 2, mid.y() - fm.height() - 1, w, fm.height());
            painter.fillRect(box, QColor(255, 255, 255, 200));
            painter.setPen(isSelected ? QColor(0xb3, 0x5c, 0x00) : (p.dropped() ? QColor(0xb0, 0x2a, 0x37) : normal));
            painter.drawText(box, Qt::AlignCenter, text);
            lastLabelY = mid.y();
        }
    }
}

void LadderView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollRange();
    reportRange();
}

void LadderView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        updateMetrics();
        updateScrollRange();
        viewport()->update();
    }
}

void LadderView::scrollContentsBy(int, int)
{
    viewport()->update();
    reportRange();
}

void LadderView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        setNsPerPixel(m_nsPerPixel * std::pow(1.25, -steps), event->position().y());
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void LadderView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
        zoomIn();
        return;
    }
    if (event->key() == Qt::Key_Minus) {
        zoomOut();
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void LadderView::mousePressEvent(QMouseEvent *event)
{
    const int row = rowAt(event->position());
    if (row >= 0) {
        if (m_selection)
            m_selection->setCurrentIndex(m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        emit rowClicked(row);
        viewport()->update();
    }
    QAbstractScrollArea::mousePressEvent(event);
}

} // namespace tcplab
