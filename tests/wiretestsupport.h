// Helpers of the wire's tests: a PacketSink that records what the relay saw, datagram and stream
// sockets on each side of a wire, and a skip reason when the kernel forbids namespaces.
#pragma once

#include "filedescriptor.h"
#include "wire.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

// The timing targets (delay, jitter, rate, a cut's schedule) are judged in the normal
// build. A sanitizer build runs the same exchanges, because its pass is about memory and undefined
// behaviour, and only reports a missed timing: ASan slows every packet and CI runs two such tests
// at once on 2 cores, which is the build's cost, not the wire's delay.
#if defined(TCPLAB_SANITIZER_BUILD)
inline constexpr bool kWireTimingJudged = false;
#else
inline constexpr bool kWireTimingJudged = true;
#endif

#define WIRE_TIMING_VERIFY2(condition, message)                                                   \
    do {                                                                                          \
        if (kWireTimingJudged)                                                                    \
            QVERIFY2(condition, message);                                                         \
        else if (!(condition))                                                                    \
            qWarning("timing not judged in a sanitizer build: %s (%s)", #condition, message);      \
    } while (false)

namespace wiretest {

// Preallocated, single producer (the relay thread): push() never allocates or blocks.
class RecordingSink : public tcplab::wire::PacketSink
{
public:
    explicit RecordingSink(size_t capacity = 50000) : m_packets(capacity) {}
    void push(const tcplab::wire::CapturedPacket &packet) noexcept override
    {
        const size_t n = m_count.load(std::memory_order_relaxed);
        if (n < m_packets.size()) {
            m_packets[n] = packet;
            m_count.store(n + 1, std::memory_order_release);
        }
    }
    QList<tcplab::wire::CapturedPacket> packets() const
    {
        const size_t n = m_count.load(std::memory_order_acquire);
        return QList<tcplab::wire::CapturedPacket>(m_packets.begin(), m_packets.begin() + qsizetype(n));
    }

private:
    std::vector<tcplab::wire::CapturedPacket> m_packets;
    std::atomic<size_t> m_count{0};
};

// The TCP fields a test looks at (the capture's own decoder is another unit's).
struct Segment
{
    bool tcp = false;
    quint8 flags = 0;
    int payload = 0;
    quint32 seq = 0, ack = 0;
    quint16 sport = 0, dport = 0;
    bool udp = false;
};
Segment decode(const tcplab::wire::CapturedPacket &p);
enum : quint8 { kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10 };

// Start a wire, or the reason the kernel refuses namespaces here (for QSKIP), in *skip.
std::unique_ptr<tcplab::wire::Wire> startWire(const tcplab::wire::WireSpec &spec, tcplab::wire::PacketSink *sink,
                                              QString *skip, QString *error);

// A UDP socket bound in the server side on `port` (0: any), with a receive timeout.
tcplab::FileDescriptor serverUdp(tcplab::wire::Wire &wire, quint16 *port, int recvTimeoutMs = 2000);
// A UDP socket in the client side connected to the server side's address:port.
tcplab::FileDescriptor clientUdp(tcplab::wire::Wire &wire, quint16 port);
// A TCP listener in the server side; a connected TCP socket from the client side.
tcplab::FileDescriptor serverListener(tcplab::wire::Wire &wire, quint16 *port);
tcplab::FileDescriptor clientConnect(tcplab::wire::Wire &wire, quint16 port, int timeoutMs = 5000);

// Sends count datagrams (4-byte sequence number + padding) spaced by gapUs; receives until
// idleMs passes without one. Returns the sequence numbers in arrival order.
QList<quint32> udpBurst(tcplab::wire::Wire &wire, int count, int gapUs, int size = 64, int idleMs = 500);

// The base of the wire's test cases: start() gives a wire (or records why the kernel refuses
// namespaces), and initTestCase skips the whole case with that reason.
class WireTestCase : public QObject
{
    Q_OBJECT
protected:
    std::unique_ptr<tcplab::wire::Wire> start(const tcplab::wire::WireSpec &spec = {}, tcplab::wire::PacketSink *sink = nullptr);
    QString m_skip;

private slots:
    void initTestCase();
};

qint64 monotonicNs();
double percentile(QList<double> values, double p); // p in [0, 100]

} // namespace wiretest
