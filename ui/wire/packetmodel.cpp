#include "packetmodel.h"

#include "wire/capturering.h"
#include "wire/ladderformatter.h"
#include "wire/packetdecoder.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace tcplab {

using wire::CapturedPacket;
using wire::Direction;
using wire::PacketFate;

QString PacketModel::flagFilterName(FlagFilter filter)
{
    switch (filter) {
    case AnyPacket: return tr("All packets");
    case SynPackets: return tr("SYN");
    case FinPackets: return tr("FIN");
    case RstPackets: return tr("RST");
    case DataPackets: return tr("With data");
    case PureAcks: return tr("Pure ACKs");
    case DroppedPackets: return tr("Dropped by the wire");
    case Retransmissions: return tr("Retransmissions");
    case FlagFilterCount: break;
    }
    return {};
}

PacketModel::PacketModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_clock.start();
    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &PacketModel::startCycle);
    m_slice.setSingleShot(true);
    m_slice.setInterval(0);
    connect(&m_slice, &QTimer::timeout, this, &PacketModel::slice);
}

PacketModel::~PacketModel() = default;

void PacketModel::setRing(std::shared_ptr<const wire::CaptureRing> ring, bool complete)
{
    m_complete = complete;
    beginResetModel();
    m_ring = std::move(ring);
    m_tracker.clear();
    m_rows.clear();
    m_firstSerial = 0;
    m_visible.clear();
    m_pending.clear();
    m_unpublished.clear();
    m_publishedRows = 0;
    m_connectionsSeen = m_connectionsPublished = 0;
    m_slice.stop();
    m_nextPosition = 0;
    m_nextIndex = 0;
    m_missed = 0;
    m_startNs = -1;
    m_maxFlightNs = 0;
    m_lastFlightNs[0] = m_lastFlightNs[1] = 0;
    m_connectionIds.clear();
    m_connectionLabels.clear();
    m_connectionKeys.clear();
    m_connectionFilter = 0;
    endResetModel();
    emit connectionsChanged();
    if (m_ring && m_follow)
        m_timer.start();
    else
        m_timer.stop();
}

void PacketModel::setFollowLive(bool follow)
{
    m_follow = follow;
    if (m_ring && m_follow) {
        m_timer.start();
    } else {
        m_timer.stop();
        if (m_slice.isActive()) {
            m_slice.stop();
            publish(); // what the tick took so far
        }
    }
}

void PacketModel::setConnectionFilter(quint32 connection)
{
    if (connection == m_connectionFilter)
        return;
    m_connectionFilter = connection;
    rebuildVisible();
}

void PacketModel::setFlagFilter(FlagFilter filter)
{
    if (filter == m_flagFilter)
        return;
    m_flagFilter = filter;
    rebuildVisible();
}

void PacketModel::rebuildVisible()
{
    beginResetModel();
    m_visible.clear();
    m_unpublished.clear(); // the rows taken meanwhile are among m_rows: shown now
    m_publishedRows = qsizetype(m_rows.size());
    quint64 serial = m_firstSerial;
    for (const PacketRow &row : m_rows) {
        if (matches(row))
            m_visible.push_back(serial);
        ++serial;
    }
    endResetModel();
}

bool PacketModel::matches(const PacketRow &row) const
{
    if (m_connectionFilter != 0 && row.connection != m_connectionFilter)
        return false;
    switch (m_flagFilter) {
    case AnyPacket: return true;
    case SynPackets: return row.flags & wire::tcpflag::Syn;
    case FinPackets: return row.flags & wire::tcpflag::Fin;
    case RstPackets: return row.flags & wire::tcpflag::Rst;
    case DataPackets: return row.length > 0;
    case PureAcks:
        return row.has(PacketRow::Tcp) && row.length == 0 && (row.flags & wire::tcpflag::Ack)
            && !(row.flags & (wire::tcpflag::Syn | wire::tcpflag::Fin | wire::tcpflag::Rst));
    case DroppedPackets: return row.dropped();
    case Retransmissions: return row.has(PacketRow::Retransmission);
    case FlagFilterCount: break;
    }
    return true;
}

