// TCP_INFO of every TCP socket in one network namespace, from the kernel's sock_diag dump
// (INET_DIAG_INFO) through a netlink socket made inside that namespace (Wire::socket): the
// sampler then needs no descriptor of the connections it watches, so it cannot keep one open.
#pragma once

#include "error.h"
#include "tcpinfo.h"

#include <QList>

namespace tcplab::wire {

struct DiagTcpInfo
{
    quint32 localAddress = 0; // host byte order
    quint16 localPort = 0;
    quint32 remoteAddress = 0;
    quint16 remotePort = 0;
    TcpInfoSnapshot info;
};

// The connected IPv4 TCP sockets (not listeners, request or time-wait sockets, which carry no
// tcp_info) of netlinkFd's namespace (a NETLINK_SOCK_DIAG socket). At most maxSockets.
Result<QList<DiagTcpInfo>> dumpTcpInfo(int netlinkFd, int maxSockets = 8192);

} // namespace tcplab::wire
