// Each guided experiment against the real kernel: the tests check the direction of the effect
// (which side is larger, what fails, what succeeds), never a timing.
#include "experiments/acceptqueueexperiment.h"
#include "experiments/buffersexperiment.h"
#include "experiments/experiment.h"
#include "experiments/experimentrunner.h"
#include "experiments/experimentsupport.h"
#include "experiments/fastopenexperiment.h"
#include "experiments/keepaliveexperiment.h"
#include "experiments/nagleexperiment.h"
#include "experiments/reuseaddrexperiment.h"
#include "experiments/reuseportexperiment.h"
#include "netns/networknamespace.h"
#include "procnet.h"
#include "systemlimits.h"
#include "testsupport.h"
#include "usernamespace.h"

#include <QFile>
#include <QJsonArray>
#include <QNetworkInterface>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <numeric>

using namespace tcplab;

namespace {

QByteArray describe(const ExperimentResult &r)
{
    return r.toText().toUtf8();
}

// Fails the test unless the experiment completed; prints the whole result otherwise.
#define REQUIRE_COMPLETED(result)                                                                              \
    do {                                                                                                       \
        if ((result).status == ExperimentStatus::Skipped)                                                      \
            QSKIP(qPrintable(QStringLiteral("skipped by the experiment: ") + (result).reason));               \
        QVERIFY2((result).completed(), describe(result).constData());                                          \
    } while (false)

// A loopback segment is at most 64 KiB and a receiver advertises about half its buffer, so up to
// 2 x 64 KiB (effective) the buffer bounds each exchange. Above it the copying does, and larger
// buffers measured SLOWER on this machine: 512 KiB gave 0.57-0.87 x the rate of 128 KiB (four
// runs of the experiment's defaults), the capped 8 MiB 0.24-2.6 x (twenty runs of this test).
// So the direction is asserted where it is a property of TCP, not of this machine's caches.
constexpr qlonglong kBufferLimitedBytes = 2 * 65536;
// Load on this shared 2-core machine only slows a transfer: one 100 ms round of one size differed
// from another round of the same size by up to 2.8 x within a run (one round moved almost
// nothing), and by 4 x between runs. Hence the best of 3 interleaved rounds, which in twenty
// runs gave every 4 x step of buffer in the buffer-limited range at least 2.3 x the rate. A
// larger buffer may fall 25% short of the smaller one's rate before it counts as slower: far
// inside that 2.3 x, far outside what a reversed attribution gives (under 0.45 x).
constexpr double kNoiseMargin = 0.25;

double metric(const ExperimentResult &r, const char *key)
{
    return r.metrics.value(QLatin1String(key)).toDouble();
}

} // namespace

class TestExperiments : public QObject
{
    Q_OBJECT

private slots:
    void registryNamesEveryExperiment();
    void unknownNameFails();
    void resultRendersAsTextJsonAndCsv();
    void histogramBinsEverySample();
    void nagleStallsOnlyWithClientNagleAndDelayedAck();
    void acceptQueueBoundedByBacklog();
    void keepAliveProbesCountUpWhenThePeerVanishes();
    void reusePortSpreadsAndExcludesAListenerWithoutIt();
    void reuseAddrDecidesTheRestartBesideTimeWait();
    void buffersAreDoubledAndCapped();
    void fastOpenSecondConnectionCarriesDataInTheSyn();
    void privateNamespaceIsSeparateOrSaysWhatIsMissing();
    void runnerReportsProgressAndResultOnTheCallersThread();
    void runnerCancelsQuickly();
    void nagleReplyStallEndsWithClientQuickAckRearmed();
};

