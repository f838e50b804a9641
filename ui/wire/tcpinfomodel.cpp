#include "tcpinfomodel.h"

#include <cmath>
#include <limits>

namespace tcplab {

namespace {
constexpr quint32 kInfiniteSsthresh = 0x7fffffff; // TCP_INFINITE_SSTHRESH: no loss seen yet
}

QString TcpInfoModel::metricName(Metric metric)
{
    switch (metric) {
    case Cwnd: return tr("cwnd");
    case Ssthresh: return tr("ssthresh");
    case Srtt: return tr("srtt");
    case Rttvar: return tr("rttvar");
    case Rto: return tr("rto");
    case InFlight: return tr("in flight");
    case DeliveryRate: return tr("delivery rate");
    case MetricCount: break;
    }
    return {};
}

QString TcpInfoModel::metricCsvName(Metric metric)
{
    static const char *const names[] = {"cwnd", "ssthresh", "srtt_ms", "rttvar_ms", "rto_ms", "in_flight", "delivery_rate_bps"};
    return QLatin1String(names[int(metric)]);
}

TcpInfoModel::Unit TcpInfoModel::unitOf(Metric metric)
{
    switch (metric) {
    case Srtt:
    case Rttvar:
    case Rto: return Milliseconds;
    case DeliveryRate: return BitsPerSecond;
    default: return Segments;
    }
}

QString TcpInfoModel::unitName(Unit unit)
{
    switch (unit) {
    case Segments: return tr("segments");
    case Milliseconds: return tr("ms");
    case BitsPerSecond: return tr("bit/s");
    case UnitCount: break;
    }
    return {};
}

QString TcpInfoModel::endName(End end)
{
    return end == Client ? tr("client") : tr("server");
}

double TcpInfoModel::value(const wire::TcpInfoSample &sample, End end, Metric metric)
{
    const TcpInfoSnapshot &s = end == Client ? sample.client : sample.server;
    constexpr double none = std::numeric_limits<double>::quiet_NaN();
    if (!s.valid)
        return none;
    switch (metric) {
    case Cwnd: return s.sndCwnd;
    case Ssthresh: return s.sndSsthresh >= kInfiniteSsthresh ? none : double(s.sndSsthresh);
    case Srtt: return s.rttUs / 1000.0;
    case Rttvar: return s.rttVarUs / 1000.0;
    case Rto: return s.rtoUs / 1000.0;
    case InFlight: return s.unacked; // tcpi_unacked is packets_out
    case DeliveryRate: return double(s.deliveryRate) * 8;
    case MetricCount: break;
    }
    return none;
}

TcpInfoModel::TcpInfoModel(QObject *parent) : QAbstractTableModel(parent) {}

void TcpInfoModel::setSource(Source source, const QString &missing)
{
    m_source = std::move(source);
    m_missing = missing;
    refresh();
}

void TcpInfoModel::setConnection(quint32 connection, const wire::ConnectionKey &key, qint64 originNs)
{
    if (connection == m_connection && key == m_key && originNs == m_originNs)
        return;
    m_connection = connection;
    m_key = key;
    m_originNs = originNs;
    refresh();
}

void TcpInfoModel::refresh()
{
    beginResetModel();
    m_samples = m_source && m_connection != 0 ? m_source(m_key) : QList<wire::TcpInfoSample>{};
    endResetModel();
}

int TcpInfoModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_samples.size());
}

int TcpInfoModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1 + int(EndCount) * int(MetricCount);
}

QVariant TcpInfoModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_samples.size() || (role != Qt::DisplayRole && role != ValueRole))
        return {};
    const wire::TcpInfoSample &s = m_samples[index.row()];
    double v;
    if (index.column() == 0) {
        v = double(s.timeNs - m_originNs) / 1e6;
    } else {
        const int c = index.column() - 1;
        v = value(s, End(c / MetricCount), Metric(c % MetricCount));
    }
    if (role == ValueRole)
        return v;
    if (std::isnan(v))
        return QString();
    return index.column() == 0 || unitOf(Metric((index.column() - 1) % MetricCount)) == Milliseconds ? QString::number(v, 'f', 3)
                                                                                                       : QString::number(qint64(v));
}

QVariant TcpInfoModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == 0)
        return QStringLiteral("time_ms");
    const int c = section - 1;
    return QStringLiteral("%1_%2").arg(End(c / MetricCount) == Client ? QStringLiteral("client") : QStringLiteral("server"),
                                       metricCsvName(Metric(c % MetricCount)));
}

} // namespace tcplab
