// The Packets tab: the packet list (PacketModel) and, beside it, the ladder diagram of the same
// rows; under them the time-sequence graph and TCP_INFO over time (one tab each); a filter by
// connection and by flags, follow-live or frozen, and one selection shared by the list and the
// ladder. The TCP_INFO view shows the ladder's time span and zooms it. The same panel shows a
// live wire (watchWire) or an experiment's finished run (showRecording).
#pragma once

#include "error.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;
class QTabWidget;

namespace tcplab {

struct CaptureRecording;
class LadderView;
class PacketModel;
class TcpInfoModel;
class TcpInfoView;
class TimeSequenceView;

namespace wire {
class TcpInfoSampler;
class TcpInfoSamplerThread;
class Wire;
} // namespace wire

class PacketsPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxMenuConnections = 2000;
    enum Export { PcapExport, PacketsCsvExport, LadderPngExport, TimeSequencePngExport, TimeSequenceCsvExport, TcpInfoPngExport,
                  TcpInfoCsvExport, ExportCount };
    explicit PacketsPanel(QWidget *parent = nullptr);
    ~PacketsPanel() override;

    // TCP_INFO of every connection on this wire, both ends, sampled from the two sides' socket
    // lists while packets move (call after the model has the wire's ring), on a thread of the
    // sampler's own. stopWatchingWire() before the wire goes: it joins that thread (a few ms)
    // and the series stay on screen.
    void watchWire(wire::Wire *wire);
    void stopWatchingWire();
    // A finished run (an experiment's): its packets, drop rules and TCP_INFO series, frozen.
    void showRecording(std::shared_ptr<const CaptureRecording> recording);

    PacketModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    LadderView *ladder() const { return m_ladder; }
    TimeSequenceView *timeSequence() const { return m_timeSequence; }
    TcpInfoView *tcpInfo() const { return m_tcpInfo; }
    TcpInfoModel *tcpInfoModel() const { return m_tcpInfoModel; }
    QTabWidget *graphTabs() const { return m_graphs; }
    // The live wire's sampler and its thread (nullptr: not watching a wire).
    const wire::TcpInfoSamplerThread *tcpInfoSampler() const { return m_sampler.get(); }
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
    Error exportView(Export what, const QString &path) const;

private:
    void updateConnections();
    void updateCount();
    void onPacketsUpdated();
    void askAndExport(Export what);
    void refreshTimeSequence();
    void updateTcpInfoConnection();

    PacketModel *m_model;
    QTableView *m_view;
    LadderView *m_ladder;
    TimeSequenceView *m_timeSequence;
    TcpInfoModel *m_tcpInfoModel;
    TcpInfoView *m_tcpInfo;
    QTabWidget *m_graphs;
    std::unique_ptr<wire::TcpInfoSamplerThread> m_sampler; // sampling on a thread of its own
    std::shared_ptr<const CaptureRecording> m_recording;
    QComboBox *m_connection;
    QComboBox *m_flags;
    QCheckBox *m_follow;
    QLabel *m_count;
    QPushButton *m_export;
    QSplitter *m_splitter;
    // The graph takes the new rows and repaints the plot: coalesced to at most one refresh per
    // kTimeSequenceCostFactor times what the last one and its paint cost (a twentieth of the GUI
    // thread at most).
    static constexpr int kTimeSequenceCostFactor = 20;
    QTimer m_timeSequenceTimer;
    QElapsedTimer m_sinceTimeSequence;
    qint64 m_timeSequenceCostNs = 0;
};

} // namespace tcplab
