// The packet list over the wire's capture ring: one row per captured packet (time, connection,
// direction, flags, seq/ack relative, len, win, options, fate), in the relay's order, filtered by
// connection and by a flag class through an index vector of its own (a QSortFilterProxyModel
// re-maps every row on each change, too slow at 200 000 rows).
//
// A live capture is read off the GUI thread (wire::PacketRowWorker on a QThread of the model's):
// the rows of each 100 ms tick arrive in one batch and one coalesced insert, and the views repaint
// on that (at most 10 times a second however fast packets cross); the GUI thread only appends
// them. A finished capture (an experiment's) is read on the GUI thread at once. Rows keep the
// decoded fields (56 bytes each); options are decoded again from the ring only for the rows on
// screen.
#pragma once

#include "wire/capturedpacket.h"
#include "wire/connectiontracker.h"
#include "wire/packetrowreader.h"
#include "wire/packetrowworker.h"

#include <QAbstractTableModel>
#include <QHash>

#include <deque>
#include <memory>
#include <vector>

class QThread;

namespace tcplab {

namespace wire {
class CaptureRing;
}

using PacketRow = wire::PacketRow;

class PacketModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Connection, Arrow, Flags, Seq, Ack, Length, Window, Options, Fate, ColumnCount };
    enum FlagFilter { AnyPacket, SynPackets, FinPackets, RstPackets, DataPackets, PureAcks, DroppedPackets, Retransmissions,
                      FlagFilterCount };
    enum Role { PacketIndexRole = Qt::UserRole + 1 };
    static constexpr int kPollMs = wire::PacketRowWorker::kTickMs;
    static constexpr int kPollBudgetMs = 40;
    static constexpr int kHoldMs = wire::PacketRowReader::kHoldMs;
    static constexpr int kMaxConnections = 4096; // the connection filter's choices: the newest ones
    static QString flagFilterName(FlagFilter filter);

    explicit PacketModel(QObject *parent = nullptr);
    ~PacketModel() override;

    // A new capture: the rows start over. Null: no capture. complete: a finished capture (an
    // experiment's), nothing is still on its way, so nothing is held back for a missing index.
    void setRing(std::shared_ptr<const wire::CaptureRing> ring, bool complete = false);
    std::shared_ptr<const wire::CaptureRing> ring() const { return m_ring; }
    // To name the rule of a targeted drop ("drop=s2c:data").
    void setDropRules(const QList<wire::TargetedDrop> &rules) { m_dropRules = rules; }
    // Follow live: new packets are taken on the timer. Frozen: the rows stay as they are.
    void setFollowLive(bool follow);
    bool followLive() const { return m_follow; }
    void setConnectionFilter(quint32 connection); // 0: every connection
    quint32 connectionFilter() const { return m_connectionFilter; }
    void setFlagFilter(FlagFilter filter);
    FlagFilter flagFilter() const { return m_flagFilter; }
    // Take what the ring holds now, for at most budgetMs of reading, and insert the rows (the
    // reader thread does this every kPollMs; this waits for it). Returns the rows added.
    int poll(int budgetMs = kPollBudgetMs);

    // Every row of one connection (whatever the filter shows), oldest first.
    template<typename F>
    void forEachRowOf(quint32 connection, F &&f) const
    {
        for (const PacketRow &row : m_rows) {
            if (row.connection == connection)
                f(row);
        }
    }
    // Every row from a serial on (rows are numbered in the order they came, the oldest first;
    // trimmed rows are gone), whatever the filter shows: for views that take only what is new.
    quint64 firstSerial() const { return m_firstSerial; }
    quint64 endSerial() const { return m_firstSerial + m_rows.size(); }
    template<typename F>
    void forEachRowFrom(quint64 serial, F &&f) const
    {
        for (size_t i = serial > m_firstSerial ? size_t(serial - m_firstSerial) : 0; i < m_rows.size(); ++i)
            f(m_rows[i]);
    }
    // The visible (filtered) rows.
    const PacketRow &packet(int row) const { return m_rows[size_t(m_visible[size_t(row)] - m_firstSerial)]; }
    // The visible row of a packet (by the relay's index), or -1.
    int rowOfPacketIndex(quint64 index) const;
    qint64 startNs() const { return m_startNs; }
    // The longest time a packet spent on the wire so far (for drawing arrows that started earlier).
    qint64 maxFlightNs() const { return m_maxFlightNs; }
    // The last delivered packet's time on the wire per direction (a dropped arrow's slant).
    qint64 typicalFlightNs(wire::Direction d) const { return m_lastFlightNs[int(d)]; }
    // The live capture's reader (null before the first live capture).
    QThread *readerThread() const { return m_thread; }
    qsizetype totalPackets() const { return qsizetype(m_rows.size()); }
    quint64 missedPackets() const { return m_missed; }
    QList<quint32> connectionIds() const { return m_connectionIds; }
    QString connectionLabel(quint32 connection) const;
    // The addresses and ports of a connection (the client first), as the TCP_INFO sampler keys it.
    wire::ConnectionKey connectionKey(quint32 connection) const { return m_connections.value(connection).key; }
    // The send time of a connection's first packet (kept when its rows are trimmed), or -1.
    qint64 connectionStartNs(quint32 connection) const { return m_connections.value(connection).firstSentNs; }
    // The sequence number a side's relative seq counts from (its ISN, or the first seq seen).
    bool sequenceBase(quint32 connection, wire::Direction side, quint32 *base) const;
    QString fateText(const PacketRow &row) const;
    QString optionsText(const PacketRow &row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void connectionsChanged();
    // After a poll that changed the rows (at most once per kPollMs while following).
    void packetsUpdated();

private:
    bool matches(const PacketRow &row) const;
    void onBatchRead(quint64 generation, const wire::PacketBatchPointer &batch);
    // A batch's rows become visible: one insert, the trim, the signals. Returns the rows added.
    int apply(const wire::PacketBatch &batch);
    int applyHeld(); // the rows added
    void addConnection(const wire::PacketConnection &c);
    void rebuildVisible();
    void trimToCapacity();
    void ensureWorker();
    void stopWorker();

    std::shared_ptr<const wire::CaptureRing> m_ring;
    QList<wire::TargetedDrop> m_dropRules;
    std::unique_ptr<wire::PacketRowReader> m_reader; // a finished capture's, on this thread
    QThread *m_thread = nullptr;                     // a live capture's reader
    wire::PacketRowWorker *m_worker = nullptr;       // lives on m_thread
    quint64 m_generation = 0;                        // of the capture shown, in the worker's batches
    std::vector<wire::PacketBatchPointer> m_held;    // arrived while frozen
    std::deque<PacketRow> m_rows;      // serials m_firstSerial ..
    quint64 m_firstSerial = 0;
    std::vector<quint64> m_visible;    // serials of the rows that pass the filter
    quint64 m_missed = 0;
    qint64 m_startNs = -1;
    qint64 m_maxFlightNs = 0;
    qint64 m_lastFlightNs[2] = {0, 0};
    quint32 m_newestConnection = 0;
    QList<quint32> m_connectionIds;
    QHash<quint32, QString> m_connectionLabels;
    QHash<quint32, wire::PacketConnection> m_connections;
    quint32 m_connectionFilter = 0;
    FlagFilter m_flagFilter = AnyPacket;
    bool m_follow = true;
};

} // namespace tcplab
