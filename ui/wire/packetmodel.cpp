#include "packetmodel.h"

#include "wire/capturering.h"
#include "wire/ladderformatter.h"
#include "wire/packetdecoder.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QThread>

#include <algorithm>

namespace tcplab {

using wire::CapturedPacket;
using wire::Direction;
using wire::PacketFate;

QString PacketModel::flagFilterName(FlagFilter filter)
{
    switch (filter) {
    case AnyPacket: return tr("All packets");
    case SynPackets: return tr("SYN");
    case FinPackets: return tr("FIN");
    case RstPackets: return tr("RST");
    case DataPackets: return tr("With data");
    case PureAcks: return tr("Pure ACKs");
    case DroppedPackets: return tr("Dropped by the wire");
    case Retransmissions: return tr("Retransmissions");
    case FlagFilterCount: break;
    }
    return {};
}

PacketModel::PacketModel(QObject *parent) : QAbstractTableModel(parent) {}

PacketModel::~PacketModel()
{
    stopWorker();
}

void PacketModel::ensureWorker()
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("tcplab-packets"));
    m_worker = new wire::PacketRowWorker;
    m_worker->moveToThread(m_thread);
    connect(m_worker, &wire::PacketRowWorker::batchRead, this, &PacketModel::onBatchRead, Qt::QueuedConnection);
    m_thread->start();
}

void PacketModel::stopWorker()
{
    if (!m_thread)
        return;
    // Deleted on its own thread (its timer too), then the thread ends.
    wire::PacketRowWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_worker = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void PacketModel::setRing(std::shared_ptr<const wire::CaptureRing> ring, bool complete)
{
    beginResetModel();
    ++m_generation;
    m_ring = std::move(ring);
    m_reader.reset();
    m_held.clear();
    m_rows.clear();
    m_firstSerial = 0;
    m_visible.clear();
    m_missed = 0;
    m_startNs = -1;
    m_maxFlightNs = 0;
    m_lastFlightNs[0] = m_lastFlightNs[1] = 0;
    m_newestConnection = 0;
    m_connectionIds.clear();
    m_connectionLabels.clear();
    m_connections.clear();
    m_connectionFilter = 0;
    endResetModel();
    emit connectionsChanged();
    if (m_ring && complete) {
        m_reader = std::make_unique<wire::PacketRowReader>(m_ring, true);
        if (m_worker)
            QMetaObject::invokeMethod(m_worker, &wire::PacketRowWorker::stop, Qt::QueuedConnection);
    } else if (m_ring) {
        ensureWorker();
        const quint64 generation = m_generation;
        const bool paused = !m_follow;
        QMetaObject::invokeMethod(m_worker, [worker = m_worker, ring = m_ring, generation, paused] {
            worker->setPaused(paused);
            worker->start(ring, generation);
        }, Qt::QueuedConnection);
    } else if (m_worker) {
        QMetaObject::invokeMethod(m_worker, &wire::PacketRowWorker::stop, Qt::QueuedConnection);
    }
}

void PacketModel::setFollowLive(bool follow)
{
    m_follow = follow;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [worker = m_worker, follow] { worker->setPaused(!follow); }, Qt::QueuedConnection);
    if (follow)
        applyHeld();
}

void PacketModel::setConnectionFilter(quint32 connection)
{
    if (connection == m_connectionFilter)
        return;
    m_connectionFilter = connection;
    rebuildVisible();
}

void PacketModel::setFlagFilter(FlagFilter filter)
{
    if (filter == m_flagFilter)
        return;
    m_flagFilter = filter;
    rebuildVisible();
}

void PacketModel::rebuildVisible()
{
    beginResetModel();
    m_visible.clear();
    quint64 serial = m_firstSerial;
    for (const PacketRow &row : m_rows) {
        if (matches(row))
            m_visible.push_back(serial);
        ++serial;
    }
    endResetModel();
}

bool PacketModel::matches(const PacketRow &row) const
{
    if (m_connectionFilter != 0 && row.connection != m_connectionFilter)
        return false;
    switch (m_flagFilter) {
    case AnyPacket: return true;
    case SynPackets: return row.flags & wire::tcpflag::Syn;
    case FinPackets: return row.flags & wire::tcpflag::Fin;
    case RstPackets: return row.flags & wire::tcpflag::Rst;
    case DataPackets: return row.length > 0;
    case PureAcks:
        return row.has(PacketRow::Tcp) && row.length == 0 && (row.flags & wire::tcpflag::Ack)
            && !(row.flags & (wire::tcpflag::Syn | wire::tcpflag::Fin | wire::tcpflag::Rst));
    case DroppedPackets: return row.dropped();
    case Retransmissions: return row.has(PacketRow::Retransmission);
    case FlagFilterCount: break;
    }
    return true;
}

