// Writes captured packets to a pcap file (libpcap, Ethernet link type) as one side of the wire
// saw them: the client side (what `tcpdump` on the client would have recorded) or the server side.
#pragma once

#include "capturedpacket.h"
#include "error.h"

#include <QList>
#include <QString>

namespace tcplab::wire {

enum class CaptureView : quint8 { Client, Server };

struct PcapRecord
{
    qint64 timeNs = 0; // CLOCK_REALTIME, as that side saw the packet
    const CapturedPacket *packet = nullptr;
};

class PcapWriter
{
public:
    // What one side saw, in time order (ties keep the relay's order). For the client: every
    // packet it sent, at the time it left (sentNs; a packet the wire dropped did leave), and
    // every packet that reached it, at the time it arrived (deliveredNs; one the wire dropped
    // never did). The wire's extra copies (duplicate) only ever arrive. The server: the mirror.
    static QList<PcapRecord> view(const QList<CapturedPacket> &packets, CaptureView view);

    // Writes view(packets, view) to path; the error names the file and the cause.
    static Error write(const QString &path, const QList<CapturedPacket> &packets, CaptureView view);

    // The server side's file beside the client side's: "run.pcap" (or "run") -> "run.server.pcap".
    static QString serverSidePath(const QString &clientPath);
};

} // namespace tcplab::wire
