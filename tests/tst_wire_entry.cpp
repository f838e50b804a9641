// The host entry (core/wire/hostentry.h): a client on the host's loopback (this test process's
// own network namespace) reaches a server on the wire's server side through the impaired path.
// The delay applies to every round trip; half-closes travel both ways; a server that does not
// read stops the host's sender (bounded buffers) without costing CPU; a refused connect resets
// the host's connection; a flood of connections waits in the backlog under the cap; stopping
// the entry closes every descriptor it had.
#include "hostentry.h"
#include "server.h"
#include "testsupport.h"
#include "wire.h"
#include "wiretestsupport.h"

#include <QtTest>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

using namespace tcplab;
using namespace tcplab::wire;
using namespace wiretest;

namespace {

// A plain host socket, as curl or nc would open it: 127.0.0.1 in this process's own namespace.
FileDescriptor hostConnect(quint16 port, int timeoutMs = 5000)
{
    FileDescriptor fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    const timeval tv{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const int one = 1;
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&sa), sizeof sa) != 0)
        return {};
    return fd;
}

std::unique_ptr<HostEntry> startEntry(Wire &wire, quint16 serverPort, HostEntryOptions options = {})
{
    Result<std::unique_ptr<HostEntry>> e = HostEntry::start(wire.socketFactory(Side::Client), wire.serverAddress(), serverPort, options);
    if (!e) {
        qWarning("host entry: %s", qPrintable(e.error().text()));
        return nullptr;
    }
    return e.take();
}

FileDescriptor acceptOne(int listener, int timeoutMs = 5000)
{
    pollfd p{listener, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) != 1)
        return {};
    FileDescriptor a(::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC));
    const timeval tv{5, 0};
    ::setsockopt(a.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return a;
}

// recv() until the peer's FIN: what came before it, or "<error>" on a reset or a timeout.
QByteArray readToEnd(int fd)
{
    QByteArray out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n == 0)
            return out;
        if (n < 0)
            return QByteArrayLiteral("<error>");
        out.append(buf, n);
    }
}

} // namespace

class TestWireEntry : public WireTestCase
{
    Q_OBJECT