void TestExperiments::registryNamesEveryExperiment()
{
    const QStringList names = ExperimentRegistry::names();
    QCOMPARE(names, (QStringList{"nagle", "accept-queue", "keepalive", "reuseport", "reuseaddr", "buffers", "fastopen", "slow-start", "synack-retries", "retransmit", "bdp"}));
    for (const ExperimentInfo &info : ExperimentRegistry::all()) {
        QVERIFY(!info.title.isEmpty());
        // The panel shows a two-line explanation: what runs, and what to look for.
        QCOMPARE(info.explanation.split(QLatin1Char('\n')).size(), 2);
        std::unique_ptr<Experiment> e = ExperimentRegistry::create(info.name);
        QVERIFY(e);
        QCOMPARE(e->name(), info.name);
    }
}

void TestExperiments::unknownNameFails()
{
    QVERIFY(!ExperimentRegistry::create(QStringLiteral("no-such")));
    const ExperimentResult r = ExperimentRegistry::run(QStringLiteral("no-such"), ExperimentContext());
    QCOMPARE(r.status, ExperimentStatus::Failed);
    QVERIFY(r.reason.contains(QLatin1String("reuseport")));
}

void TestExperiments::resultRendersAsTextJsonAndCsv()
{
    ExperimentResult r;
    r.name = QStringLiteral("demo");
    r.title = QStringLiteral("Demo");
    r.findings << QStringLiteral("it worked");
    ResultTable t;
    t.title = QStringLiteral("Numbers");
    t.columns = QStringList{"label", "value", "ok"};
    t.addRow({QStringLiteral("a, \"quoted\""), 1.5, true});
    t.addRow({QStringLiteral("b"), 42, false});
    r.tables << t;
    r.chart.kind = ChartKind::Bar;
    r.chart.title = QStringLiteral("Chart");
    r.chart.categories = QStringList{"a", "b"};
    r.chart.series << ChartSeries{QStringLiteral("value"), {1.5, 42}, {}};
    r.metrics[QStringLiteral("answer")] = 42;

    const QString text = r.toText();
    QVERIFY(text.contains(QLatin1String("Demo (demo)")));
    QVERIFY(text.contains(QLatin1String("* it worked")));
    QVERIFY(text.contains(QLatin1String("1.5")));
    QVERIFY(text.contains(QLatin1String("yes")));

    const QJsonObject json = QJsonDocument::fromJson(QJsonDocument(r.toJson()).toJson()).object();
    QCOMPARE(json.value("status").toString(), QStringLiteral("completed"));
    QCOMPARE(json.value("metrics").toObject().value("answer").toInt(), 42);
    const QJsonArray rows = json.value("tables").toArray().first().toObject().value("rows").toArray();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].toArray()[1].toDouble(), 1.5); // numbers stay numbers
    QCOMPARE(json.value("chart").toObject().value("kind").toString(), QStringLiteral("bar"));

    const QString csv = r.toCsv();
    QVERIFY2(csv.contains(QLatin1String("label,value,ok\n\"a, \"\"quoted\"\"\",1.5,1\nb,42,0\n")), qPrintable(csv));
    QVERIFY(csv.contains(QLatin1String("category,value\na,1.5\nb,42\n")));
}

void TestExperiments::histogramBinsEverySample()
{
    ChartData c;
    c.kind = ChartKind::Histogram;
    c.bins = 4;
    c.series << ChartSeries{QStringLiteral("x"), {0, 1, 2, 3, 4, 4, 4}, {}};
    c.series << ChartSeries{QStringLiteral("y"), {0, 0}, {}};
    const HistogramBins h = c.histogram();
    QCOMPARE(h.edges.size(), 5);
    QCOMPARE(h.edges.first(), 0.0);
    QCOMPARE(h.edges.last(), 4.0);
    QCOMPARE(h.counts.size(), 2);
    QCOMPARE(std::accumulate(h.counts[0].begin(), h.counts[0].end(), 0), 7);
    QCOMPARE(h.counts[0].last(), 4); // the maximum lands in the last bin, not past it
    QCOMPARE(h.counts[1].first(), 2);
    QVERIFY(c.toCsv().startsWith(QLatin1String("bin_from,bin_to,x,y\n")));
}

