#include "timesequenceview.h"

#include "packetmodel.h"
#include "wire/capturering.h"
#include "wire/packetdecoder.h"

#include <QElapsedTimer>
#include <QFile>
#include <QScopeGuard>
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
    setToolTip(tr("Sequence number over time for the connection's data: bars are segments (orange: retransmitted, red: "
                  "dropped), the green line is what was acknowledged, the grey line the advertised window above it, purple bars "
                  "the ranges the receiver SACKed."));
}

void TimeSequenceView::setConnection(quint32 connection)
{
    m_connection = connection;
    refresh();
}

quint32 TimeSequenceView::newestConnectionWithData()
{
    // Connection ids grow in the order connections were first seen: the newest with data is the
    // highest id of a row that carried some, found over the rows that are new.
    const void *ring = m_model->ring().get();
    if (ring != m_scannedRing || m_model->endSerial() < m_scannedSerial) {
        m_scannedRing = ring;
        m_scannedSerial = 0;
        m_newestWithData = 0;
    }
    m_model->forEachRowFrom(m_scannedSerial, [this](const PacketRow &r) {
        if (r.length > 0)
            m_newestWithData = std::max(m_newestWithData, r.connection);
    });
    m_scannedSerial = m_model->endSerial();
    return m_newestWithData;
}

void TimeSequenceView::refresh()
{
    const quint32 connection = m_connection != 0 ? m_connection : newestConnectionWithData();
    const void *ring = m_model->ring().get();
    const bool fresh = ring != m_builtRing || connection != m_series.connection || m_model->endSerial() < m_nextSerial
        || m_nextSerial < m_model->firstSerial();
    if (fresh || connection == 0) {
        rebuild(connection);
    } else {
        // The direction of the data decides the series: if the new rows turn it, build again.
        quint64 bytes[2] = {m_bytes[0], m_bytes[1]};
        m_model->forEachRowFrom(m_nextSerial, [&](const PacketRow &r) {
            if (r.connection == connection)
                bytes[int(r.direction)] += r.length;
        });
        quint32 base = 0;
        const Direction data = m_series.clientSends ? Direction::ClientToServer : Direction::ServerToClient;
        const bool baseKnown = m_model->sequenceBase(connection, data, &base);
        if ((bytes[0] >= bytes[1]) != m_series.clientSends || baseKnown != m_baseKnown || (baseKnown && base != m_base)) {
            rebuild(connection);
        } else {
            dropTrimmed();
            quint64 serial = m_nextSerial;
            m_model->forEachRowFrom(m_nextSerial, [&](const PacketRow &r) {
                if (r.connection == connection)
                    take(r, serial);
                ++serial;
            });
            m_bytes[0] = bytes[0];
            m_bytes[1] = bytes[1];
        }
    }
    m_nextSerial = m_model->endSerial();
    updateRanges();
    update();
}

void TimeSequenceView::rebuild(quint32 connection)
{
    m_series = {}; // the old series goes first: one connection's series in memory, not two
    m_dataSerials.clear();
    m_ackSerials.clear();
    m_sackSerials.clear();
    m_builtRing = m_model->ring().get();
    m_startNs = -1;
    m_bytes[0] = m_bytes[1] = 0;
    m_maxWindow = m_maxData = 0;
    m_baseKnown = false;
    m_series.connection = connection;
    if (connection == 0)
        return;
    // Times count from the connection's first packet, even once its rows are trimmed.
    m_startNs = m_model->connectionStartNs(connection);
    m_model->forEachRowFrom(m_model->firstSerial(), [&](const PacketRow &r) {
        if (r.connection != connection)
            return;
        m_bytes[int(r.direction)] += r.length;
        if (m_startNs < 0)
            m_startNs = r.sentNs;
    });
    m_series.clientSends = m_bytes[0] >= m_bytes[1];
    const Direction data = m_series.clientSends ? Direction::ClientToServer : Direction::ServerToClient;
    m_baseKnown = m_model->sequenceBase(connection, data, &m_base);
    quint64 serial = m_model->firstSerial();
    m_model->forEachRowFrom(serial, [&](const PacketRow &r) {
        if (r.connection == connection)
            take(r, serial);
        ++serial;
    });
}

