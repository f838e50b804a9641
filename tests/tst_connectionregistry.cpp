// The registry reads TCP_INFO outside its lock (so that a table of 10 000 connections never
// holds up the engine's add and remove) and must still never report a socket that took over a
// closed connection's descriptor number.
#include "connectionregistry.h"
#include "filedescriptor.h"
#include "testsupport.h"

#include <QtTest>

#include <atomic>
#include <thread>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace tcplab;

namespace {

int freshTcpSocket()
{
    return ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

// A listening socket: its TCP_INFO says LISTEN, which no registered socket here ever is.
int listeningSocket()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0 || ::listen(fd, 1) != 0)) {
        ::close(fd);
        return -1;
    }
    return fd;
}

constexpr int kListenState = 10; // TCP_LISTEN

} // namespace

class TestConnectionRegistry : public QObject
{
    Q_OBJECT
private slots:
    void closedConnectionIsNotReadThroughAReusedNumber()
    {
        ConnectionRegistry registry;
        const int first = freshTcpSocket();
        QVERIFY(first >= 0);
        const quint64 oldId = registry.nextId();
        registry.add(oldId, first, QStringLiteral("old"));
        // The owner's order: remove, then close; the number is then reused by a listener.
        registry.remove(oldId);
        ::close(first);
        FileDescriptor listener(listeningSocket());
        QCOMPARE(listener.get(), first);
        QVERIFY(registry.tcpInfo({oldId}).isEmpty());
        const quint64 newId = registry.nextId();
        registry.add(newId, listener.get(), QStringLiteral("new"));
        const QHash<quint64, TcpInfoSnapshot> info = registry.tcpInfo({oldId, newId});
        QCOMPARE(info.size(), 1);
        QCOMPARE(info.value(newId).state, kListenState);
        registry.remove(newId);
    }

    // The race itself: while snapshots read TCP_INFO outside the lock, another thread keeps
    // removing a connection, closing its descriptor and opening a listener that gets the same
    // number, then a fresh socket that is registered under a new id. A reading taken after the
    // close must be thrown away: no snapshot may show LISTEN.
    void snapshotsNeverShowASocketThatReusedTheNumber()
    {
        ConnectionRegistry registry;
        constexpr int kEntries = 2000;
        QList<QPair<quint64, int>> entries;
        for (int i = 0; i < kEntries; ++i) {
            const int fd = freshTcpSocket();
            QVERIFY(fd >= 0);
            const quint64 id = registry.nextId();
            registry.add(id, fd, QStringLiteral("peer"));
            entries.append({id, fd});
        }
        std::atomic<bool> stop{false};
        std::atomic<int> churns{0};
        QThread *churner = QThread::create([&] {
            int next = 0;
            while (!stop.load()) {
                auto &[id, fd] = entries[next];
                next = (next + 1) % kEntries;
                registry.remove(id);
                ::close(fd);
                const int listener = listeningSocket(); // most often the number just closed
                std::this_thread::yield();
                if (listener >= 0)
                    ::close(listener);
                fd = freshTcpSocket();
                id = registry.nextId();
                registry.add(id, fd, QStringLiteral("peer"));
                churns.fetch_add(1);
            }
        });
        churner->start();
        QElapsedTimer clock;
        clock.start();
        int snapshots = 0;
        qint64 readings = 0;
        int wrong = 0;
        while (clock.elapsed() < 1500) {
            const QList<ConnectionInfo> list = registry.snapshot(true);
            ++snapshots;
            for (const ConnectionInfo &c : list) {
                if (!c.tcp.valid)
                    continue;
                ++readings;
                if (c.tcp.state == kListenState)
                    ++wrong;
            }
        }
        stop = true;
        churner->wait();
        delete churner;
        for (const auto &[id, fd] : std::as_const(entries)) {
            registry.remove(id);
            ::close(fd);
        }
        qInfo("%d snapshots, %lld readings, %d churns, %d readings of a reused number", snapshots, readings, churns.load(), wrong);
        QVERIFY(snapshots > 0 && readings > kEntries && churns.load() > 20); // the race was run
        QCOMPARE(wrong, 0);
    }
};

QTEST_GUILESS_MAIN(TestConnectionRegistry)
#include "tst_connectionregistry.moc"
