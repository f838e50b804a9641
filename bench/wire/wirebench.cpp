// wirebench: the wire's speed and accuracy figures, every load bounded in time.
//   bulk       a TCP bulk transfer client side -> server side across a clean wire (the relay's
//              goodput; compare with ../shared/bench/refwire in the same alternating run)
//   rtt        N small exchanges with the lab's Server (event mode, persistent line handler)
//              across a wire with delay D each way: median and p99 against 2D
//   loss       10 000 datagrams across a wire with loss L%: the measured rate
// Usage: tcplab-wirebench [--bulk SECONDS] [--refwire PATH] [--runs N] [--rtt N] [--delay MS]
//                         [--loss PERCENT] [--capture] [--realtime]   (--delay 5,10,20: one RTT run each)
// Prints one line per measurement, "wire <what> key=value ...", and exits 0 (1 on a failure).
#include "server.h"
#include "serverconfig.h"
#include "wire.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sched.h>
#include <arpa/inet.h>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <thread>
#include <time.h>
#include <vector>

using namespace tcplab;
using namespace tcplab::wire;

namespace {

qint64 nowNs()
{
    timespec ts;
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

sockaddr_in endpoint(const QHostAddress &a, quint16 port)
{
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(a.toIPv4Address());
    return sa;
}

// The capture's cost without the capture: what a sink on the relay thread minimally does.
class CountingSink : public PacketSink
{
public:
    void push(const CapturedPacket &p) noexcept override { m_bytes.fetch_add(p.wireLength, std::memory_order_relaxed); }
    std::atomic<quint64> m_bytes{0};
};

// How long the relay held each packet (delivered - sent), preallocated.
class HoldSink : public PacketSink
{
public:
    HoldSink() : m_holdMs(200000) {}
    void push(const CapturedPacket &p) noexcept override
    {
        const size_t n = m_count.load(std::memory_order_relaxed);
        if (p.deliveredNs >= 0 && n < m_holdMs.size()) {
            m_holdMs[n] = double(p.deliveredNs - p.sentNs) / 1e6;
            m_count.store(n + 1, std::memory_order_release);
        }
    }
    QList<double> holds() const { return QList<double>(m_holdMs.begin(), m_holdMs.begin() + qsizetype(m_count.load(std::memory_order_acquire))); }

private:
    std::vector<double> m_holdMs;
    std::atomic<size_t> m_count{0};
};

double loadAverage()
{
    double load[1] = {0};
    return ::getloadavg(load, 1) == 1 ? load[0] : -1;
}

int fail(const QString &what)
{
    std::fprintf(stderr, "wirebench: %s\n", qPrintable(what));
    return 1;
}

qint64 threadCpuNs(const char *name);

// Like refwire: 64 KB writes for `seconds`, then shutdown; goodput at the receiver.
int bulk(double seconds, bool capture, double *mbps)
{
    CountingSink sink;
    Result<std::unique_ptr<Wire>> started = Wire::start({}, capture ? &sink : nullptr);
    if (!started)
        return fail(started.error().text());
    Wire &wire = *started.value();
    Result<FileDescriptor> l = wire.socket(Side::Server, AF_INET, SOCK_STREAM | SOCK_CLOEXEC);
    Result<FileDescriptor> c = wire.socket(Side::Client, AF_INET, SOCK_STREAM | SOCK_CLOEXEC);
    if (!l || !c)
        return fail(QStringLiteral("socket"));
    const sockaddr_in sa = endpoint(wire.serverAddress(), 5001);
    if (::bind(l.value().get(), reinterpret_cast<const sockaddr *>(&sa), sizeof sa) != 0 || ::listen(l.value().get(), 4) != 0)
        return fail(QStringLiteral("listen"));
    long long received = 0;
    std::thread receiver([&] {
        const int a = ::accept(l.value().get(), nullptr, nullptr);
        static char buf[65536];
        for (;;) {
            const ssize_t n = ::read(a, buf, sizeof buf);
            if (n <= 0)
                break;
            received += n;
        }
        ::close(a);
    });
    if (::connect(c.value().get(), reinterpret_cast<const sockaddr *>(&sa), sizeof sa) != 0) {
        ::shutdown(l.value().get(), SHUT_RDWR);
        receiver.join();
        return fail(QStringLiteral("connect across the wire"));
    }
    static char chunk[65536];
    std::memset(chunk, 'x', sizeof chunk);
    const qint64 t0 = nowNs();
    while (nowNs() - t0 < qint64(seconds * 1e9)) {
        if (::write(c.value().get(), chunk, sizeof chunk) <= 0)
            break;
    }
    ::shutdown(c.value().get(), SHUT_WR);
    receiver.join();
    const double elapsed = double(nowNs() - t0) / 1e9;
    // The relay thread's CPU includes the kernel work its sends trigger (both sides' TCP stacks
    // run in its softirq): per packet, the figure to compare with refwire's relay thread.
    const qint64 relayCpuNs = threadCpuNs("tcplab-wire");
    const WireCounters counters = wire.counters();
    const quint64 packets = counters.c2s.deliveredPackets + counters.s2c.deliveredPackets;
    *mbps = double(received) * 8 / elapsed / 1e6;
    std::printf("wire bulk seconds=%.2f bytes=%lld goodput_mbps=%.0f packets=%llu kernel_drops=%llu capture=%d "
                "relay_cpu_ms=%.0f relay_cpu_ns_per_packet=%.0f load=%.2f\n",
                elapsed, received, *mbps, qulonglong(packets), qulonglong(counters.c2s.kernelDrops + counters.s2c.kernelDrops),
                capture ? 1 : 0, double(relayCpuNs) / 1e6, double(relayCpuNs) / double(std::max<quint64>(1, packets)), loadAverage());
    std::fflush(stdout);
    return 0;
}

int refwire(const QString &path, double seconds, double *mbps)
{
    QProcess p;
    p.start(path, {QStringLiteral("-d"), QString::number(int(std::lround(seconds)))});
    if (!p.waitForFinished(int(seconds * 1000) + 30000)) {
        p.kill();
        p.waitForFinished();
        return fail(QStringLiteral("refwire did not finish"));
    }
    const QString out = QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("goodput_mbps=([\\d.]+)")).match(out);
    if (!m.hasMatch())
        return fail(QStringLiteral("refwire: %1 %2").arg(out, QString::fromLocal8Bit(p.readAllStandardError()).trimmed()));
    *mbps = m.captured(1).toDouble();
    std::printf("refwire %s\n", qPrintable(out));
    std::fflush(stdout);
    return 0;
}

// CPU time of this process's threads named `name` (the relay is "tcplab-wire"), in ns, from
// /proc/self/task/*/schedstat (exact, not in clock ticks).
qint64 threadCpuNs(const char *name)
{
    qint64 total = 0;
    QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != name)
            continue;
        QFile stat(tasks.filePath(tid + QStringLiteral("/schedstat")));
        if (stat.open(QIODevice::ReadOnly))
            total += stat.readAll().split(' ').value(0).toLongLong();
    }
    return total;
}

