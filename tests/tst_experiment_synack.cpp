// synack-retries across the wire: from the capture and the server's SYN queue (sock_diag), the
// SYN-ACK retransmitted with doubling gaps exactly tcp_synack_retries times, and the client's SYN
// retries ending in ETIMEDOUT after TCP_SYNCNT.
#include "experiments/synackretriesexperiment.h"
#include "testsupport.h"
#include "experimenttestsupport.h"

#include <QTest>

#include <cerrno>

using namespace tcplab;

class TestExperimentSynAck : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void synAckBacksOffExponentiallyAndStopsAtTheLimit();
    void halfOpenConnectionWaitsInSynRecv();
    void clientGivesUpAfterSynCount();

private:
    QVariant metric(const char *key) const { return m_result.metrics.value(QLatin1String(key)); }
    ExperimentResult m_result;
};

void TestExperimentSynAck::initTestCase()
{
    TCPLAB_RUN_QUICK_WIRE_EXPERIMENT(SynAckRetriesExperiment, m_result);
}

void TestExperimentSynAck::synAckBacksOffExponentiallyAndStopsAtTheLimit()
{
    QCOMPARE(metric("synack_retransmissions").toInt(), metric("synack_retries_set").toInt());
    const QVariantList ratios = metric("synack_gap_ratios").toList();
    QVERIFY2(!ratios.isEmpty(), qPrintable(m_result.toText()));
    for (const QVariant &r : ratios)
        QVERIFY2(r.toDouble() >= 1.6 && r.toDouble() <= 2.5, qPrintable(m_result.toText()));
    QVERIFY(metric("handshake_acks_dropped").toInt() >= metric("synack_retransmissions").toInt());
}

void TestExperimentSynAck::halfOpenConnectionWaitsInSynRecv()
{
    QVERIFY(metric("client_connected_ms").toDouble() >= 0);
    QVERIFY(metric("syn_recv_seen").toBool());
    QCOMPARE(metric("syn_recv_max_retrans").toInt(), metric("synack_retries_set").toInt());
    // The request went away on its own once the retries ran out.
    QVERIFY2(metric("half_open_lifetime_ms").toDouble() > 0, qPrintable(m_result.toText()));
}

void TestExperimentSynAck::clientGivesUpAfterSynCount()
{
    QCOMPARE(metric("client_syn_retransmissions").toInt(), metric("client_syncnt").toInt());
    QCOMPARE(metric("client_connect_errno").toInt(), ETIMEDOUT);
    const QVariantList gaps = metric("client_syn_gaps_ms").toList();
    QVERIFY2(gaps.size() >= 2, qPrintable(m_result.toText()));
    const double ratio = gaps[1].toDouble() / gaps[0].toDouble();
    QVERIFY2(ratio >= 1.6 && ratio <= 2.5, qPrintable(m_result.toText()));
}

QTEST_GUILESS_MAIN(TestExperimentSynAck)
#include "tst_experiment_synack.moc"
