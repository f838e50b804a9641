// Faulty peers, issue 6: a reset in the middle of a reply, a client that never reads, and a
// silent or one-byte-per-second client. Each costs only its own connection; the timeouts are
// SO_SNDTIMEO/SO_RCVTIMEO in the blocking modes and the lab's idle timeout in event mode.
#include "server.h"
#include "testsupport.h"
#include "tst_hardening_support.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace tcplab;
using namespace testsupport;
using namespace hardening;

namespace {

quint16 clientPort(int fd)
{
    sockaddr_in addr{};
    socklen_t len = sizeof(addr);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    return ntohs(addr.sin_port);
}

// The server's id for the connection whose client end is fd (0 until the server registered it).
quint64 connectionIdOf(Server &server, int fd, int timeoutMs = 3000)
{
    const QString suffix = QStringLiteral(":%1").arg(clientPort(fd));
    quint64 id = 0;
    waitFor([&] {
        for (const ConnectionInfo &c : server.connectionSnapshot(false)) {
            if (c.peer.endsWith(suffix))
                id = c.id;
        }
        return id != 0;
    }, timeoutMs);
    return id;
}

ConnectionInfo infoOf(Server &server, quint64 id)
{
    for (const ConnectionInfo &c : server.connectionSnapshot(false)) {
        if (c.id == id)
            return c;
    }
    return {};
}

// Sends lines without reading any reply until the server stops taking them (its reply to us is
// stuck in full buffers, so it has stopped reading): the client that never reads.
qint64 floodUntilStalled(int fd, int timeoutMs = 5000)
{
    setNonBlocking(fd);
    const QByteArray lines = QByteArray("the quick brown fox jumps over the lazy dog\n").repeated(1500);
    qint64 sent = 0;
    QElapsedTimer timer;
    timer.start();
    QElapsedTimer stalled;
    stalled.start();
    while (timer.elapsed() < timeoutMs) {
        const ssize_t n = ::send(fd, lines.constData(), size_t(lines.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            sent += n;
            stalled.restart();
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            break;
        if (stalled.elapsed() > 300)
            break; // nothing taken for 300 ms: every buffer on the way is full
        QThread::msleep(5);
    }
    return sent;
}

void addModes()
{
    QTest::addColumn<QString>("mode");
    for (const char *m : {"iterative", "threaded", "event"})
        QTest::newRow(m) << QString::fromLatin1(m);
}

bool lineServed(quint16 port, FileDescriptor *existing = nullptr)
{
    FileDescriptor own;
    if (!existing) {
        own = connectTo(port);
        existing = &own;
    }
    if (!existing->isValid())
        return false;
    const QByteArray request = "still served?\n";
    if (!sendAll(existing->get(), request))
        return false;
    return readExactly(existing->get(), request.size(), 5000) == "STILL SERVED?\n";
}

} // namespace

class HardeningFaults : public QObject
{
    Q_OBJECT

private slots:
    // The peer resets while the server is in the middle of a large reply (its receive buffer
    // holds part of it): a warning for that connection, and the server serves the next one.
    void resetMidReply_data() { addModes(); }
    void resetMidReply()
    {
        QFETCH(QString, mode);
        Server server;
        EventLog log(server);
        QVERIFY(!server.start(loopbackConfig(mode, QStringLiteral("line"), true)));
        FileDescriptor bystander;
        if (mode != QLatin1String("iterative"))
            bystander = connectTo(server.port());

        const int fd = connectTo(server.port()).release();
        QVERIFY(fd >= 0);
        const quint64 id = connectionIdOf(server, fd);
        QVERIFY(id != 0);
        QVERIFY(floodUntilStalled(fd) > 0);
        QVERIFY(waitFor([&] { return infoOf(server, id).bytesOut > 0 && pendingBytes(fd) > 0; }));
        resetClose(fd);

        QVERIFY2(waitFor([&] {
            server.events()->flush();
            for (const ServerEvent &e : log.events()) {
                if (e.connectionId == id && e.kind == EventKind::Closed)
                    return true;
            }
            return false;
        }, 5000), qPrintable(log.dump()));
        const QList<ServerEvent> problems = log.problemsOf(id);
        QVERIFY2(!problems.isEmpty(), qPrintable(log.dump()));
        const ServerEvent closed = problems.last();
        QCOMPARE(closed.kind, EventKind::Closed);
        QCOMPARE(closed.level, LogLevel::Warning);
        QVERIFY2(closed.text.contains(QLatin1String("reset")) || closed.text.contains(QLatin1String("went away"))
                     || closed.text.contains(QLatin1String("EPIPE")) || closed.text.contains(QLatin1String("lost")),
                 qPrintable(closed.text));

        QVERIFY(lineServed(server.port(), bystander.isValid() ? &bystander : nullptr));
        server.stop();
        server.events()->flush();
        for (const ServerEvent &e : log.events()) {
            if (e.connectionId != 0 && int(e.level) >= int(LogLevel::Warning))
                QCOMPARE(e.connectionId, id);
        }
    }

    // Event mode: the server's sends never block, so a client that never reads costs one paused
    // connection; another client is served while it sits there.
    void neverReadingClientEventMode()
    {
        Server server;
        EventLog log(server);
        QVERIFY(!server.start(loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), true)));
        FileDescriptor stuck = connectTo(server.port());
        QVERIFY(stuck.isValid());
        const quint64 id = connectionIdOf(server, stuck.get());
        QVERIFY(id != 0);
        QVERIFY(floodUntilStalled(stuck.get()) > 0);
        const quint64 outBefore = infoOf(server, id).bytesOut;
        QVERIFY(outBefore > 0);

        for (int i = 0; i < 3; ++i)
            QVERIFY(lineServed(server.port()));
        // The stuck connection is still open and still stuck: nobody waited for it.
        QVERIFY(server.connections()->contains(id));
        QCOMPARE(infoOf(server, id).bytesOut, outBefore);

        // Once it reads, it gets the rest of its replies.
        const QByteArray all = readUntilClose(stuck.get(), 300);
        QVERIFY(!all.isEmpty());
        QVERIFY(all.startsWith("THE QUICK BROWN FOX"));
        QVERIFY(waitFor([&] { return infoOf(server, id).bytesOut > outBefore; }));
        server.stop();
    }

