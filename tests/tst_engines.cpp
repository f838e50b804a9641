// Each handler end to end in each concurrency mode, one-shot and persistent, over real loopback
// sockets: replies, the log's view of each recv, protocol errors, resets and silent peers.
#include "binframe.h"
#include "framers.h"
#include "server.h"
#include "tcpinfo.h"
#include "testsupport.h"

#include <QtTest>

#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

using namespace tcplab;
using namespace testsupport;

namespace {

const QStringList kModes = {QStringLiteral("iterative"), QStringLiteral("threaded"), QStringLiteral("event")};

// Read until EOF (or RST); eof says whether the server really ended the connection.
QByteArray readToEnd(int fd, bool *eof, int timeoutMs = 3000)
{
    QByteArray out;
    *eof = false;
    QDeadlineTimer deadline(timeoutMs);
    char buf[65536];
    while (!deadline.hasExpired()) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, int(std::max<qint64>(1, deadline.remainingTime()))) <= 0)
            break;
        const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
        if (n > 0) {
            out.append(buf, n);
            continue;
        }
        if (n == 0 || errno == ECONNRESET)
            *eof = true;
        if (n < 0 && errno == EINTR)
            continue;
        break;
    }
    return out;
}

BinFrame frame(quint32 n)
{
    BinFrame f;
    f.u32 = n;
    f.tag = {'o', 'k'};
    f.u64 = 0x1122334455667788ULL + n;
    f.i16a = -7;
    f.i16b = 1234;
    f.f32 = 2.5f;
    return f;
}

// One request and the reply it must produce, per handler.
QPair<QByteArray, QByteArray> exchange(const QString &handler, int round)
{
    if (handler == QLatin1String("byte")) {
        const QByteArray r = QByteArray("hello byte ") + QByteArray::number(round);
        return {r, r.toUpper()};
    }
    if (handler == QLatin1String("line")) {
        const QByteArray r = QByteArray("hello line ") + QByteArray::number(round) + '\n';
        return {r, r.toUpper()};
    }
    const QByteArray f = frame(quint32(round)).encode();
    return {f, f};
}

struct Lab
{
    std::unique_ptr<Server> server = std::make_unique<Server>();
    std::unique_ptr<EventRecorder> recorder = std::make_unique<EventRecorder>(server->events());

    Error start(ServerConfig config)
    {
        config.setValue(QStringLiteral("log-level"), QStringLiteral("debug"));
        return server->start(config);
    }
    quint16 port() const { return server->port(); }
    bool idle(int timeoutMs = 3000) { return waitFor([&] { return server->connections()->count() == 0; }, timeoutMs); }
};

void addModeRows()
{
    QTest::addColumn<QString>("mode");
    for (const QString &m : kModes)
        QTest::newRow(qPrintable(m)) << m;
}

} // namespace

