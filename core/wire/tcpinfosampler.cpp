#include "tcpinfosampler.h"

#include "tcpinfodiag.h"

#include <QHash>

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
    : QObject(parent), m_samplesPerConnection(samplesPerConnection), m_timer(this)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(kActiveIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { sampleNow(); });
}

int TcpInfoSampler::addConnection(int clientFd, int serverFd)
{
    Entry e{0, clientFd, serverFd, true, {}, TcpInfoSeries(m_samplesPerConnection)};
    endpoint(clientFd, false, &e.key.clientAddress, &e.key.clientPort);
    endpoint(clientFd, true, &e.key.serverAddress, &e.key.serverPort);
    {
        const std::lock_guard lock(m_mutex);
        e.id = m_nextId++;
        m_entries.append(e);
    }
    // A new connection is news: sample it at the active rate from the start.
    m_idleTicks = 0;
    if (m_timer.isActive())
        m_timer.setInterval(kActiveIntervalMs);
    return e.id;
}

void TcpInfoSampler::removeConnection(int id)
{
    const std::lock_guard lock(m_mutex);
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

void TcpInfoSampler::watchNamespaces(FileDescriptor clientNetlink, FileDescriptor serverNetlink)
{
    m_clientNetlink = std::move(clientNetlink);
    m_serverNetlink = std::move(serverNetlink);
    m_activitySeen = false;
    m_idleTicks = 0;
}

int TcpInfoSampler::sampleNamespaces(qint64 now)
{
    if (m_activity) {
        const quint64 activity = m_activity();
        if (m_activitySeen && activity == m_lastActivity)
            return 0;
        m_activitySeen = true;
        m_lastActivity = activity;
    }
    struct Ends
    {
        TcpInfoSnapshot client;
        TcpInfoSnapshot server;
    };
    QHash<ConnectionKey, Ends> seen;
    for (const bool clientSide : {true, false}) {
        const Result<QList<DiagTcpInfo>> listed = dumpTcpInfo(clientSide ? m_clientNetlink.get() : m_serverNetlink.get());
        if (!listed) {
            const std::lock_guard lock(m_mutex);
            m_lastError = listed.error().text();
            return 0;
        }
        for (const DiagTcpInfo &s : listed.value()) {
            // The key is the client's view: its own address first, as the capture's tracker has it.
            ConnectionKey key;
            key.clientAddress = clientSide ? s.localAddress : s.remoteAddress;
            key.clientPort = clientSide ? s.localPort : s.remotePort;
            key.serverAddress = clientSide ? s.remoteAddress : s.localAddress;
            key.serverPort = clientSide ? s.remotePort : s.localPort;
            (clientSide ? seen[key].client : seen[key].server) = s.info;
        }
    }
    const std::lock_guard lock(m_mutex);
    m_lastError.clear();
    int kept = 0;
    for (Entry &e : m_entries) {
        if (!e.active || e.clientFd >= 0)
            continue; // ended, or one addConnection() reads through its descriptors
        const auto it = seen.constFind(e.key);
        if (it == seen.constEnd()) {
            e.active = false; // closed on both sides: a new connection on these ports is a new series
            continue;
        }
        TcpInfoSample s{now, it->client, it->server};
        const TcpInfoSample *last = e.series.last();
        if (!last || moved(last->client, s.client) || moved(last->server, s.server)) {
            e.series.append(s);
            ++kept;
        }
        seen.remove(e.key);
    }
    for (auto it = seen.constBegin(); it != seen.constEnd(); ++it) {
        if (m_entries.size() >= kMaxWatched)
            m_entries.removeFirst();
        Entry e{m_nextId++, -1, -1, true, it.key(), TcpInfoSeries(m_samplesPerConnection)};
        e.series.append(TcpInfoSample{now, it->client, it->server});
        m_entries.append(e);
        ++kept;
    }
    trimWatched();
    return kept;
}

void TcpInfoSampler::trimWatched()
{
    qsizetype total = 0;
    for (const Entry &e : std::as_const(m_entries))
        total += e.series.size();
    while (total > kMaxWatchedSamples && m_entries.size() > 1) {
        qsizetype victim = 0;
        for (qsizetype i = 0; i < m_entries.size(); ++i) {
            if (!m_entries[i].active) {
                victim = i;
                break;
            }
        }
        total -= m_entries[victim].series.size();
        m_entries.removeAt(victim);
    }
}

int TcpInfoSampler::sampleDescriptors(qint64 now)
{
    struct Read
    {
        int id;
        int clientFd;
        int serverFd;
        TcpInfoSample sample;
    };
    QList<Read> reads;
    {
        const std::lock_guard lock(m_mutex);
        for (const Entry &e : std::as_const(m_entries)) {
            if (e.active && e.clientFd >= 0 && e.serverFd >= 0)
                reads.append(Read{e.id, e.clientFd, e.serverFd, {}});
        }
    }
    if (reads.isEmpty())
        return 0;
    // The descriptors stay open until removeConnection(), which the same thread calls.
    for (Read &r : reads) {
        r.sample.timeNs = now;
        r.sample.client = readTcpInfo(r.clientFd);
        r.sample.server = readTcpInfo(r.serverFd);
    }
    const std::lock_guard lock(m_mutex);
    int kept = 0;
    for (const Read &r : std::as_const(reads)) {
        for (Entry &e : m_entries) {
            if (e.id != r.id || !e.active)
                continue;
            const TcpInfoSample *last = e.series.last();
            if (!last || moved(last->client, r.sample.client) || moved(last->server, r.sample.server)) {
                e.series.append(r.sample);
                ++kept;
            }
            break;
        }
    }
    return kept;
}

int TcpInfoSampler::sampleNow()
{
    m_lastSamplingThread.store(QThread::currentThreadId(), std::memory_order_relaxed);
    const qint64 now = realtimeNs();
    int kept = watchesNamespaces() ? sampleNamespaces(now) : 0;
    kept += sampleDescriptors(now);
    // Fast while something moves, slow once nothing did for a while.
    m_idleTicks = kept > 0 ? 0 : m_idleTicks + 1;
    const int patience = watchesNamespaces() ? kIdleTicksBeforeSlowingWatched : kIdleTicksBeforeSlowing;
    const int interval = m_idleTicks >= patience ? kIdleIntervalMs : kActiveIntervalMs;
    if (m_timer.isActive() && m_timer.interval() != interval)
        m_timer.setInterval(interval);
    return kept;
}

QString TcpInfoSampler::lastError() const
{
    const std::lock_guard lock(m_mutex);
    return m_lastError;
}

QList<int> TcpInfoSampler::connectionIds() const
{
    const std::lock_guard lock(m_mutex);
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
    const std::lock_guard lock(m_mutex);
    const Entry *e = find(id);
    return e ? e->key : ConnectionKey{};
}

QList<TcpInfoSample> TcpInfoSampler::series(int id) const
{
    const std::lock_guard lock(m_mutex);
    const Entry *e = find(id);
    return e ? e->series.samples() : QList<TcpInfoSample>{};
}

quint64 TcpInfoSampler::droppedSamples(int id) const
{
    const std::lock_guard lock(m_mutex);
    const Entry *e = find(id);
    return e ? e->series.dropped() : 0;
}

int TcpInfoSampler::idOf(const ConnectionKey &key) const
{
    const std::lock_guard lock(m_mutex);
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i) {
        if (m_entries[i].key == key)
            return m_entries[i].id;
    }
    return 0;
}

QList<TcpInfoSample> TcpInfoSampler::seriesOf(const ConnectionKey &key) const
{
    const std::lock_guard lock(m_mutex);
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i) {
        if (m_entries[i].key == key)
            return m_entries[i].series.samples();
    }
    return {};
}

QList<TcpInfoConnectionSeries> TcpInfoSampler::allSeries() const
{
    const std::lock_guard lock(m_mutex);
    QList<TcpInfoConnectionSeries> out;
    for (const Entry &e : m_entries)
        out.append(TcpInfoConnectionSeries{e.key, e.series.samples()});
    return out;
}

} // namespace tcplab::wire
