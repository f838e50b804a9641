#include "connectiontracker.h"

#include <algorithm>

namespace tcplab::wire {

namespace {

// Sequence numbers compare modulo 2^32 (RFC 793's serial arithmetic).
bool seqBefore(quint32 a, quint32 b)
{
    return qint32(a - b) < 0;
}

bool seqAfter(quint32 a, quint32 b)
{
    return qint32(a - b) > 0;
}

Direction opposite(Direction d)
{
    return d == Direction::ClientToServer ? Direction::ServerToClient : Direction::ClientToServer;
}

bool isDropped(PacketFate fate)
{
    switch (fate) {
    case PacketFate::DroppedLoss:
    case PacketFate::DroppedBurst:
    case PacketFate::DroppedQueue:
    case PacketFate::DroppedCut:
    case PacketFate::DroppedTargeted:
        return true;
    default:
        return false;
    }
}

constexpr int kMaxArrivedPerDirection = 256;
constexpr int kMaxScaleShift = 14; // RFC 7323 sec. 2.3: larger shifts are treated as 14

} // namespace

ConnectionKey ConnectionKey::of(Direction direction, const DecodedPacket &p)
{
    ConnectionKey k;
    if (direction == Direction::ClientToServer) {
        k.clientAddress = p.sourceAddress;
        k.clientPort = p.sourcePort;
        k.serverAddress = p.destinationAddress;
        k.serverPort = p.destinationPort;
    } else {
        k.clientAddress = p.destinationAddress;
        k.clientPort = p.destinationPort;
        k.serverAddress = p.sourceAddress;
        k.serverPort = p.sourcePort;
    }
    return k;
}

size_t qHash(const ConnectionKey &key, size_t seed)
{
    return ::qHash((quint64(key.clientAddress) << 32) | key.serverAddress, seed) ^ ::qHash((uint(key.clientPort) << 16) | key.serverPort, seed);
}

ConnectionTracker::ConnectionTracker(int maxConnections) : m_maxConnections(qMax(1, maxConnections)) {}

void ConnectionTracker::clear()
{
    m_connections.clear();
    m_nextId = 1;
    m_clock = 0;
}

const ConnectionTracker::Connection *ConnectionTracker::connection(quint64 id) const
{
    for (const State &s : m_connections) {
        if (s.connection.id == id)
            return &s.connection;
    }
    return nullptr;
}

QList<ConnectionTracker::Connection> ConnectionTracker::connections() const
{
    QList<Connection> out;
    for (const State &s : m_connections)
        out << s.connection;
    std::sort(out.begin(), out.end(), [](const Connection &a, const Connection &b) { return a.id < b.id; });
    return out;
}

void ConnectionTracker::evictOldest()
{
    auto oldest = m_connections.begin();
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        if (it->lastUsed < oldest->lastUsed)
            oldest = it;
    }
    if (oldest != m_connections.end())
        m_connections.erase(oldest);
}

ConnectionTracker::State &ConnectionTracker::stateFor(const ConnectionKey &key, Direction direction, const DecodedPacket &d)
{
    auto it = m_connections.find(key);
    // A client SYN with a new ISN on a known 4-tuple is a new connection (the port was reused).
    const bool newSyn = direction == Direction::ClientToServer && d.has(tcpflag::Syn) && !d.has(tcpflag::Ack);
    if (it != m_connections.end() && newSyn && !(it->connection.client.synSeen && it->connection.client.isn == d.seq)) {
        m_connections.erase(it);
        it = m_connections.end();
    }
    if (it == m_connections.end()) {
        if (m_connections.size() >= m_maxConnections)
            evictOldest();
        State s;
        s.connection.id = m_nextId++;
        s.connection.key = key;
        it = m_connections.insert(key, s);
    }
    it->lastUsed = ++m_clock;
    return *it;
}

