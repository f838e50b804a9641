#include "timesequenceview.h"

#include "packetmodel.h"
#include "wire/capturering.h"
#include "wire/packetdecoder.h"

#include <QFile>
#include <QTextStream>

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tcplab {

using wire::Direction;

TimeSequenceView::TimeSequenceView(PacketModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("timeSequenceView"));
    setMinimumHeight(fontMetrics().height() * 14);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    // A new capture starts the relay's indices over.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->totalPackets() == 0)
            m_sackBlocks.clear();
    });
    setToolTip(tr("Sequence number over time for the connection's data: bars are segments (orange: retransmitted, red: "
                  "dropped), the green line is what was acknowledged, the grey line the advertised window above it, purple bars "
                  "the ranges the receiver SACKed."));
}

void TimeSequenceView::setConnection(quint32 connection)
{
    m_connection = connection;
    refresh();
}

void TimeSequenceView::refresh()
{
    m_series = {}; // the old series goes first: one connection's series in memory, not two
    if (m_sackBlocks.size() > 2 * qsizetype(wire::CaptureRing::kDefaultCapacity))
        m_sackBlocks.clear(); // rows the ring lost long ago: start over rather than grow
    Series s;
    quint32 connection = m_connection;
    if (connection == 0) {
        // The newest connection that carried data.
        const QList<quint32> ids = m_model->connectionIds();
        for (qsizetype i = ids.size() - 1; i >= 0 && connection == 0; --i) {
            bool hasData = false;
            m_model->forEachRowOf(ids[i], [&](const PacketRow &r) { hasData = hasData || r.length > 0; });
            if (hasData)
                connection = ids[i];
        }
    }
    s.connection = connection;
    if (connection != 0) {
        quint64 bytes[2] = {0, 0};
        qint64 startNs = -1;
        m_model->forEachRowOf(connection, [&](const PacketRow &r) {
            bytes[int(r.direction)] += r.length;
            if (startNs < 0)
                startNs = r.sentNs;
        });
        s.clientSends = bytes[0] >= bytes[1];
        const Direction dataDirection = s.clientSends ? Direction::ClientToServer : Direction::ServerToClient;
        // SACK blocks carry absolute sequence numbers of the data sender's space.
        quint32 base = 0;
        const std::shared_ptr<const wire::CaptureRing> ring = m_model->ring();
        const bool sackable = ring && m_model->sequenceBase(connection, dataDirection, &base);
        m_model->forEachRowOf(connection, [&](const PacketRow &r) {
            if (r.direction == dataDirection) {
                if (r.length == 0 && !(r.flags & (wire::tcpflag::Syn | wire::tcpflag::Fin)))
                    return;
                Segment seg;
                seg.timeMs = double(r.sentNs - startNs) / 1e6;
                seg.seq = r.seq;
                seg.end = r.seq + std::max<quint32>(r.length, 1);
                seg.retransmission = r.has(PacketRow::Retransmission);
                seg.dropped = r.dropped();
                s.data << seg;
                s.maxSeq = std::max(s.maxSeq, double(seg.end));
                s.maxTimeMs = std::max(s.maxTimeMs, seg.timeMs);
            } else if ((r.flags & wire::tcpflag::Ack) && !r.dropped()) {
                const double t = double(r.deliveredNs - startNs) / 1e6;
                s.acks << QPointF(t, r.ack);
                s.window << QPointF(t, double(r.ack) + r.window);
                s.maxTimeMs = std::max(s.maxTimeMs, t);
                s.maxSeq = std::max(s.maxSeq, double(r.ack));
                // Only rows the model marked read the packet again (the ring may have lost it).
                if (sackable && r.has(PacketRow::Sack)) {
                    auto cached = m_sackBlocks.constFind(r.index);
                    wire::CapturedPacket packet;
                    if (cached == m_sackBlocks.constEnd() && ring->read(r.position, &packet) && packet.index == r.index) {
                        const wire::DecodedPacket d = wire::decodePacket(packet);
                        QVarLengthArray<wire::SackBlock, 2> blocks;
                        for (int b = 0; b < d.options.sackBlockCount; ++b)
                            blocks.append(d.options.sackBlocks[size_t(b)]);
                        cached = m_sackBlocks.insert(r.index, blocks);
                    }
                    if (cached != m_sackBlocks.constEnd()) {
                        for (const wire::SackBlock &block : *cached)
                            s.sacks << SackMark{t, block.left - base, block.right - base};
                    }
                }
            }
        });
        // The window line may run far above the data: scale to the data, up to twice its height.
        double maxWindow = 0;
        for (const QPointF &p : std::as_const(s.window))
            maxWindow = std::max(maxWindow, p.y());
        s.maxSeq = std::max(s.maxSeq, std::min(maxWindow, 2 * s.maxSeq));
    }
    m_series = s;
    update();
}

