// bdp across the wire: below the bandwidth-delay product a larger receive buffer gives more
// throughput, and the small buffer's rate is about the window it advertised (capture) per RTT.
#include "experiments/bdpexperiment.h"
#include "testsupport.h"

#include <QTest>

using namespace tcplab;

class TestExperimentBdp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void throughputGrowsWithTheBufferBelowTheBdp();
    void smallBufferRateIsWindowPerRtt();

private:
    double metric(const char *key) const { return m_result.metrics.value(QLatin1String(key)).toDouble(); }
    ExperimentResult m_result;
};

void TestExperimentBdp::initTestCase()
{
    BdpExperiment e;
    e.quick = true;
    m_result = e.run(ExperimentContext());
    if (m_result.status == ExperimentStatus::Skipped)
        QSKIP(qPrintable(QStringLiteral("the wire is not available here: ") + m_result.reason));
    QVERIFY2(m_result.completed(), qPrintable(m_result.toText()));
    qInfo("%s", qPrintable(m_result.findings.join(QLatin1Char('\n'))));
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

QTEST_GUILESS_MAIN(TestExperimentBdp)
#include "tst_experiment_bdp.moc"
