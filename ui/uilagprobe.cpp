#include "uilagprobe.h"

#include <QAbstractScrollArea>
#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QSaveFile>
#include <QWidget>

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
        QFile paints(paintsPath());
        if (paints.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
            paints.write("# t_ms (CLOCK_MONOTONIC) name=paint events so far, of every named widget\n");
    }
    if (QCoreApplication *app = QCoreApplication::instance())
        app->installEventFilter(this);
    m_tick.start();
    m_report.start();
}

bool UiLagProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && watched->isWidgetType()) {
        // A scroll area draws its content in its viewport (which has a generic name); its own
        // paint events draw only the frame and the scroll bars' corner.
        if (qobject_cast<QAbstractScrollArea *>(watched))
            return false;
        QString name = watched->objectName();
        if (auto *area = qobject_cast<QAbstractScrollArea *>(watched->parent()); area && area->viewport() == watched)
            name = area->objectName();
        if (!name.isEmpty() && !name.startsWith(QLatin1String("qt_")))
            ++m_paints[name];
    }
    return false;
}

QString UiLagProbe::paintsPath() const
{
    return m_path + QStringLiteral(".paints");
}

UiLagProbe::~UiLagProbe()
{
    if (QCoreApplication *app = QCoreApplication::instance())
        app->removeEventFilter(this);
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
    QFile paints(paintsPath());
    if (paints.open(QIODevice::Append | QIODevice::Text)) {
        QByteArray line = QByteArray::number(double(monotonicNs()) / 1e6, 'f', 3);
        for (auto it = m_paints.cbegin(); it != m_paints.cend(); ++it)
            line += ' ' + it.key().toUtf8() + '=' + QByteArray::number(it.value());
        paints.write(line + '\n');
    }
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    file.write(reportLine().toUtf8() + '\n');
    return file.commit();
}

} // namespace tcplab