void TestExperiments::nagleStallsOnlyWithClientNagleAndDelayedAck()
{
    NagleExperiment e;
    const ExperimentResult r = e.run(ExperimentContext());
    REQUIRE_COMPLETED(r);
    const double stalled = metric(r, "nagle_both.median_ms");
    const double clientNodelay = metric(r, "client_nodelay.median_ms");
    const double bothNodelay = metric(r, "both_nodelay.median_ms");
    const double serverQuickAck = metric(r, "server_quickack.median_ms");
    QVERIFY(metric(r, "nagle_both.exchanges") >= 10);
    // Compared, not hard-coded: Nagle at the client + a delaying server is clearly slower than
    // the same exchange with TCP_NODELAY at the client or an immediate ACK at the server.
    QVERIFY2(stalled > 4 * clientNodelay, describe(r).constData());
    QVERIFY2(stalled > 4 * bothNodelay, describe(r).constData());
    QVERIFY2(stalled > 4 * serverQuickAck, describe(r).constData());
    QVERIFY2(metric(r, "nagle_both.max_ms") > metric(r, "both_nodelay.median_ms"), describe(r).constData());
    QVERIFY(metric(r, "nagle_both.stalls") > metric(r, "client_nodelay.stalls"));
    // TCP_NODELAY at the server does not touch the client's second write.
    QVERIFY2(metric(r, "server_nodelay.median_ms") > 4 * clientNodelay, describe(r).constData());
    QCOMPARE(r.chart.categories.size(), 8);
    QCOMPARE(r.chart.series.size(), 3); // median, 90th percentile, max
}

void TestExperiments::acceptQueueBoundedByBacklog()
{
    AcceptQueueExperiment e;
    e.backlog = 3;
    e.clients = 10;
    const ExperimentResult r = e.run(ExperimentContext());
    REQUIRE_COMPLETED(r);
    const int completed = r.metrics.value("completed").toInt();
    const int waiting = r.metrics.value("waiting").toInt();
    // Linux admits backlog + 1 connections to a full accept queue and no more.
    QVERIFY2(completed <= e.backlog + 1, describe(r).constData());
    QVERIFY2(completed >= 1, describe(r).constData());
    QCOMPARE(completed + waiting, e.clients);
    QVERIFY(waiting > 0);
    QCOMPARE(r.metrics.value("queue_length").toInt(), completed);
    QCOMPARE(r.metrics.value("queue_limit").toInt(), e.backlog);
    // N > backlog + 1: the kernel counted the dropped SYNs.
    QVERIFY2(r.metrics.value("listen_overflows_delta").toLongLong() >= waiting, describe(r).constData());
    QVERIFY(r.metrics.value("listen_drops_delta").toLongLong() > 0);
    // The finding states the measured counts and their relation to the backlog, not a rule.
    const QString first = r.findings.value(0);
    QVERIFY2(first.startsWith(QStringLiteral("%1 of %2 clients").arg(completed).arg(e.clients)), qPrintable(first));
    const QString relation = completed == e.backlog ? QStringLiteral("exactly the backlog (%1)").arg(e.backlog)
                                                    : QStringLiteral("backlog %1 %2 %3").arg(e.backlog).arg(completed > e.backlog ? '+' : '-').arg(std::abs(completed - e.backlog));
    QVERIFY2(first.contains(relation), qPrintable(first + QStringLiteral(" / expected: ") + relation));
    QVERIFY2(r.findings.join(' ').contains(QStringLiteral("%1 client(s) were still in SYN_SENT").arg(waiting)), describe(r).constData());
}

