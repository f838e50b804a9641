// The packet list over the wire's capture ring: one row per captured packet (time, connection,
// direction, flags, seq/ack relative, len, win, options, fate), in the relay's order, filtered by
// connection and by a flag class through an index vector of its own (a QSortFilterProxyModel
// re-maps every row on each change, too slow at 200 000 rows).
//
// The ring is read on the GUI thread without a lock (CaptureRing's seqlocks), on a 10 Hz timer,
// in slices of kSliceMs with the event loop running between them (kPollBudgetMs of slices per
// tick at most), so that a bulk transfer never holds the GUI thread for long; the rows of a tick
// arrive in one coalesced insert when its last slice is done, and the views repaint on that
// (at most 10 times a second however fast packets cross). The relay
// pushes a packet when it is delivered or dropped, so a delayed packet reaches the ring after
// later ones that were dropped at once; packets are held back until the ones before them (by
// index) arrived, or for kHoldMs at most. Rows keep the decoded fields (56 bytes each); options
// are decoded again from the ring only for the rows on screen.
#pragma once

#include "wire/capturedpacket.h"
#include "wire/connectiontracker.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QTimer>

#include <deque>
#include <memory>
#include <vector>

namespace tcplab {

namespace wire {
class CaptureRing;
}

struct PacketRow
{
    enum Mark : quint8 { Tcp = 1, Retransmission = 2, KeepAlive = 4, DelayedAck = 8, ZeroWindow = 16, Sack = 32 };
    quint64 position = 0; // in the ring, to read the packet's bytes again
    quint64 index = 0;    // the relay's order
    qint64 sentNs = 0;
    qint64 deliveredNs = -1;
    quint32 seq = 0;      // relative to the sender's ISN
    quint32 ack = 0;      // relative to the receiver's ISN
    quint32 window = 0;   // scaled where RFC 7323 says so
    quint32 connection = 0;
    quint16 length = 0;   // payload bytes
    quint8 flags = 0;
    quint8 marks = 0;
    wire::Direction direction = wire::Direction::ClientToServer;
    wire::PacketFate fate = wire::PacketFate::Delivered;
    qint16 dropRule = -1;

    bool dropped() const { return deliveredNs < 0; }
    bool has(Mark m) const { return (marks & m) != 0; }
};

class PacketModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Connection, Arrow, Flags, Seq, Ack, Length, Window, Options, Fate, ColumnCount };
    enum FlagFilter { AnyPacket, SynPackets, FinPackets, RstPackets, DataPackets, PureAcks, DroppedPackets, Retransmissions,
                      FlagFilterCount };
    enum Role { PacketIndexRole = Qt::UserRole + 1 };
    static constexpr int kPollMs = 100;
    static constexpr int kSliceMs = 4;
    static constexpr int kPollBudgetMs = 40;
    static constexpr int kHoldMs = 2000;
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
    // Take what the ring holds now, for at most budgetMs in one go, and insert the rows (the
    // timer does this in slices, at most kPollMs apart). Returns the rows added.
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
    // The visible (filtered) rows.
    const PacketRow &packet(int row) const { return m_rows[size_t(m_visible[size_t(row)] - m_firstSerial)]; }
    // The visible row of a packet (by the relay's index), or -1.
    int rowOfPacketIndex(quint64 index) const;
    qint64 startNs() const { return m_startNs; }
    // The longest time a packet spent on the wire so far (for drawing arrows that started earlier).
    qint64 maxFlightNs() const { return m_maxFlightNs; }
    // The last delivered packet's time on the wire per direction (a dropped arrow's slant).
    qint64 typicalFlightNs(wire::Direction d) const { return m_lastFlightNs[int(d)]; }
    qsizetype totalPackets() const { return qsizetype(m_rows.size()); }
    quint64 missedPackets() const { return m_missed; }
    QList<quint32> connectionIds() const { return m_connectionIds; }
    QString connectionLabel(quint32 connection) const;
    // The addresses and ports of a connection (the client first), as the TCP_INFO sampler keys it.
    wire::ConnectionKey connectionKey(quint32 connection) const { return m_connectionKeys.value(connection); }
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
    struct Pending
    {
        quint64 position;
        qint64 readMs;
        wire::CapturedPacket packet;
    };
    bool matches(const PacketRow &row) const;
    // Reads the ring into rows for about budgetNs; true while it holds more.
    bool ingest(qint64 budgetNs);
    // The rows taken since the last publish become visible: one insert, the trim, the signals.
    int publish();
    void startCycle();
    void slice();
    void take(const Pending &pending, std::vector<quint64> *visible);
    void rebuildVisible();
    void trimToCapacity();

    std::shared_ptr<const wire::CaptureRing> m_ring;
    QList<wire::TargetedDrop> m_dropRules;
    wire::ConnectionTracker m_tracker;
    std::deque<PacketRow> m_rows;      // serials m_firstSerial ..
    quint64 m_firstSerial = 0;
    std::vector<quint64> m_visible;    // serials of the rows that pass the filter
    std::vector<Pending> m_pending;    // read, waiting for an earlier index
    std::vector<quint64> m_unpublished; // serials of rows taken that pass the filter, not inserted yet
    qsizetype m_publishedRows = 0;
    quint64 m_connectionsSeen = 0;
    quint64 m_connectionsPublished = 0;
    qint64 m_cycleWorkNs = 0;
    quint64 m_nextPosition = 0;        // in the ring
    quint64 m_nextIndex = 0;           // the relay's index expected next
    quint64 m_missed = 0;
    qint64 m_startNs = -1;
    qint64 m_maxFlightNs = 0;
    qint64 m_lastFlightNs[2] = {0, 0};
    QList<quint32> m_connectionIds;
    QHash<quint32, QString> m_connectionLabels;
    QHash<quint32, wire::ConnectionKey> m_connectionKeys;
    bool m_complete = false;
    quint32 m_connectionFilter = 0;
    FlagFilter m_flagFilter = AnyPacket;
    bool m_follow = true;
    QTimer m_timer;
    QTimer m_slice; // the next slice of a tick, after the events waiting meanwhile
    QElapsedTimer m_clock;
};

} // namespace tcplab
