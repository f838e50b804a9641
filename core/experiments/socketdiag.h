// The TCP sockets of one network namespace as the kernel lists them (NETLINK_SOCK_DIAG,
// inet_diag), through a netlink socket created inside that namespace (Wire::socket): unlike
// /proc/net/tcp, which only shows the reading thread's own namespace. Includes the half-open
// request sockets of a listener's SYN queue (SYN_RECV) with their SYN-ACK retransmission count.
#pragma once

#include "error.h"

#include <QList>

namespace tcplab::lab {

struct DiagSocket
{
    int state = 0;         // TCP_ESTABLISHED, TCP_SYN_RECV, ...
    quint32 localAddress = 0; // host byte order
    quint16 localPort = 0;
    quint32 remoteAddress = 0;
    quint16 remotePort = 0;
    int retransmits = 0;   // idiag_retrans: SYN-ACKs retransmitted, for a request socket
    int timer = 0;         // idiag_timer
    qint64 expiresMs = 0;  // until the timer fires
};

// Every IPv4 TCP socket whose state is in statesMask (1 << TCP_state) in netlinkFd's namespace.
Result<QList<DiagSocket>> diagTcpSockets(int netlinkFd, quint32 statesMask);

} // namespace tcplab::lab