QRectF TimeSequenceView::plotRect() const
{
    const QFontMetricsF fm(font());
    const double left = fm.horizontalAdvance(QStringLiteral("00000000")) + fm.height() * 0.5;
    const double top = fm.height() * 2.6; // the title and the legend
    return QRectF(left, top, std::max(50.0, width() - left - fm.height() * 1.5), std::max(50.0, height() - top - fm.height() * 2.4));
}

QPointF TimeSequenceView::pointFor(double timeMs, double seq) const
{
    const QRectF r = plotRect();
    const double maxT = std::max(m_series.maxTimeMs, 1.0);
    const double maxS = std::max(m_series.maxSeq, 1.0);
    return QPointF(r.left() + timeMs / maxT * r.width(), r.bottom() - seq / maxS * r.height());
}

void TimeSequenceView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF r = plotRect();
    const QPalette pal = palette();
    const QFontMetricsF fm(font());
    const double lh = fm.height();
    const double line = std::max(1.0, lh / 11);
    painter.setPen(QPen(pal.color(QPalette::Text), line));
    painter.drawLine(r.bottomLeft(), r.bottomRight());
    painter.drawLine(r.bottomLeft(), r.topLeft());
    painter.drawText(QRectF(r.left(), r.bottom() + lh, r.width(), lh), Qt::AlignCenter, tr("time (ms)"));
    painter.drawText(QRectF(0, lh * 0.2, width(), lh), Qt::AlignCenter,
                     m_series.connection == 0
                         ? tr("Time-sequence graph: no connection with data yet")
                         : tr("Time-sequence graph of %1, %2").arg(m_model->connectionLabel(m_series.connection),
                                                                   m_series.clientSends ? tr("data from the client")
                                                                                        : tr("data from the server")));
    if (m_series.connection == 0)
        return;
    const double gap = lh * 0.4;
    painter.drawText(QRectF(0, r.top() - lh / 2, r.left() - gap, lh), Qt::AlignRight | Qt::AlignVCenter, QString::number(qint64(m_series.maxSeq)));
    painter.drawText(QRectF(0, r.bottom() - lh / 2, r.left() - gap, lh), Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));
    painter.drawText(QRectF(r.left(), r.bottom() + 2, r.width(), lh), Qt::AlignRight, QString::number(m_series.maxTimeMs, 'f', 1));
    // The legend under the title.
    {
        struct Key
        {
            QColor color;
            QString text;
            Qt::PenStyle style;
        };
        const Key keys[] = {{QColor(0x1c, 0x5d, 0x99), tr("data"), Qt::SolidLine},
                            {QColor(0xc7, 0x6b, 0x00), tr("retransmitted"), Qt::SolidLine},
                            {QColor(0xb0, 0x2a, 0x37), tr("dropped"), Qt::SolidLine},
                            {QColor(0x2f, 0x7d, 0x32), tr("ACK"), Qt::SolidLine},
                            {QColor(0x88, 0x88, 0x88), tr("advertised window"), Qt::DashLine},
                            {QColor(0x8e, 0x44, 0xad), tr("SACKed"), Qt::SolidLine}};
        double x = r.left();
        const double y = fm.height() * 1.3;
        for (const Key &k : keys) {
            painter.setPen(QPen(k.color, 2 * line, k.style));
            painter.drawLine(QPointF(x, y + fm.height() / 2), QPointF(x + fm.height() * 1.4, y + fm.height() / 2));
            painter.setPen(pal.color(QPalette::Text));
            const double w = fm.horizontalAdvance(k.text) + 2;
            painter.drawText(QRectF(x + fm.height() * 1.6, y, w, fm.height()), Qt::AlignVCenter, k.text);
            x += fm.height() * 2.4 + w;
        }
    }

    // A bulk transfer has far more points and segments than the plot has pixel columns: each
    // column is drawn once (its last step, one bar over its segments), so a paint costs the
    // width, not the capture.
    // pointFor() with the scales worked out once per paint, not once per point.
    const double maxT = std::max(m_series.maxTimeMs, 1.0), maxS = std::max(m_series.maxSeq, 1.0);
    const double x0 = r.left(), y0 = r.bottom(), sx = r.width() / maxT, sy = r.height() / maxS;
    auto map = [&](double timeMs, double seq) { return QPointF(x0 + timeMs * sx, y0 - seq * sy); };
    auto stepLine = [&](const QList<QPointF> &points, const QPen &pen) {
        if (points.isEmpty())
            return;
        QPainterPath path(map(points.first().x(), points.first().y()));
        for (qsizetype i = 1; i < points.size(); ++i) {
            const QPointF p = map(points[i].x(), points[i].y());
            if (i + 1 < points.size() && std::floor(p.x()) == std::floor(map(points[i + 1].x(), 0).x()))
                continue; // not the column's last point
            path.lineTo(QPointF(p.x(), path.currentPosition().y()));
            path.lineTo(p);
        }
        path.lineTo(map(m_series.maxTimeMs, points.last().y()));
        painter.setPen(pen);
        painter.drawPath(path);
    };
    const double cross = lh * 0.3;
    stepLine(m_series.window, QPen(QColor(0x88, 0x88, 0x88), line, Qt::DashLine));
    stepLine(m_series.acks, QPen(QColor(0x2f, 0x7d, 0x32), 1.5 * line));
    // SACKed ranges: what the receiver holds above the hole, at the ACK's time, just right of it.
    painter.setPen(QPen(QColor(0x8e, 0x44, 0xad), 2 * line));
    for (const SackMark &m : std::as_const(m_series.sacks)) {
        const QPointF a = map(m.timeMs, m.left) + QPointF(2 * line, 0);
        const QPointF b = map(m.timeMs, m.right) + QPointF(2 * line, 0);
        painter.drawLine(a, QPointF(b.x(), std::min(b.y(), a.y() - line)));
    }
    // Plain segments in one pixel column merge into one bar; marked ones keep their own.
    double columnX = -1, columnLow = 0, columnHigh = 0;
    auto flushColumn = [&] {
        if (columnX < 0)
            return;
        painter.setPen(QPen(QColor(0x1c, 0x5d, 0x99), 2 * line));
        painter.drawLine(QPointF(columnX, columnLow), QPointF(columnX, std::min(columnHigh, columnLow - 2 * line)));
        columnX = -1;
    };
    for (const Segment &seg : std::as_const(m_series.data)) {
        const QColor color = seg.dropped ? QColor(0xb0, 0x2a, 0x37) : seg.retransmission ? QColor(0xc7, 0x6b, 0x00) : QColor(0x1c, 0x5d, 0x99);
        const QPointF a = map(seg.timeMs, seg.seq);
        const QPointF b = map(seg.timeMs, seg.end);
        if (!seg.dropped && !seg.retransmission) {
            if (columnX >= 0 && std::floor(a.x()) == std::floor(columnX)) {
                columnLow = std::max(columnLow, a.y());
                columnHigh = std::min(columnHigh, b.y());
                continue;
            }
            flushColumn();
            columnX = a.x();
            columnLow = a.y();
            columnHigh = b.y();
            continue;
        }
        flushColumn(); // the marked bar on top
        painter.setPen(QPen(color, 2 * line));
        painter.drawLine(a, QPointF(b.x(), std::min(b.y(), a.y() - 2 * line)));
        if (seg.dropped) {
            painter.drawLine(b + QPointF(-cross, -cross), b + QPointF(cross, cross));
            painter.drawLine(b + QPointF(-cross, cross), b + QPointF(cross, -cross));
        }
    }
    flushColumn();
}

