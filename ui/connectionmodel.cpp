#include "connectionmodel.h"

#include "socketendpoint.h"

#include <QBrush>
#include <QColor>
#include <QHash>

namespace tcplab {

ConnectionModel::ConnectionModel(QObject *parent) : QAbstractTableModel(parent) {}

void ConnectionModel::update(const QList<ConnectionInfo> &snapshot, qint64 nowMs)
{
    m_nowMs = nowMs;
    QHash<quint64, const ConnectionInfo *> live;
    for (const ConnectionInfo &c : snapshot)
        live.insert(c.id, &c);

    for (Row &row : m_rows) {
        if (const ConnectionInfo *c = live.value(row.info.id)) {
            const TcpInfoSnapshot last = row.info.tcp;
            row.info = *c;
            if (!c->tcp.valid)
                row.info.tcp = last;
            live.remove(row.info.id);
        } else if (row.open) {
            row.open = false;
            row.closedMs = nowMs;
        }
    }
    // Closed rows go after the retention time, and beyond a count the oldest go first: under a
    // flood of short connections the table must stay small enough to redraw at once.
    qsizetype closed = std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return !r.open; });
    QList<bool> drop(m_rows.size(), false);
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows[i];
        if (row.open)
            continue;
        if (nowMs - row.closedMs > m_retentionMs || closed > m_maxClosedRows) {
            drop[i] = true;
            --closed;
        }
    }
    for (qsizetype last = m_rows.size() - 1; last >= 0; --last) {
        if (!drop[last])
            continue;
        qsizetype first = last;
        while (first > 0 && drop[first - 1])
            --first;
        beginRemoveRows({}, int(first), int(last));
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first;
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    if (!live.isEmpty()) {
        QList<const ConnectionInfo *> fresh = live.values();
        std::sort(fresh.begin(), fresh.end(), [](auto *a, auto *b) { return a->id < b->id; });
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + fresh.size()) - 1);
        for (const ConnectionInfo *c : fresh)
            m_rows.append(Row{*c, QString(), false, true, 0});
        endInsertRows();
        // A few new rows are asked at once, while their descriptors are surely open (a short
        // exchange keeps its options after it closed); a flood is asked row by row when shown.
        if (fresh.size() <= 64) {
            for (qsizetype i = m_rows.size() - fresh.size(); i < m_rows.size(); ++i)
                optionsOf(m_rows[i]);
        }
    }
}

void ConnectionModel::setTcpInfo(const QHash<quint64, TcpInfoSnapshot> &tcp)
{
    if (tcp.isEmpty())
        return;
    int first = -1;
    int last = -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        auto it = tcp.constFind(row.info.id);
        if (!row.open || it == tcp.constEnd())
            continue;
        row.info.tcp = *it;
        first = first < 0 ? i : first;
        last = i;
    }
    if (first >= 0)
        emit dataChanged(index(first, State), index(last, Retransmits));
}

const QString &ConnectionModel::optionsOf(const Row &row) const
{
    // Only an open connection still has a descriptor to read them from.
    if (!row.optionsAsked && row.open && m_optionsProvider) {
        row.options = m_optionsProvider(row.info.id);
        row.optionsAsked = true;
    }
    return row.options;
}

void ConnectionModel::markAllClosed(qint64 nowMs)
{
    update({}, nowMs);
}

void ConnectionModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

quint64 ConnectionModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].info.id : 0;
}

bool ConnectionModel::isOpen(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows[row].open;
}

int ConnectionModel::openCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return r.open; }));
}

int ConnectionModel::rowOf(quint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].info.id == id)
            return i;
    }
    return -1;
}

int ConnectionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    const ConnectionInfo &c = row.info;
    if (role == IdRole)
        return c.id;
    if (role == OpenRole)
        return row.open;
    if (role == Qt::ForegroundRole)
        return row.open ? QVariant() : QVariant(QBrush(QColor(0x9a, 0x9a, 0x9a)));
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Id: case BytesIn: case BytesOut: case Requests: case Rtt: case Cwnd: case Retransmits:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Peer)
        return peerAddressNote(c.peer);
    if (role == Qt::ToolTipRole && index.column() == Options)
        return optionsOf(row);
    if (role == Qt::ToolTipRole && index.column() == State && c.tcp.valid)
        return c.tcp.toText();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Id: return c.id;
    case Peer: return c.peer;
    case State:
        if (!row.open)
            return tr("closed");
        return c.tcp.valid ? c.tcp.stateName() : tr("open");
    case Age: {
        const qint64 end = row.open ? m_nowMs : row.closedMs;
        return QStringLiteral("%1 s").arg(double(std::max<qint64>(0, end - c.openedMs)) / 1000.0, 0, 'f', 1);
    }
    case BytesIn: return c.bytesIn;
    case BytesOut: return c.bytesOut;
    case Requests: return c.requests;
    case Rtt: return c.tcp.valid ? QVariant(QString::number(double(c.tcp.rttUs) / 1000.0, 'f', 3)) : QVariant();
    case Cwnd: return c.tcp.valid ? QVariant(c.tcp.sndCwnd) : QVariant();
    case Retransmits: return c.tcp.valid ? QVariant(QStringLiteral("%1 / %2").arg(c.tcp.retransmits).arg(c.tcp.totalRetrans)) : QVariant();
    case Options: return optionsOf(row);
    case Actions: return {};
    }
    return {};
}

QVariant ConnectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return QStringLiteral("#");
    case Peer: return tr("Peer");
    case State: return tr("State");
    case Age: return tr("Age");
    case BytesIn: return tr("Bytes in");
    case BytesOut: return tr("Bytes out");
    case Requests: return tr("Requests");
    case Rtt: return tr("RTT ms");
    case Cwnd: return tr("cwnd");
    case Retransmits: return tr("Retrans now / total");
    case Options: return tr("Inherited options");
    case Actions: return tr("Close");
    }
    return {};
}

} // namespace tcplab
