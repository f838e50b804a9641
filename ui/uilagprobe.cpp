#include "uilagprobe.h"

#include <QSaveFile>

#include <algorithm>

namespace tcplab {

UiLagProbe::UiLagProbe(const QString &reportPath, QObject *parent) : QObject(parent), m_path(reportPath)
{
    m_tick.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(IntervalMs);
    connect(&m_tick, &QTimer::timeout, this, &UiLagProbe::onTick);
    m_report.setInterval(1000);
    connect(&m_report, &QTimer::timeout, this, [this] { writeReport(); });
    m_clock.start();
    m_tick.start();
    m_report.start();
}

UiLagProbe::~UiLagProbe()
{
    writeReport();
}

void UiLagProbe::onTick()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_lastNs >= 0) {
        const double late = double(now - m_lastNs) / 1e6 - IntervalMs;
        m_lateMs << std::max(0.0, late);
    }
    m_lastNs = now;
}

QString UiLagProbe::reportLine() const
{
    QList<double> sorted = m_lateMs;
    std::sort(sorted.begin(), sorted.end());
    auto at = [&sorted](double p) {
        if (sorted.isEmpty())
            return 0.0;
        return sorted[std::min<qsizetype>(sorted.size() - 1, qsizetype(p * double(sorted.size() - 1) + 0.5))];
    };
    return QStringLiteral("samples=%1 p50_ms=%2 p99_ms=%3 max_ms=%4")
        .arg(sorted.size())
        .arg(at(0.5), 0, 'f', 3)
        .arg(at(0.99), 0, 'f', 3)
        .arg(sorted.isEmpty() ? 0.0 : sorted.last(), 0, 'f', 3);
}

bool UiLagProbe::writeReport() const
{
    if (m_path.isEmpty())
        return false;
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    file.write(reportLine().toUtf8() + '\n');
    return file.commit();
}

} // namespace tcplab
