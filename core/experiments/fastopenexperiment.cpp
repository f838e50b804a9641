#include "fastopenexperiment.h"

#include "experimentsupport.h"
#include "labclient.h"
#include "server.h"
#include "systemlimits.h"

#include <QCoreApplication>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

// Fast Open saves the handshake's round trip; a measured saving up to this many smoothed RTTs
// (tcpi_rtt is an average, a single round trip varies around it) is read as that round trip.
constexpr int kRoundTripsSaved = 3;

const char *const kCounters[] = {"TcpExt.TCPFastOpenActive", "TcpExt.TCPFastOpenPassive", "TcpExt.TCPFastOpenCookieReqd",
                                 "TcpExt.TCPFastOpenPassiveFail", "TcpExt.TCPFastOpenActiveFail"};

// net.ipv4.tcp_fastopen bit 1 enables the client side, bit 2 the server side.
QString fastOpenBits(const QString &value)
{
    bool ok = false;
    const int v = value.toInt(&ok);
    if (!ok)
        return tr("unreadable");
    if ((v & 3) == 3)
        return tr("client and server");
    if (v & 1)
        return tr("client only: the server bit (2) is needed to accept data in the SYN");
    if (v & 2)
        return tr("server only");
    return tr("off");
}

struct Connection
{
    ClientResult client;
    QMap<QString, qint64> delta;
};

struct FastOpenRun
{
    QString failure;
    bool cancelled = false;
    QString sysctlBefore;
    QString sysctlSet;
    QString hostSysctl;
    QList<Connection> connections;

    // setSysctl: inside the private namespace, where changing it touches nobody else.
    void run(int count, const ExperimentContext &context, bool setSysctl)
    {
        sysctlBefore = SystemLimits::read(QStringLiteral("net.ipv4.tcp_fastopen"));
        if (setSysctl) {
            if (Error e = netns::writeSysctl(QStringLiteral("net.ipv4.tcp_fastopen"), QStringLiteral("3"))) {
                failure = e.text();
                return;
            }
        }
        sysctlSet = SystemLimits::read(QStringLiteral("net.ipv4.tcp_fastopen"));
        ServerConfig config = lab::experimentConfig(QStringLiteral("threaded"), QStringLiteral("byte"), false);
        config.setValue(QStringLiteral("fastopen"), 16);
        Server server;
        if (Error e = server.start(config)) {
            failure = e.text();
            return;
        }
        for (int i = 0; i < count; ++i) {
            if (context.cancelled()) {
                cancelled = true;
                return;
            }
            context.progress(20 + 60 * i / count, tr("connection %1").arg(i + 1));
            ClientRequest request;
            request.port = server.port();
            request.payload = QByteArrayLiteral("hello fast open\n");
            request.fastOpen = true;
            request.connectTimeoutMs = 2000;
            request.replyTimeoutMs = 2000;
            const QMap<QString, qint64> before = readNetCounters();
            Connection c;
            c.client = runClientExchange(request);
            const QMap<QString, qint64> after = readNetCounters();
            for (const char *name : kCounters)
                c.delta[QLatin1String(name)] = counterDelta(before, after, QLatin1String(name));
            if (c.client.error) {
                failure = tr("connection %1: %2").arg(i + 1).arg(c.client.error.text());
                return;
            }
            connections << c;
        }
        server.stop();
    }
};

} // namespace

QString FastOpenExperiment::title() const
{
    return tr("TCP Fast Open");
}

QString FastOpenExperiment::explanation() const
{
    return tr("In a private network namespace with net.ipv4.tcp_fastopen = 3, a client with TCP_FASTOPEN_CONNECT talks %1 times to a server with TCP_FASTOPEN.\n"
              "The first connection fetches a cookie; then watch whether the request rides in the SYN (TCPI_OPT_SYN_DATA, TCPFastOpenPassive) and the time from the SYN to the first reply byte.")
        .arg(connections);
}

