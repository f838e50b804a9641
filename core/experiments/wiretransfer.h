// A bulk transfer across the wire for the experiments that watch TCP move data over a path
// (slow-start, retransmit, bdp): the sender on the server side, the receiver on the client side,
// the sender's TCP_INFO sampled every few milliseconds beside the capture. Bounded in time and
// cancellable; both descriptors are closed before it returns.
#pragma once

#include "tcpinfo.h"
#include "wire/capturedpacket.h"
#include "wire/connectiontracker.h"
#include "wire/wire.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace tcplab {

class ExperimentContext;

namespace lab {

struct WireTransferOptions
{
    qint64 bytes = 0;          // stop after this many bytes are written (0: only the time bounds it)
    int durationMs = 2000;     // the sender writes for at most this long
    int graceMs = 3000;        // then the receiver waits at most this long for the rest
    QByteArray congestion;     // the sender's TCP_CONGESTION; empty: the namespace's default
    int senderSndbuf = 0;      // SO_SNDBUF on the sender (0: autotuning)
    int receiverRcvbuf = 0;    // SO_RCVBUF on the receiver before connect() (0: autotuning)
    int userTimeoutMs = 0;     // TCP_USER_TIMEOUT on the sender
    // Once: after pauseAfterBytes are written and acknowledged, the sender is idle for pauseMs.
    qint64 pauseAfterBytes = 0;
    int pauseMs = 0;
    // The steady rate is measured from this long after the receiver's first byte (slow start left out).
    int steadyAfterMs = 0;
    // Called by the receiving loop every few ms (e.g. to cut the wire mid-transfer); false ends
    // the transfer there and then, without waiting for what is still queued.
    std::function<bool(qint64 receivedBytes, qint64 elapsedMs)> onTick;
};

struct SenderSample
{
    qint64 timeNs = 0; // CLOCK_REALTIME, like the capture's times
    TcpInfoSnapshot info;
};

struct WireTransferResult
{
    QString error;                // setup failed (empty: the transfer ran)
    int sendErrno = 0;            // why the sender stopped early (ETIMEDOUT under TCP_USER_TIMEOUT)
    qint64 sendErrorNs = 0;       // CLOCK_REALTIME of that error
    qint64 lastProgressNs = 0;    // CLOCK_REALTIME of the last byte the sender got rid of before it
    qint64 bytesWritten = 0;
    qint64 bytesReceived = 0;
    qint64 startNs = 0;           // CLOCK_REALTIME when the sender began writing
    qint64 firstByteNs = 0;       // ... when the receiver got its first byte
    qint64 lastByteNs = 0;        // ... and its last
    quint16 clientPort = 0;       // the connection in the capture
    QByteArray congestion;        // what the sender's socket ran with (read back)
    int senderSndbuf = -1;        // read back after setting (the kernel doubles it)
    int receiverRcvbuf = -1;
    int receiverRcvbufAfter = -1; // autotuning grows an unset buffer
    TcpInfoSnapshot beforePause;  // the sender, idle with everything acknowledged
    TcpInfoSnapshot afterPause;   // right after its first write once the pause is over
    bool paused = false;
    qint64 steadyFromNs = 0;      // CLOCK_REALTIME where the steady rate's measurement starts
    qint64 steadyFromBytes = 0;   // bytes received by then
    QList<SenderSample> samples;

    bool ok() const { return error.isEmpty(); }
    // Goodput from the receiver's first byte to its last, in bits per second.
    double receiveBitsPerSecond() const;
    // ... from steadyAfterMs on (the whole transfer when that point was never reached).
    double steadyBitsPerSecond() const;
};

qint64 realtimeNs();

WireTransferResult runWireTransfer(wire::Wire &wire, const WireTransferOptions &options, const ExperimentContext &context);

// One TCP packet of one connection from the capture, decoded and annotated (retransmission...).
struct FlowPacket
{
    wire::CapturedPacket packet;
    wire::DecodedPacket decoded;
    wire::PacketAnnotation annotation;
    bool fromServer() const { return packet.direction == wire::Direction::ServerToClient; }
};
// The packets of the connection whose client port is clientPort (0: every TCP packet), in order.
QList<FlowPacket> connectionPackets(const QList<wire::CapturedPacket> &packets, quint16 clientPort);

// The congestion controls an ordinary socket inside the wire's namespace may select.
QStringList allowedCongestionControls(wire::Wire &wire);

} // namespace lab
} // namespace tcplab