void TestExperiments::keepAliveProbesCountUpWhenThePeerVanishes()
{
    KeepAliveExperiment e;
    const ExperimentResult r = e.run(ExperimentContext());
    REQUIRE_COMPLETED(r);
    QVERIFY(r.metrics.value("samples").toInt() > 4);
    // The keep-alive timer ran: with no data either way, every segment the server's socket sent
    // was a probe, and the client's socket received them and answered. "0 unanswered" alone
    // also holds when no probe was ever sent.
    const qint64 sent = r.metrics.value("probes_sent_peer_present").toLongLong();
    const qint64 answers = r.metrics.value("answers_received_peer_present").toLongLong();
    QVERIFY2(sent >= 1, describe(r).constData());
    QVERIFY2(r.metrics.value("client_segments_received_peer_present").toLongLong() >= 1, describe(r).constData());
    // One probe may still be on its way back at the last sample.
    QVERIFY2(answers >= 1 && answers >= sent - 1, describe(r).constData());
    QVERIFY2(r.metrics.value("client_segments_sent_peer_present").toLongLong() >= answers, describe(r).constData());
    QCOMPARE(r.metrics.value("max_probes_peer_present").toInt(), 0);
    // The kernel's own count of keep-alive probes moved at least as much (other programs' probes
    // add to it outside a private namespace, never subtract).
    QVERIFY2(r.metrics.value("tcpkeepalive_counter_delta").toLongLong() >= sent, describe(r).constData());
    if (!r.metrics.value("peer_cut").toBool())
        QSKIP(qPrintable(QStringLiteral("the peer could not be cut off: ") + r.notes.filter(QStringLiteral("private network namespace")).join(QLatin1Char(' '))));
    QVERIFY2(r.metrics.value("max_probes_peer_gone").toInt() > 0, describe(r).constData());
    QVERIFY2(r.metrics.value("probes_sent_peer_gone").toLongLong() > 0, describe(r).constData());
    QCOMPARE(r.metrics.value("answers_received_peer_gone").toLongLong(), 0);
    QVERIFY2(r.metrics.value("server_closed").toBool(), describe(r).constData());
    // KEEPCNT probes KEEPINTVL apart cannot end sooner; sampling only makes it look later.
    QVERIFY2(r.metrics.value("seconds_to_close").toDouble() >= e.keepCnt * e.keepIntvl, describe(r).constData());
    QVERIFY2(r.metrics.value("close_reason").toString().contains(QLatin1String("ETIMEDOUT")), describe(r).constData());
    // The client had no keep-alive: it found out only when it wrote.
    QCOMPARE(r.metrics.value("client_so_keepalive").toInt(), 0);
    QCOMPARE(r.metrics.value("client_state_after").toString(), QStringLiteral("ESTABLISHED"));
    QCOMPARE(r.metrics.value("client_write_after").toString(), QStringLiteral("ECONNRESET"));
}

void TestExperiments::reusePortSpreadsAndExcludesAListenerWithoutIt()
{
    ReusePortExperiment e;
    const ExperimentResult r = e.run(ExperimentContext());
    REQUIRE_COMPLETED(r);
    QCOMPARE(r.metrics.value("accepted_total").toInt(), e.clients);
    QVERIFY2(r.metrics.value("listeners_used").toInt() > 1, describe(r).constData());
    QCOMPARE(r.metrics.value("bind_without_option_ok").toBool(), false);
    QCOMPARE(r.metrics.value("bind_without_option_errno").toString(), QStringLiteral("EADDRINUSE"));
    QCOMPARE(r.metrics.value("bind_with_option_ok").toBool(), true);
    QCOMPARE(r.chart.series.first().values.size(), e.listeners);
}