double percentile(QList<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const qsizetype i = qBound<qsizetype>(0, qsizetype(std::ceil(p / 100.0 * double(v.size()))) - 1, v.size() - 1);
    return v[i];
}

int rtt(int exchanges, double delayMs)
{
    WireSpec spec;
    spec.c2s.delayMs = spec.s2c.delayMs = delayMs;
    HoldSink holds;
    Result<std::unique_ptr<Wire>> started = Wire::start(spec, &holds);
    if (!started)
        return fail(started.error().text());
    Wire &wire = *started.value();
    Server server;
    server.setSocketFactory(wire.socketFactory(Side::Server));
    ServerConfig config = ServerConfig::seedDefaults();
    config.setValue(QStringLiteral("host"), wire.serverAddress().toString());
    config.setValue(QStringLiteral("port"), 0);
    config.setValue(QStringLiteral("mode"), QStringLiteral("event"));
    config.setValue(QStringLiteral("handler"), QStringLiteral("line"));
    config.setValue(QStringLiteral("persistent"), true);
    config.setValue(QStringLiteral("log-level"), QStringLiteral("warning"));
    if (Error e = server.start(config))
        return fail(e.text());
    Result<FileDescriptor> c = wire.socket(Side::Client, AF_INET, SOCK_STREAM | SOCK_CLOEXEC);
    const sockaddr_in sa = endpoint(wire.serverAddress(), server.port());
    if (!c || ::connect(c.value().get(), reinterpret_cast<const sockaddr *>(&sa), sizeof sa) != 0)
        return fail(QStringLiteral("connect across the wire"));
    const int fd = c.value().get();
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    QList<double> rtts;
    char buf[16];
    const qint64 relayCpu0 = threadCpuNs("tcplab-wire"), wall0 = nowNs();
    for (int i = 0; i < exchanges; ++i) {
        const qint64 t0 = nowNs();
        if (::send(fd, "ping\n", 5, 0) != 5)
            return fail(QStringLiteral("send"));
        int got = 0;
        while (got < 5) {
            const ssize_t n = ::recv(fd, buf + got, size_t(5 - got), 0);
            if (n <= 0)
                return fail(QStringLiteral("no reply at exchange %1").arg(i));
            got += int(n);
        }
        rtts << double(nowNs() - t0) / 1e6;
    }
    const double relayCpuMs = double(threadCpuNs("tcplab-wire") - relayCpu0) / 1e6, wallMs = double(nowNs() - wall0) / 1e6;
    const double target = 2 * delayMs, median = percentile(rtts, 50), p99 = percentile(rtts, 99);
    // Where the slow ones fall: all in the first exchanges points at what ran just before.
    int slow = 0, firstSlow = -1, lastSlow = -1;
    for (int i = 0; i < rtts.size(); ++i) {
        if (rtts[i] > target + 3) {
            ++slow;
            lastSlow = i;
            if (firstSlow < 0)
                firstSlow = i;
        }
    }
    const bool medianOk = std::abs(median - target) <= 0.02 * target, p99Ok = p99 <= target + 3;
    std::printf("wire rtt delay_ms=%.1f exchanges=%d min_ms=%.3f median_ms=%.3f p99_ms=%.3f max_ms=%.3f "
                "median_within_2pct=%s p99_within_2d_plus_3ms=%s over_2d_plus_3ms=%d first_over_at=%d last_over_at=%d "
                "relay_cpu_ms=%.1f relay_cpu_pct=%.2f load=%.2f\n",
                delayMs, exchanges, percentile(rtts, 0), median, p99, percentile(rtts, 100), medianOk ? "yes" : "no",
                p99Ok ? "yes" : "no", slow, firstSlow, lastSlow, relayCpuMs, 100.0 * relayCpuMs / wallMs, loadAverage());
    const QList<double> held = holds.holds();
    std::printf("wire relay_hold delay_ms=%.1f packets=%lld median_ms=%.3f p99_ms=%.3f max_ms=%.3f\n", delayMs,
                qlonglong(held.size()), percentile(held, 50), percentile(held, 99), percentile(held, 100));
    std::fflush(stdout);
    server.stop();
    return 0;
}

