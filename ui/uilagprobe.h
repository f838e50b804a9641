// Measures how responsive the GUI thread is: a 10 ms timer notes how late each tick fires. A
// frozen event loop shows up as large lateness. Written to a file every second and at exit,
// as "samples=N p50_ms=.. p99_ms=.. max_ms=..", for the benchmarks.
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

namespace tcplab {

class UiLagProbe : public QObject
{
    Q_OBJECT
public:
    explicit UiLagProbe(const QString &reportPath, QObject *parent = nullptr);
    ~UiLagProbe() override; // writes the final report

    static constexpr int IntervalMs = 10;
    QString reportLine() const;
    bool writeReport() const;
    int sampleCount() const { return int(m_lateMs.size()); }

private:
    void onTick();

    QString m_path;
    QTimer m_tick;
    QTimer m_report;
    QElapsedTimer m_clock;
    qint64 m_lastNs = -1;
    QList<double> m_lateMs;
};

} // namespace tcplab
