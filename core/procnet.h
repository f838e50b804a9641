// The calling thread's network namespace as /proc shows it: the kernel's counters (netstat and
// snmp) and the TCP socket table. /proc/thread-self, not /proc/self: a thread inside a private
// network namespace must read its own namespace, not the one of the process's main thread.
#pragma once

#include <QList>
#include <QMap>
#include <QString>

namespace tcplab {

// /proc/thread-self/net/netstat and snmp as "TcpExt.ListenOverflows" -> value; empty when unreadable.
QMap<QString, qint64> readNetCounters();
qint64 counterDelta(const QMap<QString, qint64> &before, const QMap<QString, qint64> &after, const QString &key);

// One row of /proc/thread-self/net/tcp.
struct ProcTcpSocket
{
    quint32 localAddress = 0; // host byte order
    quint16 localPort = 0;
    quint32 remoteAddress = 0;
    quint16 remotePort = 0;
    int state = 0;            // TCP_ESTABLISHED, ... as in tcpinfo.h
    int timer = 0;            // 0 none, 1 retransmit, 2 keep-alive (or other), 3 TIME_WAIT, 4 zero-window probe
    qint64 timerMs = 0;       // until the timer fires
    int timerCount = 0;       // retransmits or unanswered probes
};
QList<ProcTcpSocket> readProcTcp();
QString procTimerName(int timer);

} // namespace tcplab