void TimeSequenceView::take(const PacketRow &r, quint64 serial)
{
    Series &s = m_series;
    if (m_startNs < 0)
        m_startNs = r.sentNs;
    const Direction dataDirection = s.clientSends ? Direction::ClientToServer : Direction::ServerToClient;
    if (r.direction == dataDirection) {
        if (r.length == 0 && !(r.flags & (wire::tcpflag::Syn | wire::tcpflag::Fin)))
            return;
        Segment seg;
        seg.timeMs = double(r.sentNs - m_startNs) / 1e6;
        seg.seq = r.seq;
        seg.end = r.seq + std::max<quint32>(r.length, 1);
        seg.retransmission = r.has(PacketRow::Retransmission);
        seg.dropped = r.dropped();
        s.data << seg;
        m_dataSerials << serial;
        m_maxData = std::max(m_maxData, double(seg.end));
        s.maxTimeMs = std::max(s.maxTimeMs, seg.timeMs);
    } else if ((r.flags & wire::tcpflag::Ack) && !r.dropped()) {
        const double t = double(r.deliveredNs - m_startNs) / 1e6;
        s.acks << QPointF(t, r.ack);
        s.window << QPointF(t, double(r.ack) + r.window);
        m_ackSerials << serial;
        s.maxTimeMs = std::max(s.maxTimeMs, t);
        m_maxData = std::max(m_maxData, double(r.ack));
        m_maxWindow = std::max(m_maxWindow, double(r.ack) + r.window);
        // SACK blocks carry absolute sequence numbers of the data sender's space; only rows the
        // model marked read the packet again (each once: the ring may have lost it since).
        if (!m_baseKnown || !r.has(PacketRow::Sack))
            return;
        const std::shared_ptr<const wire::CaptureRing> ring = m_model->ring();
        wire::CapturedPacket packet;
        if (ring && ring->read(r.position, &packet) && packet.index == r.index) {
            const wire::DecodedPacket d = wire::decodePacket(packet);
            for (int b = 0; b < d.options.sackBlockCount; ++b) {
                const wire::SackBlock &block = d.options.sackBlocks[size_t(b)];
                s.sacks << SackMark{t, block.left - m_base, block.right - m_base};
                m_sackSerials << serial;
            }
        }
    }
}

void TimeSequenceView::dropTrimmed()
{
    const quint64 first = m_model->firstSerial();
    auto drop = [first](auto &points, QList<quint64> &serials) {
        const qsizetype n = std::lower_bound(serials.begin(), serials.end(), first) - serials.begin();
        if (n > 0) {
            points.remove(0, n);
            serials.remove(0, n);
        }
    };
    drop(m_series.data, m_dataSerials);
    const qsizetype acks = std::lower_bound(m_ackSerials.begin(), m_ackSerials.end(), first) - m_ackSerials.begin();
    if (acks > 0)
        m_series.window.remove(0, acks);
    drop(m_series.acks, m_ackSerials);
    drop(m_series.sacks, m_sackSerials);
}

void TimeSequenceView::updateRanges()
{
    Series &s = m_series;
    // The window line may run far above the data: scale to the data, up to twice its height.
    s.maxSeq = std::max(m_maxData, std::min(m_maxWindow, 2 * m_maxData));
    // The whole connection kept: drawn from its start. Else from what is kept (the oldest
    // segment or ACK: both lists are nearly in time order, their first is close to the least).
    s.minTimeMs = 0;
    s.minSeq = 0;
    if (m_model->firstSerial() == 0)
        return;
    double t = s.maxTimeMs, seq = s.maxSeq;
    if (!s.data.isEmpty()) {
        t = std::min(t, s.data.first().timeMs);
        seq = std::min(seq, double(s.data.first().seq));
    }
    if (!s.acks.isEmpty()) {
        t = std::min(t, s.acks.first().x());
        seq = std::min(seq, s.acks.first().y());
    }
    s.minTimeMs = t;
    s.minSeq = seq;
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
    const double spanT = std::max(m_series.maxTimeMs - m_series.minTimeMs, 1.0);
    const double spanS = std::max(m_series.maxSeq - m_series.minSeq, 1.0);
    return QPointF(r.left() + (timeMs - m_series.minTimeMs) / spanT * r.width(), r.bottom() - (seq - m_series.minSeq) / spanS * r.height());
}