ExperimentResult FastOpenExperiment::run(const ExperimentContext &context)
{
    ExperimentResult result = newResult();
    FastOpenRun run;
    run.hostSysctl = SystemLimits::read(QStringLiteral("net.ipv4.tcp_fastopen"));
    context.progress(5, tr("entering a private network namespace"));
    const Error nsError = netns::runInPrivateNetworkNamespace([&] { run.run(connections, context, true); });
    bool inNamespace = true;
    if (nsError) {
        // Without a namespace the lab never changes this machine's sysctl; it can still run on
        // 127.0.0.1 when the machine already enables both Fast Open bits.
        if ((SystemLimits::readNumber(QStringLiteral("net.ipv4.tcp_fastopen"), 0) & 3) != 3) {
            result.status = ExperimentStatus::Skipped;
            result.reason = tr("needs a private network namespace to set net.ipv4.tcp_fastopen = 3 without changing this machine "
                               "(this machine has %1, without the server bit 2): %2")
                                .arg(run.hostSysctl, nsError.text());
            return result;
        }
        inNamespace = false;
        run.run(connections, context, false);
    }
    if (run.cancelled || context.cancelled())
        return cancelledResult();
    if (!run.failure.isEmpty())
        return failedResult(run.failure);

    ResultTable table;
    table.title = tr("Connections with TCP_FASTOPEN_CONNECT");
    table.columns = QStringList{tr("connection"), tr("data in SYN (TCPI_OPT_SYN_DATA)"), tr("TCPFastOpenPassive +"), tr("TCPFastOpenActive +"),
                                tr("TCPFastOpenCookieReqd +"), tr("SYN sent to first reply byte us"), tr("rtt us (TCP_INFO)")};
    // With TCP_FASTOPEN_CONNECT, connect() sends nothing; the first send() emits the SYN (with
    // the request inside when a cookie is cached), so firstByteUs runs from the SYN to the reply.
    ChartSeries toReply{tr("SYN sent to first reply byte (us)"), {}, {}};
    ChartSeries rtt{tr("client's smoothed round trip, tcpi_rtt (us)"), {}, {}};
    QVariantList rows;
    QList<double> synDataTimes;
    for (int i = 0; i < run.connections.size(); ++i) {
        const Connection &c = run.connections[i];
        const qint64 synToReply = c.client.firstByteUs;
        table.addRow({i + 1, c.client.fastOpenUsed, c.delta.value(QStringLiteral("TcpExt.TCPFastOpenPassive")),
                      c.delta.value(QStringLiteral("TcpExt.TCPFastOpenActive")), c.delta.value(QStringLiteral("TcpExt.TCPFastOpenCookieReqd")),
                      synToReply, int(c.client.tcp.rttUs)});
        result.chart.categories << (c.client.fastOpenUsed ? tr("connection %1 (data in SYN)") : tr("connection %1 (no data in SYN)")).arg(i + 1);
        toReply.values << double(synToReply);
        rtt.values << double(c.client.tcp.rttUs);
        if (i > 0 && c.client.fastOpenUsed)
            synDataTimes << double(synToReply);
        rows << QVariantMap{{"data_in_syn", c.client.fastOpenUsed},
                            {"passive_delta", c.delta.value(QStringLiteral("TcpExt.TCPFastOpenPassive"))},
                            {"active_delta", c.delta.value(QStringLiteral("TcpExt.TCPFastOpenActive"))},
                            {"cookie_requests_delta", c.delta.value(QStringLiteral("TcpExt.TCPFastOpenCookieReqd"))},
                            {"syn_to_reply_us", synToReply},
                            {"rtt_us", int(c.client.tcp.rttUs)}};
    }
    ResultTable sysctl;
    sysctl.title = tr("net.ipv4.tcp_fastopen");
    sysctl.columns = QStringList{tr("where"), tr("value"), tr("meaning")};
    sysctl.addRow({tr("this machine"), run.hostSysctl, fastOpenBits(run.hostSysctl)});
    if (inNamespace) {
        sysctl.addRow({tr("private namespace, as created"), run.sysctlBefore, fastOpenBits(run.sysctlBefore)});
        sysctl.addRow({tr("private namespace, set by the lab"), run.sysctlSet, fastOpenBits(run.sysctlSet)});
    }
    result.tables << table << sysctl;
    result.chart.kind = ChartKind::Bar;
    result.chart.title = tr("Fast Open: time from the SYN to the first reply byte, per connection");
    result.chart.xLabel = tr("connection");
    result.chart.yLabel = tr("microseconds");
    result.chart.series << toReply << rtt;

    auto delta = [&](int i, const char *key) {
        return i < run.connections.size() ? run.connections[i].delta.value(QLatin1String(key)) : 0;
    };
    const bool first = !run.connections.isEmpty() && run.connections.first().client.fastOpenUsed;
    const bool second = run.connections.size() > 1 && run.connections[1].client.fastOpenUsed;
    qint64 passiveLater = 0;
    qint64 activeLater = 0;
    int synDataLater = 0;
    for (int i = 1; i < run.connections.size(); ++i) {
        passiveLater += delta(i, "TcpExt.TCPFastOpenPassive");
        activeLater += delta(i, "TcpExt.TCPFastOpenActive");
        synDataLater += run.connections[i].client.fastOpenUsed ? 1 : 0;
    }
    const double firstUs = run.connections.isEmpty() ? -1.0 : double(run.connections.first().client.firstByteUs);
    const double synDataMedianUs = lab::percentile(synDataTimes, 50);
    const double spreadUs = synDataTimes.size() > 1 ? lab::percentile(synDataTimes, 100) - lab::percentile(synDataTimes, 0) : -1.0;
    QList<double> rtts;
    for (const Connection &c : std::as_const(run.connections))
        rtts << double(c.client.tcp.rttUs);
    const double rttUs = lab::percentile(rtts, 50);
    result.metrics = QVariantMap{{"connections", rows},
                                 {"first_data_in_syn", first},
                                 {"second_data_in_syn", second},
                                 {"syn_data_after_first", synDataLater},
                                 {"passive_first", delta(0, "TcpExt.TCPFastOpenPassive")},
                                 {"passive_after_first", passiveLater},
                                 {"active_after_first", activeLater},
                                 {"cookie_requests_first", delta(0, "TcpExt.TCPFastOpenCookieReqd")},
                                 {"first_syn_to_reply_us", firstUs},
                                 {"syn_data_syn_to_reply_median_us", synDataTimes.isEmpty() ? QVariant() : QVariant(synDataMedianUs)},
                                 {"syn_data_spread_us", spreadUs >= 0 ? QVariant(spreadUs) : QVariant()},
                                 {"rtt_median_us", rttUs},
                                 {"in_namespace", inNamespace},
                                 {"sysctl_in_namespace", inNamespace ? run.sysctlSet : QString()},
                                 {"sysctl_host", run.hostSysctl}};

    const QString scope = inNamespace ? tr("the namespace's counters") : tr("this machine's counters, which other programs' connections also move");
    result.findings << tr("Connection 1: %1 (TCPI_OPT_SYN_DATA %2); cookie requests received by the server, TCPFastOpenCookieReqd +%3, and TCPFastOpenPassive +%4 (%5).")
                           .arg(first ? tr("data rode in the SYN") : tr("no data in the SYN"))
                           .arg(first ? tr("set") : tr("unset"))
                           .arg(delta(0, "TcpExt.TCPFastOpenCookieReqd"))
                           .arg(delta(0, "TcpExt.TCPFastOpenPassive"))
                           .arg(scope);
    if (run.connections.size() > 1)
        result.findings << tr("Connections 2 to %1: %2 of %3 carried the request in the SYN (TCPI_OPT_SYN_DATA); TCPFastOpenActive +%4 and TCPFastOpenPassive +%5 over them.")
                               .arg(run.connections.size())
                               .arg(synDataLater)
                               .arg(run.connections.size() - 1)
                               .arg(activeLater)
                               .arg(passiveLater);
    if (!first && !synDataTimes.isEmpty()) {
        const double savedUs = firstUs - synDataMedianUs;
        QString verdict;
        if (spreadUs < 0)
            verdict = tr("with one connection carrying data in the SYN there is no spread to compare the difference with");
        else if (savedUs > spreadUs && savedUs <= kRoundTripsSaved * rttUs + spreadUs)
            verdict = tr("the saving exceeds the spread of %1 us among the connections with data in the SYN and is within %2 measured round trips: "
                         "about the handshake's round trip")
                          .arg(spreadUs, 0, 'f', 0)
                          .arg(kRoundTripsSaved);
        else if (savedUs > spreadUs)
            verdict = tr("the saving exceeds the spread of %1 us among the connections with data in the SYN, but it is %2 times the measured round trip: "
                         "connection 1's time holds more than the one round trip Fast Open saves")
                          .arg(spreadUs, 0, 'f', 0)
                          .arg(rttUs > 0 ? savedUs / rttUs : 0.0, 0, 'f', 0);
        else
            verdict = tr("the saving does not exceed the spread of %1 us among the connections with data in the SYN: in this run the round trip Fast Open saves "
                         "(%2 us on loopback) is not visible in the times")
                          .arg(spreadUs, 0, 'f', 0)
                          .arg(rttUs, 0, 'f', 0);
        result.findings << tr("From the SYN to the first reply byte: connection 1 (handshake first) %1 us, the connections with data in the SYN %2 us (median), a saving of %3 us; "
                              "the client measured a round trip (tcpi_rtt) of %4 us; %5.")
                               .arg(firstUs, 0, 'f', 0)
                               .arg(synDataMedianUs, 0, 'f', 0)
                               .arg(savedUs, 0, 'f', 0)
                               .arg(rttUs, 0, 'f', 0)
                               .arg(verdict);
    } else {
        result.findings << tr("No connection after a cookie request carried data in the SYN, so there is no time saved to measure.");
    }
    if (inNamespace)
        result.notes << tr("The namespace is private to one thread of the lab and disappears with it; this machine's net.ipv4.tcp_fastopen stays %1.").arg(run.hostSysctl);
    else
        result.notes << tr("Ran on this machine's loopback, whose net.ipv4.tcp_fastopen = %1 already enables client and server (%2).")
                            .arg(run.hostSysctl, nsError.text());
    return result;
}

} // namespace tcplab
