// The experiments over IPv6: dual-stack (who a listener on [::] lets in with IPV6_V6ONLY off and
// on, as which address, and where a separate 0.0.0.0 listener meets EADDRINUSE), and reuseport /
// reuseaddr repeated on [::1]. Each reads what the run found; none of it is timing.
#include "experiments/dualstackexperiment.h"
#include "experiments/experimentsupport.h"
#include "experiments/reuseaddrexperiment.h"
#include "experiments/reuseportexperiment.h"
#include "experimenttestsupport.h"
#include "netns/networknamespace.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

using namespace tcplab;

namespace {

QByteArray describe(const ExperimentResult &r)
{
    return r.toText().toUtf8();
}

} // namespace

class TestExperimentDualStack : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void v6OnlyOffTakesIPv4AsMappedAndHoldsTheIPv4Port();
    void v6OnlyOnRefusesIPv4AndLeavesTheIPv4Port();
    void defaultIsTheNamespacesBindV6Only();
    void unavailableIPv6IsOneLine();
    void cliJson();
    void reusePortSpreadsOverIPv6Listeners();
    void reuseAddrDecidesTheIPv6RestartBesideTimeWait();

private:
    QVariant metric(const char *key) const { return m_result.metrics.value(QLatin1String(key)); }
    ExperimentResult m_result;
};

void TestExperimentDualStack::initTestCase()
{
    TCPLAB_REQUIRE_IPV6();
    DualStackExperiment e;
    m_result = e.run(ExperimentContext());
    TCPLAB_REQUIRE_COMPLETED(m_result, "skipped by the experiment: ");
}

void TestExperimentDualStack::v6OnlyOffTakesIPv4AsMappedAndHoldsTheIPv4Port()
{
    const QByteArray text = describe(m_result);
    QCOMPARE(metric("v6only_off.read_back").toInt(), 0);
    QVERIFY2(metric("v6only_off.ipv4.connected").toBool(), text.constData());
    QCOMPARE(metric("v6only_off.ipv4.accepted_by").toString(), QStringLiteral("[::]:%1").arg(metric("port").toInt()));
    QCOMPARE(metric("v6only_off.ipv4.peer").toString(), QStringLiteral("::ffff:127.0.0.1"));
    QCOMPARE(metric("v6only_off.ipv4.mapped").toBool(), true);
    QCOMPARE(metric("v6only_off.ipv6.peer").toString(), QStringLiteral("::1"));
    QCOMPARE(metric("v6only_off.ipv6.mapped").toBool(), false);
    QCOMPARE(metric("v6only_off.ipv4_listener.bound").toBool(), false);
    QCOMPARE(metric("v6only_off.ipv4_listener.errno").toString(), QStringLiteral("EADDRINUSE"));
    // The IPv4 client that came after the failed bind still reached [::].
    QCOMPARE(metric("v6only_off.ipv4_after.peer").toString(), QStringLiteral("::ffff:127.0.0.1"));
    QVERIFY2(m_result.findings.join('\n').contains(QLatin1String("::ffff:127.0.0.1")), text.constData());
}