void TestExperiments::reuseAddrDecidesTheRestartBesideTimeWait()
{
    ReuseAddrExperiment e;
    const ExperimentResult r = e.run(ExperimentContext());
    REQUIRE_COMPLETED(r);
    // Outside a private namespace other programs may fill the machine's TIME_WAIT table; then the
    // kernel says so in TCPTimeWaitOverflow and no connection of this run could wait there.
    if (r.metrics.value("time_wait_overflow_delta").toLongLong() > 0 && r.metrics.value("without.time_wait").toInt() == 0)
        QSKIP(qPrintable(QStringLiteral("this machine's TIME_WAIT table is full (net.ipv4.tcp_max_tw_buckets = %1, TCPTimeWaitOverflow +%2) "
                                        "and no private network namespace with a table of its own was available: %3")
                             .arg(r.metrics.value("tw_buckets_max").toLongLong())
                             .arg(r.metrics.value("time_wait_overflow_delta").toLongLong())
                             .arg(r.notes.filter(QStringLiteral("private network namespace")).join(QLatin1Char(' ')))));
    QVERIFY2(r.metrics.value("without.time_wait").toInt() > 0, describe(r).constData());
    QCOMPARE(r.metrics.value("without.bound").toBool(), false);
    QCOMPARE(r.metrics.value("without.errno").toString(), QStringLiteral("EADDRINUSE"));
    QVERIFY2(r.metrics.value("with.time_wait").toInt() > 0, describe(r).constData());
    QCOMPARE(r.metrics.value("with.bound").toBool(), true);
    QCOMPARE(r.metrics.value("two_listeners.errno").toString(), QStringLiteral("EADDRINUSE"));
}

void TestExperiments::buffersAreDoubledAndCapped()
{
    BuffersExperiment e;
    // Up to 64 KiB requested (128 KiB effective): the sizes where the buffer, not the copying,
    // limits a loopback transfer (see kBufferLimitedBytes). The experiment adds one above the cap.
    e.sizes = {4096, 16384, 65536};
    e.transferMs = 100;
    e.rounds = 3;
    const ExperimentResult r = e.run(ExperimentContext());
    REQUIRE_COMPLETED(r);
    // Read, never changed: the kernel's caps for SO_RCVBUF / SO_SNDBUF.
    const qlonglong rmemMax = SystemLimits::readNumber(QStringLiteral("net.core.rmem_max"));
    const qlonglong wmemMax = SystemLimits::readNumber(QStringLiteral("net.core.wmem_max"));
    QVERIFY(rmemMax > 0 && wmemMax > 0);
    struct Row
    {
        qlonglong effective;
        double rate;
    };
    QList<Row> limited;
    int checked = 0;
    int cappedChecked = 0;
    for (const QVariant &v : r.metrics.value("sizes").toList()) {
        const QVariantMap m = v.toMap();
        const qlonglong req = m.value("requested").toLongLong();
        QVERIFY(m.value("bytes").toLongLong() > 0);
        if (req <= 0)
            continue;
        // Effective = 2 x the request, the request first capped at rmem_max / wmem_max.
        const qlonglong rcv = 2 * std::min(req, rmemMax);
        const qlonglong snd = 2 * std::min(req, wmemMax);
        QCOMPARE(m.value("listener_rcvbuf").toLongLong(), rcv);
        QCOMPARE(m.value("accepted_rcvbuf").toLongLong(), rcv); // inherited from the listener
        QCOMPARE(m.value("accepted_rcvbuf_after").toLongLong(), rcv); // set: no autotuning
        QCOMPARE(m.value("client_rcvbuf").toLongLong(), rcv);
        QCOMPARE(m.value("listener_sndbuf").toLongLong(), snd);
        QCOMPARE(m.value("client_sndbuf").toLongLong(), snd);
        QCOMPARE(m.value("client_sndbuf_after").toLongLong(), snd);
        (req <= rmemMax && req <= wmemMax ? checked : cappedChecked) += 1;
        if (rcv <= kBufferLimitedBytes)
            limited << Row{rcv, m.value("mib_per_s").toDouble()};
    }
    QCOMPARE(checked, 3);
    if (rmemMax < (1L << 26))
        QCOMPARE(cappedChecked, 1);
    // The direction: a larger buffer never gives less throughput beyond noise. Each rate is the
    // best of 3 interleaved rounds (interference only slows a transfer); kNoiseMargin covers what
    // is left of the noise (see its comment). And the effect is there: the largest of these
    // buffers moves clearly more than the smallest.
    std::sort(limited.begin(), limited.end(), [](const Row &a, const Row &b) { return a.effective < b.effective; });
    QCOMPARE(limited.size(), 3);
    for (int i = 1; i < limited.size(); ++i)
        QVERIFY2(limited[i].rate >= (1.0 - kNoiseMargin) * limited[i - 1].rate, describe(r).constData());
    QVERIFY2(limited.last().rate > 2.0 * limited.first().rate, describe(r).constData());
}

