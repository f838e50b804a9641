// retransmit across the wire: from the capture and TCP_INFO, the RTO's retransmissions of the
// oldest segment with doubling gaps during a cut, ETIMEDOUT under TCP_USER_TIMEOUT, a fast
// retransmit after duplicate ACKs before the RTO, and less throughput with more loss.
#include "experiments/retransmitexperiment.h"
#include "testsupport.h"
#include "experimenttestsupport.h"

#include <QTest>

#include <cerrno>

using namespace tcplab;

class TestExperimentRetransmit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rtoDoublesDuringACut();
    void userTimeoutGivesUp();
    void oneLossIsRepairedByAFastRetransmit();
    void moreLossLessThroughput();

private:
    QVariant metric(const char *key) const { return m_result.metrics.value(QLatin1String(key)); }
    ExperimentResult m_result;
};

void TestExperimentRetransmit::initTestCase()
{
    TCPLAB_RUN_QUICK_WIRE_EXPERIMENT(RetransmitExperiment, m_result);
}

void TestExperimentRetransmit::rtoDoublesDuringACut()
{
    const QVariantList ratios = metric("cut_gap_ratios").toList();
    QVERIFY2(ratios.size() >= 1, qPrintable(m_result.toText()));
    for (const QVariant &r : ratios)
        QVERIFY2(r.toDouble() >= 1.6 && r.toDouble() <= 2.5, qPrintable(m_result.toText()));
    // TCP_INFO's RTO grew with each timeout.
    const QVariantList rto = metric("cut_rto_series").toList();
    QVERIFY2(rto.size() >= 2, qPrintable(m_result.toText()));
    for (qsizetype i = 1; i < rto.size(); ++i)
        QVERIFY2(rto[i].toMap().value("rto_ms").toDouble() > rto[i - 1].toMap().value("rto_ms").toDouble(), qPrintable(m_result.toText()));
    // The link came back and data flowed again.
    QVERIFY2(metric("cut_bytes_after_restore").toLongLong() > 0, qPrintable(m_result.toText()));
}

void TestExperimentRetransmit::userTimeoutGivesUp()
{
    QCOMPARE(metric("user_timeout_errno").toInt(), ETIMEDOUT);
    QVERIFY(metric("default_give_up_s").toDouble() > 60 * metric("user_timeout_ms").toDouble() / 1000);
}

void TestExperimentRetransmit::oneLossIsRepairedByAFastRetransmit()
{
    QVERIFY(metric("fast_drop_seen").toBool());
    QVERIFY2(metric("fast_dup_acks").toInt() >= 1 && metric("fast_sack_dup_acks").toInt() >= 1, qPrintable(m_result.toText()));
    QVERIFY2(metric("fast_retransmit_after_ms").toDouble() > 0, qPrintable(m_result.toText()));
    QVERIFY2(metric("fast_retransmit_after_ms").toDouble() < metric("fast_rto_ms").toDouble(), qPrintable(m_result.toText()));
}

void TestExperimentRetransmit::moreLossLessThroughput()
{
    const QVariantList series = metric("loss_series").toList();
    QVERIFY(series.size() >= 2);
    const QVariantMap clean = series.first().toMap();
    const QVariantMap lossy = series.last().toMap();
    QVERIFY(lossy.value("loss_percent").toDouble() > clean.value("loss_percent").toDouble());
    QCOMPARE(lossy.value("congestion_control").toString(), QStringLiteral("reno"));
    QVERIFY2(lossy.value("retransmitted").toInt() > 0, qPrintable(m_result.toText()));
    QVERIFY2(lossy.value("mbit").toDouble() < clean.value("mbit").toDouble(), qPrintable(m_result.toText()));
}

QTEST_GUILESS_MAIN(TestExperimentRetransmit)
#include "tst_experiment_retransmit.moc"
