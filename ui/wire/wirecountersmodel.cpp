#include "wirecountersmodel.h"

#include <QLocale>

namespace tcplab {

WireCountersModel::WireCountersModel(QObject *parent) : QAbstractTableModel(parent) {}

quint64 WireCountersModel::value(const wire::DirectionCounters &c, int row)
{
    switch (Row(row)) {
    case Packets: return c.packets;
    case Bytes: return c.bytes;
    case Delivered: return c.deliveredPackets;
    case DroppedLoss: return c.droppedLoss;
    case DroppedBurst: return c.droppedBurst;
    case DroppedQueue: return c.droppedQueue;
    case DroppedCut: return c.droppedCut;
    case DroppedRule: return c.droppedTargeted;
    case Duplicated: return c.duplicated;
    case Reordered: return c.reordered;
    case QueuedNow: return c.queuedNow;
    case KernelDrops: return c.kernelDrops;
    case RowCount: break;
    }
    return 0;
}

void WireCountersModel::setCounters(const wire::WireCounters &counters)
{
    const wire::WireCounters old = m_counters;
    m_counters = counters;
    for (int column = 0; column < 2; ++column) {
        const wire::DirectionCounters &a = column == 0 ? old.c2s : old.s2c;
        const wire::DirectionCounters &b = column == 0 ? counters.c2s : counters.s2c;
        int first = -1, last = -1;
        for (int row = 0; row < RowCount; ++row) {
            if (value(a, row) != value(b, row)) {
                if (first < 0)
                    first = row;
                last = row;
            }
        }
        if (first >= 0)
            emit dataChanged(index(first, column), index(last, column), {Qt::DisplayRole});
    }
}

int WireCountersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : RowCount;
}

int WireCountersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant WireCountersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const wire::DirectionCounters &c = index.column() == 0 ? m_counters.c2s : m_counters.s2c;
    if (role == Qt::DisplayRole)
        return QLocale().toString(value(c, index.row()));
    if (role == Qt::UserRole)
        return value(c, index.row());
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant WireCountersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section == 0 ? tr("client → server") : tr("server → client");
    switch (Row(section)) {
    case Packets: return tr("Packets");
    case Bytes: return tr("Bytes");
    case Delivered: return tr("Delivered");
    case DroppedLoss: return tr("Dropped: loss");
    case DroppedBurst: return tr("Dropped: burst loss");
    case DroppedQueue: return tr("Dropped: queue full");
    case DroppedCut: return tr("Dropped: cut");
    case DroppedRule: return tr("Dropped: drop rule");
    case Duplicated: return tr("Duplicated");
    case Reordered: return tr("Reordered");
    case QueuedNow: return tr("Queued now");
    case KernelDrops: return tr("Lost before the relay");
    case RowCount: break;
    }
    return {};
}

} // namespace tcplab
