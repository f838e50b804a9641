// The time-sequence graph (Stevens, tcptrace) of one connection: sequence number against time
// for the direction that carries the data. Each segment is a vertical bar from seq to seq+len
// at the moment it left (orange: a retransmission, red with a cross: dropped by the wire); the
// ACK line is what the other side had acknowledged when it reached the sender, and the window
// line above it (ack + advertised window) is how far the sender may go; the ranges the receiver
// SACKed (the SACK blocks of its ACKs, read from the capture) are purple bars at the moment the
// ACK reached the sender. Slow start, a full window, a loss and its recovery read at a glance.
#pragma once

#include "error.h"

#include "wire/packetdecoder.h"

#include <QList>
#include <QPointF>
#include <QWidget>

namespace tcplab {

class PacketModel;
namespace wire {
struct PacketRow;
}
using PacketRow = wire::PacketRow;

class TimeSequenceView : public QWidget
{
    Q_OBJECT
public:
    struct Segment
    {
        double timeMs = 0;  // since the connection's first packet
        quint32 seq = 0;    // relative
        quint32 end = 0;    // seq + len
        bool retransmission = false;
        bool dropped = false;
    };
    struct SackMark
    {
        double timeMs = 0; // when the ACK carrying the block reached the data sender
        quint32 left = 0;  // relative, like Segment::seq
        quint32 right = 0;
    };
    struct Series
    {
        quint32 connection = 0;
        bool clientSends = true;       // the data direction
        QList<Segment> data;
        QList<QPointF> acks;           // (ms, ack) at the time each ACK reached the data sender
        QList<QPointF> window;         // (ms, ack + window)
        QList<SackMark> sacks;
        // The span drawn: a long transfer keeps only the newest rows (the capture ring's), and
        // the plot shows what is kept, not its place in the whole.
        double minTimeMs = 0;
        double maxTimeMs = 0;
        double minSeq = 0;
        double maxSeq = 0;
    };

    explicit TimeSequenceView(PacketModel *model, QWidget *parent = nullptr);

    // 0: the connection with the most data among the last ones seen.
    void setConnection(quint32 connection);
    Series series() const { return m_series; }
    // Brings the series up to date with the model (the panel does it when packets arrive,
    // coalesced): only the rows that came since the last refresh are read, and the ones the model
    // trimmed leave the series; a new capture, another connection or the data changing direction
    // builds it again.
    void refresh();
    // What the last paint cost (for the panel's refresh rate).
    qint64 lastPaintNs() const { return m_lastPaintNs; }
    // Where a (time, seq) point is drawn, in widget coordinates.
    QPointF pointFor(double timeMs, double seq) const;

    // CSV: one line per mark (kind data/ack/window/sack, time, seq range, flags). PNG: as on screen.
    Error exportCsv(const QString &path) const;
    Error exportPng(const QString &path);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QRectF plotRect() const;
    quint32 newestConnectionWithData();
    void rebuild(quint32 connection);
    void take(const PacketRow &row, quint64 serial);
    void dropTrimmed();
    void updateRanges();

    PacketModel *m_model;
    quint32 m_connection = 0;
    qint64 m_lastPaintNs = 0;
    Series m_series;
    // What the series was built from: the capture (its ring), the next model serial to read, the
    // connection's first packet (time 0), its bytes per direction, the data sender's ISN.
    const void *m_builtRing = nullptr;
    quint64 m_nextSerial = 0;
    qint64 m_startNs = -1;
    quint64 m_bytes[2] = {0, 0};
    bool m_baseKnown = false;
    quint32 m_base = 0;
    double m_maxWindow = 0;
    double m_maxData = 0;
    // The model serial of each point, to drop the ones whose rows the model trimmed.
    QList<quint64> m_dataSerials;
    QList<quint64> m_ackSerials; // acks and window alike
    QList<quint64> m_sackSerials;
    // For "the newest connection with data": the rows scanned so far.
    const void *m_scannedRing = nullptr;
    quint64 m_scannedSerial = 0;
    quint32 m_newestWithData = 0;
};

} // namespace tcplab
