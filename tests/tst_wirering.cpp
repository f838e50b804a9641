// The capture ring: its bound and overflow count, a real writer thread against concurrent
// readers (no torn packet, every position either read or counted missed, exactly once), and
// no allocation in push().
#include "wire/capturering.h"

#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

#include <atomic>
#include <cstdlib>
#include <new>
#include <thread>

#include <unistd.h>

using namespace tcplab::wire;

// Counts allocations per thread, to prove the writer's push() never allocates: operator new,
// and (outside the sanitizer builds, which own malloc) malloc itself, which Qt's containers use.
namespace {
thread_local quint64 t_allocations = 0;
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define TCPLAB_COUNTS_MALLOC 1
extern "C" {
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void *malloc(size_t size)
{
    ++t_allocations;
    return __libc_malloc(size);
}
void *calloc(size_t n, size_t size)
{
    ++t_allocations;
    return __libc_calloc(n, size);
}
void *realloc(void *p, size_t size)
{
    ++t_allocations;
    return __libc_realloc(p, size);
}
}
#endif

void *operator new(std::size_t size)
{
    ++t_allocations;
    if (void *p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}
void *operator new[](std::size_t size)
{
    return ::operator new(size);
}
void operator delete(void *p) noexcept
{
    std::free(p);
}
void operator delete[](void *p) noexcept
{
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete[](void *p, std::size_t) noexcept
{
    std::free(p);
}

namespace {

// Every field derived from the index, so a packet mixed from two writes shows.
CapturedPacket makePacket(quint64 index)
{
    CapturedPacket p;
    p.index = index;
    p.sentNs = qint64(index * 1000 + 7);
    p.deliveredNs = (index % 2) ? -1 : p.sentNs + 5;
    p.direction = Direction(index % 2);
    p.fate = PacketFate(index % 8);
    p.dropRule = qint16(index % 100);
    p.wireLength = quint16(60 + index % 1400);
    p.capturedLength = qMin<quint16>(p.wireLength, CapturedPacket::kSnapLength);
    for (size_t i = 0; i < p.data.size(); ++i)
        p.data[i] = quint8((index * 131 + i * 7) & 0xff);
    return p;
}

// For the race: every 64-bit word holds the index (cheap to make, so the writer runs flat out
// and its writes keep landing on slots the readers are copying); a mixed packet shows at once.
CapturedPacket stripedPacket(quint64 index)
{
    quint64 words[CaptureRing::kWordsPerPacket];
    for (quint64 &w : words)
        w = index;
    CapturedPacket p;
    std::memcpy(static_cast<void *>(&p), words, sizeof(words));
    return p;
}

bool striped(const CapturedPacket &p)
{
    quint64 words[CaptureRing::kWordsPerPacket];
    std::memcpy(words, static_cast<const void *>(&p), sizeof(words));
    for (quint64 w : words) {
        if (w != words[0])
            return false;
    }
    return true;
}

qint64 residentBytes()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * ::sysconf(_SC_PAGESIZE) : 0;
}

bool consistent(const CapturedPacket &p)
{
    const CapturedPacket expected = makePacket(p.index);
    return std::memcmp(&p, &expected, sizeof(p)) == 0;
}

} // namespace

class WireRingTest : public QObject
{
    Q_OBJECT

private slots:
    void memoryIsStated()
    {
        QCOMPARE(sizeof(CapturedPacket), size_t(160));
        QCOMPARE(CaptureRing::memoryBytes(CaptureRing::kDefaultCapacity), size_t(33600000));
        // The pages come as the ring fills: an empty default ring costs almost nothing, a full
        // one its stated size, and pushing on past the bound costs no more.
        const qint64 start = residentBytes();
        CaptureRing ring;
        QCOMPARE(ring.capacity(), qsizetype(200000));
        const qint64 empty = residentBytes();
#ifdef TCPLAB_COUNTS_MALLOC // a sanitizer's calloc touches every page itself
        QVERIFY2(empty - start < 4 * 1024 * 1024, qPrintable(QString::number(empty - start)));
#else
        Q_UNUSED(start);
#endif
        const CapturedPacket p = makePacket(1);
        for (int i = 0; i < 200000; ++i)
            ring.push(p);
        const qint64 full = residentBytes();
        QVERIFY2(full - empty > 30 * 1000 * 1000, qPrintable(QString::number(full - empty)));
        for (int i = 0; i < 400000; ++i)
            ring.push(p);
        QVERIFY2(residentBytes() - full < 2 * 1024 * 1024, qPrintable(QString::number(residentBytes() - full)));
        QCOMPARE(ring.overwritten(), quint64(400000));
    }

    void boundAndOverflow()
    {
        CaptureRing ring(4);
        QCOMPARE(ring.written(), quint64(0));
        QVERIFY(ring.snapshot().isEmpty());
        CapturedPacket out;
        QVERIFY(!ring.read(0, &out));
        for (quint64 i = 0; i < 3; ++i)
            ring.push(makePacket(i));
        QCOMPARE(ring.overwritten(), quint64(0));
        QVERIFY(ring.read(1, &out));
        QVERIFY(consistent(out));
        QCOMPARE(out.index, quint64(1));
        QVERIFY(!ring.read(3, &out)); // not yet written
        for (quint64 i = 3; i < 10; ++i)
            ring.push(makePacket(i));
        QCOMPARE(ring.written(), quint64(10));
        QCOMPARE(ring.overwritten(), quint64(6));
        QVERIFY(!ring.read(5, &out)); // overwritten by 9
        quint64 missed = 0;
        const QList<CapturedPacket> all = ring.snapshot(&missed);
        QCOMPARE(all.size(), 4);
        QCOMPARE(missed, quint64(6));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(all[i].index, quint64(6 + i));
            QVERIFY(consistent(all[i]));
        }
        // A reader's cursor: what it missed, and where to go on.
        QList<CapturedPacket> some;
        CaptureRing::ReadResult r = ring.readFrom(2, &some, 3);
        QCOMPARE(r.missed, quint64(4));
        QCOMPARE(r.next, quint64(9));
        QCOMPARE(some.size(), 3);
        QCOMPARE(some.first().index, quint64(6));
        r = ring.readFrom(r.next, &some);
        QCOMPARE(r.next, quint64(10));
        QCOMPARE(r.missed, quint64(0));
        QCOMPARE(some.size(), 4);
        r = ring.readFrom(r.next, &some);
        QCOMPARE(r.next, quint64(10));
        QCOMPARE(some.size(), 4);
    }

    void pushNeverAllocates()
    {
#ifndef TCPLAB_COUNTS_MALLOC
        QSKIP("the sanitizer runtime owns malloc and operator new here; the normal build counts allocations");
#endif
        CaptureRing ring(1000);
        const CapturedPacket p = makePacket(42);
        const quint64 before = t_allocations;
        for (int i = 0; i < 100000; ++i)
            ring.push(p);
        QCOMPARE(t_allocations - before, quint64(0));
        QCOMPARE(ring.written(), quint64(100000));
        // The counter works: a reader's copy does allocate (a QList: malloc), so does new.
        QList<CapturedPacket> out;
        ring.readFrom(ring.written() - 10, &out);
        QVERIFY(t_allocations > before);
        const quint64 beforeNew = t_allocations;
        void *raw = ::operator new(64);
        ::operator delete(raw);
        QVERIFY(t_allocations > beforeNew);
    }

    // One writer thread as fast as it can, two readers chasing it. The tiny rings make the
    // writer overwrite the very slot a reader is copying, again and again.
    void concurrentReadersNeverSeeTornPackets_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::newRow("1 slot") << 1;
        QTest::newRow("3 slots") << 3;
        QTest::newRow("512 slots") << 512;
    }

