// The TCP_INFO sampler on a real loopback connection: both endpoints sampled every 10 ms while
// data flows, nothing kept and the rate slowed once it stops, the series bounded.
#include "testsupport.h"
#include "wire/tcpinfosampler.h"

#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <thread>

#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace tcplab;
using namespace tcplab::wire;

namespace {

struct Pair
{
    FileDescriptor listener;
    FileDescriptor client;
    FileDescriptor server;
    bool ok() const { return client.isValid() && server.isValid(); }
};

Pair connectedPair()
{
    Pair p;
    p.listener = testsupport::boundLoopbackSocket(4);
    if (!p.listener.isValid())
        return p;
    p.client = testsupport::connectTo(testsupport::localPort(p.listener.get()));
    if (p.client.isValid())
        p.server = FileDescriptor(::accept4(p.listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
    return p;
}

} // namespace

class WireTcpInfoTest : public QObject
{
    Q_OBJECT

private slots:
    void seriesIsBounded()
    {
        TcpInfoSeries s(3);
        QVERIFY(!s.last());
        for (int i = 0; i < 5; ++i) {
            TcpInfoSample x;
            x.timeNs = i;
            s.append(x);
        }
        QCOMPARE(s.size(), qsizetype(3));
        QCOMPARE(s.dropped(), quint64(2));
        QCOMPARE(s.last()->timeNs, qint64(4));
        const QList<TcpInfoSample> all = s.samples();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all[0].timeNs, qint64(2));
        QCOMPARE(all[2].timeNs, qint64(4));
        qInfo("one sample: %zu bytes; the default series of %lld samples: at most %.1f MB per connection", sizeof(TcpInfoSample),
              qlonglong(TcpInfoSampler::kDefaultSamplesPerConnection),
              double(sizeof(TcpInfoSample)) * double(TcpInfoSampler::kDefaultSamplesPerConnection) / 1e6);
    }

    void keepsOnlyWhatChanged()
    {
        Pair p = connectedPair();
        QVERIFY(p.ok());
        TcpInfoSampler sampler(4);
        const int id = sampler.addConnection(p.client.get(), p.server.get());
        const ConnectionKey key = sampler.key(id);
        QCOMPARE(key.clientAddress, quint32(INADDR_LOOPBACK));
        QCOMPARE(key.serverAddress, quint32(INADDR_LOOPBACK));
        QCOMPARE(key.clientPort, testsupport::localPort(p.client.get()));
        QCOMPARE(key.serverPort, testsupport::localPort(p.listener.get()));
        QCOMPARE(sampler.sampleNow(), 1); // the first is always kept
        QCOMPARE(sampler.sampleNow(), 0); // nothing moved
        // Each message moves both sides: 10 samples kept, the 4 newest stay.
        for (int i = 0; i < 10; ++i) {
            QVERIFY(testsupport::sendAll(p.client.get(), QByteArray("ping")));
            QCOMPARE(testsupport::readExactly(p.server.get(), 4), QByteArray("ping"));
            QVERIFY(testsupport::waitFor([&] { return readTcpInfo(p.client.get()).unacked == 0; }));
            QCOMPARE(sampler.sampleNow(), 1);
        }
        QCOMPARE(sampler.series(id).size(), 4);
        QCOMPARE(sampler.droppedSamples(id), quint64(7));
        QCOMPARE(sampler.series(id).last().server.bytesReceived, quint64(40));
        QCOMPARE(sampler.series(id).last().client.bytesAcked, quint64(41)); // + the SYN
        sampler.removeConnection(id);
        QVERIFY(testsupport::sendAll(p.client.get(), QByteArray("more")));
        QCOMPARE(sampler.sampleNow(), 0);
        QCOMPARE(sampler.series(id).size(), 4);
        QCOMPARE(sampler.connectionIds(), QList<int>{id});
    }

    void samplesBothEndsWhileDataFlows()
    {
        Pair p = connectedPair();
        QVERIFY(p.ok());
        TcpInfoSampler sampler;
        const int id = sampler.addConnection(p.client.get(), p.server.get());
        sampler.start();
        QVERIFY(sampler.isRunning());

        // A bulk transfer bounded in time (400 ms; and 16 GB, which loopback does not reach).
        std::atomic<quint64> sent{0};
        std::atomic<bool> writerDone{false};
        std::atomic<quint64> received{0};
        std::jthread writer([&] {
            const QByteArray chunk(64 * 1024, 'x');
            QElapsedTimer t;
            t.start();
            while (t.elapsed() < 400 && sent.load() < (quint64(16) << 30)) {
                const ssize_t n = ::send(p.client.get(), chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL);
                if (n <= 0)
                    break;
                sent += quint64(n);
            }
            writerDone = true;
        });
        std::jthread reader([&] {
            QByteArray buffer(256 * 1024, '\0');
            QElapsedTimer t;
            t.start();
            while (t.elapsed() < 10000 && !(writerDone.load() && received.load() == sent.load())) {
                // poll first: the last bytes may be in before the writer says it is done.
                pollfd pfd{p.server.get(), POLLIN, 0};
                if (::poll(&pfd, 1, 20) <= 0)
                    continue;
                const ssize_t n = ::recv(p.server.get(), buffer.data(), size_t(buffer.size()), MSG_DONTWAIT);
                if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
                    break;
                if (n > 0)
                    received += quint64(n);
            }
        });
        QVERIFY(testsupport::waitFor([&] { return writerDone.load() && received.load() == sent.load(); }, 15000));
        writer.join();
        reader.join();
        // Let the last ACKs be sampled, then watch an idle connection.
        QTest::qWait(100);
        const qsizetype afterTransfer = sampler.series(id).size();
        const double cpuBefore = testsupport::cpuSecondsUsed();
        QTest::qWait(800);
        const double idleCpu = testsupport::cpuSecondsUsed() - cpuBefore;
        const QList<TcpInfoSample> s = sampler.series(id);
        sampler.stop();
        qInfo("%lld bytes in 400 ms, %lld samples kept while it flowed, %lld more in 800 ms idle, %.4f s CPU idle",
              qlonglong(sent.load()), qlonglong(afterTransfer), qlonglong(s.size() - afterTransfer), idleCpu);

        QVERIFY2(afterTransfer >= 10, qPrintable(QString::number(afterTransfer)));
        QVERIFY2(s.size() - afterTransfer <= 1, "nothing moves on an idle connection");
        QCOMPARE(sampler.currentIntervalMs(), TcpInfoSampler::kIdleIntervalMs);
        QVERIFY2(idleCpu < 0.05, qPrintable(QString::number(idleCpu)));

        QList<qint64> gaps;
        for (int i = 0; i < s.size(); ++i) {
            const TcpInfoSample &x = s[i];
            QVERIFY(x.client.valid && x.server.valid);
            QCOMPARE(x.client.state, int(TCP_ESTABLISHED));
            QCOMPARE(x.server.state, int(TCP_ESTABLISHED));
            QVERIFY(x.client.sndCwnd > 0);
            QVERIFY(x.client.rttUs > 0);
            QVERIFY(x.client.rtoUs >= 200000); // Linux's minimum RTO
            QVERIFY(x.client.sndSsthresh > 0);
            QVERIFY(x.server.rcvSpace > 0);
            if (i > 0) {
                QVERIFY(x.timeNs > s[i - 1].timeNs);
                QVERIFY(x.client.bytesAcked >= s[i - 1].client.bytesAcked);
                QVERIFY(x.server.bytesReceived >= s[i - 1].server.bytesReceived);
                if (i < afterTransfer - 1)
                    gaps << x.timeNs - s[i - 1].timeNs;
            }
        }
        std::sort(gaps.begin(), gaps.end());
        const qint64 median = gaps.isEmpty() ? 0 : gaps[gaps.size() / 2];
        qInfo("median gap between samples while data flowed: %.2f ms", double(median) / 1e6);
        QVERIFY2(median >= 8000000 && median <= 60000000, qPrintable(QString::number(median)));
        QCOMPARE(s.last().server.bytesReceived, sent.load());
        QCOMPARE(s.last().client.bytesAcked, sent.load() + 1);
        QVERIFY(std::any_of(s.begin(), s.end(), [](const TcpInfoSample &x) { return x.client.deliveryRate > 0; }));
        QVERIFY(std::any_of(s.begin(), s.end(), [](const TcpInfoSample &x) { return x.client.pacingRate > 0; }));
        QVERIFY(s.last().client.segsOut > 10 && s.last().server.segsIn > 10);
    }
};

QTEST_GUILESS_MAIN(WireTcpInfoTest)
#include "tst_wiretcpinfo.moc"