Error TimeSequenceView::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return Error::message(tr("%1: %2").arg(path, file.errorString()));
    QTextStream out(&file);
    out << "kind,time_ms,seq,end,retransmission,dropped\n";
    for (const Segment &seg : m_series.data)
        out << "data," << QString::number(seg.timeMs, 'f', 3) << ',' << seg.seq << ',' << seg.end << ',' << int(seg.retransmission) << ','
            << int(seg.dropped) << '\n';
    for (const QPointF &p : m_series.acks)
        out << "ack," << QString::number(p.x(), 'f', 3) << ',' << qint64(p.y()) << ",,,\n";
    for (const QPointF &p : m_series.window)
        out << "window," << QString::number(p.x(), 'f', 3) << ',' << qint64(p.y()) << ",,,\n";
    for (const SackMark &m : m_series.sacks)
        out << "sack," << QString::number(m.timeMs, 'f', 3) << ',' << m.left << ',' << m.right << ",,\n";
    out.flush();
    if (file.error() != QFileDevice::NoError)
        return Error::message(tr("%1: %2").arg(path, file.errorString()));
    return {};
}

Error TimeSequenceView::exportPng(const QString &path)
{
    if (!grab().save(path, "PNG"))
        return Error::message(tr("%1: the image could not be written").arg(path));
    return {};
}

} // namespace tcplab
