// Measures how responsive the GUI thread is: a timer is due every 10 ms and every tick that fell
// due counts, each with its own lateness (the time it was served minus the time it was due). A
// tick that never fired because the loop was frozen is served by the next firing, so a 500 ms
// freeze weighs as ~50 late ticks (from ~500 ms down to 0), not as one late sample among
// hundreds. Written every second and at exit to FILE as "samples=N p50_ms=.. p99_ms=..
// max_ms=..", and tick by tick to FILE.ticks as "due_ms served_ms" (CLOCK_MONOTONIC
// milliseconds), so that a benchmark can keep only the ticks due inside its load window.
//
// It also counts the paint events of the named widgets (a scroll area's viewport counts for the
// scroll area, its frame does not), written every second to FILE.paints as "t_ms name=count ..." (counts since the
// start): a benchmark reads how often each view redrew under load.
#pragma once

#include <QHash>
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
    bool writeReport();
    int sampleCount() const { return int(m_lateMs.size()); }
    const QList<double> &latenessMs() const { return m_lateMs; }
    // The longest span without serving the timer: a freeze of D ms reads >= D.
    double longestStallMs() const { return m_longestStallMs; }
    QString ticksPath() const;
    QString paintsPath() const;
    // Paint events so far of the widget with that objectName (or the scroll area of a viewport).
    int paintCount(const QString &name) const { return m_paints.value(name); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Tick
    {
        qint64 dueNs;
        qint64 servedNs;
    };
    void onTick();

    QString m_path;
    QTimer m_tick;
    QTimer m_report;
    qint64 m_lastNs = -1;
    double m_longestStallMs = 0.0;
    QList<double> m_lateMs;
    QList<Tick> m_unwritten;
    QHash<QString, int> m_paints;
};

} // namespace tcplab
