#include "logmodel.h"

#include <QBrush>
#include <QColor>

namespace tcplab {

bool LogFilter::matches(const ServerEvent &event, const QString &line) const
{
    if (int(event.level) < int(minimumLevel))
        return false;
    if (connectionId && event.connectionId != connectionId)
        return false;
    if (!search.isEmpty() && !line.contains(search, Qt::CaseInsensitive))
        return false;
    return true;
}

LogModel::LogModel(QObject *parent) : QAbstractListModel(parent) {}

void LogModel::enqueue(const EventBatch &batch)
{
    for (const ServerEvent &e : batch)
        m_pending.push_back(e);
    // The queue is bounded like the pane: what could never be shown is dropped (and counted) now.
    while (int(m_pending.size()) > m_limit) {
        m_pending.pop_front();
        ++m_dropped;
    }
}

void LogModel::enqueue(const ServerEvent &event)
{
    enqueue(EventBatch{event});
}

bool LogModel::accepts(const ServerEvent &event) const
{
    if (!m_filter.isActive())
        return true;
    return m_filter.matches(event, m_filter.search.isEmpty() ? QString() : event.toText(m_format));
}

void LogModel::flushPending()
{
    if (m_paused || m_pending.empty())
        return;
    const qsizetype incoming = qsizetype(m_pending.size());
    const qsizetype evict = std::max<qsizetype>(0, qsizetype(m_all.size()) + incoming - m_limit);
    if (evict > 0) {
        const quint64 newFront = m_frontSeq + quint64(std::min<qsizetype>(evict, qsizetype(m_all.size())));
        qsizetype hidden = 0;
        while (hidden < qsizetype(m_visible.size()) && m_visible[size_t(hidden)] < newFront)
            ++hidden;
        const bool reset = hidden > 0 && hidden == qsizetype(m_visible.size());
        if (reset)
            beginResetModel();
        else if (hidden > 0)
            beginRemoveRows({}, 0, int(hidden) - 1);
        m_visible.erase(m_visible.begin(), m_visible.begin() + hidden);
        const qsizetype fromStore = std::min<qsizetype>(evict, qsizetype(m_all.size()));
        m_all.erase(m_all.begin(), m_all.begin() + fromStore);
        m_frontSeq = newFront;
        m_dropped += quint64(evict);
        if (reset)
            endResetModel();
        else if (hidden > 0)
            endRemoveRows();
        // More incoming than the limit: the oldest of the incoming never enter the store.
        const qsizetype skipIncoming = evict - fromStore;
        for (qsizetype i = 0; i < skipIncoming; ++i) {
            m_pending.pop_front();
            ++m_frontSeq;
        }
    }
    std::deque<quint64> added;
    while (!m_pending.empty()) {
        const quint64 seq = m_frontSeq + quint64(m_all.size());
        m_all.push_back(std::move(m_pending.front()));
        m_pending.pop_front();
        if (accepts(m_all.back()))
            added.push_back(seq);
    }
    if (!added.empty()) {
        const int first = int(m_visible.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_visible.insert(m_visible.end(), added.begin(), added.end());
        endInsertRows();
    }
}

void LogModel::setLimit(int lines)
{
    lines = std::max(100, lines);
    if (lines == m_limit)
        return;
    m_limit = lines;
    if (int(m_all.size()) > m_limit) {
        const qsizetype evict = qsizetype(m_all.size()) - m_limit;
        beginResetModel();
        m_all.erase(m_all.begin(), m_all.begin() + evict);
        m_frontSeq += quint64(evict);
        m_dropped += quint64(evict);
        m_visible.clear();
        for (size_t i = 0; i < m_all.size(); ++i) {
            if (accepts(m_all[i]))
                m_visible.push_back(m_frontSeq + i);
        }
        endResetModel();
    }
    while (int(m_pending.size()) > m_limit) {
        m_pending.pop_front();
        ++m_dropped;
    }
}

void LogModel::clear()
{
    beginResetModel();
    m_frontSeq += quint64(m_all.size());
    m_all.clear();
    m_visible.clear();
    m_pending.clear();
    m_dropped = 0;
    endResetModel();
}

void LogModel::rebuildVisible()
{
    beginResetModel();
    m_visible.clear();
    for (size_t i = 0; i < m_all.size(); ++i) {
        if (accepts(m_all[i]))
            m_visible.push_back(m_frontSeq + i);
    }
    endResetModel();
}

void LogModel::setFilter(const LogFilter &filter)
{
    m_filter = filter;
    rebuildVisible();
}

void LogModel::setDataFormat(DataFormat format)
{
    if (format == m_format)
        return;
    m_format = format;
    if (!m_filter.search.isEmpty())
        rebuildVisible();
    else if (!m_visible.empty())
        emit dataChanged(index(0), index(int(m_visible.size()) - 1), {Qt::DisplayRole});
}

QList<ServerEvent> LogModel::visibleEvents() const
{
    QList<ServerEvent> out;
    out.reserve(qsizetype(m_visible.size()));
    for (quint64 seq : m_visible)
        out << m_all[size_t(seq - m_frontSeq)];
    return out;
}

const ServerEvent &LogModel::eventAtRow(int row) const
{
    return m_all[size_t(m_visible[size_t(row)] - m_frontSeq)];
}

QString LogModel::lineAt(int row) const
{
    return eventAtRow(row).toText(m_format);
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_visible.size()))
        return {};
    const ServerEvent &e = eventAtRow(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return e.toText(m_format);
    case Qt::ToolTipRole:
        return e.data.isEmpty() ? QVariant() : QVariant(e.toText(DataFormat::Both));
    case Qt::ForegroundRole:
        switch (e.level) {
        case LogLevel::Debug: return QBrush(QColor(0x80, 0x80, 0x80));
        case LogLevel::Info:
            if (e.kind == EventKind::Client)
                return QBrush(QColor(0x1a, 0x5f, 0xb4));
            return {};
        case LogLevel::Warning: return QBrush(QColor(0xb3, 0x5c, 0x00));
        case LogLevel::Error: return QBrush(QColor(0xc0, 0x1c, 0x28));
        }
        return {};
    case LevelRole: return int(e.level);
    case ConnectionRole: return e.connectionId;
    case KindRole: return int(e.kind);
    }
    return {};
}

} // namespace tcplab
