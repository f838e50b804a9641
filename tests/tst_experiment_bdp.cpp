// bdp across the wire: below the bandwidth-delay product a larger receive buffer gives more
// throughput, and the small buffer's rate is about the window it advertised (capture) per RTT.
#include "experiments/bdpexperiment.h"
#include "testsupport.h"
#include "experimenttestsupport.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <thread>

using namespace tcplab;

class TestExperimentBdp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void throughputGrowsWithTheBufferBelowTheBdp();
    void smallBufferRateIsWindowPerRtt();
    void everyWireExperimentStopsWhenCancelled();

private:
    double metric(const char *key) const { return m_result.metrics.value(QLatin1String(key)).toDouble(); }
    ExperimentResult m_result;
};

void TestExperimentBdp::initTestCase()
{
    TCPLAB_RUN_QUICK_WIRE_EXPERIMENT(BdpExperiment, m_result);
}

void TestExperimentBdp::throughputGrowsWithTheBufferBelowTheBdp()
{
    QVERIFY2(metric("rcvbuf_16k_max_window") < metric("rcvbuf_64k_max_window"), qPrintable(m_result.toText()));
    QVERIFY2(metric("rcvbuf_64k_max_window") < metric("bdp_bytes"), qPrintable(m_result.toText()));
    // 4 x the window: well over 1.5 x the rate, however loaded the machine (load only slows).
    QVERIFY2(metric("rcvbuf_64k_mbit") > 1.5 * metric("rcvbuf_16k_mbit"), qPrintable(m_result.toText()));
}

void TestExperimentBdp::smallBufferRateIsWindowPerRtt()
{
    const double measured = metric("rcvbuf_16k_mbit");
    const double model = metric("rcvbuf_16k_window_mbit");
    QVERIFY2(model > 0 && measured > 0.4 * model && measured < 1.2 * model, qPrintable(m_result.toText()));
}

// Cancelled mid-transfer (or mid-handshake), each of the four wire experiments returns Cancelled
// at once instead of running its course (8 to 15 s by default).
void TestExperimentBdp::everyWireExperimentStopsWhenCancelled()
{
    for (const char *name : {"slow-start", "synack-retries", "retransmit", "bdp"}) {
        std::atomic<bool> cancel{false};
        const ExperimentContext context(&cancel, {});
        QElapsedTimer clock;
        clock.start();
        std::atomic<qint64> cancelledAtMs{-1};
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(700));
            cancelledAtMs = clock.elapsed();
            cancel = true;
        });
        const ExperimentResult r = ExperimentRegistry::run(QLatin1String(name), context);
        const qint64 stoppedAfterMs = clock.elapsed() - cancelledAtMs;
        canceller.join();
        if (r.status == ExperimentStatus::Skipped)
            QSKIP(qPrintable(r.reason));
        QVERIFY2(r.status == ExperimentStatus::Cancelled, qPrintable(QLatin1String(name) + QLatin1String(": ") + r.toText()));
        qInfo("%s: returned %lld ms after the cancel", name, stoppedAfterMs);
        // Generous: the point is that it stops, not how fast a loaded machine lets it (a part
        // that ignored the flag would run on for its transfer's full 1 to 3 s).
        QVERIFY2(stoppedAfterMs < 1000, qPrintable(QStringLiteral("%1 returned %2 ms after the cancel").arg(QLatin1String(name)).arg(stoppedAfterMs)));
    }
}

QTEST_GUILESS_MAIN(TestExperimentBdp)
#include "tst_experiment_bdp.moc"
