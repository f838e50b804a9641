#include "fastopenexperiment.h"

#include "capturedconnections.h"
#include "experimentsupport.h"
#include "experimentwire.h"
#include "server.h"
#include "systemlimits.h"
#include "tcpinfo.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#ifndef TCP_FASTOPEN_CONNECT
#define TCP_FASTOPEN_CONNECT 30
#endif

namespace tcplab {

using namespace tcplab::wire;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

const QString kSysctl = QStringLiteral("net.ipv4.tcp_fastopen");

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

// What the capture shows of one connection's handshake.
struct HandshakeSeen
{
    bool found = false;
    int synPayload = -1;         // bytes of request data inside the client's SYN
    bool cookieRequest = false;  // the SYN's Fast Open option was empty: "give me a cookie"
    int synCookieLength = 0;     // the SYN's cookie, when it carried one
    int synAckCookieLength = 0;  // the cookie the server handed out in its SYN-ACK
    double synToReplyMs = -1;    // the SYN leaving the client .. the first reply byte reaching it
};

HandshakeSeen handshakeOf(const lab::CapturedConnection *c)
{
    HandshakeSeen h;
    if (!c)
        return h;
    const lab::CapturedSegment *syn = c->first(true, [](const lab::CapturedSegment &s) { return s.isSyn(); });
    const lab::CapturedSegment *synAck = c->first(false, [](const lab::CapturedSegment &s) { return s.isSynAck(); });
    const lab::CapturedSegment *reply = c->first(false, [](const lab::CapturedSegment &s) { return s.decoded.payloadLength > 0 && s.delivered(); });
    if (!syn)
        return h;
    h.found = true;
    h.synPayload = syn->decoded.payloadLength;
    h.cookieRequest = syn->decoded.options.fastOpenCookieRequest();
    h.synCookieLength = syn->decoded.options.fastOpen ? syn->decoded.options.fastOpenCookieLength : 0;
    if (synAck && synAck->decoded.options.fastOpen)
        h.synAckCookieLength = synAck->decoded.options.fastOpenCookieLength;
    if (reply)
        h.synToReplyMs = double(reply->packet.deliveredNs - syn->packet.sentNs) / 1e6;
    return h;
}

// One exchange timed by the client's own clock: connect() called .. the first reply byte. With a
// cookie cached, connect() returns at once (TCP_FASTOPEN_CONNECT) and the SYN leaves with the
// send(), the request inside; without one, connect() does the whole handshake first.
struct Exchange
{
    QString error;
    quint16 localPort = 0;
    double replyMs = -1;
    bool synData = false; // TCPI_OPT_SYN_DATA: the server took the data in the SYN
    double srttMs = -1;
};

Exchange exchange(ExperimentWire &path, quint16 port, const QByteArray &request)
{
    Exchange x;
    QElapsedTimer clock;
    clock.start();
    Result<FileDescriptor> fd = path.connect(port, 3000, [](int s) {
        const int on = 1;
        ::setsockopt(s, IPPROTO_TCP, TCP_FASTOPEN_CONNECT, &on, sizeof(on));
    });
    if (!fd) {
        x.error = fd.error().text();
        return x;
    }
    const int s = fd.value().get();
    if (!lab::sendAll(s, request)) {
        x.error = Error::fromErrno(errno, tr("send")).text();
        return x;
    }
    pollfd p{s, POLLIN, 0};
    if (::poll(&p, 1, 3000) <= 0) {
        x.error = tr("no reply within 3000 ms");
        return x;
    }
    x.replyMs = double(clock.nsecsElapsed()) / 1e6;
    const TcpInfoSnapshot info = readTcpInfo(s);
    x.synData = info.valid && (info.options & TCPI_OPT_SYN_DATA);
    x.srttMs = info.valid ? double(info.rttUs) / 1000.0 : -1.0;
    sockaddr_in local{};
    socklen_t len = sizeof(local);
    ::getsockname(s, reinterpret_cast<sockaddr *>(&local), &len);
    x.localPort = ntohs(local.sin_port);
    lab::drainUntilClose(s, 3000);
    return x;
}

struct Connection
{
    Exchange client;
    HandshakeSeen seen;
};

} // namespace

WireSpec FastOpenExperiment::defaultProfile()
{
    WireSpec spec;
    spec.c2s.delayMs = 50;
    spec.s2c.delayMs = 50;
    return spec;
}

QString FastOpenExperiment::title() const
{
    return tr("TCP Fast Open");
}

QString FastOpenExperiment::explanation() const
{
    return tr("Across the wire (%1 ms each way by default) with net.ipv4.tcp_fastopen = 3 inside its two namespaces, a client with TCP_FASTOPEN_CONNECT talks %2 times to a server with TCP_FASTOPEN.\n"
              "The first connection fetches a cookie (the SYN-ACK's cookie option); the later ones carry the request in the SYN: see the first reply arrive one round trip sooner, in the app's timings and in the capture.")
        .arg(defaultProfile().c2s.delayMs)
        .arg(connections);
}

