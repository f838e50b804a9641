// Threaded mode serves from a pool (issue 10): a thread that served a connection waits for the
// next one instead of ending, so short connections do not pay for a thread each. The pool must
// still behave like a thread per connection: one connection per thread at a time, the
// --max-threads cap, a prompt stop() that ends every thread and closes every descriptor, and no
// more idle threads than the pool's bound.
#include "server.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QtTest>

using namespace tcplab;
using namespace testsupport;

namespace {

// The kernel keeps 15 characters of a thread's name; the workers inherit the acceptor's.
const QByteArray kThreadName = "tcplab-threaded";

// Thread ids of this process named like the threaded engine's threads (acceptor and workers).
QSet<int> engineThreads()
{
    QSet<int> out;
    const QStringList tids = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::NoDotAndDotDot | QDir::Dirs);
    for (const QString &tid : tids) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(tid));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == kThreadName)
            out.insert(tid.toInt());
    }
    return out;
}

int settledThreadCount()
{
    int lowest = threadCount();
    waitFor([&] {
        lowest = std::min(lowest, threadCount());
        return false;
    }, 150);
    return lowest;
}

bool exchanged(int fd, const QByteArray &line)
{
    return sendAll(fd, line) && readExactly(fd, line.size(), 5000) == line.toUpper();
}

ServerConfig persistentThreaded(int maxThreads)
{
    ServerConfig config = loopbackConfig(QStringLiteral("threaded"), QStringLiteral("line"), true);
    config.setValue(QStringLiteral("max-threads"), maxThreads);
    config.setValue(QStringLiteral("log-level"), QStringLiteral("warning"));
    return config;
}

} // namespace