int PacketModel::poll(int budgetMs)
{
    if (!m_ring)
        return 0;
    m_slice.stop();
    ingest(qint64(budgetMs) * 1000000);
    return publish();
}

void PacketModel::startCycle()
{
    if (m_slice.isActive())
        return; // the last tick's slices are still at work
    m_cycleWorkNs = 0;
    slice();
}

void PacketModel::slice()
{
    if (!m_ring)
        return;
    QElapsedTimer work;
    work.start();
    const bool more = ingest(qint64(kSliceMs) * 1000000);
    m_cycleWorkNs += work.nsecsElapsed();
    // The rest after the events that waited (the GUI stays responsive), up to the tick's budget;
    // what is left then waits for the next tick (the ring keeps it, or counts it overwritten).
    if (more && m_cycleWorkNs < qint64(kPollBudgetMs) * 1000000)
        m_slice.start();
    else
        publish();
}

bool PacketModel::ingest(qint64 budgetNs)
{
    QElapsedTimer budget;
    budget.start();
    const qint64 nowMs = m_clock.elapsed();
    // Small chunks: the budget is checked between them.
    constexpr quint64 kChunk = 512;
    bool more = true;
    do {
        const quint64 written = m_ring->written();
        const quint64 capacity = quint64(m_ring->capacity());
        const quint64 oldest = written > capacity ? written - capacity : 0;
        if (m_nextPosition < oldest) {
            m_missed += oldest - m_nextPosition;
            m_nextPosition = oldest;
        }
        const quint64 end = std::min(written, m_nextPosition + kChunk);
        Pending p{0, nowMs, {}};
        for (; m_nextPosition < end; ++m_nextPosition) {
            p.position = m_nextPosition;
            if (!m_ring->read(m_nextPosition, &p.packet)) {
                ++m_missed;
                continue;
            }
            // In the relay's order, as nearly every packet is: taken at once, not queued and sorted.
            if (m_pending.empty() && p.packet.index == m_nextIndex) {
                take(p, &m_unpublished);
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
            take(front, &m_unpublished);
            m_nextIndex = std::max(m_nextIndex, front.packet.index + 1);
            ++taken;
        }
        m_pending.erase(m_pending.begin(), m_pending.begin() + qsizetype(taken));
        if (m_pending.empty() && m_pending.capacity() > 4 * kChunk)
            m_pending.shrink_to_fit(); // a long gap's backlog does not keep its memory
    } while (more && budget.nsecsElapsed() < budgetNs);
    return more;
}

int PacketModel::publish()
{
    const int added = int(qsizetype(m_rows.size()) - m_publishedRows);
    if (!m_unpublished.empty()) {
        const int first = int(m_visible.size());
        beginInsertRows({}, first, first + int(m_unpublished.size()) - 1);
        m_visible.insert(m_visible.end(), m_unpublished.begin(), m_unpublished.end());
        endInsertRows();
        m_unpublished.clear();
    }
    trimToCapacity();
    m_publishedRows = qsizetype(m_rows.size());
    if (m_connectionsSeen != m_connectionsPublished) {
        m_connectionsPublished = m_connectionsSeen;
        emit connectionsChanged();
    }
    if (added > 0)
        emit packetsUpdated();
    return added;
}

void PacketModel::take(const Pending &pending, std::vector<quint64> *visible)
{
    const CapturedPacket &p = pending.packet;
    const wire::DecodedPacket decoded = wire::decodePacket(p);
    PacketRow row;
    row.position = pending.position;
    row.index = p.index;
    row.sentNs = p.sentNs;
    row.deliveredNs = p.deliveredNs;
    row.direction = p.direction;
    row.fate = p.fate;
    row.dropRule = p.dropRule;
    if (decoded.isTcp()) {
        const wire::PacketAnnotation a = m_tracker.track(p, decoded);
        row.marks |= PacketRow::Tcp;
        row.seq = a.relativeSeq;
        row.ack = decoded.has(wire::tcpflag::Ack) ? a.relativeAck : 0;
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
        if (a.window == 0 && !decoded.has(wire::tcpflag::Rst))
            row.marks |= PacketRow::ZeroWindow;
        if (decoded.options.sackBlockCount > 0)
            row.marks |= PacketRow::Sack;
        if (row.connection != 0 && !m_connectionLabels.contains(row.connection)) {
            const bool fromClient = p.direction == Direction::ClientToServer;
            const quint32 client = fromClient ? decoded.sourceAddress : decoded.destinationAddress;
            const quint32 server = fromClient ? decoded.destinationAddress : decoded.sourceAddress;
            const quint16 clientPort = fromClient ? decoded.sourcePort : decoded.destinationPort;
            const quint16 serverPort = fromClient ? decoded.destinationPort : decoded.sourcePort;
            m_connectionIds << row.connection;
            ++m_connectionsSeen;
            if (m_connectionIds.size() > kMaxConnections) {
                const quint32 oldest = m_connectionIds.takeFirst();
                m_connectionLabels.remove(oldest);
                m_connectionKeys.remove(oldest);
            }
            m_connectionKeys.insert(row.connection, wire::ConnectionKey{client, server, clientPort, serverPort});
            m_connectionLabels.insert(row.connection, QStringLiteral("#%1 %2:%3 → %4:%5")
                                                          .arg(row.connection)
                                                          .arg(wire::ipv4Text(client))
                                                          .arg(clientPort)
                                                          .arg(wire::ipv4Text(server))
                                                          .arg(serverPort));
        }
    }
    if (m_startNs < 0)
        m_startNs = row.sentNs;
    if (!row.dropped()) {
        const qint64 flight = row.deliveredNs - row.sentNs;
        m_maxFlightNs = std::max(m_maxFlightNs, flight);
        m_lastFlightNs[int(row.direction)] = flight;
    }
    const quint64 serial = m_firstSerial + m_rows.size();
    m_rows.push_back(row);
    if (matches(row))
        visible->push_back(serial);
}

void PacketModel::trimToCapacity()
{
    // As many rows as the ring holds packets: older rows could no longer show their options.
    const size_t capacity = size_t(m_ring ? m_ring->capacity() : wire::CaptureRing::kDefaultCapacity);
    if (m_rows.size() <= capacity)
        return;
    const size_t drop = m_rows.size() - capacity;
    const quint64 newFirst = m_firstSerial + drop;
    const auto firstKept = std::lower_bound(m_visible.begin(), m_visible.end(), newFirst);
    const int gone = int(firstKept - m_visible.begin());
    if (gone > 0) {
        beginRemoveRows({}, 0, gone - 1);
        m_visible.erase(m_visible.begin(), firstKept);
        endRemoveRows();
    }
    m_rows.erase(m_rows.begin(), m_rows.begin() + qsizetype(drop));
    m_firstSerial = newFirst;
}

int PacketModel::rowOfPacketIndex(quint64 index) const
{
    // Rows are in index order except for a packet given up as lost that came later: search
    // by index, then check the neighbourhood.
    const auto it = std::lower_bound(m_visible.begin(), m_visible.end(), index, [this](quint64 serial, quint64 value) {
        return m_rows[size_t(serial - m_firstSerial)].index < value;
    });
    for (auto i = it; i != m_visible.end() && i - it < 4; ++i) {
        if (m_rows[size_t(*i - m_firstSerial)].index == index)
            return int(i - m_visible.begin());
    }
    for (size_t i = 0; i < m_visible.size(); ++i) {
        if (m_rows[size_t(m_visible[i] - m_firstSerial)].index == index)
            return int(i);
    }
    return -1;
}

QString PacketModel::connectionLabel(quint32 connection) const
{
    return m_connectionLabels.value(connection, QStringLiteral("#%1").arg(connection));
}

QString PacketModel::fateText(const PacketRow &row) const
{
    QString text;
    switch (row.fate) {
    case PacketFate::Delivered: text = tr("delivered"); break;
    case PacketFate::DroppedLoss: text = tr("dropped: loss"); break;
    case PacketFate::DroppedBurst: text = tr("dropped: burst loss"); break;
    case PacketFate::DroppedQueue: text = tr("dropped: queue full"); break;
    case PacketFate::DroppedCut: text = tr("dropped: cut"); break;
    case PacketFate::DroppedTargeted:
        text = row.dropRule >= 0 && row.dropRule < m_dropRules.size()
            ? tr("dropped: drop=%1").arg(m_dropRules[row.dropRule].toString())
            : tr("dropped: drop rule %1").arg(row.dropRule + 1);
        break;
    case PacketFate::Duplicate: text = tr("duplicated"); break;
    case PacketFate::Reordered: text = tr("reordered"); break;
    }
    if (row.has(PacketRow::Retransmission))
        text += tr(", retransmission");
    if (row.has(PacketRow::KeepAlive))
        text += tr(", keep-alive");
    if (row.has(PacketRow::DelayedAck))
        text += tr(", delayed ACK");
    if (row.has(PacketRow::ZeroWindow))
        text += tr(", zero window");
    return text;
}

QString PacketModel::optionsText(const PacketRow &row) const
{
    CapturedPacket p;
    if (!m_ring || !m_ring->read(row.position, &p))
        return tr("(overwritten)");
    const wire::DecodedPacket decoded = wire::decodePacket(p);
    if (!decoded.isTcp())
        return decoded.error;
    quint32 base = 0;
    if (decoded.options.sackBlockCount > 0) {
        if (const wire::ConnectionTracker::Connection *c = m_tracker.connection(row.connection)) {
            const Direction peer = row.direction == Direction::ClientToServer ? Direction::ServerToClient : Direction::ClientToServer;
            base = c->side(peer).baseKnown ? c->side(peer).isn : 0;
        }
    }
    return wire::tcpOptionsText(decoded.options, base);
}

int PacketModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int PacketModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PacketModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_visible.size()))
        return {};
    const PacketRow &row = packet(index.row());
    if (role == PacketIndexRole)
        return row.index;
    if (role == Qt::ForegroundRole && row.dropped())
        return QBrush(QColor(0xb0, 0x2a, 0x37));
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Time: case Seq: case Ack: case Length: case Window: return int(Qt::AlignRight | Qt::AlignVCenter);
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    const bool tcp = row.has(PacketRow::Tcp);
    switch (Column(index.column())) {
    case Time: return QString::number(double(row.sentNs - m_startNs) / 1e6, 'f', 3);
    case Connection: return row.connection ? QStringLiteral("#%1").arg(row.connection) : QString();
    case Arrow:
        if (row.direction == Direction::ClientToServer)
            return row.dropped() ? QStringLiteral("C ---x  S") : QStringLiteral("C ----> S");
        return row.dropped() ? QStringLiteral("C  x--- S") : QStringLiteral("C <---- S");
    case Flags: return tcp ? wire::tcpFlagsText(row.flags) : tr("not TCP");
    case Seq: return tcp ? QVariant(row.seq) : QVariant();
    case Ack: return tcp && (row.flags & wire::tcpflag::Ack) ? QVariant(row.ack) : QVariant();
    case Length: return tcp ? QVariant(row.length) : QVariant();
    case Window: return tcp ? QVariant(row.window) : QVariant();
    case Options: return optionsText(row);
    case Fate: return fateText(row);
    case ColumnCount: break;
    }
    return {};
}

bool PacketModel::sequenceBase(quint32 connection, Direction side, quint32 *base) const
{
    const wire::ConnectionTracker::Connection *c = m_tracker.connection(connection);
    if (!c)
        return false;
    const wire::ConnectionTracker::Side &s = c->side(side);
    if (!s.synSeen && !s.baseKnown)
        return false;
    *base = s.isn;
    return true;
}

QVariant PacketModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time: return tr("Time (ms)");
    case Connection: return tr("Conn.");
    case Arrow: return tr("Direction");
    case Flags: return tr("Flags");
    case Seq: return tr("Seq");
    case Ack: return tr("Ack");
    case Length: return tr("Len");
    case Window: return tr("Win");
    case Options: return tr("Options");
    case Fate: return tr("Fate");
    case ColumnCount: break;
    }
    return {};
}

} // namespace tcplab