    // Blocking modes: SO_SNDTIMEO bounds the send to a client that never reads; its expiry is a
    // logged "send timeout" that closes that connection. In threaded mode another client is served
    // while the send is blocked; in iterative mode it waits for the timeout (head-of-line blocking).
    void neverReadingClientSendTimeout_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("iterative") << QStringLiteral("iterative");
        QTest::newRow("threaded") << QStringLiteral("threaded");
    }

    void neverReadingClientSendTimeout()
    {
        QFETCH(QString, mode);
        ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
        config.setValue(QStringLiteral("sndtimeo"), 0.5);
        Server server;
        EventLog log(server);
        QVERIFY(!server.start(config));
        FileDescriptor stuck = connectTo(server.port());
        QVERIFY(stuck.isValid());
        const quint64 id = connectionIdOf(server, stuck.get());
        QVERIFY(id != 0);
        QVERIFY(floodUntilStalled(stuck.get(), 3000) > 0);

        if (mode == QLatin1String("threaded")) {
            QVERIFY(lineServed(server.port()));
            // served while the stuck send could still be waiting: the timeout belongs to one thread
        }
        QVERIFY2(log.waitFor(QStringLiteral("send timeout (SO_SNDTIMEO expired"), id, 5000), qPrintable(log.dump()));
        const ServerEvent e = log.matching(QStringLiteral("send timeout"), id).first();
        QCOMPARE(e.level, LogLevel::Warning);
        QCOMPARE(e.kind, EventKind::Closed);
        QVERIFY(!server.connections()->contains(id));
        QVERIFY(lineServed(server.port()));
        server.stop();
    }

    // A client that connects and says nothing: SO_RCVTIMEO in the blocking modes, the idle
    // timeout in event mode, closes it with a logged timeout. A chatty neighbour is untouched.
    void silentClient_data() { addModes(); }
    void silentClient()
    {
        QFETCH(QString, mode);
        ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
        const bool event = mode == QLatin1String("event");
        config.setValue(event ? QStringLiteral("idle-timeout") : QStringLiteral("rcvtimeo"), 0.3);
        Server server;
        EventLog log(server);
        QVERIFY(!server.start(config));

        FileDescriptor silent = connectTo(server.port());
        QVERIFY(silent.isValid());
        const quint64 id = connectionIdOf(server, silent.get());
        QVERIFY(id != 0);
        FileDescriptor chatty;
        if (mode != QLatin1String("iterative"))
            chatty = connectTo(server.port());
        QElapsedTimer timer;
        timer.start();
        const QString needle = event ? QStringLiteral("idle timeout") : QStringLiteral("receive timeout");
        while (log.count(needle, id) == 0 && timer.elapsed() < 4000) {
            if (chatty.isValid())
                QVERIFY(lineServed(server.port(), &chatty)); // every 100 ms: never idle
            waitFor([] { return false; }, 100);
            server.events()->flush();
        }
        QVERIFY2(log.count(needle, id) == 1, qPrintable(log.dump()));
        QVERIFY(timer.elapsed() >= 250);
        const ServerEvent e = log.matching(needle, id).first();
        QCOMPARE(e.level, LogLevel::Warning);
        QCOMPARE(e.kind, EventKind::Closed);
        QVERIFY(readUntilClose(silent.get(), 1000).isEmpty()); // EOF, not a hang
        if (chatty.isValid()) {
            QVERIFY(lineServed(server.port(), &chatty));
            QVERIFY(log.problemsOf(connectionIdOf(server, chatty.get())).isEmpty());
        } else {
            QVERIFY(lineServed(server.port()));
        }
        server.stop();
    }

    // One byte per second against a 0.5 s timeout: the gap between bytes expires it.
    void slowClient_data() { addModes(); }
    void slowClient()
    {
        QFETCH(QString, mode);
        ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
        const bool event = mode == QLatin1String("event");
        config.setValue(event ? QStringLiteral("idle-timeout") : QStringLiteral("rcvtimeo"), 0.5);
        Server server;
        EventLog log(server);
        QVERIFY(!server.start(config));
        FileDescriptor slow = connectTo(server.port());
        QVERIFY(slow.isValid());
        const quint64 id = connectionIdOf(server, slow.get());
        QVERIFY(id != 0);
        const QString needle = event ? QStringLiteral("idle timeout") : QStringLiteral("receive timeout");
        QElapsedTimer timer;
        timer.start();
        int sent = 0;
        while (log.count(needle, id) == 0 && timer.elapsed() < 3500) {
            if (timer.elapsed() >= sent * 1000) {
                if (::send(slow.get(), "x", 1, MSG_NOSIGNAL) == 1)
                    ++sent;
            }
            waitFor([] { return false; }, 50);
            server.events()->flush();
        }
        QVERIFY2(log.count(needle, id) == 1, qPrintable(log.dump()));
        QVERIFY(sent >= 1);
        const ServerEvent e = log.matching(needle, id).first();
        QCOMPARE(e.level, LogLevel::Warning);
        QVERIFY2(e.text.contains(QLatin1String("(in 1 bytes")), qPrintable(e.text));
        QVERIFY(!server.connections()->contains(id));
        const bool served = lineServed(server.port());
        server.events()->flush();
        QVERIFY2(served, qPrintable(log.dump()));
        server.stop();
    }
};

QTEST_GUILESS_MAIN(HardeningFaults)
#include "tst_hardening_faults.moc"
