#include "experimentwire.h"

#include "capturerecording.h"

#include "experiment.h"
#include "experimentresult.h"
#include "server.h"
#include "serverconfig.h"
#include "wire/connectiontracker.h"
#include "wire/ladderformatter.h"
#include "wire/pcapwriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace tcplab {

using namespace tcplab::wire;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

constexpr qsizetype kWholeRunLadderLines = 5000;

sockaddr_in serverSideAddress(quint16 port)
{
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(WireAddressing::kServerIPv4);
    return addr;
}

CaptureDirection directionSummary(const DirectionCounters &c)
{
    CaptureDirection d;
    d.packets = qint64(c.packets);
    d.delivered = qint64(c.deliveredPackets);
    d.dropped = qint64(c.dropped());
    d.droppedLoss = qint64(c.droppedLoss);
    d.droppedBurst = qint64(c.droppedBurst);
    d.droppedQueue = qint64(c.droppedQueue);
    d.droppedCut = qint64(c.droppedCut);
    d.droppedTargeted = qint64(c.droppedTargeted);
    d.duplicated = qint64(c.duplicated);
    d.reordered = qint64(c.reordered);
    return d;
}

} // namespace

Result<std::unique_ptr<ExperimentWire>> ExperimentWire::start(const ExperimentContext &context, const WireSpec &defaultProfile)
{
    std::unique_ptr<ExperimentWire> w(new ExperimentWire);
    w->m_startSpec = context.wireSpecOr(defaultProfile);
    w->m_spec = w->m_startSpec;
    w->m_pcapPath = context.pcapPath();
    if (context.wireRequest().ladder)
        w->requestLadder(0, kWholeRunLadderLines);
    w->m_ring = std::make_unique<CaptureRing>();
    w->m_sampler = std::make_unique<TcpInfoSampler>();
    Result<std::unique_ptr<Wire>> started = Wire::start(w->m_spec, w->m_ring.get());
    if (!started)
        return started.error();
    w->m_wire = started.take();
    w->startSampling();
    return w;
}

ExperimentWire::~ExperimentWire()
{
    stopSampling();
    // The wire (relay thread, helper) goes before the ring it writes into.
    m_wire.reset();
}

void ExperimentWire::startSampling()
{
    Result<FileDescriptor> client = m_wire->socket(Side::Client, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    Result<FileDescriptor> server = m_wire->socket(Side::Server, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (!client || !server) {
        m_samplerMissing = tr("no sock_diag socket on the wire's sides: %1").arg((client ? server.error() : client.error()).text());
        return;
    }
    m_sampler->watchNamespaces(client.take(), server.take());
    const CaptureRing *ring = m_ring.get();
    m_sampler->setActivityCounter([ring] { return ring->written(); });
    // The sampler is this thread's alone until stopSampling() joins it.
    m_sampling = std::thread([this] {
        std::unique_lock lock(m_samplingMutex);
        while (!m_samplingStop) {
            m_samplingWake.wait_for(lock, std::chrono::milliseconds(kSampleIntervalMs));
            if (!m_samplingStop) {
                lock.unlock();
                m_sampler->sampleNow();
                lock.lock();
            }
        }
    });
}

void ExperimentWire::stopSampling()
{
    if (!m_sampling.joinable())
        return;
    {
        std::lock_guard lock(m_samplingMutex);
        m_samplingStop = true;
    }
    m_samplingWake.notify_all();
    m_sampling.join();
    m_sampler->sampleNow(); // the last state, taken once the run's packets are in
    if (!m_sampler->lastError().isEmpty())
        m_samplerMissing = m_sampler->lastError();
}

Error ExperimentWire::setSpec(const WireSpec &spec)
{
    if (Error e = m_wire->setSpec(spec))
        return e;
    m_spec = spec;
    return {};
}

double ExperimentWire::addedRoundTripMs() const
{
    return m_spec.c2s.delayMs + m_spec.s2c.delayMs + m_spec.c2s.jitterMs + m_spec.s2c.jitterMs;
}

Error ExperimentWire::startServer(Server &server, ServerConfig config)
{
    server.setSocketFactory(m_wire->socketFactory(Side::Server));
    config.setValue(QStringLiteral("host"), m_wire->serverAddress().toString());
    config.setValue(QStringLiteral("port"), 0);
    return server.start(config);
}

Result<FileDescriptor> ExperimentWire::socket(Side side, int type)
{
    return m_wire->socket(side, AF_INET, type | SOCK_CLOEXEC, 0);
}

Result<FileDescriptor> ExperimentWire::startConnect(quint16 port, const std::function<void(int)> &prepare)
{
    Result<FileDescriptor> fd = socket(Side::Client, SOCK_STREAM | SOCK_NONBLOCK);
    if (!fd)
        return fd;
    if (prepare)
        prepare(fd.value().get());
    const sockaddr_in addr = serverSideAddress(port);
    if (::connect(fd.value().get(), reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)) != 0 && errno != EINPROGRESS)
        return Error::fromErrno(errno, tr("connect to 198.18.0.2:%1").arg(port));
    return fd;
}

Result<FileDescriptor> ExperimentWire::connect(quint16 port, int timeoutMs, const std::function<void(int)> &prepare)
{
    Result<FileDescriptor> started = startConnect(port, prepare);
    if (!started)
        return started;
    FileDescriptor fd = started.take();
    pollfd p{fd.get(), POLLOUT, 0};
    int n;
    do {
        n = ::poll(&p, 1, timeoutMs);
    } while (n < 0 && errno == EINTR);
    if (n <= 0)
        return Error(ETIMEDOUT, tr("connect to 198.18.0.2:%1 across the wire timed out after %2 ms").arg(port).arg(timeoutMs));
    int soError = 0;
    socklen_t len = sizeof(soError);
    ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &soError, &len);
    if (soError)
        return Error::fromErrno(soError, tr("connect to 198.18.0.2:%1 across the wire").arg(port));
    ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
    return fd;
}

