// The packet views' rows from the capture ring: each packet decoded once and tracked (connection,
// seq/ack relative to the ISNs, marks) into a 56-byte PacketRow, in the relay's order. The relay
// pushes a packet when it is delivered or dropped, so a delayed packet reaches the ring after
// later ones that were dropped at once; packets are held back until the ones before them (by
// index) arrived, or for kHoldMs at most.
//
// One thread at a time: the window's reader thread (PacketRowWorker) while a capture is live,
// the GUI thread for a finished one. What the views need besides the rows (a connection's
// addresses, the ISNs its relative numbers count from) travels in the batch, so that nothing
// reads the tracker across threads.
#pragma once

#include "capturedpacket.h"
#include "connectiontracker.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>

#include <memory>
#include <vector>

namespace tcplab::wire {

class CaptureRing;

struct PacketRow
{
    enum Mark : quint8 { Tcp = 1, Retransmission = 2, KeepAlive = 4, DelayedAck = 8, ZeroWindow = 16, Sack = 32 };
    quint64 position = 0; // in the ring, to read the packet's bytes again
    quint64 index = 0;    // the relay's order
    qint64 sentNs = 0;
    qint64 deliveredNs = -1;
    quint32 seq = 0;      // relative to the sender's ISN
    quint32 ack = 0;      // relative to the receiver's ISN
    quint32 window = 0;   // scaled where RFC 7323 says so
    quint32 connection = 0;
    quint16 length = 0;   // payload bytes
    quint8 flags = 0;
    quint8 marks = 0;
    Direction direction = Direction::ClientToServer;
    PacketFate fate = PacketFate::Delivered;
    qint16 dropRule = -1;

    bool dropped() const { return deliveredNs < 0; }
    bool has(Mark m) const { return (marks & m) != 0; }
};

// A connection as the views know it: its addresses, and per side (Direction of its sending)
// where its relative sequence numbers count from.
struct PacketConnection
{
    struct Base
    {
        bool synSeen = false;
        bool known = false; // the ISN (synSeen) or the first seq seen
        quint32 isn = 0;
    };
    quint32 id = 0;
    ConnectionKey key;
    qint64 firstSentNs = -1; // its first packet's (what its times count from)
    Base base[2];
};

struct PacketBatch
{
    std::vector<PacketRow> rows;           // in the relay's order
    QList<PacketConnection> connections;   // new ones, and ones whose bases changed, in id order
    quint64 missed = 0;                    // overwritten before they were read
    bool more = false;                     // the ring held more than this batch took
};

class PacketRowReader
{
public:
    static constexpr int kHoldMs = 2000;

    // complete: a finished capture (an experiment's), nothing is still on its way, so nothing is
    // held back for a missing index.
    PacketRowReader(std::shared_ptr<const CaptureRing> ring, bool complete);

    // Reads what the ring holds, for about budgetNs and at most maxRows rows, into batch.
    void read(qint64 budgetNs, qsizetype maxRows, PacketBatch *batch);

private:
    struct Pending
    {
        quint64 position;
        qint64 readMs;
        CapturedPacket packet;
    };
    void take(const Pending &pending, PacketBatch *batch);
    void report(const ConnectionTracker::Connection &c, qint64 sentNs, PacketBatch *batch);

    std::shared_ptr<const CaptureRing> m_ring;
    bool m_complete;
    ConnectionTracker m_tracker;
    std::vector<Pending> m_pending; // read, waiting for an earlier index
    QHash<quint32, quint8> m_reported; // per connection: the base bits last reported
    quint64 m_nextPosition = 0;     // in the ring
    quint64 m_nextIndex = 0;        // the relay's index expected next
    QElapsedTimer m_clock;
};

} // namespace tcplab::wire
