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

#include <QHash>
#include <QList>
#include <QPointF>
#include <QVarLengthArray>
#include <QWidget>

namespace tcplab {

class PacketModel;

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
        double maxTimeMs = 0;
        double maxSeq = 0;
    };

    explicit TimeSequenceView(PacketModel *model, QWidget *parent = nullptr);

    // 0: the connection with the most data among the last ones seen.
    void setConnection(quint32 connection);
    Series series() const { return m_series; }
    // Recomputes the series from the model (the panel does it when packets arrive, coalesced).
    void refresh();
    // Where a (time, seq) point is drawn, in widget coordinates.
    QPointF pointFor(double timeMs, double seq) const;

    // CSV: one line per mark (kind data/ack/window/sack, time, seq range, flags). PNG: as on screen.
    Error exportCsv(const QString &path) const;
    Error exportPng(const QString &path);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QRectF plotRect() const;
    PacketModel *m_model;
    quint32 m_connection = 0;
    Series m_series;
    // The SACK blocks of the packets read so far (by the relay's index), so that a refresh reads
    // and decodes each packet from the ring once.
    QHash<quint64, QVarLengthArray<wire::SackBlock, 2>> m_sackBlocks;
};

} // namespace tcplab
