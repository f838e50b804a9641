// Per-connection TCP state over the captured packets, in the order the relay received them:
// which connection a packet belongs to, seq/ack relative to each side's ISN, the window with the
// negotiated scale applied, and the marks a reader of a ladder wants (retransmission, keep-alive,
// delayed ACK, and the wire's own doing: dropped, duplicated, reordered).
#pragma once

#include "capturedpacket.h"
#include "packetdecoder.h"

#include <QHash>
#include <QList>

#include <optional>

namespace tcplab::wire {

// Client = the sender of the client-to-server direction; the key is the same for both directions.
struct ConnectionKey
{
    quint32 clientAddress = 0;
    quint32 serverAddress = 0;
    quint16 clientPort = 0;
    quint16 serverPort = 0;
    bool operator==(const ConnectionKey &) const = default;
    static ConnectionKey of(Direction direction, const DecodedPacket &packet);
};
size_t qHash(const ConnectionKey &key, size_t seed = 0);

// What the tracker knows about one packet. Valid only for TCP packets (decoded.isTcp()).
struct PacketAnnotation
{
    quint64 connectionId = 0; // 1, 2, ... in the order connections were first seen; 0: not TCP
    quint32 relativeSeq = 0;  // seq - the sender's ISN (or its first seq seen, without a SYN)
    quint32 relativeAck = 0;  // ack - the receiver's ISN; 0 without ACK
    bool isnKnown = false;    // the sender's SYN was seen, so relativeSeq counts from the ISN
    quint32 window = 0;       // with the sender's scale applied where RFC 7323 says it applies
    bool windowScaled = false;
    bool retransmission = false; // occupies sequence space the sender had already sent
    bool keepAlive = false;      // seq = sent - 1, at most 1 byte: a keep-alive probe
    bool delayedAck = false;     // a pure ACK sent >= kDelayedAckNs after the data it acknowledges arrived
    qint64 ackDelayNs = -1;      // for a pure ACK that acknowledged new data: since that data arrived
    // The wire's doing, from the packet's fate.
    bool dropped = false;
    bool duplicate = false;
    bool reordered = false;
};

class ConnectionTracker
{
public:
    static constexpr qint64 kDelayedAckNs = 10'000'000; // 10 ms
    static constexpr int kDefaultMaxConnections = 4096;

    struct Side
    {
        bool synSeen = false;
        quint32 isn = 0;      // valid with synSeen; else the first seq seen (baseKnown)
        bool baseKnown = false;
        int windowScale = -1; // from this side's SYN; -1: not offered (or SYN not seen)
        bool highestKnown = false;
        quint32 highestEnd = 0; // the end of the sequence space this side has sent
        bool ackKnown = false;
        quint32 lastAck = 0;    // the highest ack this side has sent
        int mss = -1;
    };

    struct Connection
    {
        quint64 id = 0;
        ConnectionKey key;
        Side client;
        Side server;
        bool scalingAgreed() const { return client.windowScale >= 0 && server.windowScale >= 0; }
        Side &side(Direction d) { return d == Direction::ClientToServer ? client : server; }
        const Side &side(Direction d) const { return d == Direction::ClientToServer ? client : server; }
    };

    explicit ConnectionTracker(int maxConnections = kDefaultMaxConnections);

    // Feed packets in the order the relay received them (CapturedPacket::index).
    PacketAnnotation track(const CapturedPacket &packet, const DecodedPacket &decoded);
    PacketAnnotation track(const CapturedPacket &packet) { return track(packet, decodePacket(packet)); }

    const Connection *connection(quint64 id) const;
    QList<Connection> connections() const; // in id order
    int connectionCount() const { return int(m_connections.size()); }
    void clear();

private:
    struct ArrivedData
    {
        quint32 end = 0;      // seq + length
        qint64 arrivedNs = 0; // when it reached the receiver
    };
    struct State
    {
        Connection connection;
        quint64 lastUsed = 0;
        // Per direction: the data segments recently delivered to the receiver, for delayed ACKs.
        QList<ArrivedData> arrived[2];
    };

    State &stateFor(const ConnectionKey &key, Direction direction, const DecodedPacket &decoded);
    void evictOldest();

    int m_maxConnections;
    quint64 m_nextId = 1;
    quint64 m_clock = 0;
    QHash<ConnectionKey, State> m_connections;
};

} // namespace tcplab::wire