void TestExperiments::fastOpenSecondConnectionCarriesDataInTheSyn()
{
    FastOpenExperiment e;
    const ExperimentResult r = e.run(ExperimentContext());
    REQUIRE_COMPLETED(r);
    if (r.metrics.value("in_namespace").toBool())
        QCOMPARE(r.metrics.value("sysctl_in_namespace").toString(), QStringLiteral("3"));
    QCOMPARE(r.metrics.value("first_data_in_syn").toBool(), false);
    QVERIFY2(r.metrics.value("second_data_in_syn").toBool(), describe(r).constData());
    QCOMPARE(r.metrics.value("passive_first").toLongLong(), 0);
    QVERIFY2(r.metrics.value("passive_after_first").toLongLong() >= 1, describe(r).constData());
    QVERIFY2(r.metrics.value("cookie_requests_first").toLongLong() >= 1, describe(r).constData());
    // The chart plots measured times (us), one per connection, the same numbers as the table
    // rows: not a value derived from the data-in-SYN flag.
    const QVariantList rows = r.metrics.value("connections").toList();
    QCOMPARE(r.chart.series.size(), 2);
    QCOMPARE(r.chart.series[0].values.size(), rows.size());
    for (int i = 0; i < rows.size(); ++i) {
        const QVariantMap row = rows[i].toMap();
        QVERIFY2(row.value("syn_to_reply_us").toLongLong() > 0, describe(r).constData());
        QCOMPARE(r.chart.series[0].values[i], row.value("syn_to_reply_us").toDouble());
        QCOMPARE(r.chart.series[1].values[i], row.value("rtt_us").toDouble());
    }
    // The timing finding quotes the measured numbers.
    const QString timing = r.findings.filter(QStringLiteral("first reply byte")).value(0);
    QVERIFY2(timing.contains(QStringLiteral("connection 1 (handshake first) %1 us").arg(rows[0].toMap().value("syn_to_reply_us").toLongLong())), qPrintable(timing));
}

void TestExperiments::privateNamespaceIsSeparateOrSaysWhatIsMissing()
{
    const QString outside = QFile::symLinkTarget(QStringLiteral("/proc/thread-self/ns/net"));
    QString inside;
    bool loUp = false;
    qint64 outSegs = -1;
    const Error e = netns::runInPrivateNetworkNamespace([&] {
        inside = QFile::symLinkTarget(QStringLiteral("/proc/thread-self/ns/net"));
        loUp = QNetworkInterface::interfaceFromName(QStringLiteral("lo")).flags().testFlag(QNetworkInterface::IsUp);
        outSegs = readNetCounters().value(QStringLiteral("Tcp.OutSegs"), -1);
    });
    QVERIFY(!outside.isEmpty());
    if (e) {
        // Without CAP_SYS_ADMIN the fallback was tried too, and the text says what is missing.
        QVERIFY2(e.text().contains(QLatin1String("unshare(CLONE_NEWNET)")) && e.text().contains(QLatin1String("CAP_SYS_ADMIN")), qPrintable(e.text()));
        if (e.errnum() == EINVAL)
            QVERIFY2(e.text().contains(QLatin1String("single-threaded")), qPrintable(e.text()));
        QVERIFY(inside.isEmpty()); // fn did not run
        QSKIP(qPrintable(QStringLiteral("no private network namespace here (the message was checked): ") + e.text()));
    }
    // A namespace of its own: another inode, lo up, and TCP counters of its own (no segment yet).
    QVERIFY2(!inside.isEmpty() && inside != outside, qPrintable(inside + QStringLiteral(" vs ") + outside));
    QVERIFY(loUp);
    QCOMPARE(outSegs, 0);
    QCOMPARE(QFile::symLinkTarget(QStringLiteral("/proc/thread-self/ns/net")), outside); // the caller stayed outside
}

