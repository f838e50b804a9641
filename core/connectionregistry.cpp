#include "connectionregistry.h"

#include <QDateTime>

#include <sys/socket.h>

namespace tcplab {

std::shared_ptr<ConnectionStats> ConnectionRegistry::add(quint64 id, int fd, const QString &peer)
{
    auto stats = std::make_shared<ConnectionStats>();
    QMutexLocker lock(&m_mutex);
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
    QMutexLocker lock(&m_mutex);
    QList<ConnectionInfo> out;
    out.reserve(m_entries.size());
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        ConnectionInfo info;
        info.id = it.key();
        info.peer = it->peer;
        info.openedMs = it->openedMs;
        info.bytesIn = it->stats->bytesIn.load(std::memory_order_relaxed);
        info.bytesOut = it->stats->bytesOut.load(std::memory_order_relaxed);
        info.requests = it->stats->requests.load(std::memory_order_relaxed);
        if (withTcpInfo)
            info.tcp = readTcpInfo(it->fd);
        out.append(info);
    }
    return out;
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
}

} // namespace tcplab
