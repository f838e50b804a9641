// Helpers shared by the tests: plain blocking client sockets on loopback, waiting for a
// condition while the event loop runs, and counting this process's descriptors.
#pragma once

#include "binframe.h"
#include "filedescriptor.h"
#include "sendall.h"
#include "server.h"

#include <QByteArray>
#include <QObject>
#include <functional>

namespace testsupport {

// A connected blocking client socket to 127.0.0.1:port (QVERIFY-able: invalid on failure).
tcplab::FileDescriptor connectTo(quint16 port, int recvTimeoutMs = 3000);
// The same to address:port, IPv4 or IPv6 ("::1").
tcplab::FileDescriptor connectTo(const QString &address, quint16 port, int recvTimeoutMs = 3000);
using tcplab::sendAll; // true when every byte went out
// Read until the peer closes, the timeout passes or max bytes arrived (never more than max).
QByteArray readUntilClose(int fd, int timeoutMs = 3000, qsizetype max = 1 << 26);
// n bytes, or fewer when the peer closes or the timeout passes first.
QByteArray readExactly(int fd, qsizetype n, int timeoutMs = 3000);
// Process events until cond() holds or the timeout passes.
bool waitFor(const std::function<bool()> &cond, int timeoutMs = 3000);
int openDescriptorCount();
// User + system CPU time of this process so far, in seconds (getrusage).
double cpuSecondsUsed();
int threadCount();
using tcplab::loopbackConfig; // 127.0.0.1, port 0, the seed's options
// The single open connection's id, once the server has registered it.
quint64 waitForOneConnection(tcplab::Server &server, int timeoutMs = 3000);

// Records every event a hub delivers (in the hub's thread, i.e. while waitFor() runs).
class EventRecorder
{
public:
    explicit EventRecorder(tcplab::EventHub *hub);
    QList<tcplab::ServerEvent> events;
    // The first event matching kind (and connection id and level when given) whose text contains part.
    const tcplab::ServerEvent *find(tcplab::EventKind kind, const QString &part = {}, quint64 connectionId = 0) const;
    bool contains(tcplab::EventKind kind, const QString &part = {}, quint64 connectionId = 0) const
    {
        return find(kind, part, connectionId) != nullptr;
    }
    // Wait (processing events) until a matching event arrived.
    bool waitFor(tcplab::EventKind kind, const QString &part = {}, quint64 connectionId = 0, int timeoutMs = 3000);
    QString dump() const;

private:
    QObject m_context;
};

// The local port of a connected socket.
quint16 localPort(int fd);
// Close with RST: SO_LINGER {1, 0} then close().
void resetAndClose(tcplab::FileDescriptor &fd);
// A port that is free right now on 127.0.0.1 (bound and released).
quint16 freePort();
// A Bin frame with every field set to a value that shows byte order and sign.
tcplab::BinFrame sampleBinFrame();
// A socket bound to 127.0.0.1 on an ephemeral port, listening when backlog >= 0 (a port in use),
// or only bound (connects to it are refused); invalid when the kernel refused.
tcplab::FileDescriptor boundLoopbackSocket(int backlog = -1);

} // namespace testsupport

namespace tcplab::test {

// Empty when this machine (or namespace) can serve on ::1; otherwise why not, for QSKIP:
// net.ipv6.conf.all.disable_ipv6 = 1, no ::1 on loopback, or socket(AF_INET6) failing.
QString ipv6Unavailable();

} // namespace tcplab::test

// QSKIP the running test when IPv6 is unavailable, naming why.
#define TCPLAB_REQUIRE_IPV6()                                                                \
    do {                                                                                     \
        if (const QString why = tcplab::test::ipv6Unavailable(); !why.isEmpty())             \
            QSKIP(qPrintable(QStringLiteral("IPv6 unavailable: ") + why));                   \
    } while (false)