void TestExperiments::runnerReportsProgressAndResultOnTheCallersThread()
{
    ExperimentRunner runner;
    QSignalSpy progress(&runner, &ExperimentRunner::progressed);
    QSignalSpy finished(&runner, &ExperimentRunner::finished);
    QVERIFY(runner.start(QStringLiteral("reuseport")));
    QVERIFY(runner.isRunning());
    QVERIFY(!runner.start(QStringLiteral("reuseaddr"))); // one at a time
    QVERIFY(finished.wait(15000));
    QVERIFY(!runner.isRunning());
    QVERIFY(progress.count() >= 2);
    const ExperimentResult r = finished.first().first().value<ExperimentResult>();
    QCOMPARE(r.name, QStringLiteral("reuseport"));
    QVERIFY2(r.completed(), describe(r).constData());
    QVERIFY(!runner.start(QStringLiteral("no-such")));
}

void TestExperiments::runnerCancelsQuickly()
{
    ExperimentRunner runner;
    QSignalSpy finished(&runner, &ExperimentRunner::finished);
    QVERIFY(runner.start(QStringLiteral("nagle")));
    QTest::qWait(150);
    runner.cancel();
    QVERIFY(finished.wait(10000));
    const ExperimentResult r = finished.first().first().value<ExperimentResult>();
    // Every experiment loop checks the flag: the run ends as Cancelled, not with a full result.
    QCOMPARE(r.status, ExperimentStatus::Cancelled);
    QVERIFY(r.tables.isEmpty());
    QVERIFY(!runner.isRunning());
}

// The direction where the client's QUICKACK matters: the server writes its reply in two pieces
// with Nagle on, and the client's delayed ACK holds the second; re-armed after every read at the
// client, the ACK leaves at once. Set once before connect() only, it changes nothing.
void TestExperiments::nagleReplyStallEndsWithClientQuickAckRearmed()
{
    NagleExperiment e;
    const ExperimentResult r = e.run(ExperimentContext());
    REQUIRE_COMPLETED(r);
    const double once = metric(r, "reply_delayed_ack.median_ms");
    const double rearmed = metric(r, "reply_client_quickack.median_ms");
    const double serverNodelay = metric(r, "reply_server_nodelay.median_ms");
    qInfo("reply medians: QUICKACK once %.3f ms, re-armed %.3f ms, server NODELAY %.3f ms", once, rearmed, serverNodelay);
    QVERIFY(metric(r, "reply_delayed_ack.exchanges") >= 10);
    QVERIFY(metric(r, "reply_client_quickack.exchanges") >= 10);
    // Compared, not hard-coded: the stall is the client's delayed-ACK timer (40 ms minimum).
    QVERIFY2(once > 4 * rearmed, describe(r).constData());
    QVERIFY2(once > 4 * serverNodelay, describe(r).constData());
    QVERIFY2(metric(r, "reply_delayed_ack.stalls") > metric(r, "reply_client_quickack.stalls"), describe(r).constData());
    QVERIFY(r.metrics.value(QStringLiteral("reply_stall_seen")).toBool());
    // The finding quotes this run's medians.
    const QString expected = QString::number(once, 'f', 1) + QStringLiteral(" ms with TCP_QUICKACK set once");
    QVERIFY2(r.findings.join(QLatin1Char('\n')).contains(expected), describe(r).constData());
}


// Set up like tcplab's main(): as an ordinary user, a user namespace of our own before any thread
// starts, so the keep-alive and Fast Open experiments get their private network namespaces.
int main(int argc, char **argv)
{
    (void)tcplab::enterOwnUserNamespace();
    QCoreApplication app(argc, argv);
    TestExperiments test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_experiments.moc"