void TimeSequenceView::paintEvent(QPaintEvent *)
{
    QElapsedTimer cost;
    cost.start();
    const auto measured = qScopeGuard([&] { m_lastPaintNs = cost.nsecsElapsed(); });
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
    painter.drawText(QRectF(0, r.bottom() - lh / 2, r.left() - gap, lh), Qt::AlignRight | Qt::AlignVCenter, QString::number(qint64(m_series.minSeq)));
    painter.drawText(QRectF(r.left(), r.bottom() + 2, r.width(), lh), Qt::AlignRight, QString::number(m_series.maxTimeMs, 'f', 1));
    if (m_series.minTimeMs > 0)
        painter.drawText(QRectF(r.left(), r.bottom() + 2, r.width(), lh), Qt::AlignLeft, QString::number(m_series.minTimeMs, 'f', 1));
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
    // column is drawn once (its last step, one bar over its new data), found by binary search
    // over the series (in time order: segments as they left, ACKs as they arrived, which a
    // reordering wire bends only within a few pixels), so a paint costs the width, not the
    // capture.
    const double minT = m_series.minTimeMs, minS = m_series.minSeq;
    const double spanT = std::max(m_series.maxTimeMs - minT, 1.0), spanS = std::max(m_series.maxSeq - minS, 1.0);
    const double x0 = r.left(), y0 = r.bottom(), sx = r.width() / spanT, sy = r.height() / spanS;
    auto map = [&](double timeMs, double seq) { return QPointF(x0 + (timeMs - minT) * sx, y0 - (seq - minS) * sy); };
    // The time at which a pixel column ends.
    auto columnEnd = [&](double x) { return minT + (std::floor(x) + 1 - x0) / sx; };
    auto stepLine = [&](const QList<QPointF> &points, const QPen &pen) {
        if (points.isEmpty())
            return;
        QPainterPath path(map(points.first().x(), points.first().y()));
        qsizetype i = 1;
        while (i < points.size()) {
            const double end = columnEnd(map(points[i].x(), 0).x());
            const auto next = std::partition_point(points.begin() + i, points.end(), [end](const QPointF &p) { return p.x() < end; });
            const qsizetype j = std::max<qsizetype>(next - points.begin(), i + 1);
            const QPointF p = map(points[j - 1].x(), points[j - 1].y());
            path.lineTo(QPointF(p.x(), path.currentPosition().y()));
            path.lineTo(p);
            i = j;
        }
        path.lineTo(map(m_series.maxTimeMs, points.last().y()));
        painter.setPen(pen);
        painter.drawPath(path);
    };
    const double cross = lh * 0.3;
    // Steps and bars are upright lines: drawn without antialiasing they are as sharp and cost a
    // fraction (a dashed antialiased path across the plot was most of a paint).
    painter.setRenderHint(QPainter::Antialiasing, false);
    // A thin helper line: a one-pixel cosmetic pen takes the raster engine's fast dashed path.
    QPen windowPen(QColor(0x88, 0x88, 0x88), line < 1.5 ? 1.0 : line, Qt::DashLine);
    windowPen.setCosmetic(line < 1.5);
    stepLine(m_series.window, windowPen);
    stepLine(m_series.acks, QPen(QColor(0x2f, 0x7d, 0x32), 1.5 * line));
    // SACKed ranges: what the receiver holds above the hole, at the ACK's time, just right of it.
    painter.setPen(QPen(QColor(0x8e, 0x44, 0xad), 2 * line));
    for (const SackMark &m : std::as_const(m_series.sacks)) {
        const QPointF a = map(m.timeMs, m.left) + QPointF(2 * line, 0);
        const QPointF b = map(m.timeMs, m.right) + QPointF(2 * line, 0);
        painter.drawLine(a, QPointF(b.x(), std::min(b.y(), a.y() - line)));
    }
    // New data in one pixel column is one bar, from the first plain segment's seq to the last
    // one's end (new data only grows); retransmitted and dropped segments are drawn on top, each.
    const QList<Segment> &data = m_series.data;
    painter.setPen(QPen(QColor(0x1c, 0x5d, 0x99), 2 * line));
    qsizetype i = 0;
    while (i < data.size()) {
        const double end = columnEnd(map(data[i].timeMs, 0).x());
        const auto next = std::partition_point(data.begin() + i, data.end(), [end](const Segment &seg) { return seg.timeMs < end; });
        const qsizetype j = std::max<qsizetype>(next - data.begin(), i + 1);
        qsizetype first = i, last = j - 1;
        while (first <= last && (data[first].dropped || data[first].retransmission))
            ++first;
        while (last >= first && (data[last].dropped || data[last].retransmission))
            --last;
        if (first <= last) {
            const QPointF a = map(data[first].timeMs, data[first].seq);
            const QPointF b = map(data[first].timeMs, data[last].end);
            painter.drawLine(a, QPointF(a.x(), std::min(b.y(), a.y() - 2 * line)));
        }
        i = j;
    }
    painter.setRenderHint(QPainter::Antialiasing, true); // the crosses
    for (const Segment &seg : data) {
        if (!seg.dropped && !seg.retransmission)
            continue;
        const QPointF a = map(seg.timeMs, seg.seq);
        const QPointF b = map(seg.timeMs, seg.end);
        painter.setPen(QPen(seg.dropped ? QColor(0xb0, 0x2a, 0x37) : QColor(0xc7, 0x6b, 0x00), 2 * line));
        painter.drawLine(a, QPointF(b.x(), std::min(b.y(), a.y() - 2 * line)));
        if (seg.dropped) {
            painter.drawLine(b + QPointF(-cross, -cross), b + QPointF(cross, cross));
            painter.drawLine(b + QPointF(-cross, cross), b + QPointF(cross, -cross));
        }
    }
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