    // A clean wire, a listener of the test's own on its server side, the entry forwarding to it.
    struct Rig
    {
        std::unique_ptr<Wire> wire;
        FileDescriptor listener;
        quint16 port = 0;
        std::unique_ptr<HostEntry> entry;
    };
    // A host client connected through the entry, and the server side's end of it.
    static bool connectThrough(Rig &rig, FileDescriptor *host, FileDescriptor *server)
    {
        *host = hostConnect(rig.entry->port());
        if (host->isValid())
            *server = acceptOne(rig.listener.get());
        return server->isValid();
    }
    bool startRig(Rig &rig, const HostEntryOptions &options = {})
    {
        rig.wire = start();
        if (rig.wire)
            rig.listener = serverListener(*rig.wire, &rig.port);
        if (rig.listener.isValid())
            rig.entry = startEntry(*rig.wire, rig.port, options);
        return rig.entry != nullptr;
    }

private slots:
    void roundTripsCrossTheDelay()
    {
        WireSpec spec;
        spec.c2s.delayMs = 20;
        spec.s2c.delayMs = 20;
        RecordingSink sink;
        std::unique_ptr<Wire> wire = start(spec, &sink);
        QVERIFY(wire);
        // The lab's own server on the server side, as tcplab --headless --wire runs it.
        Server server;
        server.setSocketFactory(wire->socketFactory(Side::Server));
        ServerConfig config = testsupport::loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), true);
        config.setValue(QStringLiteral("host"), wire->serverAddress().toString());
        config.setValue(QStringLiteral("log-level"), QStringLiteral("warning"));
        QVERIFY(!server.start(config));
        std::unique_ptr<HostEntry> entry = startEntry(*wire, server.port());
        QVERIFY(entry);
        QCOMPARE(entry->address(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(entry->port() != 0);

        const qint64 t0 = monotonicNs();
        FileDescriptor c = hostConnect(entry->port());
        QVERIFY(c.isValid());
        QList<double> rtts;
        for (int i = 0; i < 10; ++i) {
            const qint64 s = monotonicNs();
            QCOMPARE(::send(c.get(), "ping\n", 5, 0), ssize_t(5));
            QCOMPARE(testsupport::readExactly(c.get(), 5, 5000), QByteArray("PING\n"));
            rtts << double(monotonicNs() - s) / 1e6;
        }
        // The first exchange also waits for the entry's own handshake across the wire (one more
        // round trip); every one pays the delay both ways.
        const double first = rtts.first(), min = percentile(rtts, 0);
        qInfo("through the host entry, 20+20 ms: first exchange %.3f ms, then min %.3f median %.3f ms", first, min,
              percentile(rtts.mid(1), 50));
        QVERIFY2(first >= 80.0, qPrintable(QString::number(first)));
        QVERIFY2(min >= 40.0, qPrintable(QString::number(min)));
        QVERIFY2(double(monotonicNs() - t0) / 1e6 < 10000, "the exchanges hung");
        // The bytes really crossed the relay, from the client side's address.
        int data = 0;
        for (const CapturedPacket &p : sink.packets()) {
            const Segment s = decode(p);
            if (s.tcp && s.payload == 5 && p.direction == Direction::ClientToServer && s.dport == server.port())
                ++data;
        }
        QCOMPARE(data, 10);
        // The entry counts a send once it returned, which may be after the reply was read here.
        QVERIFY(testsupport::waitFor([&] { return entry->counters().bytesToHost == 50; }, 2000));
        QCOMPARE(entry->counters().accepted, quint64(1));
        QCOMPARE(entry->counters().bytesToServer, quint64(50));
    }

    void halfCloseTravelsBothWays()
    {
        Rig rig;
        QVERIFY(startRig(rig));
        std::unique_ptr<HostEntry> &entry = rig.entry;

        // The host's client ends its sending first; the server still answers, then ends.
        FileDescriptor c, a;
        QVERIFY(connectThrough(rig, &c, &a));
        QCOMPARE(::send(c.get(), "request", 7, 0), ssize_t(7));
        QCOMPARE(::shutdown(c.get(), SHUT_WR), 0);
        QCOMPARE(readToEnd(a.get()), QByteArray("request"));
        QCOMPARE(::send(a.get(), "answer after your FIN", 21, 0), ssize_t(21));
        QCOMPARE(::shutdown(a.get(), SHUT_WR), 0);
        QCOMPARE(readToEnd(c.get()), QByteArray("answer after your FIN"));

        // The other way round: the server ends first, the host's client keeps sending.
        FileDescriptor c2, a2;
        QVERIFY(connectThrough(rig, &c2, &a2));
        QCOMPARE(::send(a2.get(), "banner", 6, 0), ssize_t(6));
        QCOMPARE(::shutdown(a2.get(), SHUT_WR), 0);
        QCOMPARE(readToEnd(c2.get()), QByteArray("banner"));
        QCOMPARE(::send(c2.get(), "still talking", 13, 0), ssize_t(13));
        QCOMPARE(::shutdown(c2.get(), SHUT_WR), 0);
        QCOMPARE(readToEnd(a2.get()), QByteArray("still talking"));
        // Both ended: the entry lets the connections go.
        QVERIFY(testsupport::waitFor([&] { return entry->counters().active == 0; }, 3000));
    }

    void aServerThatDoesNotReadStopsTheSender()
    {
        Rig rig;
        QVERIFY(startRig(rig));
        FileDescriptor c, a;
        QVERIFY(connectThrough(rig, &c, &a));

        // Write until nothing more is taken for 500 ms (bounded at 10 s): the server side's
        // receive buffer, the entry's buffer and the host socket's buffers fill, then it stops.
        QByteArray chunk(16384, Qt::Uninitialized);
        qint64 sent = 0;
        QElapsedTimer total, idle;
        total.start();
        idle.start();
        while (idle.elapsed() < 500 && total.elapsed() < 10000) {
            for (int i = 0; i < chunk.size(); ++i)
                chunk[i] = char('a' + (sent + i) % 26);
            const ssize_t n = ::send(c.get(), chunk.constData(), size_t(chunk.size()), MSG_DONTWAIT);
            if (n > 0) {
                sent += n;
                idle.restart();
            } else {
                QTest::qWait(5);
            }
        }
        qInfo("a stalled server: the host's sender stopped after %lld bytes", qlonglong(sent));
        QVERIFY2(total.elapsed() < 10000, "the sender never stopped: nothing bounds what the entry takes");
        QVERIFY(sent > 0);
        QVERIFY2(sent < 64 * 1024 * 1024, qPrintable(QString::number(sent)));
        // Stalled, nobody wakes: the relay, the entry and this thread all sleep.
        const double cpu0 = testsupport::cpuSecondsUsed();
        QTest::qWait(1000);
        const double cpu = testsupport::cpuSecondsUsed() - cpu0;
        qInfo("CPU while stalled: %.3f s over 1 s", cpu);
        QVERIFY2(cpu < 0.05, qPrintable(QString::number(cpu)));
        // Then the server reads, and every byte arrives, in order.
        QCOMPARE(::shutdown(c.get(), SHUT_WR), 0);
        QByteArray got;
        char buf[65536];
        for (;;) {
            const ssize_t n = ::recv(a.get(), buf, sizeof buf, 0);
            if (n <= 0)
                break;
            got.append(buf, n);
        }
        QCOMPARE(qint64(got.size()), sent);
        for (qint64 i = 0; i < got.size(); i += 4093)
            QCOMPARE(got[i], char('a' + i % 26));
    }

    void aRefusedConnectResetsTheHostConnection()
    {
        std::unique_ptr<Wire> wire = start();
        QVERIFY(wire);
        quint16 port = 0;
        FileDescriptor listener = serverListener(*wire, &port);
        listener.reset(); // nobody listens on that port any more
        std::unique_ptr<HostEntry> entry = startEntry(*wire, port);
        QVERIFY(entry);
        FileDescriptor c = hostConnect(entry->port());
        QVERIFY(c.isValid());
        char b;
        QCOMPARE(::recv(c.get(), &b, 1, 0), ssize_t(-1));
        QCOMPARE(errno, ECONNRESET);
        QVERIFY(testsupport::waitFor([&] { return entry->counters().connectFailures == 1 && entry->counters().active == 0; }));
    }

    void aFloodWaitsUnderTheCap()
    {
        std::unique_ptr<Wire> wire = start();
        QVERIFY(wire);
        quint16 port = 0;
        FileDescriptor listener = serverListener(*wire, &port);
        QVERIFY(listener.isValid());
        const int before = testsupport::openDescriptorCount();
        HostEntryOptions options;
        options.maxConnections = 8;
        std::unique_ptr<HostEntry> entry = startEntry(*wire, port, options);
        QVERIFY(entry);
        // 60 host connections at once: the kernel completes their handshakes (backlog 128), the
        // entry takes 8 of them and leaves the rest in the backlog.
        std::vector<FileDescriptor> flood;
        for (int i = 0; i < 60; ++i) {
            flood.push_back(hostConnect(entry->port()));
            QVERIFY(flood.back().isValid());
        }
        std::vector<FileDescriptor> served;
        for (FileDescriptor a = acceptOne(listener.get(), 500); a.isValid(); a = acceptOne(listener.get(), 500))
            served.push_back(std::move(a));
        QCOMPARE(int(served.size()), 8);
        QCOMPARE(entry->counters().active, quint64(8));
        // As the host's clients go, the waiting ones get their turn; at the end all were served.
        for (FileDescriptor &f : flood)
            f.reset();
        for (FileDescriptor &s : served)
            s.reset();
        int later = 0;
        for (FileDescriptor a = acceptOne(listener.get(), 1000); a.isValid(); a = acceptOne(listener.get(), 1000))
            ++later;
        QCOMPARE(later, 52);
        QVERIFY(testsupport::waitFor([&] { return entry->counters().active == 0; }, 5000));
        QCOMPARE(entry->counters().accepted, quint64(60));
        // And it still works.
        FileDescriptor c = hostConnect(entry->port());
        FileDescriptor a = acceptOne(listener.get());
        QVERIFY(a.isValid());
        QCOMPARE(::send(c.get(), "x", 1, 0), ssize_t(1));
        QCOMPARE(testsupport::readExactly(a.get(), 1, 3000), QByteArray("x"));
        c.reset();
        a.reset();
        // Stopping it closes its listener, its thread's descriptors and every connection's.
        entry.reset();
        QCOMPARE(testsupport::openDescriptorCount(), before);
    }

    void stoppingClosesTheConnectionsItHolds()
    {
        Rig rig;
        QVERIFY(startRig(rig));
        const quint16 entryPort = rig.entry->port();
        FileDescriptor c, a;
        QVERIFY(connectThrough(rig, &c, &a));
        rig.entry.reset();
        QCOMPARE(readToEnd(c.get()), QByteArray());
        QCOMPARE(readToEnd(a.get()), QByteArray());
        QVERIFY(!hostConnect(entryPort, 1000).isValid()); // nobody listens there any more
    }

    void badOptionsAreRefused()
    {
        HostEntryOptions options;
        options.maxConnections = 0;
        Result<std::unique_ptr<HostEntry>> e = HostEntry::start({}, QHostAddress(QStringLiteral("198.18.0.2")), 1, options);
        QVERIFY(!e);
        // A port in use: one line naming it.
        FileDescriptor taken(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(taken.get(), reinterpret_cast<const sockaddr *>(&sa), sizeof sa), 0);
        QCOMPARE(::listen(taken.get(), 1), 0);
        socklen_t len = sizeof sa;
        ::getsockname(taken.get(), reinterpret_cast<sockaddr *>(&sa), &len);
        HostEntryOptions busy;
        busy.listenPort = ntohs(sa.sin_port);
        e = HostEntry::start({}, QHostAddress(QStringLiteral("198.18.0.2")), 1, busy);
        QVERIFY(!e);
        QVERIFY2(e.error().text().contains(QStringLiteral("127.0.0.1:%1").arg(busy.listenPort)), qPrintable(e.error().text()));
        QCOMPARE(e.error().errnum(), EADDRINUSE);
    }
};

QTEST_GUILESS_MAIN(TestWireEntry)
#include "tst_wire_entry.moc"