void ExperimentWire::waitForQuiet(int maxMs)
{
    const double oneWay = std::max(m_spec.c2s.delayMs + m_spec.c2s.jitterMs, m_spec.s2c.delayMs + m_spec.s2c.jitterMs);
    const qint64 quietMs = qint64(2 * oneWay) + 100;
    auto seen = [this] {
        const WireCounters c = m_wire->counters();
        return c.c2s.packets + c.s2c.packets + c.c2s.deliveredPackets + c.s2c.deliveredPackets;
    };
    QElapsedTimer total;
    total.start();
    quint64 last = seen();
    QElapsedTimer quiet;
    quiet.start();
    while (quiet.elapsed() < quietMs && total.elapsed() < maxMs) {
        QThread::msleep(10);
        if (const quint64 now = seen(); now != last) {
            last = now;
            quiet.restart();
        }
    }
}

void ExperimentWire::requestLadder(quint64 from, qsizetype maxLines)
{
    // --ladder (the whole run) wins over the part an experiment shows.
    if (m_ladder && m_ladderFrom == 0 && m_ladderMaxLines == kWholeRunLadderLines)
        return;
    m_ladder = true;
    m_ladderFrom = from;
    m_ladderMaxLines = maxLines;
}

void ExperimentWire::finish(ExperimentResult &result)
{
    waitForQuiet();
    stopSampling();
    quint64 missed = 0;
    const QList<CapturedPacket> all = m_ring->snapshot(&missed);
    const WireCounters counters = m_wire->counters();
    const QList<TcpInfoConnectionSeries> series = m_sampler->allSeries();
    qint64 samples = 0;
    for (const TcpInfoConnectionSeries &s : series)
        samples += s.samples.size();
    lab::CaptureReport report;
    report.path = QStringLiteral("wire");
    report.spec = m_startSpec.toString();
    report.pcapPath = m_pcapPath;
    report.ladder = m_ladder;
    report.ladderFrom = m_ladderFrom;
    report.ladderMaxLines = m_ladderMaxLines;
    report.drops = m_startSpec.drops;
    report.tcpInfoSamples = samples;
    report.tcpInfo = series;
    report.tcpInfoMissing = m_samplerMissing;
    lab::reportCapture(result, all, missed, directionSummary(counters.c2s), directionSummary(counters.s2c), report);
}

namespace lab {

void reportCapture(ExperimentResult &result, const QList<CapturedPacket> &all, quint64 missed, const CaptureDirection &c2s,
                   const CaptureDirection &s2c, const CaptureReport &report)
{
    CaptureSummary &s = result.capture;
    s.wire = report.path == QLatin1String("wire");
    s.path = report.path;
    s.spec = report.spec;
    s.captured = all.size();
    s.overwritten = qint64(missed);
    s.c2s = c2s;
    s.s2c = s2c;
    ConnectionTracker tracker;
    for (const CapturedPacket &p : all)
        tracker.track(p);
    s.connections = tracker.connectionCount();
    s.tcpInfoSamples = report.tcpInfoSamples;
    if (!all.isEmpty()) {
        auto recording = std::make_shared<CaptureRecording>();
        recording->path = report.path;
        recording->packets = all;
        recording->drops = report.drops;
        recording->tcpInfo = report.tcpInfo;
        recording->tcpInfoMissing = report.tcpInfoMissing;
        s.recording = recording;
    }

    if (report.ladder) {
        QList<CapturedPacket> part;
        for (const CapturedPacket &p : all) {
            if (p.index >= report.ladderFrom)
                part.append(p);
        }
        LadderFormatter formatter(report.drops);
        const QStringList lines = formatter.format(part);
        s.ladder << LadderFormatter::legend();
        s.ladder << lines.mid(0, report.ladderMaxLines);
        if (lines.size() > report.ladderMaxLines)
            s.ladder << tr("(%1 more packets; --pcap FILE keeps them all)").arg(lines.size() - report.ladderMaxLines);
    }

    if (!report.pcapPath.isEmpty()) {
        const QString serverPath = PcapWriter::serverSidePath(report.pcapPath);
        Error e = PcapWriter::write(report.pcapPath, all, CaptureView::Client);
        if (!e)
            e = PcapWriter::write(serverPath, all, CaptureView::Server);
        if (e) {
            s.pcapError = e.text();
            result.notes << tr("pcap not written: %1").arg(e.text());
        } else {
            s.pcapFiles = QStringList{report.pcapPath, serverPath};
        }
    }
}

} // namespace lab

} // namespace tcplab