    void concurrentReadersNeverSeeTornPackets()
    {
        QFETCH(int, capacity);
        CaptureRing ring(capacity);
        std::atomic<quint64> pushed{0};
        std::atomic<bool> done{false};
        struct ReaderStats
        {
            quint64 read = 0;
            quint64 missed = 0;
            quint64 torn = 0;
            quint64 outOfOrder = 0;
            quint64 nextPosition = 0;
        };
        ReaderStats stats[2];
        auto reader = [&](ReaderStats &s) {
            quint64 cursor = 0;
            qint64 last = -1;
            QList<CapturedPacket> batch;
            for (;;) {
                const bool finished = done.load(std::memory_order_acquire);
                batch.clear();
                const CaptureRing::ReadResult r = ring.readFrom(cursor, &batch, 256);
                s.missed += r.missed;
                for (const CapturedPacket &p : batch) {
                    ++s.read;
                    if (!striped(p))
                        ++s.torn;
                    if (qint64(p.index) <= last)
                        ++s.outOfOrder;
                    last = qint64(p.index);
                }
                cursor = r.next;
                if (finished && cursor == ring.written())
                    break;
                if (batch.isEmpty())
                    std::this_thread::yield();
            }
            s.nextPosition = cursor;
        };
        std::thread r1(reader, std::ref(stats[0]));
        std::thread r2(reader, std::ref(stats[1]));
        std::thread writer([&] {
            // For 300 ms, not a count: the readers must get to run while the writer does.
            QElapsedTimer t;
            t.start();
            quint64 i = 0;
            for (; i < 100000 || (i % 1024 != 0 || t.elapsed() < 300); ++i)
                ring.push(stripedPacket(i));
            pushed = i;
            done.store(true, std::memory_order_release);
        });
        writer.join();
        r1.join();
        r2.join();
        const quint64 kPackets = pushed.load();
        QCOMPARE(ring.written(), kPackets);
        QCOMPARE(ring.overwritten(), kPackets - quint64(capacity));
        for (const ReaderStats &s : stats) {
            qInfo("reader: %llu read, %llu missed (overwritten before or while read)", s.read, s.missed);
            QCOMPARE(s.torn, quint64(0));
            QCOMPARE(s.outOfOrder, quint64(0));
            QCOMPARE(s.read + s.missed, kPackets); // every position once, read or counted
            QCOMPARE(s.nextPosition, kPackets);
            QVERIFY(s.read >= quint64(capacity)); // at least what was left at the end
        }
    }
};

QTEST_GUILESS_MAIN(WireRingTest)
#include "tst_wirering.moc"
