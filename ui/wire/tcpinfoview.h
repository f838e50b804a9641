// TCP_INFO over time for one connection, both ends (client solid, server dashed): cwnd,
// ssthresh and in-flight in segments on the left axis, srtt with its rttvar band and rto in ms
// on the right, the delivery rate in bit/s on a second right axis; each metric can be switched
// off. Time runs left to right from the capture's first packet, the ladder's origin, and the
// visible span is the ladder's: the panel keeps the two in step both ways (Ctrl+wheel or +/-
// zooms here, the wheel pans). Every size is derived from the font, so a bigger font (Ctrl+plus)
// scales the lines, margins and legend with it.
#pragma once

#include "error.h"
#include "tcpinfomodel.h"

#include <QPointF>
#include <QWidget>

class QCheckBox;
class QLabel;

namespace tcplab {

class TcpInfoPlot;

class TcpInfoView : public QWidget
{
    Q_OBJECT
public:
    explicit TcpInfoView(TcpInfoModel *model, QWidget *parent = nullptr);

    TcpInfoModel *model() const { return m_model; }
    QWidget *plot() const;
    QCheckBox *metricBox(TcpInfoModel::Metric metric) const { return m_metricBoxes[metric]; }
    QCheckBox *endBox(TcpInfoModel::End end) const { return m_endBoxes[end]; }
    bool metricShown(TcpInfoModel::Metric metric) const;
    bool endShown(TcpInfoModel::End end) const;

    // The time span shown, CLOCK_REALTIME ns (to <= from: the whole series).
    void setVisibleRange(qint64 fromNs, qint64 toNs);
    qint64 visibleFromNs() const { return m_fromNs; }
    qint64 visibleToNs() const { return m_toNs; }
    // Zoom by factor (< 1: in) around a time, or pan by a fraction of the span; as a user does,
    // so the view asks for the new span through visibleRangeRequested().
    void zoom(double factor, qint64 anchorNs = -1);
    void pan(double fraction);

    // Where the last paint drew one end's metric, in plot coordinates (sample points, in time order).
    QList<QPointF> curve(TcpInfoModel::End end, TcpInfoModel::Metric metric) const;
    double xForNs(qint64 ns) const;

    // CSV: every sample of the connection (TcpInfoModel's columns). PNG: the plot as on screen.
    Error exportCsv(const QString &path) const;
    Error exportPng(const QString &path) const;

signals:
    // The user zoomed or panned: the span the ladder should show too.
    void visibleRangeRequested(qint64 fromNs, qint64 toNs);

private:
    friend class TcpInfoPlot;
    void updateTitle();

    TcpInfoModel *m_model;
    TcpInfoPlot *m_plot;
    QLabel *m_title;
    QCheckBox *m_metricBoxes[TcpInfoModel::MetricCount] = {};
    QCheckBox *m_endBoxes[TcpInfoModel::EndCount] = {};
    qint64 m_fromNs = 0;
    qint64 m_toNs = 0;
};

} // namespace tcplab
