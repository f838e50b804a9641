// The calling thread's network namespace as /proc shows it: the kernel's counters (netstat and
// snmp) and the TCP socket table. /proc/thread-self, not /proc/self: a thread inside a private
// network namespace must read its own namespace, not the one of the process's main thread.
#pragma once

#include <QList>
#include <QMap>
#include <QString>

#include "socketendpoint.h"

namespace tcplab {

// /proc/thread-self/net/netstat and snmp as "TcpExt.ListenOverflows" -> value; empty when unreadable.
QMap<QString, qint64> readNetCounters();
qint64 counterDelta(const QMap<QString, qint64> &before, const QMap<QString, qint64> &after, const QString &key);

// One row of /proc/thread-self/net/tcp or tcp6.
struct ProcTcpSocket
{
    int family = 0;           // AF_INET (a row of tcp) or AF_INET6 (tcp6)
    quint32 localAddress = 0; // host byte order; IPv4 rows only
    quint16 localPort = 0;
    quint32 remoteAddress = 0;
    quint16 remotePort = 0;
    SocketEndpoint local;     // either family, with the port
    SocketEndpoint remote;
    int state = 0;            // TCP_ESTABLISHED, ... as in tcpinfo.h
    int timer = 0;            // 0 none, 1 retransmit, 2 keep-alive (or other), 3 TIME_WAIT, 4 zero-window probe
    qint64 timerMs = 0;       // until the timer fires
    int timerCount = 0;       // retransmits or unanswered probes
};
// Both tables: IPv4 sockets from tcp, IPv6 ones (dual-stack included) from tcp6.
QList<ProcTcpSocket> readProcTcp();
QString procTimerName(int timer);

} // namespace tcplab