ExperimentResult FastOpenExperiment::run(const ExperimentContext &context)
{
    context.progress(5, tr("starting the wire"));
    ExperimentResult result = newResult();
    std::unique_ptr<ExperimentWire> path = startWire(context, defaultProfile(), result);
    if (!path)
        return result;
    path->requestLadder(0, 40);

    const QString hostSysctl = SystemLimits::read(kSysctl);
    QString before[2];
    QString set[2];
    for (const Side side : {Side::Client, Side::Server}) {
        const int i = int(side);
        Result<QString> was = path->wire().sideSysctl(side, kSysctl);
        before[i] = was ? was.value() : was.error().text();
        // The namespace's own copy: the machine's setting is never touched.
        if (Error e = path->wire().setSideSysctl(side, kSysctl, QStringLiteral("3")))
            return failedResult(e.text());
        Result<QString> now = path->wire().sideSysctl(side, kSysctl);
        set[i] = now ? now.value() : now.error().text();
    }

    QList<Connection> runs;
    {
        ServerConfig config = lab::experimentConfig(QStringLiteral("threaded"), QStringLiteral("byte"), false);
        config.setValue(QStringLiteral("fastopen"), 16);
        Server server;
        if (Error e = path->startServer(server, config))
            return failedResult(e.text());
        for (int i = 0; i < connections; ++i) {
            if (context.cancelled())
                return cancelledResult();
            context.progress(20 + 60 * i / connections, tr("connection %1").arg(i + 1));
            Connection c;
            c.client = exchange(*path, server.port(), QByteArrayLiteral("hello fast open\n"));
            if (!c.client.error.isEmpty())
                return failedResult(tr("connection %1: %2").arg(i + 1).arg(c.client.error));
            runs << c;
        }
        server.stop();
    }
    context.progress(85, tr("reading the capture"));
    path->finish(result);
    const QList<lab::CapturedConnection> captured = lab::capturedConnections(path->packets());
    for (Connection &c : runs)
        c.seen = handshakeOf(lab::connectionOfClientPort(captured, c.client.localPort));

    ResultTable table;
    table.title = tr("Connections with TCP_FASTOPEN_CONNECT");
    table.columns = QStringList{tr("connection"), tr("SYN payload bytes (capture)"), tr("SYN's Fast Open option"), tr("SYN-ACK cookie bytes"),
                                tr("data in SYN (TCPI_OPT_SYN_DATA)"), tr("connect() to first reply byte ms (app)"),
                                tr("SYN to first reply byte ms (capture)"), tr("srtt ms (TCP_INFO)")};
    ChartSeries appSeries{tr("connect() to first reply byte, app (ms)"), {}, {}};
    ChartSeries captureSeries{tr("SYN to first reply byte, capture (ms)"), {}, {}};
    QVariantList rows;
    QList<double> laterApp;
    QList<double> laterCapture;
    int synDataLater = 0;
    int synPayloadLater = 0;
    for (int i = 0; i < runs.size(); ++i) {
        const Connection &c = runs[i];
        const double appMs = c.client.replyMs;
        const QString option = !c.seen.found           ? tr("(not captured)")
                               : c.seen.cookieRequest  ? tr("cookie request")
                               : c.seen.synCookieLength ? tr("cookie, %1 bytes").arg(c.seen.synCookieLength)
                                                        : tr("none");
        table.addRow({i + 1, c.seen.synPayload, option, c.seen.synAckCookieLength, c.client.synData, appMs,
                      c.seen.synToReplyMs, c.client.srttMs});
        result.chart.categories << (c.seen.synPayload > 0 ? tr("connection %1 (data in SYN)") : tr("connection %1 (handshake first)")).arg(i + 1);
        appSeries.values << appMs;
        captureSeries.values << c.seen.synToReplyMs;
        if (i > 0) {
            synDataLater += c.client.synData ? 1 : 0;
            synPayloadLater += c.seen.synPayload > 0 ? 1 : 0;
            if (c.seen.synPayload > 0) {
                laterApp << appMs;
                laterCapture << c.seen.synToReplyMs;
            }
        }
        rows << QVariantMap{{"data_in_syn", c.client.synData},
                            {"syn_payload_bytes", c.seen.synPayload},
                            {"cookie_request", c.seen.cookieRequest},
                            {"syn_cookie_bytes", c.seen.synCookieLength},
                            {"synack_cookie_bytes", c.seen.synAckCookieLength},
                            {"app_first_reply_ms", appMs},
                            {"capture_syn_to_reply_ms", c.seen.synToReplyMs},
                            {"srtt_ms", c.client.srttMs}};
    }
    ResultTable sysctl;
    sysctl.title = kSysctl;
    sysctl.columns = QStringList{tr("where"), tr("value"), tr("meaning")};
    sysctl.addRow({tr("this machine (never changed)"), hostSysctl, fastOpenBits(hostSysctl)});
    sysctl.addRow({tr("wire's client side, as created"), before[0], fastOpenBits(before[0])});
    sysctl.addRow({tr("wire's server side, as created"), before[1], fastOpenBits(before[1])});
    sysctl.addRow({tr("wire's client side, set by the lab"), set[0], fastOpenBits(set[0])});
    sysctl.addRow({tr("wire's server side, set by the lab"), set[1], fastOpenBits(set[1])});
    result.tables << table << sysctl;
    result.chart.kind = ChartKind::Bar;
    result.chart.title = tr("Fast Open: time to the first reply byte, per connection");
    result.chart.xLabel = tr("connection");
    result.chart.yLabel = tr("milliseconds");
    result.chart.series << appSeries << captureSeries;

    const HandshakeSeen first = runs.isEmpty() ? HandshakeSeen{} : runs.first().seen;
    const double firstApp = runs.isEmpty() ? -1.0 : runs.first().client.replyMs;
    const double firstCapture = first.synToReplyMs;
    const double medianApp = lab::percentile(laterApp, 50);
    const double medianCapture = lab::percentile(laterCapture, 50);
    const bool haveSaving = !laterApp.isEmpty();
    const double savedApp = haveSaving ? firstApp - medianApp : 0.0;
    const double savedCapture = haveSaving ? firstCapture - medianCapture : 0.0;
    const double roundTrip = path->addedRoundTripMs();
    const HandshakeSeen second = runs.size() > 1 ? runs[1].seen : HandshakeSeen{};
    result.metrics = QVariantMap{{"connections", rows},
                                 {"first_data_in_syn", !runs.isEmpty() && runs.first().client.synData},
                                 {"second_data_in_syn", runs.size() > 1 && runs[1].client.synData},
                                 {"syn_data_after_first", synDataLater},
                                 {"first_syn_payload_bytes", first.synPayload},
                                 {"first_cookie_request", first.cookieRequest},
                                 {"first_synack_cookie_bytes", first.synAckCookieLength},
                                 {"second_syn_payload_bytes", second.synPayload},
                                 {"second_syn_cookie_bytes", second.synCookieLength},
                                 {"syn_payload_after_first", synPayloadLater},
                                 {"first_app_reply_ms", firstApp},
                                 {"first_capture_reply_ms", firstCapture},
                                 {"later_app_reply_median_ms", haveSaving ? QVariant(medianApp) : QVariant()},
                                 {"later_capture_reply_median_ms", haveSaving ? QVariant(medianCapture) : QVariant()},
                                 {"saved_app_ms", haveSaving ? QVariant(savedApp) : QVariant()},
                                 {"saved_capture_ms", haveSaving ? QVariant(savedCapture) : QVariant()},
                                 {"wire_round_trip_ms", roundTrip},
                                 {"sysctl_client_side", set[0]},
                                 {"sysctl_server_side", set[1]},
                                 {"sysctl_host", hostSysctl}};

    if (first.found)
        result.findings << tr("Connection 1: its SYN carried %1 bytes of data and %2; the server's SYN-ACK %3. The request followed after the handshake.")
                               .arg(first.synPayload)
                               .arg(first.cookieRequest ? tr("an empty Fast Open option (a cookie request)") : tr("no cookie request"))
                               .arg(first.synAckCookieLength > 0 ? tr("handed out a %1-byte cookie").arg(first.synAckCookieLength) : tr("carried no cookie"));
    if (runs.size() > 1)
        result.findings << tr("Connections 2 to %1: %2 of %3 SYNs carried the request inside (the capture: %4 bytes in connection 2's SYN, beside its %5-byte cookie); "
                              "the client's TCP_INFO confirms data in the SYN for %6.")
                               .arg(runs.size())
                               .arg(synPayloadLater)
                               .arg(runs.size() - 1)
                               .arg(second.synPayload)
                               .arg(second.synCookieLength)
                               .arg(synDataLater);
    if (haveSaving) {
        result.findings << tr("The first reply byte came %1 ms after connect() on connection 1 and %2 ms (median) on the connections with data in the SYN: %3 ms saved (app timings). "
                              "From the capture, SYN out to first reply byte in: %4 ms against %5 ms, %6 ms saved. The wire's round trip is %7 ms: the saving is %8 round trip(s).")
                               .arg(firstApp, 0, 'f', 1)
                               .arg(medianApp, 0, 'f', 1)
                               .arg(savedApp, 0, 'f', 1)
                               .arg(firstCapture, 0, 'f', 1)
                               .arg(medianCapture, 0, 'f', 1)
                               .arg(savedCapture, 0, 'f', 1)
                               .arg(roundTrip, 0, 'f', 1)
                               .arg(roundTrip > 0 ? savedCapture / roundTrip : 0.0, 0, 'f', 2);
    } else {
        result.findings << tr("No connection after the first carried data in its SYN, so there is no saved round trip to measure.");
    }
    result.notes << tr("net.ipv4.tcp_fastopen was set inside the wire's client and server namespaces only; this machine's stays %1.").arg(hostSysctl);
    result.notes << tr("With TCP_FASTOPEN_CONNECT and a cookie cached, connect() sends nothing and the first send() emits the SYN with the request inside; without a cookie connect() does "
                       "the whole handshake first. The app's time runs from the connect() call to the first reply byte in both cases.");
    return result;
}

} // namespace tcplab
