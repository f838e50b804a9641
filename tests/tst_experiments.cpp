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
#include "experimenttestsupport.h"
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

// A context whose run crosses the wire with this spec instead of the experiment's default.
ExperimentContext wireContext(const QString &spec)
{
    ExperimentContext context;
    ExperimentWireRequest request;
    request.hasSpec = true;
    request.spec = wire::WireSpec::parse(spec).value();
    context.setWireRequest(request);
    return context;
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
    void nagleHoldsTheSecondPieceUntilTheDelayedAck();
    void acceptQueueBoundedByBacklog();
    void keepAliveProbesReadFromTheCaptureWhenTheWireIsCut();
    void reusePortSpreadsAndExcludesAListenerWithoutIt();
    void reuseAddrDecidesTheRestartBesideTimeWait();
    void buffersAreDoubledAndCapped();
    void fastOpenSavesARoundTripMeasuredFromTheCapture();
    void privateNamespaceIsSeparateOrSaysWhatIsMissing();
    void runnerReportsProgressAndResultOnTheCallersThread();
    void runnerCancelsQuickly();
};

void TestExperiments::registryNamesEveryExperiment()
{
    const QStringList names = ExperimentRegistry::names();
    QCOMPARE(names, (QStringList{"nagle", "accept-queue", "keepalive", "reuseport", "reuseaddr", "dual-stack", "buffers", "fastopen", "slow-start", "synack-retries", "retransmit", "bdp"}));
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

// Across a wire of 5 ms each way (shorter than the default 20 ms, to keep the suite quick): the
// capture shows the client's second piece held until the server's delayed ACK with Nagle on, sent
// at once with TCP_NODELAY; and the other direction, the reply's second piece held by the client's
// delayed ACK unless the client re-arms TCP_QUICKACK after every read.
void TestExperiments::nagleHoldsTheSecondPieceUntilTheDelayedAck()
{
    NagleExperiment e;
    e.exchanges = 6;
    const ExperimentResult r = e.run(wireContext(QStringLiteral("delay=5ms")));
    TCPLAB_REQUIRE_COMPLETED(r, "skipped by the experiment: ");
    const double rtt = metric(r, "wire_round_trip_ms");
    QCOMPARE(rtt, 10.0);
    QVERIFY(r.capture.wire);
    QCOMPARE(r.capture.connections, 8); // one per combination
    QVERIFY(metric(r, "nagle_both.exchanges") >= 5);
    QVERIFY(metric(r, "nagle_both.held_pieces") >= 5);
    // From the packets: with Nagle on at the client the second piece left at least a round trip
    // after the first (it waited for an ACK); with TCP_NODELAY it left at once.
    const double held = metric(r, "nagle_both.hold_median_ms");
    const double notHeld = metric(r, "client_nodelay.hold_median_ms");
    qInfo("second piece held: Nagle %.3f ms, TCP_NODELAY %.3f ms (wire round trip %.0f ms)", held, notHeld, rtt);
    QVERIFY2(held >= rtt, describe(r).constData());
    QVERIFY2(notHeld < rtt / 2, describe(r).constData());
    // ... and the ACK that released it was a delayed one (the ladder's mark, >= 10 ms after the
    // data), which an immediate ACK (server QUICKACK re-armed) never is.
    QVERIFY2(metric(r, "nagle_both.delayed_acks") >= metric(r, "nagle_both.held_pieces") / 2, describe(r).constData());
    QVERIFY2(metric(r, "nagle_both.ack_delay_median_ms") >= 10, describe(r).constData());
    QCOMPARE(metric(r, "server_quickack.delayed_acks"), 0.0);
    // The round trips agree with the packets: the stall costs at least 20 ms more.
    QVERIFY2(metric(r, "nagle_both.median_ms") >= metric(r, "client_nodelay.median_ms") + 20, describe(r).constData());
    QVERIFY(r.metrics.value(QStringLiteral("stall_seen")).toBool());
    // TCP_NODELAY at the server does not touch the client's second write.
    QVERIFY2(metric(r, "server_nodelay.hold_median_ms") >= rtt, describe(r).constData());
    // The reply direction: the client's delayed ACK holds the server's second piece; re-armed
    // QUICKACK at the client releases it after a round trip, without a delayed ACK.
    QVERIFY2(metric(r, "reply_delayed_ack.hold_median_ms") > metric(r, "reply_client_quickack.hold_median_ms") + 20, describe(r).constData());
    QVERIFY2(metric(r, "reply_delayed_ack.delayed_acks") >= 1, describe(r).constData());
    QCOMPARE(metric(r, "reply_client_quickack.delayed_acks"), 0.0);
    QVERIFY2(metric(r, "reply_server_nodelay.hold_median_ms") < rtt / 2, describe(r).constData());
    // The finding quotes this run's numbers; the ladder shows the held piece's delayed ACK.
    const QString expected = QString::number(held, 'f', 1) + QStringLiteral(" ms after the first");
    QVERIFY2(r.findings.join(QLatin1Char('\n')).contains(expected), describe(r).constData());
    QVERIFY2(r.capture.ladder.join(QLatin1Char('\n')).contains(QLatin1String("[delayed ACK")), describe(r).constData());
    QCOMPARE(r.chart.categories.size(), 8);
    QCOMPARE(r.chart.series.size(), 4); // median, 90th percentile, max, held
}

// The wire is cut both ways: the capture has exactly KEEPCNT unanswered probes KEEPINTVL apart,
// then the server's connection ends with ETIMEDOUT; with TCP_USER_TIMEOUT the second connection
// ends before its (larger) KEEPCNT would.
void TestExperiments::keepAliveProbesReadFromTheCaptureWhenTheWireIsCut()
{
    KeepAliveExperiment e;
    const ExperimentResult r = e.run(ExperimentContext());
    TCPLAB_REQUIRE_COMPLETED(r, "skipped by the experiment: ");
    QVERIFY(r.capture.wire);
    // Peer present: probes crossed and each was answered by an ACK.
    const int before = r.metrics.value("probes_peer_present").toInt();
    QVERIFY2(before >= 1, describe(r).constData());
    QVERIFY2(r.metrics.value("answered_peer_present").toInt() >= before - 1, describe(r).constData());
    // Cut: KEEPCNT probes, none answered, KEEPINTVL apart.
    QCOMPARE(r.metrics.value("probes_after_cut").toInt(), e.keepCnt);
    QCOMPARE(r.metrics.value("answers_after_cut").toInt(), 0);
    const double spacing = r.metrics.value("probe_spacing_median_s").toDouble();
    QVERIFY2(spacing >= 0.7 * e.keepIntvl && spacing <= 2.0 * e.keepIntvl, describe(r).constData());
    QVERIFY2(r.capture.s2c.droppedCut >= e.keepCnt, describe(r).constData());
    QVERIFY2(r.metrics.value("server_closed").toBool(), describe(r).constData());
    // KEEPCNT probes KEEPINTVL apart cannot end sooner; sampling only makes it look later.
    QVERIFY2(r.metrics.value("seconds_to_close").toDouble() >= e.keepCnt * e.keepIntvl, describe(r).constData());
    QVERIFY2(r.metrics.value("close_reason").toString().contains(QLatin1String("ETIMEDOUT")), describe(r).constData());
    // The client had no keep-alive: it found out only when it wrote.
    QCOMPARE(r.metrics.value("client_so_keepalive").toInt(), 0);
    QCOMPARE(r.metrics.value("client_state_after").toString(), QStringLiteral("ESTABLISHED"));
    QCOMPARE(r.metrics.value("client_write_after").toString(), QStringLiteral("ECONNRESET"));
    // TCP_USER_TIMEOUT overrides KEEPCNT: fewer probes than KEEPCNT, closed after at least the
    // user timeout and before KEEPCNT's probes would have ended.
    const int utProbes = r.metrics.value("ut.probes_after_cut").toInt();
    const double utClose = r.metrics.value("ut.seconds_to_close").toDouble();
    QVERIFY2(utProbes >= 1 && utProbes < e.userTimeoutKeepCnt, describe(r).constData());
    QVERIFY2(utClose >= e.userTimeoutMs / 1000.0, describe(r).constData());
    QVERIFY2(utClose < r.metrics.value("ut.keepcnt_would_take_s").toDouble(), describe(r).constData());
    QVERIFY2(r.metrics.value("ut.close_reason").toString().contains(QLatin1String("ETIMEDOUT")), describe(r).constData());
}

// Across the wire (50 ms each way): the capture shows connection 1's SYN asking for a cookie and
// the SYN-ACK giving one; connection 2's SYN carries the request and that cookie, and its first
// reply arrives about one round trip (100 ms) sooner, measured by the app and in the capture.
void TestExperiments::fastOpenSavesARoundTripMeasuredFromTheCapture()
{
    FastOpenExperiment e;
    const ExperimentResult r = e.run(ExperimentContext());
    TCPLAB_REQUIRE_COMPLETED(r, "skipped by the experiment: ");
    QCOMPARE(r.metrics.value("sysctl_client_side").toString(), QStringLiteral("3"));
    QCOMPARE(r.metrics.value("sysctl_server_side").toString(), QStringLiteral("3"));
    QCOMPARE(r.capture.connections, e.connections);
    // Connection 1: a cookie request without data; the server hands out a cookie.
    QCOMPARE(r.metrics.value("first_syn_payload_bytes").toInt(), 0);
    QVERIFY(r.metrics.value("first_cookie_request").toBool());
    const int cookie = r.metrics.value("first_synack_cookie_bytes").toInt();
    QVERIFY2(cookie >= 4, describe(r).constData());
    QCOMPARE(r.metrics.value("first_data_in_syn").toBool(), false);
    // Connection 2: the request inside the SYN, beside that cookie; the kernel agrees.
    QVERIFY2(r.metrics.value("second_syn_payload_bytes").toInt() > 0, describe(r).constData());
    QCOMPARE(r.metrics.value("second_syn_cookie_bytes").toInt(), cookie);
    QVERIFY2(r.metrics.value("second_data_in_syn").toBool(), describe(r).constData());
    // The saving, measured two ways, is about the wire's round trip: more than half of it
    // (a saving that is not a round trip would be near 0), less than one and a half.
    const double rtt = metric(r, "wire_round_trip_ms");
    QCOMPARE(rtt, 100.0);
    for (const char *key : {"saved_app_ms", "saved_capture_ms"}) {
        const double saved = metric(r, key);
        qInfo("%s = %.1f ms", key, saved);
        QVERIFY2(saved > 0.5 * rtt && saved < 1.5 * rtt, qPrintable(QLatin1String(key) + QLatin1Char('\n') + r.toText()));
    }
    // The chart plots the measured times, the same numbers as the rows.
    const QVariantList rows = r.metrics.value("connections").toList();
    QCOMPARE(rows.size(), e.connections);
    QCOMPARE(r.chart.series.size(), 2);
    for (int i = 0; i < rows.size(); ++i) {
        QCOMPARE(r.chart.series[0].values[i], rows[i].toMap().value("app_first_reply_ms").toDouble());
        QCOMPARE(r.chart.series[1].values[i], rows[i].toMap().value("capture_syn_to_reply_ms").toDouble());
    }
    const QString timing = r.findings.filter(QStringLiteral("saved (app timings)")).value(0);
    QVERIFY2(timing.contains(QString::number(metric(r, "saved_app_ms"), 'f', 1) + QStringLiteral(" ms saved")), qPrintable(timing));
}
void TestExperiments::acceptQueueBoundedByBacklog()
{
    AcceptQueueExperiment e;
    e.backlog = 3;
    e.clients = 10;
    const ExperimentResult r = e.run(ExperimentContext());
    TCPLAB_REQUIRE_COMPLETED(r, "skipped by the experiment: ");
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
    // The packets agree: the clients left waiting got no SYN-ACK, and each sent its SYN again
    // after its initial retransmission timeout (1 s).
    QCOMPARE(r.capture.path, QStringLiteral("loopback"));
    QCOMPARE(r.capture.connections, e.clients + 1);
    QCOMPARE(r.metrics.value("syns_ignored_clients").toInt(), waiting);
    QVERIFY2(r.metrics.value("syn_retransmissions").toInt() >= waiting, describe(r).constData());
    QVERIFY2(r.metrics.value("syn_retransmit_after_median_s").toDouble() >= 0.9, describe(r).constData());
}

void TestExperiments::reusePortSpreadsAndExcludesAListenerWithoutIt()
{
    ReusePortExperiment e;
    const ExperimentResult r = e.run(ExperimentContext());
    TCPLAB_REQUIRE_COMPLETED(r, "skipped by the experiment: ");
    QCOMPARE(r.metrics.value("accepted_total").toInt(), e.clients);
    QVERIFY2(r.metrics.value("listeners_used").toInt() > 1, describe(r).constData());
    QCOMPARE(r.metrics.value("bind_without_option_ok").toBool(), false);
    QCOMPARE(r.metrics.value("bind_without_option_errno").toString(), QStringLiteral("EADDRINUSE"));
    QCOMPARE(r.metrics.value("bind_with_option_ok").toBool(), true);
    QCOMPARE(r.chart.series.first().values.size(), e.listeners);
    QCOMPARE(r.capture.path, QStringLiteral("loopback"));
    QCOMPARE(r.metrics.value("capture.handshakes").toInt(), e.clients);
}

void TestExperiments::reuseAddrDecidesTheRestartBesideTimeWait()
{
    ReuseAddrExperiment e;
    const ExperimentResult r = e.run(ExperimentContext());
    TCPLAB_REQUIRE_COMPLETED(r, "skipped by the experiment: ");
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
    // The capture shows why TIME_WAIT is on the server's side: its FIN went first, every time.
    if (r.capture.path == QLatin1String("loopback")) {
        QCOMPARE(r.metrics.value("capture.connections_closed").toInt(), 2 * e.clients);
        QCOMPARE(r.metrics.value("capture.server_fin_first").toInt(), 2 * e.clients);
        QCOMPARE(r.metrics.value("capture.client_fin_first").toInt(), 0);
    }
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
    TCPLAB_REQUIRE_COMPLETED(r, "skipped by the experiment: ");
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
    // From the packets: the receiver's advertised window stays within its buffer, and grows
    // with it.
    QCOMPARE(r.capture.path, QStringLiteral("loopback"));
    const QVariantList windows = r.metrics.value("capture_windows").toList();
    const QVariantList sizes = r.metrics.value("sizes").toList();
    QCOMPARE(windows.size(), sizes.size());
    double previous = 0;
    for (int i = 0; i < 3; ++i) { // 4, 16, 64 KiB requested, in that order
        const double window = windows[i].toMap().value("max_window").toDouble();
        QVERIFY2(window > 0 && window <= sizes[i].toMap().value("accepted_rcvbuf").toDouble(), describe(r).constData());
        QVERIFY2(window > previous, describe(r).constData());
        previous = window;
    }
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