void TestExperimentDualStack::v6OnlyOnRefusesIPv4AndLeavesTheIPv4Port()
{
    const QByteArray text = describe(m_result);
    const QString port = metric("port").toString();
    QCOMPARE(metric("v6only_on.read_back").toInt(), 1);
    QCOMPARE(metric("v6only_on.ipv4.connected").toBool(), false);
    QCOMPARE(metric("v6only_on.ipv4.errno").toString(), QStringLiteral("ECONNREFUSED"));
    QVERIFY2(metric("v6only_on.ipv6.connected").toBool(), text.constData());
    QCOMPARE(metric("v6only_on.ipv6.accepted_by").toString(), QStringLiteral("[::]:") + port);
    QCOMPARE(metric("v6only_on.ipv6.peer").toString(), QStringLiteral("::1"));
    QCOMPARE(metric("v6only_on.ipv4_listener.bound").toBool(), true);
    // With both listening, IPv4 goes to the IPv4 listener, as a plain IPv4 address.
    QCOMPARE(metric("v6only_on.ipv4_after.accepted_by").toString(), QStringLiteral("0.0.0.0:") + port);
    QCOMPARE(metric("v6only_on.ipv4_after.peer").toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(m_result.chart.categories.size(), 2);
    QCOMPARE(m_result.chart.series.size(), 3);
    QCOMPARE(m_result.chart.series[0].values, (QList<double>{1, 0})); // IPv4 into [::]
    QCOMPARE(m_result.chart.series[1].values, (QList<double>{1, 1})); // IPv6 into [::]
    QCOMPARE(m_result.chart.series[2].values, (QList<double>{0, 1})); // 0.0.0.0 bind
}

void TestExperimentDualStack::defaultIsTheNamespacesBindV6Only()
{
    // A new AF_INET6 socket starts with the namespace's net.ipv6.bindv6only.
    QCOMPARE(metric("default_v6only").toInt(), metric("bindv6only.namespace").toInt());
    QFile host(QStringLiteral("/proc/sys/net/ipv6/bindv6only"));
    QVERIFY(host.open(QIODevice::ReadOnly));
    QCOMPARE(metric("bindv6only.host").toInt(), host.readAll().trimmed().toInt());
}

// Where IPv6 is disabled the experiment is Skipped with one line naming the sysctl, not Failed.
void TestExperimentDualStack::unavailableIPv6IsOneLine()
{
    ExperimentResult r;
    Error setError;
    const Error nsError = netns::runInPrivateNetworkNamespace([&] {
        setError = netns::writeSysctl(QStringLiteral("net.ipv6.conf.all.disable_ipv6"), QStringLiteral("1"));
        if (setError)
            return;
        DualStackExperiment e;
        e.privateNamespace = false;
        r = e.run(ExperimentContext());
    });
    if (nsError)
        QSKIP(qPrintable(QStringLiteral("no private network namespace to disable IPv6 in: ") + nsError.text()));
    QVERIFY2(!setError, qPrintable(setError.text()));
    QCOMPARE(r.status, ExperimentStatus::Skipped);
    QVERIFY2(r.reason.contains(QLatin1String("disable_ipv6 = 1")), qPrintable(r.reason));
    QVERIFY(!r.reason.contains(QLatin1Char('\n')));
    QVERIFY(r.findings.isEmpty());
    QVERIFY(lab::ipv6UnavailableReason().isEmpty()); // this namespace untouched
}

void TestExperimentDualStack::cliJson()
{
    QProcess p;
    p.start(QString::fromLocal8Bit(qgetenv("TCPLAB_BINARY")), {QStringLiteral("--experiment"), QStringLiteral("dual-stack"), QStringLiteral("--json")});
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(o.value("name").toString(), QStringLiteral("dual-stack"));
    QCOMPARE(o.value("status").toString(), QStringLiteral("completed"));
    const QJsonObject m = o.value("metrics").toObject();
    QCOMPARE(m.value("v6only_off.ipv4.peer").toString(), QStringLiteral("::ffff:127.0.0.1"));
    QCOMPARE(m.value("v6only_on.ipv4.errno").toString(), QStringLiteral("ECONNREFUSED"));
    QVERIFY(o.value("findings").toArray().size() >= 5);
}

// The same listeners on [::1]: every connection accepted, more than one listener used, a
// listener without the option refused with EADDRINUSE, one with it let in.
void TestExperimentDualStack::reusePortSpreadsOverIPv6Listeners()
{
    ReusePortExperiment e;
    e.clients = 30;
    const ExperimentResult r = e.run(ExperimentContext());
    TCPLAB_REQUIRE_COMPLETED(r, "skipped by the experiment: ");
    const QByteArray text = describe(r);
    QCOMPARE(r.metrics.value("ipv6.available").toBool(), true);
    QCOMPARE(r.metrics.value("ipv6.accepted_total").toInt(), e.clients);
    QVERIFY2(r.metrics.value("ipv6.listeners_used").toInt() > 1, text.constData());
    QCOMPARE(r.metrics.value("ipv6.per_listener").toList().size(), e.listeners);
    QCOMPARE(r.metrics.value("ipv6.bind_without_option_ok").toBool(), false);
    QCOMPARE(r.metrics.value("ipv6.bind_without_option_errno").toString(), QStringLiteral("EADDRINUSE"));
    QCOMPARE(r.metrics.value("ipv6.bind_with_option_ok").toBool(), true);
    QVERIFY(r.table(QStringLiteral("Connections per listener over IPv6 ([::1]:%1)").arg(r.metrics.value("ipv6.port").toInt())));
    QCOMPARE(r.chart.series.size(), 2); // IPv4 and IPv6 side by side
    QVERIFY2(r.findings.join('\n').contains(QLatin1String("IPv6 ([::1]:")), text.constData());
}

// On [::1] as on 127.0.0.1: the restart beside TIME_WAIT fails without SO_REUSEADDR and works
// with it; a second live listener fails either way.
void TestExperimentDualStack::reuseAddrDecidesTheIPv6RestartBesideTimeWait()
{
    ReuseAddrExperiment e;
    const ExperimentResult r = e.run(ExperimentContext());
    TCPLAB_REQUIRE_COMPLETED(r, "skipped by the experiment: ");
    const QByteArray text = describe(r);
    QCOMPARE(r.metrics.value("ipv6.available").toBool(), true);
    QVERIFY2(!r.metrics.contains("ipv6.error"), text.constData());
    QVERIFY2(r.metrics.value("ipv6.without.time_wait").toInt() > 0, text.constData());
    QCOMPARE(r.metrics.value("ipv6.without.bound").toBool(), false);
    QCOMPARE(r.metrics.value("ipv6.without.errno").toString(), QStringLiteral("EADDRINUSE"));
    QVERIFY2(r.metrics.value("ipv6.with.time_wait").toInt() > 0, text.constData());
    QCOMPARE(r.metrics.value("ipv6.with.bound").toBool(), true);
    QCOMPARE(r.metrics.value("ipv6.two_listeners.bound").toBool(), false);
    QCOMPARE(r.metrics.value("ipv6.two_listeners.errno").toString(), QStringLiteral("EADDRINUSE"));
}

QTEST_GUILESS_MAIN(TestExperimentDualStack)
#include "tst_experiment_dualstack.moc"
