#include "uilagprobe.h"

#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <chrono>

namespace tcplab {

namespace {

// steady_clock is CLOCK_MONOTONIC on Linux: the clock a benchmark script reads too.
qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace

UiLagProbe::UiLagProbe(const QString &reportPath, QObject *parent) : QObject(parent), m_path(reportPath)
{
    m_tick.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(IntervalMs);
    connect(&m_tick, &QTimer::timeout, this, &UiLagProbe::onTick);
    m_report.setInterval(1000);
    connect(&m_report, &QTimer::timeout, this, [this] { writeReport(); });
    if (!m_path.isEmpty()) {
        QFile ticks(ticksPath());
        if (ticks.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
            ticks.write("# due_ms served_ms (CLOCK_MONOTONIC ms): every tick of the 10 ms GUI-thread timer that fell due\n");
    }
    m_tick.start();
    m_report.start();
}

UiLagProbe::~UiLagProbe()
{
    writeReport();
}

QString UiLagProbe::ticksPath() const
{
    return m_path + QStringLiteral(".ticks");
}

void UiLagProbe::onTick()
{
    const qint64 now = monotonicNs();
    if (m_lastNs >= 0) {
        // Every tick due since the last firing waited until now: a frozen loop served none of
        // them, so each counts with its own lateness (at least one sample per firing).
        const qint64 interval = qint64(IntervalMs) * 1000000;
        qint64 due = m_lastNs + interval;
        do {
            m_lateMs << double(std::max<qint64>(0, now - due)) / 1e6;
            if (!m_path.isEmpty())
                m_unwritten << Tick{due, now};
            due += interval;
        } while (due <= now);
        m_longestStallMs = std::max(m_longestStallMs, double(now - m_lastNs) / 1e6);
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

bool UiLagProbe::writeReport()
{
    if (m_path.isEmpty())
        return false;
    QFile ticks(ticksPath());
    if (ticks.open(QIODevice::Append | QIODevice::Text)) {
        QByteArray lines;
        for (const Tick &t : std::as_const(m_unwritten))
            lines += QByteArray::number(double(t.dueNs) / 1e6, 'f', 3) + ' ' + QByteArray::number(double(t.servedNs) / 1e6, 'f', 3) + '\n';
        ticks.write(lines);
    }
    m_unwritten.clear(); // a tick file that cannot be written must not grow the memory
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    file.write(reportLine().toUtf8() + '\n');
    return file.commit();
}

} // namespace tcplab
