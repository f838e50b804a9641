// The Packets tab: the packet list (PacketModel) and, beside it, the ladder diagram of the same
// rows; a filter by connection and by flags, follow-live or frozen, and one selection shared by
// the list and the ladder.
#pragma once

#include "error.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;

namespace tcplab {

class LadderView;
class PacketModel;
class TimeSequenceView;

class PacketsPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxMenuConnections = 2000;
    explicit PacketsPanel(QWidget *parent = nullptr);

    PacketModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    LadderView *ladder() const { return m_ladder; }
    TimeSequenceView *timeSequence() const { return m_timeSequence; }
    QComboBox *connectionCombo() const { return m_connection; }
    QComboBox *flagsCombo() const { return m_flags; }
    QCheckBox *followBox() const { return m_follow; }
    QSplitter *splitter() const { return m_splitter; }
    QString countText() const;

    // Exports. pcap: the whole capture, the client side's view to path and the server side's
    // beside it (run.pcap -> run.server.pcap). CSV: the rows the filter shows. PNG: the ladder
    // as it is on screen. The error names the file and the cause.
    Error savePcap(const QString &path) const;
    Error exportCsv(const QString &path) const;
    Error exportLadderPng(const QString &path) const;

private:
    void updateConnections();
    void updateCount();
    void onPacketsUpdated();
    void askAndExport(int what);
    void refreshTimeSequence();

    PacketModel *m_model;
    QTableView *m_view;
    LadderView *m_ladder;
    TimeSequenceView *m_timeSequence;
    QComboBox *m_connection;
    QComboBox *m_flags;
    QCheckBox *m_follow;
    QLabel *m_count;
    QPushButton *m_export;
    QSplitter *m_splitter;
    // The graph recomputes a whole connection (200 000 rows under a bulk transfer): coalesced to
    // at most one refresh per kTimeSequenceCostFactor times what the last one cost.
    static constexpr int kTimeSequenceCostFactor = 20;
    QTimer m_timeSequenceTimer;
    QElapsedTimer m_sinceTimeSequence;
    qint64 m_timeSequenceCostNs = 0;
};

} // namespace tcplab
