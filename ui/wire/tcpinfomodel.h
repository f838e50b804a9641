// TCP_INFO over time of one connection, both ends, as a table: one row per sample, a time column
// (ms since the capture's first packet, the ladder's origin) and one column per end and metric,
// in the metric's own unit (segments, ms, bit/s). The samples come from a source function (the
// live sampler, or an experiment's recording), read again by refresh().
#pragma once

#include "wire/connectiontracker.h"
#include "wire/tcpinfosampler.h"

#include <QAbstractTableModel>

#include <functional>

namespace tcplab {

class TcpInfoModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Metric { Cwnd, Ssthresh, Srtt, Rttvar, Rto, InFlight, DeliveryRate, MetricCount };
    enum End { Client, Server, EndCount };
    enum Unit { Segments, Milliseconds, BitsPerSecond, UnitCount };
    enum Role { ValueRole = Qt::UserRole + 1 }; // the number (NaN: no value)
    using Source = std::function<QList<wire::TcpInfoSample>(const wire::ConnectionKey &key)>;

    static QString metricName(Metric metric);
    static QString metricCsvName(Metric metric); // "cwnd", "srtt_ms" ...
    static Unit unitOf(Metric metric);
    static QString unitName(Unit unit);
    static QString endName(End end);
    // One sample's value; NaN where the kernel has none (ssthresh before the first loss).
    static double value(const wire::TcpInfoSample &sample, End end, Metric metric);

    explicit TcpInfoModel(QObject *parent = nullptr);

    // Where samples come from; missing says why there are none when there is no source.
    void setSource(Source source, const QString &missing = {});
    bool hasSource() const { return bool(m_source); }
    QString missingReason() const { return m_missing; }
    // The connection shown (connection 0: none) and the time origin (CLOCK_REALTIME ns).
    void setConnection(quint32 connection, const wire::ConnectionKey &key, qint64 originNs);
    quint32 connection() const { return m_connection; }
    qint64 originNs() const { return m_originNs; }
    // Reads the source again (the panel does it when packets arrive, coalesced).
    void refresh();

    const QList<wire::TcpInfoSample> &samples() const { return m_samples; }
    static int column(End end, Metric metric) { return 1 + int(end) * MetricCount + int(metric); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    Source m_source;
    QString m_missing;
    quint32 m_connection = 0;
    wire::ConnectionKey m_key;
    qint64 m_originNs = 0;
    QList<wire::TcpInfoSample> m_samples;
};

} // namespace tcplab