class TestEngines : public QObject
{
    Q_OBJECT
private slots:
    void handlerRoundTrip_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("handler");
        QTest::addColumn<bool>("persistent");
        QTest::addColumn<QString>("address"); // of the listener, and of the clients
        for (const char *address : {"127.0.0.1", "::1"}) {
            for (const QString &m : kModes) {
                for (const char *h : {"byte", "line", "bin"}) {
                    for (bool p : {false, true})
                        QTest::addRow("%s %s %s %s", address, qPrintable(m), h, p ? "persistent" : "one-shot")
                            << m << QString::fromLatin1(h) << p << QString::fromLatin1(address);
                }
            }
        }
    }

    void handlerRoundTrip()
    {
        QFETCH(QString, mode);
        QFETCH(QString, handler);
        QFETCH(bool, persistent);
        QFETCH(QString, address);
        const bool ipv6 = address.contains(QLatin1Char(':'));
        if (ipv6)
            TCPLAB_REQUIRE_IPV6();
        Lab lab;
        ServerConfig config = loopbackConfig(mode, handler, persistent);
        config.setValue(QStringLiteral("host"), address);
        const Error e = lab.start(config);
        QVERIFY2(!e, qPrintable(e.text()));
        // Peers print as [addr]:port for IPv6, addr:port for IPv4.
        const QString endpointPrefix = ipv6 ? QStringLiteral("[::1]:") : QStringLiteral("127.0.0.1:");
        QVERIFY2(lab.server->endpoint().startsWith(endpointPrefix), qPrintable(lab.server->endpoint()));

        // Two clients one after the other: each is served, in every mode.
        for (int client = 0; client < 2; ++client) {
            FileDescriptor fd = connectTo(address, lab.port());
            QVERIFY(fd.isValid());
            const QString peer = endpointPrefix + QString::number(localPort(fd.get()));
            const int rounds = persistent ? 3 : 1;
            for (int round = 0; round < rounds; ++round) {
                const auto [request, reply] = exchange(handler, client * 10 + round);
                QVERIFY(sendAll(fd.get(), request));
                QCOMPARE(readExactly(fd.get(), reply.size()), reply);
            }
            if (persistent) {
                // Still open after several requests; the peer's FIN ends it.
                const quint64 id = waitForOneConnection(*lab.server);
                QVERIFY(id);
                QCOMPARE(lab.server->connectionSnapshot(false).value(0).peer, peer);
                QVERIFY(waitFor([&] { return lab.server->connectionSnapshot(false).value(0).requests == quint64(rounds); }));
                QCOMPARE(::shutdown(fd.get(), SHUT_WR), 0);
            }
            bool eof = false;
            QCOMPARE(readToEnd(fd.get(), &eof), QByteArray());
            QVERIFY2(eof, "the server must close the connection");
            QVERIFY(lab.idle());
            // The log names the peer the same way.
            const auto logged = [&](EventKind kind) {
                return std::any_of(lab.recorder->events.cbegin(), lab.recorder->events.cend(),
                                   [&](const ServerEvent &event) { return event.kind == kind && event.peer == peer; });
            };
            QVERIFY2(waitFor([&] { return logged(EventKind::Accepted) && logged(EventKind::Closed); }),
                     qPrintable(peer + QLatin1Char('\n') + lab.recorder->dump()));
        }
        QVERIFY2(lab.recorder->waitFor(EventKind::Closed, persistent ? QStringLiteral("peer closed") : QStringLiteral("closed after reply")),
                 qPrintable(lab.recorder->dump()));
        QVERIFY(!lab.recorder->contains(EventKind::Error));
        // The connection report (TCP_INFO) reads the same in both families.
        QVERIFY2(lab.recorder->contains(EventKind::Report, QStringLiteral("state=ESTABLISHED rtt=")), qPrintable(lab.recorder->dump()));
        if (handler == QLatin1String("byte"))
            QVERIFY(lab.recorder->contains(EventKind::Received, QStringLiteral("in one recv() of up to 1024")));
        if (handler == QLatin1String("bin"))
            QVERIFY2(lab.recorder->contains(EventKind::Received, QStringLiteral("u32=0, tag=6f6b")), qPrintable(lab.recorder->dump()));
        lab.server->stop();
    }

    void byteLongMessageArrivesCut_data() { addModeRows(); }
    void byteLongMessageArrivesCut()
    {
        // The recipe's one recv(1024): a 2000-byte message gets only the first recv's bytes answered.
        QFETCH(QString, mode);
        Lab lab;
        QVERIFY(!lab.start(loopbackConfig(mode, QStringLiteral("byte"), false)));
        FileDescriptor fd = connectTo(lab.port());
        const QByteArray message(2000, 'q');
        QVERIFY(sendAll(fd.get(), message));
        bool eof = false;
        const QByteArray reply = readToEnd(fd.get(), &eof);
        QVERIFY(eof);
        QCOMPARE(reply, QByteArray(1024, 'Q'));
        QVERIFY2(lab.recorder->waitFor(EventKind::Received, QStringLiteral("recv: 1024 bytes in one recv() of up to 1024")),
                 qPrintable(lab.recorder->dump()));
        QVERIFY(lab.idle());

        // A smaller recv size cuts sooner, and the log says so.
        lab.server->stop();
        ServerConfig small = loopbackConfig(mode, QStringLiteral("byte"), false);
        small.setValue(QStringLiteral("recv-size"), 10);
        QVERIFY(!lab.start(small));
        FileDescriptor fd2 = connectTo(lab.port());
        QVERIFY(sendAll(fd2.get(), "hello world, longer than ten"));
        QCOMPARE(readToEnd(fd2.get(), &eof), QByteArray("HELLO WORL"));
        QVERIFY(lab.recorder->waitFor(EventKind::Received, QStringLiteral("recv: 10 bytes in one recv() of up to 10")));
        lab.server->stop();
    }

    void lineOverTheLimitIsLoggedAndClosed_data() { addModeRows(); }
    void lineOverTheLimitIsLoggedAndClosed()
    {
        QFETCH(QString, mode);
        Lab lab;
        ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
        config.setValue(QStringLiteral("max-line"), 32);
        QVERIFY(!lab.start(config));
        FileDescriptor fd = connectTo(lab.port());
        QVERIFY(sendAll(fd.get(), "short line\n"));
        QCOMPARE(readExactly(fd.get(), 11), QByteArray("SHORT LINE\n"));
        QVERIFY(sendAll(fd.get(), QByteArray(100, 'x')));
        bool eof = false;
        QCOMPARE(readToEnd(fd.get(), &eof), QByteArray());
        QVERIFY2(eof, "a line over the limit closes the connection");
        QVERIFY2(lab.recorder->waitFor(EventKind::Error, QStringLiteral("line longer than the limit of 32 bytes")),
                 qPrintable(lab.recorder->dump()));
        QCOMPARE(lab.recorder->find(EventKind::Error, QStringLiteral("longer than the limit"))->level, LogLevel::Error);
        QVERIFY(lab.recorder->waitFor(EventKind::Closed, QStringLiteral("protocol error")));
        QVERIFY(lab.idle());
        // The server goes on serving.
        FileDescriptor next = connectTo(lab.port());
        QVERIFY(sendAll(next.get(), "next\n"));
        QCOMPARE(readExactly(next.get(), 5), QByteArray("NEXT\n"));
        next.reset();
        lab.server->stop();
    }

    void lineLastLineWithoutNewline_data() { addModeRows(); }
    void lineLastLineWithoutNewline()
    {
        QFETCH(QString, mode);
        Lab lab;
        QVERIFY(!lab.start(loopbackConfig(mode, QStringLiteral("line"), true)));
        FileDescriptor fd = connectTo(lab.port());
        QVERIFY(sendAll(fd.get(), "first\nlast"));
        QCOMPARE(readExactly(fd.get(), 6), QByteArray("FIRST\n"));
        QCOMPARE(::shutdown(fd.get(), SHUT_WR), 0);
        bool eof = false;
        QCOMPARE(readToEnd(fd.get(), &eof), QByteArray("LAST"));
        QVERIFY(eof);
        QVERIFY2(lab.recorder->waitFor(EventKind::Received, QStringLiteral("last line has no newline (4 bytes before EOF)")),
                 qPrintable(lab.recorder->dump()));
        QVERIFY(!lab.recorder->contains(EventKind::Error));
        lab.server->stop();
    }

    void binUpperMode_data() { addModeRows(); }
    void binUpperMode()
    {
        QFETCH(QString, mode);
        Lab lab;
        ServerConfig config = loopbackConfig(mode, QStringLiteral("bin"), false);
        config.setValue(QStringLiteral("bin-reply"), QStringLiteral("upper"));
        QVERIFY(!lab.start(config));
        FileDescriptor fd = connectTo(lab.port());
        const QByteArray f = frame(1).encode();
        QVERIFY(sendAll(fd.get(), f));
        bool eof = false;
        const QByteArray reply = readToEnd(fd.get(), &eof);
        QVERIFY(eof);
        QCOMPARE(reply, asciiUpper(f.constData(), f.size()));
        QVERIFY(reply != f); // the recipe's upper-casing corrupts the tag "ok"
        BinFrame decoded;
        QString error;
        QVERIFY(BinFrame::decode(reply.constData(), reply.size(), &decoded, &error));
        QCOMPARE(QByteArray(decoded.tag.data(), 2), QByteArray("OK"));
        lab.server->stop();
    }

    void binBadFramesAreLoggedErrors_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("size");
        QTest::addColumn<QString>("errorPart");
        for (const QString &m : kModes) {
            QTest::addRow("%s short 21 then EOF", qPrintable(m)) << m << 21 << "short frame: 21 of 22";
            QTest::addRow("%s over-long 23", qPrintable(m)) << m << 23 << "over-long frame: 23 bytes";
        }
    }

    void binBadFramesAreLoggedErrors()
    {
        QFETCH(QString, mode);
        QFETCH(int, size);
        QFETCH(QString, errorPart);
        Lab lab;
        QVERIFY(!lab.start(loopbackConfig(mode, QStringLiteral("bin"), false)));
        FileDescriptor fd = connectTo(lab.port());
        const QByteArray data = (frame(5).encode() + frame(6).encode()).left(size);
        QVERIFY(sendAll(fd.get(), data));
        if (size < BinFrame::Size)
            QCOMPARE(::shutdown(fd.get(), SHUT_WR), 0);
        bool eof = false;
        QCOMPARE(readToEnd(fd.get(), &eof), QByteArray());
        QVERIFY(eof);
        QVERIFY2(lab.recorder->waitFor(EventKind::Error, errorPart), qPrintable(lab.recorder->dump()));
        QCOMPARE(lab.recorder->find(EventKind::Error, errorPart)->level, LogLevel::Error);
        QVERIFY(lab.idle());
        // No crash, and the next client is served.
        FileDescriptor next = connectTo(lab.port());
        QVERIFY(sendAll(next.get(), frame(7).encode()));
        QCOMPARE(readToEnd(next.get(), &eof), frame(7).encode());
        lab.server->stop();
    }

    void peerResetsMidReply_data() { addModeRows(); }
    void peerResetsMidReply()
    {
        QFETCH(QString, mode);
        Lab lab;
        ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
        // Small buffers, so that a client that never reads stalls the reply quickly.
        config.setValue(QStringLiteral("sndbuf"), 4096);
        config.setValue(QStringLiteral("rcvbuf"), 4096);
        QVERIFY(!lab.start(config));

        FileDescriptor fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        const int small = 4096;
        ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
        ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(lab.port());
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(fd.get(), reinterpret_cast<sockaddr *>(&addr), sizeof(addr)), 0);
        const quint64 id = waitForOneConnection(*lab.server);
        QVERIFY(id);

        // Send lines without reading a byte until the kernel refuses more: the server is then
        // stuck in the middle of a reply (blocked in send(), or waiting for EPOLLOUT).
        const QByteArray line = QByteArray(99, 'r') + '\n';
        qint64 sent = 0;
        ConnectionInfo info;
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            const ssize_t n = ::send(fd.get(), line.constData(), size_t(line.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
            if (n > 0) {
                sent += n;
                continue;
            }
            pollfd p{fd.get(), POLLOUT, 0};
            if (::poll(&p, 1, 100) != 0)
                continue;
            // Nothing drained for a while: done once the server holds an unfinished reply.
            info = lab.server->connectionSnapshot(false).value(0);
            if (info.bytesIn > 0 && info.bytesOut < info.bytesIn)
                break;
        }
        QVERIFY2(!deadline.hasExpired(), "the server never got stuck in the middle of a reply");
        QCOMPARE(info.id, id);

        resetAndClose(fd);
        QVERIFY2(lab.idle(), "the server must drop the reset connection");
        QVERIFY2(lab.recorder->waitFor(EventKind::Closed, {}, id), qPrintable(lab.recorder->dump()));
        QCOMPARE(lab.recorder->find(EventKind::Closed, {}, id)->level, LogLevel::Warning);
        qInfo("%s mode: %lld bytes sent before RST; server log: %s", qPrintable(mode), sent,
              qPrintable(lab.recorder->find(EventKind::Closed, {}, id)->text));

        // Still serving.
        FileDescriptor next = connectTo(lab.port());
        QVERIFY(sendAll(next.get(), "after reset\n"));
        QCOMPARE(readExactly(next.get(), 12), QByteArray("AFTER RESET\n"));
        next.reset();
        lab.server->stop();
    }

    void zeroBytesThenClose_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("handler");
        for (const QString &m : kModes) {
            for (const char *h : {"byte", "line", "bin"})
                QTest::addRow("%s %s", qPrintable(m), h) << m << QString::fromLatin1(h);
        }
    }

    void zeroBytesThenClose()
    {
        QFETCH(QString, mode);
        QFETCH(QString, handler);
        Lab lab;
        QVERIFY(!lab.start(loopbackConfig(mode, handler, false)));
        FileDescriptor fd = connectTo(lab.port());
        QVERIFY(fd.isValid());
        const quint64 id = waitForOneConnection(*lab.server);
        QVERIFY(id);
        fd.reset();
        QVERIFY(lab.idle());
        QVERIFY2(lab.recorder->waitFor(EventKind::Error, QStringLiteral("peer closed without sending any data"), id),
                 qPrintable(lab.recorder->dump()));
        QCOMPARE(lab.recorder->find(EventKind::Error, {}, id)->level, LogLevel::Warning);
        QVERIFY(lab.recorder->waitFor(EventKind::Closed, {}, id));
        lab.server->stop();
    }

    void blockingModesHonourRcvtimeo_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("iterative") << "iterative";
        QTest::newRow("threaded") << "threaded";
    }

    void blockingModesHonourRcvtimeo()
    {
        // SO_RCVTIMEO (the recipe's timeout) ends a silent connection in blocking modes. On the
        // listener it also bounds accept(): the server must keep accepting after it expires.
        QFETCH(QString, mode);
        Lab lab;
        ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
        config.setValue(QStringLiteral("rcvtimeo"), 0.2);
        QVERIFY(!lab.start(config));
        QTest::qWait(600); // several accept() timeouts pass with nobody connecting
        FileDescriptor fd = connectTo(lab.port());
        QVERIFY(fd.isValid());
        QVERIFY(sendAll(fd.get(), "still there\n"));
        QCOMPARE(readExactly(fd.get(), 12), QByteArray("STILL THERE\n"));
        // Then the silent connection times out.
        bool eof = false;
        QCOMPARE(readToEnd(fd.get(), &eof), QByteArray());
        QVERIFY(eof);
        QVERIFY2(lab.recorder->waitFor(EventKind::Closed, QStringLiteral("SO_RCVTIMEO")), qPrintable(lab.recorder->dump()));
        QVERIFY2(!lab.recorder->contains(EventKind::Error, QStringLiteral("accept")), qPrintable(lab.recorder->dump()));
        lab.server->stop();
    }

    void eventModeUsesItsIdleTimeout()
    {
        Lab lab;
        ServerConfig config = loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), true);
        config.setValue(QStringLiteral("rcvtimeo"), 0.2);   // no effect on non-blocking sockets...
        config.setValue(QStringLiteral("idle-timeout"), 0.3); // ...so event mode has its own
        QVERIFY(!lab.start(config));
        QVERIFY(lab.server->report().row(QStringLiteral("rcvtimeo"))->note.contains(QLatin1String("event mode")));
        FileDescriptor fd = connectTo(lab.port());
        QVERIFY(sendAll(fd.get(), "x\n"));
        QCOMPARE(readExactly(fd.get(), 2), QByteArray("X\n"));
        bool eof = false;
        QCOMPARE(readToEnd(fd.get(), &eof, 5000), QByteArray());
        QVERIFY(eof);
        QVERIFY2(lab.recorder->waitFor(EventKind::Closed, QStringLiteral("idle timeout")), qPrintable(lab.recorder->dump()));
        QVERIFY(!lab.recorder->contains(EventKind::Closed, QStringLiteral("SO_RCVTIMEO")));
        lab.server->stop();
    }

    void closeConnectionFromTheLab_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("reset");
        for (const QString &m : kModes) {
            QTest::addRow("%s graceful", qPrintable(m)) << m << false;
            QTest::addRow("%s reset", qPrintable(m)) << m << true;
        }
    }

    void closeConnectionFromTheLab()
    {
        QFETCH(QString, mode);
        QFETCH(bool, reset);
        Lab lab;
        QVERIFY(!lab.start(loopbackConfig(mode, QStringLiteral("line"), true)));
        FileDescriptor fd = connectTo(lab.port());
        QVERIFY(sendAll(fd.get(), "before\n"));
        QCOMPARE(readExactly(fd.get(), 7), QByteArray("BEFORE\n"));
        const quint64 id = waitForOneConnection(*lab.server);
        QVERIFY(id);
        QVERIFY(lab.server->closeConnection(id, reset));
        char buf[16];
        pollfd p{fd.get(), POLLIN, 0};
        QCOMPARE(::poll(&p, 1, 3000), 1);
        const ssize_t n = ::recv(fd.get(), buf, sizeof(buf), 0);
        if (reset)
            QVERIFY2(n < 0 && errno == ECONNRESET, "a reset from the lab must reach the peer as RST");
        else
            QCOMPARE(n, ssize_t(0));
        QVERIFY(lab.idle());
        QVERIFY2(lab.recorder->waitFor(EventKind::Closed, reset ? QStringLiteral("reset by the lab") : QStringLiteral("closed by the lab"), id),
                 qPrintable(lab.recorder->dump()));
        QVERIFY(!lab.server->closeConnection(id, reset)); // gone
        lab.server->stop();
    }

    void iterativeModeQueuesLaterClients()
    {
        // Head-of-line blocking, seen by the kernel: while one persistent client is served, the
        // others complete their handshake and wait in the accept queue (TCP_INFO of a LISTEN
        // socket: tcpi_unacked is the queue length, tcpi_sacked its limit).
        Lab lab;
        ServerConfig config = loopbackConfig(QStringLiteral("iterative"), QStringLiteral("line"), true);
        config.setValue(QStringLiteral("backlog"), 16);
        QVERIFY(!lab.start(config));
        FileDescriptor first = connectTo(lab.port());
        QVERIFY(sendAll(first.get(), "first\n"));
        QCOMPARE(readExactly(first.get(), 6), QByteArray("FIRST\n"));
        std::vector<FileDescriptor> waiting;
        for (int i = 0; i < 3; ++i) {
            waiting.push_back(connectTo(lab.port()));
            QVERIFY(waiting.back().isValid()); // the kernel completed the handshake
            QVERIFY(sendAll(waiting.back().get(), "queued\n"));
        }
        QVERIFY(waitFor([&] { return readTcpInfo(lab.server->listenDescriptor()).unacked == 3; }));
        QCOMPARE(readTcpInfo(lab.server->listenDescriptor()).sacked, quint32(16));
        QCOMPARE(lab.server->connections()->count(), 1);
        // Nobody in the queue has been answered yet.
        QCOMPARE(readExactly(waiting.front().get(), 1, 200), QByteArray());
        // When the first client leaves, the queue drains in order.
        first.reset();
        for (FileDescriptor &fd : waiting) {
            QCOMPARE(readExactly(fd.get(), 7), QByteArray("QUEUED\n"));
            fd.reset();
        }
        QVERIFY(waitFor([&] { return readTcpInfo(lab.server->listenDescriptor()).unacked == 0; }));
        QVERIFY(lab.idle());
        lab.server->stop();
    }

    void manyClientsAtOnce_data() { addModeRows(); }
    void manyClientsAtOnce()
    {
        // Persistent clients interleaved: threaded and event serve them side by side; iterative
        // serves one at a time (the others wait in the accept queue), so it gets them in order.
        QFETCH(QString, mode);
        Lab lab;
        QVERIFY(!lab.start(loopbackConfig(mode, QStringLiteral("line"), true)));
        const int n = 8;
        std::vector<FileDescriptor> clients;
        for (int i = 0; i < n; ++i) {
            clients.push_back(connectTo(lab.port()));
            QVERIFY(clients.back().isValid());
        }
        if (mode == QLatin1String("iterative")) {
            for (int i = 0; i < n; ++i) {
                const QByteArray msg = "client " + QByteArray::number(i) + '\n';
                QVERIFY(sendAll(clients[size_t(i)].get(), msg));
                QCOMPARE(readExactly(clients[size_t(i)].get(), msg.size()), msg.toUpper());
                clients[size_t(i)].reset();
            }
        } else {
            for (int round = 0; round < 3; ++round) {
                for (int i = n - 1; i >= 0; --i) {
                    const QByteArray msg = "client " + QByteArray::number(i) + " round " + QByteArray::number(round) + '\n';
                    QVERIFY(sendAll(clients[size_t(i)].get(), msg));
                    QCOMPARE(readExactly(clients[size_t(i)].get(), msg.size()), msg.toUpper());
                }
            }
            QCOMPARE(lab.server->connections()->count(), n);
            clients.clear();
        }
        QVERIFY(lab.idle());
        lab.server->stop();
    }
};

QTEST_GUILESS_MAIN(TestEngines)
#include "tst_engines.moc"
