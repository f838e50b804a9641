#include "fastopenexperiment.h"

#include "experimentsupport.h"
#include "labclient.h"
#include "server.h"
#include "systemlimits.h"

#include <QCoreApplication>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

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
              "The first connection only fetches a cookie; from the second on the request rides in the SYN (TCPFastOpenPassive counts it) and the reply comes one round trip sooner.")
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
    table.columns = QStringList{tr("connection"), tr("data in SYN (TCP_INFO)"), tr("TCPFastOpenPassive +"), tr("TCPFastOpenActive +"),
                                tr("TCPFastOpenCookieReqd +"), tr("connect+request to reply us"), tr("rtt us (TCP_INFO)")};
    // On loopback one round trip is a few microseconds, below the noise of waking the threads
    // involved, so the chart shows what the kernel reported instead: whether the request rode in
    // the SYN (one round trip before the reply) or waited for the handshake (two).
    ChartSeries roundTrips{tr("round trips before the reply"), {}, {}};
    ChartSeries passive{tr("TCPFastOpenPassive +"), {}, {}};
    QVariantList rows;
    for (int i = 0; i < run.connections.size(); ++i) {
        const Connection &c = run.connections[i];
        // With Fast Open connect() returns at once and the first send() is the SYN, so only
        // "start of connect until the first reply byte" compares the two kinds of connection.
        const qint64 timeToReply = c.client.connectUs + c.client.firstByteUs;
        table.addRow({i + 1, c.client.fastOpenUsed, c.delta.value(QStringLiteral("TcpExt.TCPFastOpenPassive")),
                      c.delta.value(QStringLiteral("TcpExt.TCPFastOpenActive")), c.delta.value(QStringLiteral("TcpExt.TCPFastOpenCookieReqd")),
                      timeToReply, int(c.client.tcp.rttUs)});
        result.chart.categories << tr("connection %1").arg(i + 1);
        roundTrips.values << (c.client.fastOpenUsed ? 1.0 : 2.0);
        passive.values << double(c.delta.value(QStringLiteral("TcpExt.TCPFastOpenPassive")));
        rows << QVariantMap{{"data_in_syn", c.client.fastOpenUsed},
                            {"passive_delta", c.delta.value(QStringLiteral("TcpExt.TCPFastOpenPassive"))},
                            {"active_delta", c.delta.value(QStringLiteral("TcpExt.TCPFastOpenActive"))},
                            {"cookie_requests_delta", c.delta.value(QStringLiteral("TcpExt.TCPFastOpenCookieReqd"))},
                            {"time_to_reply_us", timeToReply},
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
    result.chart.title = tr("Fast Open: the first connection fetches the cookie, the next ones send data in the SYN");
    result.chart.xLabel = tr("connection");
    result.chart.yLabel = tr("count");
    result.chart.series << roundTrips << passive;

    const bool first = !run.connections.isEmpty() && run.connections.first().client.fastOpenUsed;
    const bool second = run.connections.size() > 1 && run.connections[1].client.fastOpenUsed;
    result.metrics = QVariantMap{{"connections", rows},
                                 {"first_data_in_syn", first},
                                 {"second_data_in_syn", second},
                                 {"in_namespace", inNamespace},
                                 {"sysctl_in_namespace", inNamespace ? run.sysctlSet : QString()},
                                 {"sysctl_host", run.hostSysctl}};
    qint64 passiveLater = 0;
    for (int i = 1; i < run.connections.size(); ++i)
        passiveLater += run.connections[i].delta.value(QStringLiteral("TcpExt.TCPFastOpenPassive"));
    result.metrics[QStringLiteral("passive_after_first")] = passiveLater;
    result.metrics[QStringLiteral("passive_first")] = run.connections.isEmpty() ? 0 : run.connections.first().delta.value(QStringLiteral("TcpExt.TCPFastOpenPassive"));

    result.findings << tr("Connection 1: %1 (cookie requests +%2).")
                           .arg(first ? tr("data rode in the SYN") : tr("no data in the SYN: the client had no cookie yet and asked for one"))
                           .arg(run.connections.isEmpty() ? 0 : run.connections.first().delta.value(QStringLiteral("TcpExt.TCPFastOpenCookieReqd")));
    if (run.connections.size() > 1) {
        const Connection &c1 = run.connections.first();
        const Connection &c2 = run.connections[1];
        result.findings << tr("Connection 2: %1; the server counted TCPFastOpenPassive +%2.")
                               .arg(second ? tr("the request rode in the SYN, so the server could answer without waiting for the handshake to finish")
                                           : tr("no data in the SYN"))
                               .arg(c2.delta.value(QStringLiteral("TcpExt.TCPFastOpenPassive")));
        if (second && !first)
            result.findings << tr("So the second reply needed one round trip instead of two: the handshake's round trip was saved. Here on loopback a round trip is about %3 us, lost in the noise of the measured times (%1 us, then %2 us); across a WAN it is the whole latency of a handshake.")
                                   .arg(c1.client.connectUs + c1.client.firstByteUs)
                                   .arg(c2.client.connectUs + c2.client.firstByteUs)
                                   .arg(c2.client.tcp.rttUs);
    }
    if (inNamespace)
        result.notes << tr("The namespace is private to one thread of the lab and disappears with it; this machine's net.ipv4.tcp_fastopen stays %1.").arg(run.hostSysctl);
    else
        result.notes << tr("Ran on this machine's loopback, whose net.ipv4.tcp_fastopen = %1 already enables client and server (no private namespace: %2).")
                            .arg(run.hostSysctl, nsError.text());
    return result;
}

} // namespace tcplab
