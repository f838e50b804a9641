#include "tcpinfosampler.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>

namespace tcplab::wire {

namespace {

qint64 realtimeNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

bool endpoint(int fd, bool peer, quint32 *address, quint16 *port)
{
    sockaddr_in a{};
    socklen_t len = sizeof(a);
    const int rc = peer ? ::getpeername(fd, reinterpret_cast<sockaddr *>(&a), &len) : ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    if (rc != 0 || a.sin_family != AF_INET)
        return false;
    *address = ntohl(a.sin_addr.s_addr);
    *port = ntohs(a.sin_port);
    return true;
}

// What "data flows" means for the sampler: anything a sample would show moving.
bool moved(const TcpInfoSnapshot &a, const TcpInfoSnapshot &b)
{
    return a.valid != b.valid || a.state != b.state || a.segsOut != b.segsOut || a.segsIn != b.segsIn || a.bytesAcked != b.bytesAcked
        || a.bytesReceived != b.bytesReceived || a.totalRetrans != b.totalRetrans || a.unacked != b.unacked || a.probes != b.probes;
}

} // namespace

TcpInfoSeries::TcpInfoSeries(qsizetype capacity) : m_capacity(qMax<qsizetype>(1, capacity)) {}

void TcpInfoSeries::append(const TcpInfoSample &sample)
{
    if (m_samples.size() < m_capacity) {
        m_samples.append(sample);
        return;
    }
    m_samples[m_head] = sample;
    m_head = (m_head + 1) % m_capacity;
    ++m_dropped;
}

QList<TcpInfoSample> TcpInfoSeries::samples() const
{
    QList<TcpInfoSample> out;
    out.reserve(m_samples.size());
    for (qsizetype i = 0; i < m_samples.size(); ++i)
        out << m_samples[(m_head + i) % m_samples.size()];
    return out;
}

const TcpInfoSample *TcpInfoSeries::last() const
{
    if (m_samples.isEmpty())
        return nullptr;
    return &m_samples[(m_head + m_samples.size() - 1) % m_samples.size()];
}

TcpInfoSampler::TcpInfoSampler(qsizetype samplesPerConnection, QObject *parent)
    : QObject(parent), m_samplesPerConnection(samplesPerConnection)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(kActiveIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { sampleNow(); });
}

int TcpInfoSampler::addConnection(int clientFd, int serverFd)
{
    Entry e{m_nextId++, clientFd, serverFd, true, {}, TcpInfoSeries(m_samplesPerConnection)};
    endpoint(clientFd, false, &e.key.clientAddress, &e.key.clientPort);
    endpoint(clientFd, true, &e.key.serverAddress, &e.key.serverPort);
    m_entries.append(e);
    // A new connection is news: sample it at the active rate from the start.
    m_idleTicks = 0;
    if (m_timer.isActive())
        m_timer.setInterval(kActiveIntervalMs);
    return e.id;
}

void TcpInfoSampler::removeConnection(int id)
{
    for (Entry &e : m_entries) {
        if (e.id == id) {
            e.active = false;
            e.clientFd = e.serverFd = -1;
        }
    }
}

void TcpInfoSampler::start()
{
    m_idleTicks = 0;
    m_timer.start(kActiveIntervalMs);
}

void TcpInfoSampler::stop()
{
    m_timer.stop();
}

int TcpInfoSampler::sampleNow()
{
    int kept = 0;
    const qint64 now = realtimeNs();
    for (Entry &e : m_entries) {
        if (!e.active)
            continue;
        TcpInfoSample s;
        s.timeNs = now;
        s.client = readTcpInfo(e.clientFd);
        s.server = readTcpInfo(e.serverFd);
        const TcpInfoSample *last = e.series.last();
        if (!last || moved(last->client, s.client) || moved(last->server, s.server)) {
            e.series.append(s);
            ++kept;
        }
    }
    // Fast while something moves, slow once nothing did for a while.
    m_idleTicks = kept > 0 ? 0 : m_idleTicks + 1;
    const int interval = m_idleTicks >= kIdleTicksBeforeSlowing ? kIdleIntervalMs : kActiveIntervalMs;
    if (m_timer.isActive() && m_timer.interval() != interval)
        m_timer.setInterval(interval);
    return kept;
}

QList<int> TcpInfoSampler::connectionIds() const
{
    QList<int> ids;
    for (const Entry &e : m_entries)
        ids << e.id;
    return ids;
}

const TcpInfoSampler::Entry *TcpInfoSampler::find(int id) const
{
    for (const Entry &e : m_entries) {
        if (e.id == id)
            return &e;
    }
    return nullptr;
}

ConnectionKey TcpInfoSampler::key(int id) const
{
    const Entry *e = find(id);
    return e ? e->key : ConnectionKey{};
}

QList<TcpInfoSample> TcpInfoSampler::series(int id) const
{
    const Entry *e = find(id);
    return e ? e->series.samples() : QList<TcpInfoSample>{};
}

quint64 TcpInfoSampler::droppedSamples(int id) const
{
    const Entry *e = find(id);
    return e ? e->series.dropped() : 0;
}

} // namespace tcplab::wire
