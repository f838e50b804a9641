// The text ladder for the terminal: one line per captured packet, client on the left, server on
// the right, in plain ASCII so it reads the same in any terminal, log or file:
//
//     40.300 ms  C ----> S  PSH,ACK      seq=1 ack=1 len=5 win=64256 <ts 140/200> "hello"
//    100.300 ms  C <---- S  ACK          seq=1 ack=6 len=0 win=130304 <ts 280/140> [delayed ACK 40.000 ms]
//    100.400 ms  C  x--- S  PSH,ACK      seq=1 ack=6 len=6 win=130304 <ts 280/140> "HELLO!" [dropped: drop=s2c:data]
//
// time: when the packet left its sender, in ms (with µs) since the first packet; the arrow
// points from sender to receiver, with an `x` where the wire dropped it; seq/ack relative to
// each side's ISN (ack only with the ACK flag); len = payload bytes; win with the window scale
// applied; <options>; the first payload bytes; [marks]. With more than one connection, each line
// carries the connection's number (#1, #2 ...) after the time.
#pragma once

#include "capturedpacket.h"
#include "connectiontracker.h"
#include "wirespec.h"

#include <QList>
#include <QStringList>

namespace tcplab::wire {

// A segment's TCP options as the ladder shows them: "<mss 1460,sackOK,ts 100/0,ws 7>", empty
// without options. SACK blocks are shown relative to sackBase (the peer's ISN; 0: absolute).
QString tcpOptionsText(const TcpOptions &options, quint32 sackBase);

class LadderFormatter
{
public:
    static constexpr int kPreviewBytes = 16;

    // dropRules: the spec's targeted drops, to name the rule that dropped a packet.
    explicit LadderFormatter(QList<TargetedDrop> dropRules = {});

    // A whole capture: sorted into the relay's order (index), one line each. The connection
    // number is shown when the capture holds more than one connection.
    QStringList format(const QList<CapturedPacket> &packets);

    // Live use: the next packet (in index order), timed from the first one given.
    QString append(const CapturedPacket &packet);
    void setShowConnection(bool show) { m_showConnection = show; }
    void reset();

    // One line explaining the columns, for above the ladder.
    static QString legend();

private:
    QString line(const CapturedPacket &packet, const DecodedPacket &decoded, const PacketAnnotation &annotation) const;
    QString optionsText(const CapturedPacket &packet, const DecodedPacket &decoded, const PacketAnnotation &annotation) const;
    QString dropText(const CapturedPacket &packet) const;

    QList<TargetedDrop> m_dropRules;
    ConnectionTracker m_tracker;
    qint64 m_startNs = -1;
    bool m_showConnection = false;
};

} // namespace tcplab::wire
