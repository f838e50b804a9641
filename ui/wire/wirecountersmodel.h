// The wire's live counters as a small table: one row per counter, one column per direction.
// Fed from Wire::counters() (atomics the relay writes) on the panel's timer.
#pragma once

#include "wire/relay.h"

#include <QAbstractTableModel>

namespace tcplab {

class WireCountersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Row { Packets, Bytes, Delivered, DroppedLoss, DroppedBurst, DroppedQueue, DroppedCut, DroppedRule, Duplicated, Reordered,
               QueuedNow, KernelDrops, RowCount };

    explicit WireCountersModel(QObject *parent = nullptr);

    // Only the cells whose value changed are reported to the view.
    void setCounters(const wire::WireCounters &counters);
    wire::WireCounters counters() const { return m_counters; }
    static quint64 value(const wire::DirectionCounters &c, int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    wire::WireCounters m_counters;
};

} // namespace tcplab
