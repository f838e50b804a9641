// What the wire does to the packets of each direction: netem's vocabulary plus targeted drops.
// Parsed from a spec string (wirespec.cpp), applied by the relay, changeable while traffic flows.
#pragma once

#include "error.h"

#include <QList>
#include <QString>

namespace tcplab::wire {

enum class Direction : quint8 { ClientToServer = 0, ServerToClient = 1 };
QString directionName(Direction direction); // "c2s" / "s2c"

enum class JitterDistribution : quint8 { Uniform, Normal };

// Gilbert-Elliott burst loss, in netem's terms (`loss gemodel p r 1-h 1-k`), all in percent:
// p = good->bad, r = bad->good, lossInBad = 1-h, lossInGood = 1-k.
struct BurstLoss
{
    bool enabled = false;
    double p = 0, r = 100, lossInBad = 100, lossInGood = 0;
    bool operator==(const BurstLoss &) const = default;
};

struct DirectionImpairment
{
    double delayMs = 0;
    double jitterMs = 0;
    JitterDistribution jitterDistribution = JitterDistribution::Uniform;
    bool keepOrder = true;       // jitter never reorders unless reordering is asked
    double lossPercent = 0;      // random, independent
    BurstLoss burst;
    double duplicatePercent = 0;
    double reorderPercent = 0;   // a packet overtakes the one before it
    quint64 rateBitsPerSecond = 0; // 0: unlimited
    int limitPackets = 1000;     // drop-tail queue of the rate limiter
    bool cut = false;            // drop everything now
    // A scheduled cut, relative to the moment the spec is applied; cutForMs < 0: no schedule.
    double cutAfterMs = 0;
    double cutForMs = -1;
    bool operator==(const DirectionImpairment &) const = default;
};

// "drop the Nth packet matching a TCP filter": drop=c2s:ack-of-handshake, drop=s2c:syn-ack*2,
// drop=c2s:data#5. Packets are counted per rule from the moment the spec is applied.
enum class DropMatch : quint8 {
    Syn,             // SYN without ACK
    SynAck,          // SYN+ACK
    AckOfHandshake,  // the client's pure ACK that completes the handshake
    Data,            // any segment with payload
    PureAck,         // ACK, no payload, no SYN/FIN/RST
    Fin,
    Rst,
};
QString dropMatchName(DropMatch match); // the spec's word: "syn", "syn-ack", "ack-of-handshake", ...

struct TargetedDrop
{
    Direction direction = Direction::ClientToServer;
    DropMatch match = DropMatch::Data;
    int first = 1; // 1-based index of the first matching packet dropped
    int count = 1; // how many consecutive matching packets from there
    bool operator==(const TargetedDrop &) const = default;
    QString toString() const; // the spec's own form, e.g. "s2c:syn-ack*2"
};

struct WireSpec
{
    DirectionImpairment c2s;
    DirectionImpairment s2c;
    QList<TargetedDrop> drops;
    bool operator==(const WireSpec &) const = default;

    DirectionImpairment &direction(Direction d) { return d == Direction::ClientToServer ? c2s : s2c; }
    const DirectionImpairment &direction(Direction d) const { return d == Direction::ClientToServer ? c2s : s2c; }
    bool isClean() const { return *this == WireSpec{}; }

    // "delay=50ms,jitter=5ms,loss=1%,rate=10mbit,limit=100", "s2c.loss=5%", "drop=c2s:data#5".
    // An empty string is a clean wire. The error names the bad part and the allowed form.
    static Result<WireSpec> parse(const QString &spec);
    QString toString() const; // canonical; parse(toString()) == *this
};

} // namespace tcplab::wire
