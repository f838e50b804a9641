// Carries events from any thread to observers in the hub's thread. Posting takes a short lock
// and never blocks on the observers: events are batched into one queued call at a time, and
// beyond a bound they are dropped and counted, so a flood cannot stall the server.
#pragma once

#include "serverevent.h"

#include <QMutex>
#include <QObject>

#include <atomic>

namespace tcplab {

class EventHub : public QObject
{
    Q_OBJECT
public:
    explicit EventHub(QObject *parent = nullptr);

    // Cheap check before formatting anything: is anyone listening at this level?
    bool wants(LogLevel level) const { return int(level) >= m_minimumLevel.load(std::memory_order_relaxed); }
    void setMinimumLevel(LogLevel level) { m_minimumLevel.store(int(level), std::memory_order_relaxed); }
    LogLevel minimumLevel() const { return LogLevel(m_minimumLevel.load()); }

    void setPendingLimit(int limit) { m_pendingLimit = limit; }
    // Events are delivered at most once per interval (default 15 ms).
    void setBatchInterval(int ms) { m_batchIntervalMs = ms; }
    quint64 droppedCount() const { return m_dropped.load(); }

    // Thread-safe.
    void post(ServerEvent event);
    void post(LogLevel level, EventKind kind, quint64 connectionId, const QString &peer, const QString &text,
              const QByteArray &data = {});

    // Deliver what is pending now (the hub's thread only).
    void flush();

private slots:
    void scheduleFlush();

signals:
    void eventsReady(const tcplab::EventBatch &batch);

private:
    std::atomic<int> m_minimumLevel{int(LogLevel::Info)};
    QMutex m_mutex;
    EventBatch m_pending;
    bool m_flushQueued = false;
    quint64 m_droppedSinceFlush = 0;
    std::atomic<quint64> m_dropped{0};
    int m_pendingLimit = 200000;
    int m_batchIntervalMs = 15;
};

} // namespace tcplab
