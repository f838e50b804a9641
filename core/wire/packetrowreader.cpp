#include "packetrowreader.h"

#include "capturering.h"
#include "packetdecoder.h"

#include <algorithm>

namespace tcplab::wire {

PacketRowReader::PacketRowReader(std::shared_ptr<const CaptureRing> ring, bool complete)
    : m_ring(std::move(ring)), m_complete(complete)
{
    m_clock.start();
}

void PacketRowReader::read(qint64 budgetNs, qsizetype maxRows, PacketBatch *batch)
{
    batch->more = false;
    if (!m_ring)
        return;
    QElapsedTimer budget;
    budget.start();
    const qint64 nowMs = m_clock.elapsed();
    const size_t rowLimit = batch->rows.size() + size_t(std::max<qsizetype>(1, maxRows));
    // One allocation for what the ring holds now (a vector grown row by row under a bulk leaves a
    // trail of freed blocks in the reader thread's malloc arena, which the window's RSS keeps).
    {
        const quint64 written = m_ring->written();
        const quint64 held = written - std::min(written, m_nextPosition);
        batch->rows.reserve(batch->rows.size() + size_t(std::min<quint64>(held, quint64(rowLimit - batch->rows.size()))));
    }
    // Small chunks: the budget and the row limit are checked between them.
    constexpr quint64 kChunk = 512;
    bool more = true;
    do {
        const quint64 written = m_ring->written();
        const quint64 capacity = quint64(m_ring->capacity());
        const quint64 oldest = written > capacity ? written - capacity : 0;
        if (m_nextPosition < oldest) {
            batch->missed += oldest - m_nextPosition;
            m_nextPosition = oldest;
        }
        const quint64 end = std::min(written, m_nextPosition + kChunk);
        Pending p{0, nowMs, {}};
        for (; m_nextPosition < end; ++m_nextPosition) {
            p.position = m_nextPosition;
            if (!m_ring->read(m_nextPosition, &p.packet)) {
                ++batch->missed;
                continue;
            }
            // In the relay's order, as nearly every packet is: taken at once, not queued and sorted.
            if (m_pending.empty() && p.packet.index == m_nextIndex) {
                take(p, batch);
                ++m_nextIndex;
            } else {
                m_pending.push_back(p);
            }
        }
        more = end < written;
        if (m_pending.empty())
            continue;
        // Release in the relay's order; a gap older than kHoldMs is given up (the packet was
        // overwritten, or the relay stopped with it queued).
        const auto byIndex = [](const Pending &a, const Pending &b) { return a.packet.index < b.packet.index; };
        if (!std::is_sorted(m_pending.begin(), m_pending.end(), byIndex))
            std::stable_sort(m_pending.begin(), m_pending.end(), byIndex);
        size_t taken = 0;
        while (taken < m_pending.size()) {
            const Pending &front = m_pending[taken];
            if (front.packet.index > m_nextIndex) {
                qint64 oldestRead = front.readMs;
                for (size_t i = taken; i < m_pending.size(); ++i)
                    oldestRead = std::min(oldestRead, m_pending[i].readMs);
                if (!m_complete && nowMs - oldestRead < kHoldMs)
                    break;
                m_nextIndex = front.packet.index;
            }
            take(front, batch);
            m_nextIndex = std::max(m_nextIndex, front.packet.index + 1);
            ++taken;
        }
        m_pending.erase(m_pending.begin(), m_pending.begin() + qsizetype(taken));
        if (m_pending.empty() && m_pending.capacity() > 4 * kChunk)
            m_pending.shrink_to_fit(); // a long gap's backlog does not keep its memory
    } while (more && budget.nsecsElapsed() < budgetNs && batch->rows.size() < rowLimit);
    batch->more = more;
}

void PacketRowReader::take(const Pending &pending, PacketBatch *batch)
{
    const CapturedPacket &p = pending.packet;
    const DecodedPacket decoded = decodePacket(p);
    PacketRow row;
    row.position = pending.position;
    row.index = p.index;
    row.sentNs = p.sentNs;
    row.deliveredNs = p.deliveredNs;
    row.direction = p.direction;
    row.fate = p.fate;
    row.dropRule = p.dropRule;
    if (decoded.isTcp()) {
        const PacketAnnotation a = m_tracker.track(p, decoded);
        row.marks |= PacketRow::Tcp;
        row.seq = a.relativeSeq;
        row.ack = decoded.has(tcpflag::Ack) ? a.relativeAck : 0;
        row.window = a.window;
        row.connection = quint32(a.connectionId);
        row.length = quint16(std::clamp(decoded.payloadLength, 0, 65535));
        row.flags = decoded.flags;
        if (a.retransmission)
            row.marks |= PacketRow::Retransmission;
        if (a.keepAlive)
            row.marks |= PacketRow::KeepAlive;
        if (a.delayedAck)
            row.marks |= PacketRow::DelayedAck;
        if (a.window == 0 && !decoded.has(tcpflag::Rst))
            row.marks |= PacketRow::ZeroWindow;
        if (decoded.options.sackBlockCount > 0)
            row.marks |= PacketRow::Sack;
        if (const ConnectionTracker::Connection *c = m_tracker.connection(a.connectionId))
            report(*c, p.sentNs, batch);
    }
    batch->rows.push_back(row);
}

void PacketRowReader::report(const ConnectionTracker::Connection &c, qint64 sentNs, PacketBatch *batch)
{
    const auto bits = [](const ConnectionTracker::Side &s) { return quint8((s.synSeen ? 1 : 0) | (s.baseKnown ? 2 : 0)); };
    const quint8 now = quint8(0x80 | bits(c.client) | bits(c.server) << 2);
    const quint32 id = quint32(c.id);
    auto it = m_reported.find(id);
    if (it != m_reported.end() && *it == now)
        return;
    if (it == m_reported.end()) {
        // Bounded like the tracker's own table: a flood of short connections does not grow it.
        if (m_reported.size() >= 2 * ConnectionTracker::kDefaultMaxConnections)
            m_reported.clear();
        it = m_reported.insert(id, now);
    } else {
        *it = now;
    }
    PacketConnection pc;
    pc.id = id;
    pc.key = c.key;
    pc.firstSentNs = sentNs; // the first report's is the first packet's; later ones do not replace it
    for (Direction d : {Direction::ClientToServer, Direction::ServerToClient}) {
        const ConnectionTracker::Side &s = c.side(d);
        pc.base[int(d)] = {s.synSeen, s.synSeen || s.baseKnown, s.isn};
    }
    if (!batch->connections.isEmpty() && batch->connections.last().id == id) {
        pc.firstSentNs = batch->connections.last().firstSentNs;
        batch->connections.last() = pc;
    } else
        batch->connections.append(pc);
}

} // namespace tcplab::wire
