// The captured packets of an experiment, grouped by TCP connection and annotated (relative
// seq/ack, keep-alive probe, delayed ACK, retransmission), so that each experiment reads its
// findings from what crossed the wire rather than from what it expected to cross.
#pragma once

#include "wire/capturedpacket.h"
#include "wire/connectiontracker.h"
#include "wire/packetdecoder.h"

#include <QList>

#include <functional>

namespace tcplab::lab {

struct CapturedSegment
{
    wire::CapturedPacket packet;
    wire::DecodedPacket decoded;
    wire::PacketAnnotation annotation;

    bool fromClient() const { return packet.direction == wire::Direction::ClientToServer; }
    bool has(quint8 flag) const { return decoded.has(flag); }
    bool isSyn() const { return decoded.has(wire::tcpflag::Syn) && !decoded.has(wire::tcpflag::Ack); }
    bool isSynAck() const { return decoded.has(wire::tcpflag::Syn) && decoded.has(wire::tcpflag::Ack); }
    bool delivered() const { return packet.deliveredNs >= 0; }
    // When it left its sender / reached its receiver, in ms since `originNs`.
    double sentMs(qint64 originNs) const { return double(packet.sentNs - originNs) / 1e6; }
    double deliveredMs(qint64 originNs) const { return double(packet.deliveredNs - originNs) / 1e6; }
};

struct CapturedConnection
{
    quint64 id = 0;            // 1, 2 ... in the order the connections were first seen
    wire::ConnectionKey key;
    QList<CapturedSegment> segments; // in the relay's order

    quint16 clientPort() const { return key.clientPort; }
    quint16 serverPort() const { return key.serverPort; }
    // The first segment matching pred (from the client when fromClient, else from the server),
    // or null.
    const CapturedSegment *first(bool fromClient, const std::function<bool(const CapturedSegment &)> &pred) const;
    int count(bool fromClient, const std::function<bool(const CapturedSegment &)> &pred) const;
};

// Non-TCP frames are left out.
QList<CapturedConnection> capturedConnections(const QList<wire::CapturedPacket> &packets);
// The connection whose client used that local port (the last one when a port was reused), or null.
const CapturedConnection *connectionOfClientPort(const QList<CapturedConnection> &connections, quint16 clientPort);

} // namespace tcplab::lab
