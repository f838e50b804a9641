// SO_LINGER in event mode: Linux makes close() wait even on a non-blocking socket, so a peer that
// does not read could freeze the whole loop. The lab keeps the kernel's semantics (FIN after the
// data, the descriptor closed when everything is acknowledged or the linger time is up) without
// blocking the other connections.
#include "server.h"
#include "testsupport.h"

#include <QtTest>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace tcplab;
using namespace testsupport;

class TestLinger : public QObject
{
    Q_OBJECT
private slots:
    void lingeringCloseDoesNotBlockTheEventLoop()
    {
        ServerConfig config = loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), true);
        config.setValue(QStringLiteral("linger"), 2);
        config.setValue(QStringLiteral("max-line"), 8 * 1024 * 1024);
        Server server;
        QList<ServerEvent> events;
        connect(server.events(), &EventHub::eventsReady, this, [&](const EventBatch &b) { events += b; });
        QVERIFY(!server.start(config));

        // One request whose reply (4 MB) cannot fit in the buffers of a client that never
        // reads: the server has consumed all its input, and its reply stays unacknowledged.
        FileDescriptor stuck = connectTo(server.port());
        QVERIFY(stuck.isValid());
        const int small = 4096;
        ::setsockopt(stuck.get(), SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
        QVERIFY(sendAll(stuck.get(), QByteArray(4 * 1024 * 1024, 'x') + '\n'));
        const quint64 id = waitForOneConnection(server);
        QVERIFY(id != 0);
        QVERIFY(waitFor([&] {
            const auto list = server.connectionSnapshot(false);
            return !list.isEmpty() && list.first().requests == 1;
        }));

        // The lab closes it while replies are unacknowledged: close() would linger 2 s.
        QVERIFY(server.closeConnection(id, false));
        QVERIFY(waitFor([&] { return !server.connections()->contains(id); }));

        // Meanwhile another client is served at once; a blocked loop could not answer it
        // before the 2 s linger ran out, and this client gives up after 1 s.
        FileDescriptor other = connectTo(server.port(), 1000);
        QVERIFY(other.isValid());
        QVERIFY(sendAll(other.get(), "ping\n"));
        QCOMPARE(readExactly(other.get(), 5, 1000), QByteArray("PING\n"));
        const bool lingerStillRunning = std::none_of(events.cbegin(), events.cend(), [&](const ServerEvent &e) {
            return e.connectionId == id && e.text.contains(QLatin1String("SO_LINGER"));
        });
        QVERIFY2(lingerStillRunning, "the linger outcome was logged before the other client was served");

        // The linger time runs out with data unacknowledged; the lab says so for that connection.
        QVERIFY(waitFor([&] {
            return std::any_of(events.cbegin(), events.cend(), [&](const ServerEvent &e) {
                return e.connectionId == id && e.text.contains(QLatin1String("SO_LINGER expired")) && e.level == LogLevel::Warning;
            });
        }, 6000));
        server.stop();
    }

    void lingerWithEverythingAcknowledgedClosesAtOnce_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("iterative") << "iterative";
        QTest::newRow("threaded") << "threaded";
        QTest::newRow("event") << "event";
    }

    // SO_LINGER only makes close() wait while sent data is unacknowledged. On loopback the reply
    // is acknowledged at once, so the server's descriptor must be gone long before the linger
    // time: a close that waits for the linger time regardless fails the bound.
    void lingerWithEverythingAcknowledgedClosesAtOnce()
    {
        QFETCH(QString, mode);
        const int lingerSeconds = 10;
        const qint64 boundMs = 3000; // generous for a loaded machine, still well below 10 s
        ServerConfig config = loopbackConfig(mode, QStringLiteral("byte"), false);
        config.setValue(QStringLiteral("linger"), lingerSeconds);
        Server server;
        EventRecorder recorder(server.events());
        QVERIFY(!server.start(config));
        FileDescriptor c = connectTo(server.port(), 2 * lingerSeconds * 1000);
        QVERIFY(c.isValid());
        QVERIFY(waitForOneConnection(server));
        // Counted once the engine runs (its thread opens descriptors of its own as it starts).
        const int fdsServing = openDescriptorCount();
        QElapsedTimer timer;
        timer.start();
        QVERIFY(sendAll(c.get(), "hi"));
        // readUntilClose() returns on the FIN, or on its timeout (longer than the linger time).
        QCOMPARE(readUntilClose(c.get(), 2 * lingerSeconds * 1000), QByteArray("HI"));
        const qint64 finMs = timer.elapsed();
        // The server's descriptor of the connection is released and the close logged.
        QVERIFY2(waitFor([&] { return openDescriptorCount() == fdsServing - 1 && server.connections()->count() == 0; },
                         2 * lingerSeconds * 1000),
                 qPrintable(QStringLiteral("%1 descriptors open, %2 while serving").arg(openDescriptorCount()).arg(fdsServing)));
        const qint64 closedMs = timer.elapsed();
        QVERIFY2(recorder.waitFor(EventKind::Closed, {}, 0, 2 * lingerSeconds * 1000), qPrintable(recorder.dump()));
        qInfo("%s: SO_LINGER %d s, reply acknowledged: FIN after %lld ms, server descriptor closed after %lld ms",
              qPrintable(mode), lingerSeconds, finMs, closedMs);
        QVERIFY2(finMs < boundMs, qPrintable(QString::number(finMs)));
        QVERIFY2(closedMs < boundMs, qPrintable(QString::number(closedMs)));
        server.stop();
    }

    // The kernel fact the option table states: SO_LINGER makes close() wait on Linux even on a
    // non-blocking socket, while sent data is unacknowledged (a peer that does not read).
    void theKernelLingersOnANonBlockingClose()
    {
        FileDescriptor listener = boundLoopbackSocket(1);
        QVERIFY(listener.isValid());
        FileDescriptor peer(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        const int small = 4096;
        ::setsockopt(peer.get(), SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
        sockaddr_in addr{};
        socklen_t len = sizeof(addr);
        QCOMPARE(::getsockname(listener.get(), reinterpret_cast<sockaddr *>(&addr), &len), 0);
        QCOMPARE(::connect(peer.get(), reinterpret_cast<sockaddr *>(&addr), len), 0);
        const int fd = ::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        QVERIFY(fd >= 0);
        const QByteArray chunk(65536, 'z');
        while (::send(fd, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL) > 0) {
        }
        QCOMPARE(errno, EAGAIN); // the peer's window and our send buffer are full
        const linger l{1, 1};
        QCOMPARE(::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l)), 0);
        QElapsedTimer timer;
        timer.start();
        ::close(fd);
        const qint64 ms = timer.elapsed();
        qInfo("close() of a non-blocking socket with SO_LINGER 1 s and unacknowledged data took %lld ms", ms);
        QVERIFY2(ms >= 900 && ms < 5000, qPrintable(QString::number(ms)));
    }

    void stopDoesNotWaitForLingeringSockets()
    {
        ServerConfig config = loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), true);
        config.setValue(QStringLiteral("linger"), 30);
        config.setValue(QStringLiteral("max-line"), 8 * 1024 * 1024);
        Server server;
        QVERIFY(!server.start(config));
        FileDescriptor stuck = connectTo(server.port());
        const int small = 4096;
        ::setsockopt(stuck.get(), SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
        QVERIFY(sendAll(stuck.get(), QByteArray(4 * 1024 * 1024, 'y') + '\n'));
        const quint64 id = waitForOneConnection(server);
        QVERIFY(id != 0);
        QVERIFY(waitFor([&] {
            const auto list = server.connectionSnapshot(false);
            return !list.isEmpty() && list.first().requests == 1;
        }));
        server.closeConnection(id, false);
        QVERIFY(waitFor([&] { return !server.connections()->contains(id); }));
        const int fdsBefore = openDescriptorCount();
        QElapsedTimer timer;
        timer.start();
        server.stop();
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(openDescriptorCount() < fdsBefore); // the lingering descriptor was closed too
    }
};

QTEST_GUILESS_MAIN(TestLinger)
#include "tst_linger.moc"