class TestEngineThreadPool : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Whatever Qt creates lazily on a first start belongs to every baseline below.
        Server warm;
        QVERIFY(!warm.start(persistentThreaded(4)));
        FileDescriptor c = connectTo(warm.port());
        QVERIFY(exchanged(c.get(), "warm\n"));
        c.reset();
        warm.stop();
        warm.events()->flush();
        QVERIFY(waitFor([] { return engineThreads().isEmpty(); }));
    }

    // 200 connections one after the other, each seen open on the server: a thread per
    // connection would show about 200 different thread ids, the pool a few.
    void workersAreReused()
    {
        const int baseline = settledThreadCount();
        Server server;
        QVERIFY(!server.start(persistentThreaded(256)));
        QSet<int> seen;
        int most = 0;
        for (int i = 0; i < 200; ++i) {
            FileDescriptor c = connectTo(server.port());
            QVERIFY(c.isValid());
            QVERIFY2(exchanged(c.get(), "reuse\n"), qPrintable(QString::number(i)));
            seen.unite(engineThreads());
            most = std::max(most, threadCount());
            c.reset();
            // The connection is over on the server too before the next one comes.
            QVERIFY(waitFor([&] { return server.connections()->count() == 0; }));
        }
        qInfo("200 sequential connections: %lld distinct engine thread ids (acceptor included), at most %d threads (%d before)",
              qint64(seen.size()), most, baseline);
        // The acceptor and a few workers (a worker may not be waiting yet when the next
        // connection is accepted, and a second one is started then).
        QVERIFY2(seen.size() <= 6, qPrintable(QStringLiteral("%1 thread ids").arg(seen.size())));
        QVERIFY2(most <= baseline + 6, qPrintable(QStringLiteral("%1 threads, %2 before").arg(most).arg(baseline)));
        server.stop();
        QVERIFY(waitFor([&] { return engineThreads().isEmpty(); }));
    }

    // 50 connections at once need 50 threads; once they are closed, at most the pool's bound
    // (16) wait for more, and those end after a few seconds without work.
    void idleWorkersAreBounded()
    {
        const int baseline = settledThreadCount();
        Server server;
        QVERIFY(!server.start(persistentThreaded(256)));
        std::vector<FileDescriptor> clients;
        for (int i = 0; i < 50; ++i) {
            clients.push_back(connectTo(server.port()));
            QVERIFY(exchanged(clients.back().get(), "held\n"));
        }
        QCOMPARE(server.connections()->count(), 50);
        QCOMPARE(engineThreads().size(), 51); // one thread per connection at a time, and the acceptor
        clients.clear();
        QVERIFY(waitFor([&] { return server.connections()->count() == 0; }));
        QVERIFY2(waitFor([&] { return engineThreads().size() <= 1 + 16; }),
                 qPrintable(QStringLiteral("%1 engine threads with nothing to serve").arg(engineThreads().size())));
        QVERIFY(engineThreads().size() >= 2); // some wait for the next connection
        QElapsedTimer idle;
        idle.start();
        QVERIFY2(waitFor([&] { return engineThreads().size() == 1; }, 15000),
                 qPrintable(QStringLiteral("%1 engine threads after %2 ms idle").arg(engineThreads().size()).arg(idle.elapsed())));
        qInfo("the idle workers ended %lld ms after the last connection", idle.elapsed());
        QCOMPARE(threadCount(), baseline + 1);
        // And the acceptor still starts workers for new connections.
        FileDescriptor again = connectTo(server.port());
        QVERIFY(exchanged(again.get(), "again\n"));
        server.stop();
    }

    // Idle workers wait in the pool: stop() must wake them at once, join every thread and leave
    // no descriptor behind, also with connections still open and blocked in recv().
    void stopIsPromptWithIdleWorkers()
    {
        const int threads = settledThreadCount();
        const int fds = openDescriptorCount();
        Server server;
        QVERIFY(!server.start(persistentThreaded(256)));
        {
            std::vector<FileDescriptor> clients;
            for (int i = 0; i < 50; ++i) {
                clients.push_back(connectTo(server.port()));
                QVERIFY(exchanged(clients.back().get(), "once\n"));
            }
        }
        QVERIFY(waitFor([&] { return server.connections()->count() == 0; }));
        // Two connections stay open, their workers blocked in recv().
        FileDescriptor open1 = connectTo(server.port());
        FileDescriptor open2 = connectTo(server.port());
        QVERIFY(exchanged(open1.get(), "open\n"));
        QVERIFY(exchanged(open2.get(), "open\n"));
        QVERIFY(waitFor([&] { return engineThreads().size() >= 4; })); // idle ones among them
        qInfo("before stop: %lld engine threads, 2 connections open", qint64(engineThreads().size()));

        QElapsedTimer clock;
        clock.start();
        server.stop();
        const qint64 stopMs = clock.elapsed();
        qInfo("stop() took %lld ms", stopMs);
        // An idle worker left to its own time-out would hold stop() for seconds.
        QVERIFY2(stopMs < 1500, qPrintable(QStringLiteral("stop() took %1 ms").arg(stopMs)));
        // Joined by stop(); a joined thread's task can take a moment to vanish from /proc.
        QVERIFY(waitFor([] { return engineThreads().isEmpty(); }, 2000));
        QVERIFY2(waitFor([&] { return threadCount() == threads; }, 2000),
                 qPrintable(QStringLiteral("%1 threads, %2 before").arg(threadCount()).arg(threads)));
        QCOMPARE(readUntilClose(open1.get(), 3000), QByteArray()); // the server's ends are closed
        open1.reset();
        open2.reset();
        QCOMPARE(openDescriptorCount(), fds);
    }

    // The cap counts connections, not threads: with idle workers in the pool, a cap of 3 still
    // serves 3 connections at once, the others wait in the accept queue (the capacity event says
    // so), and each freed thread takes the next one.
    void capHoldsWithThePool()
    {
        Server server;
        EventRecorder recorder(server.events());
        ServerConfig config = persistentThreaded(3);
        config.setValue(QStringLiteral("log-level"), QStringLiteral("info")); // "cleared" is an info event
        QVERIFY(!server.start(config));
        // Idle workers first: three connections at once, then closed.
        {
            std::vector<FileDescriptor> warm;
            for (int i = 0; i < 3; ++i) {
                warm.push_back(connectTo(server.port()));
                QVERIFY(exchanged(warm.back().get(), "warm\n"));
            }
        }
        QVERIFY(waitFor([&] { return server.connections()->count() == 0; }));
        QCOMPARE(engineThreads().size(), 4);

        std::vector<FileDescriptor> clients;
        for (int i = 0; i < 7; ++i) {
            clients.push_back(connectTo(server.port()));
            QVERIFY(clients.back().isValid());
            QVERIFY(sendAll(clients.back().get(), "queued\n"));
        }
        QVERIFY2(recorder.waitFor(EventKind::Capacity, QStringLiteral("thread cap of 3 reached")), qPrintable(recorder.dump()));
        waitFor([] { return false; }, 300);
        QCOMPARE(server.connections()->count(), 3);
        QCOMPARE(engineThreads().size(), 4); // no thread beyond the cap
        // The first three are served; the others get nothing yet.
        int served = 0;
        for (int i = 0; i < 7; ++i) {
            if (readExactly(clients[size_t(i)].get(), 7, i < 3 ? 3000 : 100) == QByteArray("QUEUED\n"))
                ++served;
        }
        QCOMPARE(served, 3);
        // Each closed connection lets exactly one more in.
        for (int next = 3; next < 7; ++next) {
            clients[size_t(next - 3)].reset();
            QCOMPARE(readExactly(clients[size_t(next)].get(), 7, 5000), QByteArray("QUEUED\n"));
            waitFor([] { return false; }, 50);
            QCOMPARE(server.connections()->count(), 3);
            QVERIFY(engineThreads().size() <= 4);
        }
        QVERIFY2(recorder.waitFor(EventKind::Capacity, QStringLiteral("thread cap cleared")), qPrintable(recorder.dump()));
        server.stop();
        QVERIFY(waitFor([] { return engineThreads().isEmpty(); }, 2000));
    }
};

QTEST_GUILESS_MAIN(TestEngineThreadPool)
#include "tst_engine_threadpool.moc"
