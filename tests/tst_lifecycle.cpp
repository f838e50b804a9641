// Start and stop at any time: 200 cycles per mode leave no descriptor and no thread behind
// (counted in /proc/self), with clients connected in some of them, and stop() returns within a
// second however the clients behave.
#include "server.h"
#include "testsupport.h"

#include <QtTest>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

using namespace tcplab;
using namespace testsupport;

namespace {

// The lowest thread count seen for a moment: a thread joined with QThread::wait() can still be
// listed in /proc/self/task while it finishes exiting.
int settledThreadCount()
{
    int lowest = threadCount();
    waitFor([&] {
        lowest = std::min(lowest, threadCount());
        return false;
    }, 150);
    return lowest;
}

const QStringList kModes = {QStringLiteral("iterative"), QStringLiteral("threaded"), QStringLiteral("event")};

void addModeRows()
{
    QTest::addColumn<QString>("mode");
    for (const QString &m : kModes)
        QTest::newRow(qPrintable(m)) << m;
}

// Clients in every state a server must cope with at stop: idle, mid-line, and one whose reply
// the server cannot finish because it never reads.
std::vector<FileDescriptor> connectAwkwardClients(quint16 port, int count)
{
    std::vector<FileDescriptor> clients;
    for (int i = 0; i < count; ++i) {
        FileDescriptor fd = connectTo(port, 200);
        if (!fd.isValid())
            continue;
        if (i % 3 == 1)
            sendAll(fd.get(), "half a line");
        if (i % 3 == 2) {
            const int small = 4096;
            ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
            const QByteArray lines = QByteArray(4000, 'z') + '\n';
            for (int k = 0; k < 16; ++k) {
                if (::send(fd.get(), lines.constData(), size_t(lines.size()), MSG_DONTWAIT | MSG_NOSIGNAL) <= 0)
                    break;
            }
        }
        clients.push_back(std::move(fd));
    }
    return clients;
}

int expectedOpen(const QString &mode, int clients)
{
    // Iterative mode serves one connection; the rest wait in the accept queue.
    return mode == QLatin1String("iterative") ? std::min(clients, 1) : clients;
}

} // namespace

class TestLifecycle : public QObject
{
    Q_OBJECT
private slots:
    void startStopTwoHundredTimes_data() { addModeRows(); }
    void startStopTwoHundredTimes()
    {
        QFETCH(QString, mode);
        const ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
        Server server;
        EventRecorder recorder(server.events());

        // Warm up once, so that anything Qt creates lazily exists before the baseline.
        QVERIFY(!server.start(config));
        { auto warm = connectAwkwardClients(server.port(), 2); waitFor([&] { return server.connections()->count() > 0; }); server.stop(); }
        const int threadBaseline = settledThreadCount();
        const int fdBaseline = openDescriptorCount();

        int withClients = 0;
        for (int i = 0; i < 200; ++i) {
            const Error e = server.start(config);
            QVERIFY2(!e, qPrintable(QStringLiteral("cycle %1: %2").arg(i).arg(e.text())));
            QVERIFY(server.isRunning());
            std::vector<FileDescriptor> clients;
            if (i % 10 == 0) {
                clients = connectAwkwardClients(server.port(), 4);
                QCOMPARE(int(clients.size()), 4);
                QVERIFY2(waitFor([&] { return server.connections()->count() == expectedOpen(mode, 4); }),
                         qPrintable(QStringLiteral("cycle %1: %2 open").arg(i).arg(server.connections()->count())));
                ++withClients;
            }
            QElapsedTimer clock;
            clock.start();
            server.stop();
            const qint64 stopMs = clock.elapsed();
            QVERIFY(!server.isRunning());
            QCOMPARE(server.listenDescriptor(), -1);
            QCOMPARE(server.connections()->count(), 0);
            if (!clients.empty())
                QVERIFY2(stopMs < 1000, qPrintable(QStringLiteral("cycle %1: stop took %2 ms").arg(i).arg(stopMs)));
            if (i % 50 == 0)
                QCoreApplication::processEvents();
        }
        QCOMPARE(withClients, 20);
        QVERIFY2(waitFor([&] { return openDescriptorCount() == fdBaseline; }),
                 qPrintable(QStringLiteral("descriptors: %1 before, %2 after").arg(fdBaseline).arg(openDescriptorCount())));
        QVERIFY2(waitFor([&] { return threadCount() <= threadBaseline; }),
                 qPrintable(QStringLiteral("threads: %1 before, %2 after").arg(threadBaseline).arg(threadCount())));
        QVERIFY(waitFor([&] { return recorder.events.size() >= 400; }));
        QVERIFY(recorder.contains(EventKind::Lifecycle, QStringLiteral("stopped")));
    }

