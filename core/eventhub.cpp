#include "eventhub.h"

#include <QDateTime>
#include <QMetaObject>
#include <QTimer>

namespace tcplab {

EventHub::EventHub(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<tcplab::EventBatch>();
}

void EventHub::post(LogLevel level, EventKind kind, quint64 connectionId, const QString &peer, const QString &text,
                    const QByteArray &data)
{
    if (!wants(level))
        return;
    post(ServerEvent{QDateTime::currentMSecsSinceEpoch(), connectionId, peer, kind, level, text, data});
}

void EventHub::post(ServerEvent event)
{
    bool queue = false;
    {
        QMutexLocker lock(&m_mutex);
        if (m_pending.size() >= m_pendingLimit) {
            ++m_droppedSinceFlush;
            m_dropped.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        m_pending.append(std::move(event));
        if (!m_flushQueued) {
            m_flushQueued = true;
            queue = true;
        }
    }
    // One wake-up of the observers' thread per batch interval at most, however many events
    // arrive: under a flood the server thread only appends under a short lock.
    if (queue)
        QMetaObject::invokeMethod(this, &EventHub::scheduleFlush, Qt::QueuedConnection);
}

void EventHub::scheduleFlush()
{
    QTimer::singleShot(m_batchIntervalMs, Qt::PreciseTimer, this, &EventHub::flush);
}

void EventHub::flush()
{
    EventBatch batch;
    quint64 dropped = 0;
    {
        QMutexLocker lock(&m_mutex);
        batch.swap(m_pending);
        m_flushQueued = false;
        dropped = std::exchange(m_droppedSinceFlush, 0);
    }
    if (dropped) {
        batch.append(ServerEvent{QDateTime::currentMSecsSinceEpoch(), 0, {}, EventKind::Dropped, LogLevel::Warning,
                                 tr("%n event(s) dropped: the observers could not keep up", nullptr, int(dropped)), {}});
    }
    if (!batch.isEmpty())
        emit eventsReady(batch);
}

} // namespace tcplab
