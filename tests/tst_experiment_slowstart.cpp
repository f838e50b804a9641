// slow-start across the wire: the direction of the effect from the sender's TCP_INFO and the
// capture (the window doubling per round trip, slow start again after an idle period only with
// tcp_slow_start_after_idle=1), never from a timing alone.
#include "experiments/slowstartexperiment.h"
#include "testsupport.h"
#include "experimenttestsupport.h"

#include <QJsonObject>
#include <QTest>

using namespace tcplab;

class TestExperimentSlowStart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void windowDoublesPerRoundTrip();
    void pauseRestartsSlowStartOnlyWithAfterIdle();
    void jsonKeysAreStable();

private:
    double metric(const char *key) const { return m_result.metrics.value(QLatin1String(key)).toDouble(); }
    ExperimentResult m_result;
};

void TestExperimentSlowStart::initTestCase()
{
    TCPLAB_RUN_QUICK_WIRE_EXPERIMENT(SlowStartExperiment, m_result);
}

void TestExperimentSlowStart::windowDoublesPerRoundTrip()
{
    QVERIFY(m_result.metrics.value("reno_ran").toBool());
    // Linux starts at 10 segments (RFC 6928) and adds one per segment ACKed: x2 per round trip.
    QCOMPARE(int(metric("reno_initial_cwnd")), 10);
    const double byCwnd = metric("reno_cwnd_growth");
    const double byCapture = metric("reno_segment_growth");
    QVERIFY2(byCwnd >= 1.6 && byCwnd <= 2.5, qPrintable(m_result.toText()));
    QVERIFY2(byCapture >= 1.5 && byCapture <= 2.6, qPrintable(m_result.toText()));
    // The bottleneck's queue overflowed and that loss ended slow start.
    QVERIFY2(metric("reno_first_loss_ms") > 0 && metric("reno_ssthresh_after") > 0, qPrintable(m_result.toText()));
}

void TestExperimentSlowStart::pauseRestartsSlowStartOnlyWithAfterIdle()
{
    const double initial = metric("reno_initial_cwnd");
    const double onBefore = metric("idle_on_cwnd_before");
    const double onAfter = metric("idle_on_cwnd_after");
    const double offBefore = metric("idle_off_cwnd_before");
    const double offAfter = metric("idle_off_cwnd_after");
    QVERIFY2(onBefore >= 3 * initial && offBefore >= 3 * initial, qPrintable(m_result.toText()));
    // On: halved per RTO idle, down to the initial window; off: kept.
    QVERIFY2(onAfter <= 2 * initial && onAfter * 2 <= onBefore, qPrintable(m_result.toText()));
    QVERIFY2(offAfter >= 0.9 * offBefore, qPrintable(m_result.toText()));
}

void TestExperimentSlowStart::jsonKeysAreStable()
{
    const QJsonObject metrics = m_result.toJson().value("metrics").toObject();
    for (const char *key : {"reno_ran", "cubic_ran", "bbr_ran", "reno_cwnd_growth", "cubic_cwnd_growth", "bbr_mbit", "idle_on_cwnd_after",
                            "idle_off_cwnd_after", "series", "wire", "allowed_congestion_controls"})
        QVERIFY2(metrics.contains(QLatin1String(key)), key);
    QCOMPARE(metrics.value("cubic_ran").toBool(), false); // the quick run leaves it out, under the same key
}

QTEST_GUILESS_MAIN(TestExperimentSlowStart)
#include "tst_experiment_slowstart.moc"