int PacketModel::poll(int budgetMs)
{
    if (!m_ring)
        return 0;
    if (m_reader) {
        wire::PacketBatch batch;
        m_reader->read(qint64(budgetMs) * 1000000, wire::PacketRowWorker::kMaxBatchRows, &batch);
        return apply(batch);
    }
    if (!m_worker)
        return 0;
    wire::PacketBatchPointer batch;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, budgetMs] { return worker->readNow(budgetMs); },
                              Qt::BlockingQueuedConnection, &batch);
    // The worker's earlier batches were posted before it answered: they go first.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    const int added = applyHeld();
    return added + (batch ? apply(*batch) : 0);
}

void PacketModel::onBatchRead(quint64 generation, const wire::PacketBatchPointer &batch)
{
    if (generation != m_generation || !batch)
        return; // an earlier capture's
    if (!m_follow) {
        m_held.push_back(batch);
        return;
    }
    apply(*batch);
}

int PacketModel::applyHeld()
{
    if (m_held.empty())
        return 0;
    // One insert for them all: merged into one batch.
    wire::PacketBatch merged;
    for (const wire::PacketBatchPointer &b : std::exchange(m_held, {})) {
        merged.rows.insert(merged.rows.end(), b->rows.begin(), b->rows.end());
        merged.connections += b->connections;
        merged.missed += b->missed;
    }
    return apply(merged);
}

int PacketModel::apply(const wire::PacketBatch &batch)
{
    const quint64 connectionsBefore = m_newestConnection;
    for (const wire::PacketConnection &c : batch.connections)
        addConnection(c);
    m_missed += batch.missed;
    std::vector<quint64> visible;
    for (const PacketRow &row : batch.rows) {
        if (m_startNs < 0)
            m_startNs = row.sentNs;
        if (!row.dropped()) {
            const qint64 flight = row.deliveredNs - row.sentNs;
            m_maxFlightNs = std::max(m_maxFlightNs, flight);
            m_lastFlightNs[int(row.direction)] = flight;
        }
        if (matches(row))
            visible.push_back(m_firstSerial + m_rows.size());
        m_rows.push_back(row);
    }
    if (!visible.empty()) {
        const int first = int(m_visible.size());
        beginInsertRows({}, first, first + int(visible.size()) - 1);
        m_visible.insert(m_visible.end(), visible.begin(), visible.end());
        endInsertRows();
    }
    trimToCapacity();
    if (m_newestConnection != connectionsBefore)
        emit connectionsChanged();
    if (!batch.rows.empty())
        emit packetsUpdated();
    return int(batch.rows.size());
}

void PacketModel::addConnection(const wire::PacketConnection &c)
{
    if (c.id == 0)
        return;
    auto known = m_connections.find(c.id);
    if (known != m_connections.end()) {
        const qint64 first = known->firstSentNs;
        *known = c; // its bases changed
        known->firstSentNs = first;
        return;
    }
    if (c.id <= m_newestConnection)
        return; // one the choices dropped already
    m_newestConnection = c.id;
    m_connectionIds << c.id;
    if (m_connectionIds.size() > kMaxConnections) {
        const quint32 oldest = m_connectionIds.takeFirst();
        m_connectionLabels.remove(oldest);
        m_connections.remove(oldest);
    }
    m_connections.insert(c.id, c);
    m_connectionLabels.insert(c.id, QStringLiteral("#%1 %2:%3 → %4:%5")
                                        .arg(c.id)
                                        .arg(wire::ipv4Text(c.key.clientAddress))
                                        .arg(c.key.clientPort)
                                        .arg(wire::ipv4Text(c.key.serverAddress))
                                        .arg(c.key.serverPort));
}

void PacketModel::trimToCapacity()
{
    // As many rows as the ring holds packets: older rows could no longer show their options.
    const size_t capacity = size_t(m_ring ? m_ring->capacity() : wire::CaptureRing::kDefaultCapacity);
    if (m_rows.size() <= capacity)
        return;
    const size_t drop = m_rows.size() - capacity;
    const quint64 newFirst = m_firstSerial + drop;
    const auto firstKept = std::lower_bound(m_visible.begin(), m_visible.end(), newFirst);
    const int gone = int(firstKept - m_visible.begin());
    if (gone > 0) {
        beginRemoveRows({}, 0, gone - 1);
        m_visible.erase(m_visible.begin(), firstKept);
        endRemoveRows();
    }
    m_rows.erase(m_rows.begin(), m_rows.begin() + qsizetype(drop));
    m_firstSerial = newFirst;
}

int PacketModel::rowOfPacketIndex(quint64 index) const
{
    // Rows are in index order except for a packet given up as lost that came later: search
    // by index, then check the neighbourhood.
    const auto it = std::lower_bound(m_visible.begin(), m_visible.end(), index, [this](quint64 serial, quint64 value) {
        return m_rows[size_t(serial - m_firstSerial)].index < value;
    });
    for (auto i = it; i != m_visible.end() && i - it < 4; ++i) {
        if (m_rows[size_t(*i - m_firstSerial)].index == index)
            return int(i - m_visible.begin());
    }
    for (size_t i = 0; i < m_visible.size(); ++i) {
        if (m_rows[size_t(m_visible[i] - m_firstSerial)].index == index)
            return int(i);
    }
    return -1;
}