    void stopWithClientsReturnsWithinOneSecond_data() { addModeRows(); }
    void stopWithClientsReturnsWithinOneSecond()
    {
        QFETCH(QString, mode);
        ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
        config.setValue(QStringLiteral("sndbuf"), 4096);
        Server server;
        QVERIFY(!server.start(config));
        auto clients = connectAwkwardClients(server.port(), 9);
        QCOMPARE(int(clients.size()), 9);
        QVERIFY(waitFor([&] { return server.connections()->count() == expectedOpen(mode, 9); }));
        QElapsedTimer clock;
        clock.start();
        server.stop();
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QStringLiteral("stop took %1 ms").arg(clock.elapsed())));
        // Every client sees its connection end (FIN or RST), none is left hanging.
        for (size_t i = 0; i < clients.size(); ++i) {
            char buf[65536];
            QDeadlineTimer deadline(3000);
            ssize_t n = 1;
            qint64 total = 0;
            int err = 0;
            while (!deadline.hasExpired()) {
                n = ::recv(clients[i].get(), buf, sizeof(buf), 0);
                err = errno;
                if (n > 0)
                    total += n;
                else if (!(n < 0 && (err == EAGAIN || err == EINTR)))
                    break;
            }
            QVERIFY2(n == 0 || (n < 0 && err == ECONNRESET),
                     qPrintable(QStringLiteral("client %1 left connected after stop(): recv %2 (%3), %4 bytes read")
                                    .arg(i).arg(n).arg(QString::fromLocal8Bit(strerror(err))).arg(total)));
        }
    }

    void stopWithLingerAndANonReadingClient_data() { addModeRows(); }
    void stopWithLingerAndANonReadingClient()
    {
        // SO_LINGER N makes close() wait up to N s for unsent data, even on a non-blocking
        // socket. A client that never reads must not stretch stop() to N seconds.
        QFETCH(QString, mode);
        ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
        config.setValue(QStringLiteral("linger"), 5);
        config.setValue(QStringLiteral("sndbuf"), 4096);
        config.setValue(QStringLiteral("max-line"), 1 << 20);
        Server server;
        QVERIFY(!server.start(config));
        FileDescriptor fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        const int small = 4096;
        ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(server.port());
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(fd.get(), reinterpret_cast<sockaddr *>(&addr), sizeof(addr)), 0);
        // One long line: the server reads all of it (nothing unread, so close() will not just
        // reset) and then cannot finish the reply.
        const QByteArray line = QByteArray(300000, 'l') + '\n';
        QVERIFY(sendAll(fd.get(), line));
        QVERIFY(waitFor([&] {
            const ConnectionInfo info = server.connectionSnapshot(false).value(0);
            return info.bytesIn == quint64(line.size()) && info.bytesOut < info.bytesIn;
        }));
        QElapsedTimer clock;
        clock.start();
        server.stop();
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QStringLiteral("stop took %1 ms").arg(clock.elapsed())));
    }

    void threadCapReachedStillStops()
    {
        ServerConfig config = loopbackConfig(QStringLiteral("threaded"), QStringLiteral("line"), true);
        config.setValue(QStringLiteral("max-threads"), 2);
        const int idle = settledThreadCount();
        Server server;
        QVERIFY(!server.start(config));
        auto clients = connectAwkwardClients(server.port(), 5);
        QVERIFY(waitFor([&] { return server.connections()->count() == 2; }));
        // The acceptor and two connection threads; the cap holds: three clients wait in the
        // accept queue and no thread is started for them.
        QVERIFY(waitFor([&] { return threadCount() == idle + 3; }));
        QTest::qWait(100);
        QCOMPARE(server.connections()->count(), 2);
        QCOMPARE(threadCount(), idle + 3);
        QElapsedTimer clock;
        clock.start();
        server.stop();
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QStringLiteral("stop took %1 ms").arg(clock.elapsed())));
        QVERIFY(waitFor([&] { return threadCount() == idle; })); // the acceptor is gone too
    }

    void destroyingARunningServerStopsIt()
    {
        const int threads = settledThreadCount();
        const int fds = openDescriptorCount();
        {
            Server server;
            QVERIFY(!server.start(loopbackConfig(QStringLiteral("threaded"), QStringLiteral("line"), true)));
            auto clients = connectAwkwardClients(server.port(), 3);
            QVERIFY(waitFor([&] { return server.connections()->count() == 3; }));
            QVERIFY(threadCount() > threads);
        }
        QVERIFY(waitFor([&] { return openDescriptorCount() == fds; }));
        QVERIFY(waitFor([&] { return threadCount() <= threads; }));
    }

    void restartOnTheSamePort_data() { addModeRows(); }
    void restartOnTheSamePort()
    {
        // SO_REUSEADDR (on by default, as in the recipe): the port is free again at once even
        // though the last connections sit in TIME_WAIT.
        QFETCH(QString, mode);
        ServerConfig config = loopbackConfig(mode, QStringLiteral("byte"), false);
        Server server;
        QVERIFY(!server.start(config));
        const quint16 port = server.port();
        config.setValue(QStringLiteral("port"), port);
        for (int round = 0; round < 3; ++round) {
            FileDescriptor fd = connectTo(port);
            QVERIFY(sendAll(fd.get(), "again"));
            QCOMPARE(readUntilClose(fd.get()), QByteArray("AGAIN"));
            server.stop();
            const Error e = server.start(config);
            QVERIFY2(!e, qPrintable(e.text()));
            QCOMPARE(server.port(), port);
        }
        server.stop();
    }

    void startWhileRunningIsRefused()
    {
        Server server;
        QVERIFY(!server.start(loopbackConfig()));
        const Error e = server.start(loopbackConfig());
        QVERIFY(e);
        QVERIFY2(e.text().contains(server.endpoint()), qPrintable(e.text()));
        server.stop();
        server.stop(); // idempotent
        QVERIFY(!server.isRunning());
    }

    void portInUseIsAClearError()
    {
        const FileDescriptor holder = boundLoopbackSocket(1);
        QVERIFY(holder.isValid());
        ServerConfig config = loopbackConfig();
        config.setValue(QStringLiteral("port"), localPort(holder.get()));
        const int fds = openDescriptorCount();
        Server server;
        const Error e = server.start(config);
        QVERIFY(e);
        QCOMPARE(e.errnum(), EADDRINUSE);
        QVERIFY2(e.text().contains(QStringLiteral("port %1 is in use").arg(localPort(holder.get()))), qPrintable(e.text()));
        QCOMPARE(openDescriptorCount(), fds);
        QVERIFY(!server.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
