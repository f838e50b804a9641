// The log pane's model: a bounded ring of events fed in batches. Producers only append to a
// pending queue; flushPending() moves the queue into the model with at most one removal and one
// insertion notification, so a flood costs one view update per tick, never one per event.
#pragma once

#include "logexport.h"
#include "serverevent.h"

#include <QAbstractListModel>

#include <deque>

namespace tcplab {

struct LogFilter
{
    LogLevel minimumLevel = LogLevel::Debug;
    quint64 connectionId = 0; // 0: every connection
    QString search;           // case-insensitive, in the rendered line
    bool matches(const ServerEvent &event, const QString &line) const;
    bool isActive() const { return minimumLevel != LogLevel::Debug || connectionId || !search.isEmpty(); }
};

class LogModel : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int DefaultLimit = 20000;
    enum Role { LevelRole = Qt::UserRole + 1, ConnectionRole, KindRole };

    explicit LogModel(QObject *parent = nullptr);

    // Cheap, any number of times per tick.
    void enqueue(const EventBatch &batch);
    void enqueue(const ServerEvent &event);
    // Apply what is pending (unless paused): one model notification per kind of change.
    void flushPending();

    void setLimit(int lines);
    int limit() const { return m_limit; }
    void setPaused(bool paused) { m_paused = paused; }
    bool isPaused() const { return m_paused; }
    void clear();
    void setFilter(const LogFilter &filter);
    LogFilter filter() const { return m_filter; }
    void setDataFormat(DataFormat format);
    DataFormat dataFormat() const { return m_format; }

    int storedCount() const { return int(m_all.size()); }
    int pendingCount() const { return int(m_pending.size()); }
    // Lines that fell out of the bound (or out of the pending queue while paused).
    quint64 droppedLines() const { return m_dropped; }
    QList<ServerEvent> visibleEvents() const;
    QString lineAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    const ServerEvent &eventAtRow(int row) const;
    void rebuildVisible();
    bool accepts(const ServerEvent &event) const;

    std::deque<ServerEvent> m_all;
    quint64 m_frontSeq = 0;        // sequence number of m_all.front()
    std::deque<quint64> m_visible; // sequence numbers of the rows that pass the filter
    std::deque<ServerEvent> m_pending;
    int m_limit = DefaultLimit;
    quint64 m_dropped = 0;
    bool m_paused = false;
    LogFilter m_filter;
    DataFormat m_format = DataFormat::Text;
};

} // namespace tcplab