QString PacketModel::connectionLabel(quint32 connection) const
{
    return m_connectionLabels.value(connection, QStringLiteral("#%1").arg(connection));
}

QString PacketModel::fateText(const PacketRow &row) const
{
    QString text;
    switch (row.fate) {
    case PacketFate::Delivered: text = tr("delivered"); break;
    case PacketFate::DroppedLoss: text = tr("dropped: loss"); break;
    case PacketFate::DroppedBurst: text = tr("dropped: burst loss"); break;
    case PacketFate::DroppedQueue: text = tr("dropped: queue full"); break;
    case PacketFate::DroppedCut: text = tr("dropped: cut"); break;
    case PacketFate::DroppedTargeted:
        text = row.dropRule >= 0 && row.dropRule < m_dropRules.size()
            ? tr("dropped: drop=%1").arg(m_dropRules[row.dropRule].toString())
            : tr("dropped: drop rule %1").arg(row.dropRule + 1);
        break;
    case PacketFate::Duplicate: text = tr("duplicated"); break;
    case PacketFate::Reordered: text = tr("reordered"); break;
    }
    if (row.has(PacketRow::Retransmission))
        text += tr(", retransmission");
    if (row.has(PacketRow::KeepAlive))
        text += tr(", keep-alive");
    if (row.has(PacketRow::DelayedAck))
        text += tr(", delayed ACK");
    if (row.has(PacketRow::ZeroWindow))
        text += tr(", zero window");
    return text;
}

QString PacketModel::optionsText(const PacketRow &row) const
{
    CapturedPacket p;
    if (!m_ring || !m_ring->read(row.position, &p))
        return tr("(overwritten)");
    const wire::DecodedPacket decoded = wire::decodePacket(p);
    if (!decoded.isTcp())
        return decoded.error;
    quint32 base = 0;
    if (decoded.options.sackBlockCount > 0) {
        const auto c = m_connections.constFind(row.connection);
        if (c != m_connections.constEnd()) {
            const Direction peer = row.direction == Direction::ClientToServer ? Direction::ServerToClient : Direction::ClientToServer;
            base = c->base[int(peer)].known ? c->base[int(peer)].isn : 0;
        }
    }
    return wire::tcpOptionsText(decoded.options, base);
}

int PacketModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int PacketModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PacketModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_visible.size()))
        return {};
    const PacketRow &row = packet(index.row());
    if (role == PacketIndexRole)
        return row.index;
    if (role == Qt::ForegroundRole && row.dropped())
        return QBrush(QColor(0xb0, 0x2a, 0x37));
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Time: case Seq: case Ack: case Length: case Window: return int(Qt::AlignRight | Qt::AlignVCenter);
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    const bool tcp = row.has(PacketRow::Tcp);
    switch (Column(index.column())) {
    case Time: return QString::number(double(row.sentNs - m_startNs) / 1e6, 'f', 3);
    case Connection: return row.connection ? QStringLiteral("#%1").arg(row.connection) : QString();
    case Arrow:
        if (row.direction == Direction::ClientToServer)
            return row.dropped() ? QStringLiteral("C ---x  S") : QStringLiteral("C ----> S");
        return row.dropped() ? QStringLiteral("C  x--- S") : QStringLiteral("C <---- S");
    case Flags: return tcp ? wire::tcpFlagsText(row.flags) : tr("not TCP");
    case Seq: return tcp ? QVariant(row.seq) : QVariant();
    case Ack: return tcp && (row.flags & wire::tcpflag::Ack) ? QVariant(row.ack) : QVariant();
    case Length: return tcp ? QVariant(row.length) : QVariant();
    case Window: return tcp ? QVariant(row.window) : QVariant();
    case Options: return optionsText(row);
    case Fate: return fateText(row);
    case ColumnCount: break;
    }
    return {};
}

bool PacketModel::sequenceBase(quint32 connection, Direction side, quint32 *base) const
{
    const auto c = m_connections.constFind(connection);
    if (c == m_connections.constEnd() || !c->base[int(side)].known)
        return false;
    *base = c->base[int(side)].isn;
    return true;
}

QVariant PacketModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time: return tr("Time (ms)");
    case Connection: return tr("Conn.");
    case Arrow: return tr("Direction");
    case Flags: return tr("Flags");
    case Seq: return tr("Seq");
    case Ack: return tr("Ack");
    case Length: return tr("Len");
    case Window: return tr("Win");
    case Options: return tr("Options");
    case Fate: return tr("Fate");
    case ColumnCount: break;
    }
    return {};
}

} // namespace tcplab
