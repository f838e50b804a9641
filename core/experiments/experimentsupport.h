// What the experiments share: the kernel's counters and socket table as /proc shows them to the
// calling thread, small blocking client helpers on loopback, and a private network namespace.
#pragma once

#include "error.h"
#include "filedescriptor.h"
#include "serverconfig.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>

namespace tcplab {

class ExperimentContext;

namespace lab {

// /proc/thread-self/net/netstat and snmp ("TcpExt.ListenOverflows" -> value). thread-self, not
// self: a thread inside a private network namespace must read its own namespace's counters.
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

// A server configuration on 127.0.0.1, port 0, logging only errors (the experiments read the
// kernel, not the log; nothing piles up in a hub whose thread has no event loop).
ServerConfig experimentConfig(const QString &mode, const QString &handler, bool persistent);

// A blocking client socket connected to 127.0.0.1:port within timeoutMs; prepare runs on the
// socket before connect() (client options).
Result<FileDescriptor> connectLoopback(quint16 port, int timeoutMs = 2000, const std::function<void(int fd)> &prepare = {});
// A non-blocking connect() started towards 127.0.0.1:port (EINPROGRESS is success).
Result<FileDescriptor> startConnect(quint16 port);
bool sendAll(int fd, const QByteArray &data);
// Read until a newline arrives; empty with *error set on timeout, close or failure.
QByteArray readLine(int fd, int timeoutMs, QString *error);
// Read and drop everything until the peer closes; bounded by timeoutMs.
qint64 drainUntilClose(int fd, int timeoutMs);
int socketIntOption(int fd, int level, int optname);

// Run fn on a new thread inside a fresh network namespace with lo up; the thread's sockets,
// sysctls and /proc/thread-self/net are the namespace's. Returns why it could not (e.g. EPERM).
Error runInPrivateNetworkNamespace(const std::function<void()> &fn);
// Bring an interface of the calling thread's namespace up or down (SIOCSIFFLAGS).
Error setInterfaceUp(const char *name, bool up);
// Write a sysctl of the calling thread's network namespace ("net.ipv4.tcp_fastopen").
Error writeSysctl(const QString &name, const QString &value);

// Percentile of samples (p in 0..100); NaN when empty.
double percentile(QList<double> samples, double p);
// A stable metric key from a label: "Nagle on both" -> "nagle_on_both".
QString slug(const QString &label);

} // namespace lab
} // namespace tcplab