PacketAnnotation ConnectionTracker::track(const CapturedPacket &packet, const DecodedPacket &d)
{
    PacketAnnotation a;
    a.dropped = isDropped(packet.fate);
    a.duplicate = packet.fate == PacketFate::Duplicate;
    a.reordered = packet.fate == PacketFate::Reordered;
    if (!d.isTcp())
        return a;

    const Direction dir = packet.direction;
    State &state = stateFor(ConnectionKey::of(dir, d), dir, d);
    Connection &c = state.connection;
    Side &sender = c.side(dir);
    Side &receiver = c.side(opposite(dir));
    a.connectionId = c.id;

    // The wire's extra copy is the same segment again: shown, but it changes no state.
    const bool original = !a.duplicate;

    if (d.has(tcpflag::Syn) && original) {
        sender.synSeen = true;
        sender.isn = d.seq;
        sender.baseKnown = true;
        sender.windowScale = d.options.windowScale;
        sender.mss = d.options.mss;
    }
    if (!sender.baseKnown) {
        sender.isn = d.seq;
        sender.baseKnown = true;
    }
    a.isnKnown = sender.synSeen;
    a.relativeSeq = d.seq - sender.isn;
    if (d.has(tcpflag::Ack)) {
        if (!receiver.baseKnown) {
            receiver.isn = d.ack;
            receiver.baseKnown = true;
        }
        a.relativeAck = d.ack - receiver.isn;
    }

    // RFC 7323: the scale applies only when both SYNs carried it, and never to a SYN's window.
    a.window = d.window;
    if (!d.has(tcpflag::Syn) && c.scalingAgreed()) {
        a.window = quint32(d.window) << qMin(sender.windowScale, kMaxScaleShift);
        a.windowScaled = true;
    }

    if (original) {
        const quint32 length = d.sequenceLength();
        const bool plain = !(d.flags & (tcpflag::Syn | tcpflag::Fin | tcpflag::Rst));
        if (sender.highestKnown && plain && d.payloadLength <= 1 && d.seq == sender.highestEnd - 1 && receiver.ackKnown
            && receiver.lastAck == sender.highestEnd) {
            // Keep-alive: one byte (or none) below what was sent and acknowledged, to provoke an ACK.
            a.keepAlive = true;
        } else if (length > 0 && sender.highestKnown && seqBefore(d.seq, sender.highestEnd)) {
            a.retransmission = true;
        }
        if (length > 0 && (!sender.highestKnown || seqAfter(d.seq + length, sender.highestEnd))) {
            sender.highestEnd = d.seq + length;
            sender.highestKnown = true;
        }

        // Delayed ACK: how long after the newest data it acknowledges reached this side.
        QList<ArrivedData> &toThisSide = state.arrived[int(opposite(dir))];
        if (d.has(tcpflag::Ack)) {
            if (d.isPureAck() && (!sender.ackKnown || seqAfter(d.ack, sender.lastAck))) {
                qint64 newest = -1;
                for (const ArrivedData &data : toThisSide) {
                    if (!seqAfter(data.end, d.ack) && (!sender.ackKnown || seqAfter(data.end, sender.lastAck)))
                        newest = qMax(newest, data.arrivedNs);
                }
                if (newest >= 0) {
                    a.ackDelayNs = packet.sentNs - newest;
                    a.delayedAck = a.ackDelayNs >= kDelayedAckNs;
                }
            }
            if (!sender.ackKnown || seqAfter(d.ack, sender.lastAck)) {
                sender.lastAck = d.ack;
                sender.ackKnown = true;
            }
            toThisSide.removeIf([&](const ArrivedData &data) { return !seqAfter(data.end, sender.lastAck); });
        }
        if (d.payloadLength > 0 && packet.deliveredNs >= 0) {
            QList<ArrivedData> &fromThisSide = state.arrived[int(dir)];
            if (fromThisSide.size() >= kMaxArrivedPerDirection)
                fromThisSide.removeFirst();
            fromThisSide.append(ArrivedData{d.seq + quint32(d.payloadLength), packet.deliveredNs});
        }
    }
    return a;
}

} // namespace tcplab::wire
