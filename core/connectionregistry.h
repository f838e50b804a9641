// The open connections of a running server, shared between the engine that owns them and the
// observers (UI table, tests) that read their counters, TCP_INFO, or ask to close one.
#pragma once

#include "error.h"
#include "optiontable.h"
#include "tcpinfo.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace tcplab {

enum class CloseRequest { None = 0, Graceful = 1, Reset = 2 };

// Updated by the owning engine thread without locks; read by anyone.
struct ConnectionStats
{
    std::atomic<quint64> bytesIn{0};
    std::atomic<quint64> bytesOut{0};
    std::atomic<quint64> requests{0};
    std::atomic<int> closeRequest{int(CloseRequest::None)};
};

struct ConnectionInfo
{
    quint64 id = 0;
    QString peer;
    qint64 openedMs = 0;
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    quint64 requests = 0;
    TcpInfoSnapshot tcp;
};

class ConnectionRegistry
{
public:
    quint64 nextId() { return m_nextId.fetch_add(1, std::memory_order_relaxed); }

    // After shutdownAll() every newly added connection is shut down at once, so that a
    // connection accepted while stopping cannot keep a blocked thread alive. The options changed
    // live since reopen() are set on it first.
    std::shared_ptr<ConnectionStats> add(quint64 id, int fd, const QString &peer);
    void remove(quint64 id);

    // Counters of every connection; with withTcpInfo also each one's TCP_INFO. The lock is held
    // only to copy the entries: the getsockopt calls run outside it, so that a table of 10 000
    // connections never holds up the engine's add() and remove().
    QList<ConnectionInfo> snapshot(bool withTcpInfo) const;
    // TCP_INFO of the listed connections that are still open (bounded work for a table that
    // shows a few rows); the same outside-the-lock rule.
    QHash<quint64, TcpInfoSnapshot> tcpInfo(const QList<quint64> &ids) const;
    int count() const;
    bool contains(quint64 id) const;

    // Wakes the owner with shutdown(SHUT_RD); the owner closes (with RST when reset).
    bool requestClose(quint64 id, bool reset);
    void requestCloseAll(bool reset);

    // Stop: wake every blocked recv/send on every connection, and refuse new ones.
    void shutdownAll();
    // A new run: no connection, no option changed live.
    void reopen();

    // A socket option changed while the server runs: set it on every open connection now, and
    // on every connection added from now on until reopen() (an accepted socket was cloned from
    // the listener when its handshake completed, possibly before the change, and waited in the
    // accept queue). Under the lock, like add() and remove(): the owner removes a connection
    // before it closes the descriptor, so no descriptor set here can be a number reused by
    // another socket, and no connection added meanwhile misses the change. visit(id, fd, error)
    // runs for each open connection after the setsockopt, still under the lock (to read it back).
    void applyToAll(const OptionSpec &spec, const QVariant &value,
                    const std::function<void(quint64 id, int fd, const Error &error)> &visit);

    // Call fn(fd) for one open connection while it cannot be closed (e.g. a getsockopt probe).
    template <typename Fn>
    bool withDescriptor(quint64 id, Fn fn) const
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_entries.constFind(id);
        if (it == m_entries.constEnd())
            return false;
        fn(it->fd);
        return true;
    }

private:
    struct Probe
    {
        quint64 id;
        int fd;
        TcpInfoSnapshot tcp;
    };
    // Read TCP_INFO of each probe outside the lock, then keep only the readings whose
    // connection is still registered under the same descriptor.
    void readTcpInfoUnlocked(QList<Probe> &probes) const;

    struct Entry
    {
        int fd = -1;
        QString peer;
        qint64 openedMs = 0;
        std::shared_ptr<ConnectionStats> stats;
    };
    struct LiveOption
    {
        const OptionSpec *spec;
        QVariant value;
    };
    mutable QMutex m_mutex;
    QHash<quint64, Entry> m_entries;
    QList<LiveOption> m_liveOptions; // in the order they were changed; one per option
    bool m_shutdown = false;
    std::atomic<quint64> m_nextId{1};
};

} // namespace tcplab

Q_DECLARE_METATYPE(tcplab::ConnectionInfo)