int loss(double percent)
{
    WireSpec spec;
    spec.c2s.lossPercent = percent;
    Result<std::unique_ptr<Wire>> started = Wire::start(spec);
    if (!started)
        return fail(started.error().text());
    Wire &wire = *started.value();
    Result<FileDescriptor> rx = wire.socket(Side::Server, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC);
    Result<FileDescriptor> tx = wire.socket(Side::Client, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC);
    const sockaddr_in sa = endpoint(wire.serverAddress(), 5002);
    if (!rx || !tx || ::bind(rx.value().get(), reinterpret_cast<const sockaddr *>(&sa), sizeof sa) != 0
        || ::connect(tx.value().get(), reinterpret_cast<const sockaddr *>(&sa), sizeof sa) != 0)
        return fail(QStringLiteral("udp sockets"));
    const timeval tv{0, 500000};
    ::setsockopt(rx.value().get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int received = 0;
    char buf[64] = {};
    for (int i = 0; i < 10000; ++i) {
        ::send(tx.value().get(), buf, sizeof buf, 0);
        while (::recv(rx.value().get(), buf, sizeof buf, MSG_DONTWAIT) > 0)
            ++received;
        if (i % 50 == 0)
            ::usleep(500);
    }
    while (::recv(rx.value().get(), buf, sizeof buf, 0) > 0)
        ++received;
    const WireCounters c = wire.counters();
    const double measured = 100.0 * double(c.c2s.droppedLoss) / double(std::max<quint64>(1, c.c2s.packets));
    std::printf("wire loss set_pct=%.2f packets=%llu dropped=%llu measured_pct=%.2f received=%d within_1_5_points=%s\n", percent,
                qulonglong(c.c2s.packets), qulonglong(c.c2s.droppedLoss), measured, received,
                std::abs(measured - percent) <= 1.5 ? "yes" : "no");
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption bulkOpt(QStringLiteral("bulk"), QStringLiteral("bulk transfer seconds (0: none)"), QStringLiteral("S"), QStringLiteral("3"));
    const QCommandLineOption refOpt(QStringLiteral("refwire"), QStringLiteral("refwire binary to alternate with"), QStringLiteral("PATH"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("alternating runs on each side"), QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption rttOpt(QStringLiteral("rtt"), QStringLiteral("small exchanges (0: none)"), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption delayOpt(QStringLiteral("delay"), QStringLiteral("delay per direction, ms (a comma list: one RTT run each)"),
                                      QStringLiteral("MS"), QStringLiteral("10"));
    const QCommandLineOption lossOpt(QStringLiteral("loss"), QStringLiteral("loss percent for the loss run (<0: none)"), QStringLiteral("P"), QStringLiteral("-1"));
    const QCommandLineOption captureOpt(QStringLiteral("capture"), QStringLiteral("bulk with a sink on the relay"));
    const QCommandLineOption rtOpt(QStringLiteral("realtime"),
                                   QStringLiteral("run the client and server threads at SCHED_FIFO 2 (root): the RTT then shows the wire, not the machine's load"));
    parser.addOptions({bulkOpt, refOpt, runsOpt, rttOpt, delayOpt, lossOpt, captureOpt, rtOpt});
    parser.process(app);
    if (parser.isSet(rtOpt)) {
        const sched_param rt{2};
        if (::sched_setscheduler(0, SCHED_FIFO, &rt) != 0) // threads started later inherit it
            return fail(QStringLiteral("--realtime: sched_setscheduler: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }

    const double seconds = qBound(0.0, parser.value(bulkOpt).toDouble(), 30.0);
    const int runs = qBound(1, parser.value(runsOpt).toInt(), 11);
    if (seconds > 0) {
        QList<double> wireRuns, refRuns;
        for (int i = 0; i < runs; ++i) {
            double w = 0, r = 0;
            if (bulk(seconds, parser.isSet(captureOpt), &w) != 0)
                return 1;
            wireRuns << w;
            if (parser.isSet(refOpt)) {
                if (refwire(parser.value(refOpt), seconds, &r) != 0)
                    return 1;
                refRuns << r;
            }
        }
        const double wireMedian = percentile(wireRuns, 50);
        if (!refRuns.isEmpty()) {
            const double refMedian = percentile(refRuns, 50);
            std::printf("wire ratio wire_mbps=%.0f refwire_mbps=%.0f ratio=%.2f target=0.70 %s\n", wireMedian, refMedian,
                        wireMedian / refMedian, wireMedian / refMedian >= 0.7 ? "PASS" : "FAIL");
        }
    }
    const int exchanges = qBound(0, parser.value(rttOpt).toInt(), 5000);
    for (const QString &delay : parser.value(delayOpt).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (exchanges > 0 && rtt(exchanges, qBound(0.1, delay.toDouble(), 200.0)) != 0)
            return 1;
    }
    const double lossPercent = parser.value(lossOpt).toDouble();
    if (lossPercent >= 0 && loss(qMin(lossPercent, 100.0)) != 0)
        return 1;
    return 0;
}
