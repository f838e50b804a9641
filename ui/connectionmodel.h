// One row per connection of the running server: counters and the kernel's TCP_INFO, refreshed
// from Server::connectionSnapshot(). Closed connections stay for a while, greyed, so a short
// exchange can still be read after it ended.
#pragma once

#include "connectionregistry.h"

#include <QAbstractTableModel>
#include <functional>

namespace tcplab {

class ConnectionModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Peer, State, Age, BytesIn, BytesOut, Requests, Rtt, Cwnd, Retransmits, Options, Actions, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, OpenRole };

    explicit ConnectionModel(QObject *parent = nullptr);

    // Inherited options of a connection, asked once per connection when its row is first shown
    // (not for every row of a large table).
    void setOptionsProvider(std::function<QString(quint64 id)> provider) { m_optionsProvider = std::move(provider); }
    void setClosedRetentionMs(qint64 ms) { m_retentionMs = ms; }
    void setMaxClosedRows(qsizetype rows) { m_maxClosedRows = rows; }

    // Counters and rows from a snapshot; a snapshot taken without TCP_INFO keeps each row's
    // last TCP_INFO (see setTcpInfo).
    void update(const QList<ConnectionInfo> &snapshot, qint64 nowMs);
    // TCP_INFO for some rows (the visible ones), by connection id.
    void setTcpInfo(const QHash<quint64, TcpInfoSnapshot> &tcp);
    // Every row closed (the server stopped).
    void markAllClosed(qint64 nowMs);
    void clear();

    quint64 idAt(int row) const;
    bool isOpen(int row) const;
    int openCount() const;
    int rowOf(quint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        ConnectionInfo info;
        mutable QString options;
        mutable bool optionsAsked = false;
        bool open = true;
        qint64 closedMs = 0;
    };
    const QString &optionsOf(const Row &row) const;

    QList<Row> m_rows;
    qint64 m_nowMs = 0;
    qint64 m_retentionMs = 30000;
    qsizetype m_maxClosedRows = 200;
    std::function<QString(quint64)> m_optionsProvider;
};

} // namespace tcplab
