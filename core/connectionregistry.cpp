#include "connectionregistry.h"

#include "socketoptions.h"

#include <QDateTime>

#include <algorithm>

#include <sys/socket.h>

namespace tcplab {

std::shared_ptr<ConnectionStats> ConnectionRegistry::add(quint64 id, int fd, const QString &peer)
{
    auto stats = std::make_shared<ConnectionStats>();
    QMutexLocker lock(&m_mutex);
    // A failure here failed on the open connections as well, and was reported there.
    for (const LiveOption &option : std::as_const(m_liveOptions))
        applyOption(fd, *option.spec, option.value);
    m_entries.insert(id, Entry{fd, peer, QDateTime::currentMSecsSinceEpoch(), stats});
    if (m_shutdown)
        ::shutdown(fd, SHUT_RDWR);
    return stats;
}

void ConnectionRegistry::remove(quint64 id)
{
    QMutexLocker lock(&m_mutex);
    m_entries.remove(id);
}

QList<ConnectionInfo> ConnectionRegistry::snapshot(bool withTcpInfo) const
{
    QList<ConnectionInfo> out;
    QList<std::shared_ptr<ConnectionStats>> stats;
    QList<Probe> probes;
    {
        QMutexLocker lock(&m_mutex);
        out.reserve(m_entries.size());
        stats.reserve(m_entries.size());
        if (withTcpInfo)
            probes.reserve(m_entries.size());
        for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
            ConnectionInfo info;
            info.id = it.key();
            info.peer = it->peer;
            info.openedMs = it->openedMs;
            out.append(info);
            stats.append(it->stats);
            if (withTcpInfo)
                probes.append(Probe{it.key(), it->fd, {}});
        }
    }
    for (qsizetype i = 0; i < out.size(); ++i) {
        out[i].bytesIn = stats[i]->bytesIn.load(std::memory_order_relaxed);
        out[i].bytesOut = stats[i]->bytesOut.load(std::memory_order_relaxed);
        out[i].requests = stats[i]->requests.load(std::memory_order_relaxed);
    }
    if (withTcpInfo) {
        readTcpInfoUnlocked(probes);
        // probes is in the order of out; a connection closed meanwhile keeps tcp.valid false.
        for (qsizetype i = 0; i < out.size(); ++i)
            out[i].tcp = probes[i].tcp;
    }
    return out;
}

QHash<quint64, TcpInfoSnapshot> ConnectionRegistry::tcpInfo(const QList<quint64> &ids) const
{
    QList<Probe> probes;
    {
        QMutexLocker lock(&m_mutex);
        probes.reserve(ids.size());
        for (quint64 id : ids) {
            auto it = m_entries.constFind(id);
            if (it != m_entries.constEnd())
                probes.append(Probe{id, it->fd, {}});
        }
    }
    readTcpInfoUnlocked(probes);
    QHash<quint64, TcpInfoSnapshot> out;
    out.reserve(probes.size());
    for (const Probe &p : std::as_const(probes)) {
        if (p.tcp.valid)
            out.insert(p.id, p.tcp);
    }
    return out;
}

void ConnectionRegistry::readTcpInfoUnlocked(QList<Probe> &probes) const
{
    for (Probe &p : probes)
        p.tcp = readTcpInfo(p.fd);
    // The owner removes a connection before it closes the descriptor, and ids are never
    // reused: an id still registered with the same fd after the read means the descriptor was
    // not closed before the read, so the reading is that connection's and not of a socket that
    // reused the number meanwhile.
    QMutexLocker lock(&m_mutex);
    for (Probe &p : probes) {
        auto it = m_entries.constFind(p.id);
        if (it == m_entries.constEnd() || it->fd != p.fd)
            p.tcp = TcpInfoSnapshot();
    }
}

int ConnectionRegistry::count() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_entries.size());
}

bool ConnectionRegistry::contains(quint64 id) const
{
    QMutexLocker lock(&m_mutex);
    return m_entries.contains(id);
}

bool ConnectionRegistry::requestClose(quint64 id, bool reset)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return false;
    it->stats->closeRequest.store(int(reset ? CloseRequest::Reset : CloseRequest::Graceful));
    ::shutdown(it->fd, SHUT_RD);
    return true;
}

void ConnectionRegistry::requestCloseAll(bool reset)
{
    QMutexLocker lock(&m_mutex);
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        it->stats->closeRequest.store(int(reset ? CloseRequest::Reset : CloseRequest::Graceful));
        ::shutdown(it->fd, SHUT_RD);
    }
}

void ConnectionRegistry::shutdownAll()
{
    QMutexLocker lock(&m_mutex);
    m_shutdown = true;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        // SO_LINGER N makes close() wait up to N s for a peer that does not read, even on a
        // non-blocking socket; at stop, let the kernel finish in the background instead.
        linger l{};
        socklen_t len = sizeof(l);
        if (::getsockopt(it->fd, SOL_SOCKET, SO_LINGER, &l, &len) == 0 && l.l_onoff && l.l_linger > 0) {
            const linger off{0, 0};
            ::setsockopt(it->fd, SOL_SOCKET, SO_LINGER, &off, sizeof(off));
        }
        ::shutdown(it->fd, SHUT_RDWR);
    }
}

void ConnectionRegistry::reopen()
{
    QMutexLocker lock(&m_mutex);
    m_shutdown = false;
    m_liveOptions.clear();
}

void ConnectionRegistry::applyToAll(const OptionSpec &spec, const QVariant &value,
                                    const std::function<void(quint64 id, int fd, const Error &error)> &visit)
{
    QMutexLocker lock(&m_mutex);
    auto known = std::find_if(m_liveOptions.begin(), m_liveOptions.end(), [&spec](const LiveOption &o) { return o.spec == &spec; });
    if (known != m_liveOptions.end())
        m_liveOptions.erase(known);
    m_liveOptions.append(LiveOption{&spec, value});
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        const Error error = applyOption(it->fd, spec, value);
        if (visit)
            visit(it.key(), it->fd, error);
    }
}

} // namespace tcplab
