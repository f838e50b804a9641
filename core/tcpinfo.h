// The kernel's own view of one TCP socket (TCP_INFO), for reports and the connection table.
#pragma once

#include <QString>
#include <QtGlobal>

#include <cstddef>

namespace tcplab {

struct TcpInfoSnapshot
{
    bool valid = false;
    int state = 0;             // TCP_ESTABLISHED, TCP_LISTEN, ...
    quint32 rttUs = 0;
    quint32 rttVarUs = 0;
    quint32 sndCwnd = 0;
    quint32 retransmits = 0;   // current consecutive retransmits
    quint32 totalRetrans = 0;
    quint32 unacked = 0;       // LISTEN: current accept-queue length
    quint32 sacked = 0;        // LISTEN: accept-queue limit (the effective backlog)
    quint32 probes = 0;        // keep-alive or zero-window probes sent unanswered
    quint32 lastDataRecvMs = 0;
    quint32 lastAckRecvMs = 0;
    quint8 options = 0;        // TCPI_OPT_* bits, e.g. SYN_DATA for Fast Open
    quint8 caState = 0;
    quint32 pmtu = 0;
    quint32 sndMss = 0;
    quint32 rcvMss = 0;
    // Congestion and pacing, for the wire's TCP_INFO series (0 where the kernel has no value).
    quint32 sndSsthresh = 0;   // segments; 0x7fffffff (TCP_INFINITE_SSTHRESH) before the first loss
    quint32 rtoUs = 0;
    quint32 rcvSpace = 0;      // bytes the receiver's buffer auto-tuning aims at
    quint32 notsentBytes = 0;
    quint32 segsOut = 0;
    quint32 segsIn = 0;
    quint64 bytesAcked = 0;
    quint64 bytesReceived = 0;
    quint64 pacingRate = 0;    // bytes per second
    quint64 deliveryRate = 0;  // bytes per second, the kernel's latest estimate
    bool deliveryRateAppLimited = false;

    QString stateName() const;
    QString toText() const;
};

TcpInfoSnapshot readTcpInfo(int fd);
// The kernel's struct tcp_info as bytes (getsockopt, or sock_diag's INET_DIAG_INFO attribute).
TcpInfoSnapshot tcpInfoFromBytes(const void *data, size_t length);
QString tcpStateName(int state);

} // namespace tcplab
