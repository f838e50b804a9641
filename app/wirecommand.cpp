#include "wirecommand.h"

#include "clientcommand.h"
#include "commandline.h"
#include "headlessserver.h"
#include "server.h"
#include "wire/capturejson.h"
#include "wire/capturering.h"
#include "wire/hostentry.h"
#include "wire/ladderformatter.h"
#include "wire/pcapwriter.h"
#include "wire/wire.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstdio>

using namespace tcplab;
using namespace tcplab::wire;

namespace {
QString tr(const char *text) { return QCoreApplication::translate("WireCommand", text); }

int fail(const QString &message, bool json, int code)
{
    if (json)
        std::printf("%s\n", QJsonDocument(QJsonObject{{"type", "error"}, {"message", message}}).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    std::fprintf(stderr, "tcplab: %s\n", qPrintable(message));
    return code;
}

QJsonObject directionCountersJson(const DirectionCounters &c)
{
    return QJsonObject{{"packets", qint64(c.packets)},
                       {"bytes", qint64(c.bytes)},
                       {"delivered_packets", qint64(c.deliveredPackets)},
                       {"delivered_bytes", qint64(c.deliveredBytes)},
                       {"dropped", qint64(c.dropped())},
                       {"dropped_loss", qint64(c.droppedLoss)},
                       {"dropped_burst", qint64(c.droppedBurst)},
                       {"dropped_queue", qint64(c.droppedQueue)},
                       {"dropped_cut", qint64(c.droppedCut)},
                       {"dropped_targeted", qint64(c.droppedTargeted)},
                       {"duplicated", qint64(c.duplicated)},
                       {"reordered", qint64(c.reordered)},
                       {"kernel_drops", qint64(c.kernelDrops)}};
}

QString directionCountersText(const char *name, const DirectionCounters &c)
{
    return tr("%1: %2 packets, %3 delivered, %4 dropped, %5 duplicated, %6 reordered")
        .arg(QLatin1String(name))
        .arg(c.packets)
        .arg(c.deliveredPackets)
        .arg(c.dropped())
        .arg(c.duplicated)
        .arg(c.reordered);
}

// The lab knows its own server's handler, so it knows where each reply ends.
void setReplyMode(ClientRequest *request, const ServerConfig &config)
{
    switch (config.handler()) {
    case HandlerKind::Line:
        request->replyMode = ReplyMode::Line;
        break;
    case HandlerKind::Bin:
        request->replyMode = ReplyMode::Bytes;
        request->expectedBytes = 22; // the Bin frame: ! I 2s Q 2h f
        break;
    case HandlerKind::Byte:
        if (config.persistent()) {
            // One recv() of at most recv-size bytes, upper-cased and sent back, per request.
            request->replyMode = ReplyMode::Bytes;
            request->expectedBytes = int(std::min<qsizetype>(request->payload.size(), config.recvSize()));
        } else {
            request->replyMode = ReplyMode::UntilClose;
        }
        break;
    }
}

// The teardown's packets are still crossing when the client returns: wait until the wire has
// been quiet for a round trip (bounded, so a lost FIN cannot hold the run).
void waitForQuietWire(Wire &wire, const WireSpec &spec)
{
    const double oneWay = std::max(spec.c2s.delayMs + spec.c2s.jitterMs, spec.s2c.delayMs + spec.s2c.jitterMs);
    const qint64 quietMs = qint64(2 * oneWay) + 100;
    QElapsedTimer total;
    total.start();
    auto seen = [&wire] {
        const WireCounters c = wire.counters();
        return c.c2s.packets + c.s2c.packets + c.c2s.deliveredPackets + c.s2c.deliveredPackets;
    };
    quint64 last = seen();
    QElapsedTimer quiet;
    quiet.start();
    while (quiet.elapsed() < quietMs && total.elapsed() < 3000 + 4 * quietMs) {
        QThread::msleep(10);
        if (const quint64 now = seen(); now != last) {
            last = now;
            quiet.restart();
        }
    }
}

Result<WireSpec> specFromParser(const QCommandLineParser &parser)
{
    return WireSpec::parse(parser.value("wire"));
}

Result<ServerConfig> wireServerConfig(const QCommandLineParser &parser, const Wire &wire)
{
    Result<ServerConfig> config = serverConfigFromParser(parser, ServerConfig::seedDefaults());
    if (!config)
        return config;
    // The server side has one address; the kernel picks the port unless --port names one.
    config.value().setValue(QStringLiteral("host"), wire.serverAddress().toString());
    if (!parser.isSet("port"))
        config.value().setValue(QStringLiteral("port"), 0);
    return config;
}
} // namespace

QList<QCommandLineOption> wireOptions()
{
    return {
        {"wire", tr("Run across the wire, an emulated network path (the lab's server on its server side, the client on its "
                    "client side), e.g. delay=20ms,loss=1%,drop=c2s:data#1; grammar in docs/wire.md. With --send/--bin: one run "
                    "against the lab's own server (the server flags on the same command line). With --headless: the server alone. "
                    "With --experiment: the experiment's path instead of its default profile. "
                    "With none of these: the window, its server and client across the wire (--start to start at once)"),
         "spec"},
        {"ladder", tr("Wire: print every packet that crossed, one line each (time, arrow, flags, seq/ack, len, win, options, marks)")},
        {"wire-entry", tr("Headless wire: the host entry's port on 127.0.0.1 (default 0: the kernel picks one), or 'off'. Each "
                          "connection to it is forwarded from the wire's client side to the lab's server, through the impaired path"),
         "port"},
        {"pcap", tr("Wire: write the client side's capture to FILE and the server side's to FILE.server.pcap (tcpdump -r, Wireshark); "
                    "with --experiment, every packet of every connection the experiment made"),
         "file"},
    };
}

QString misplacedWireFlags(const QCommandLineParser &parser, bool client, bool headless, bool experiment)
{
    if (experiment && !client && !headless)
        return {}; // every experiment runs across the wire: its own profile unless --wire names one
    if (!parser.isSet("wire")) {
        if (parser.isSet("ladder") || parser.isSet("pcap"))
            return tr("--ladder and --pcap show the wire's capture: give --wire SPEC too");
        if (parser.isSet("wire-entry"))
            return tr("--wire-entry leads into the wire: give --headless --wire SPEC too");
        return {};
    }
    if (const QString host = parser.value("host"); parser.isSet("host") && host.contains(QLatin1Char(':')))
        return tr("--host %1: the wire carries IPv4 only (198.18.0.1 to 198.18.0.2 inside its namespaces); for IPv6 run without --wire, on loopback")
            .arg(host);
    if (experiment)
        return tr("--wire needs --send MSG (or --bin) for a run with the lab's own server, --headless for the server alone, "
                  "or neither for the window across the wire");
    if (!client && !headless && (parser.isSet("ladder") || parser.isSet("pcap")))
        return tr("--ladder and --pcap come with a --wire --send run; the window shows its capture in the Packets tab");
    if (client && parser.isSet("wire-entry"))
        return tr("--wire-entry is the host's way into a --headless --wire server or the window's wire (--wire SPEC --start)");
    if (!headless && parser.isSet("wire-entry") && !parser.isSet("start"))
        return tr("--wire-entry in the window leads into the wire it starts at once: give --start too");
    if (headless && (parser.isSet("ladder") || parser.isSet("pcap")))
        return tr("--ladder and --pcap come with a --wire --send run, not with --headless");
    return {};
}

int runWireClientCommand(const QCommandLineParser &parser, bool json)
{
    const Result<WireSpec> spec = specFromParser(parser);
    if (!spec)
        return fail(spec.error().text(), json, 2);
    Result<ClientRequest> parsed = clientRequestFromParser(parser);
    if (!parsed)
        return fail(parsed.error().text(), json, 2);
    const Result<int> repeat = repeatCountFromParser(parser);
    if (!repeat)
        return fail(repeat.error().text(), json, 2);
    if (Result<ServerConfig> check = serverConfigFromParser(parser, ServerConfig::seedDefaults()); !check)
        return fail(check.error().text(), json, 2);
    const bool ladder = parser.isSet("ladder");
    const QString pcapPath = parser.value("pcap");
    const bool bin = parser.isSet("bin");

    CaptureRing ring;
    Result<std::unique_ptr<Wire>> started = Wire::start(spec.value(), &ring);
    if (!started)
        return fail(started.error().text(), json, 1);
    std::unique_ptr<Wire> wire = started.take();

    RepeatRun run;
    ClientResult single;
    ClientRequest request = parsed.take();
    ServerConfig config;
    {
        // The server's sockets live in the wire's namespaces: it stops before the wire goes.
        Server server;
        server.setSocketFactory(wire->socketFactory(Side::Server));
        Result<ServerConfig> configured = wireServerConfig(parser, *wire);
        config = configured.value();
        if (Error e = server.start(config))
            return fail(tr("the lab's server on the wire's server side: %1").arg(e.text()), json, 1);

        request.host = server.address().toString();
        request.port = server.port();
        request.socketFactory = wire->socketFactory(Side::Client);
        // The line handler answers a line: end the message with one when it has none.
        if (config.handler() == HandlerKind::Line && !request.payload.endsWith('\n'))
            request.payload.append('\n');
        setReplyMode(&request, config);

        if (parser.isSet("repeat"))
            run = runRepeat(request, repeat.value(), config.persistent());
        else
            single = runClientExchange(request);
        waitForQuietWire(*wire, spec.value());
        server.stop();
    }
    const WireCounters counters = wire->counters();
    quint64 missed = 0;
    const QList<CapturedPacket> packets = ring.snapshot(&missed);
    const QString clientAddress = wire->clientAddress().toString();
    request.socketFactory = {};
    wire.reset();

    Error pcapError;
    if (!pcapPath.isEmpty()) {
        pcapError = PcapWriter::write(pcapPath, packets, CaptureView::Client);
        if (!pcapError)
            pcapError = PcapWriter::write(PcapWriter::serverSidePath(pcapPath), packets, CaptureView::Server);
    }
    const bool repeated = parser.isSet("repeat");
    const ClientResult &last = repeated ? (run.results.isEmpty() ? single : run.results.last()) : single;
    const Error exchangeError = repeated ? (run.summary.failed ? Error::message(run.summary.firstError) : Error()) : single.error;
    // The kernel's smoothed RTT as the client's TCP_INFO had it at the (last) first reply byte.
    const qint64 srttUs = last.tcp.valid ? qint64(last.tcp.rttUs) : -1;

    if (json) {
        QJsonObject o = exchangeJson(request, last, bin);
        o["type"] = QStringLiteral("wire");
        o["ok"] = !exchangeError && !pcapError;
        o["spec"] = spec.value().toString();
        o["srtt_us"] = srttUs;
        o["server"] = QJsonObject{{"address", request.host}, {"port", request.port}, {"mode", modeName(config.mode())},
                                  {"handler", handlerName(config.handler())}, {"persistent", config.persistent()}};
        o["counters"] = QJsonObject{{"c2s", directionCountersJson(counters.c2s)}, {"s2c", directionCountersJson(counters.s2c)}};
        o["captured"] = qint64(packets.size());
        o["capture_overwritten"] = qint64(missed);
        if (repeated)
            o["repeat"] = run.toJson();
        if (ladder)
            o["packets"] = captureJson(packets, spec.value().drops);
        if (!pcapPath.isEmpty() && !pcapError)
            o["pcap"] = QJsonArray{pcapPath, PcapWriter::serverSidePath(pcapPath)};
        if (exchangeError)
            o["error"] = exchangeError.text();
        if (pcapError)
            o["pcap_error"] = pcapError.text();
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    } else {
        std::printf("%s\n", qPrintable(tr("wire: %1 (client %2, server %3)")
                                           .arg(spec.value().isClean() ? tr("clean") : spec.value().toString(), clientAddress,
                                                request.host + QLatin1Char(':') + QString::number(request.port))));
        printExchange(request, last, bin, !repeated);
        if (srttUs >= 0)
            std::printf("%s\n", qPrintable(tr("kernel srtt %1 ms (client's TCP_INFO)").arg(double(srttUs) / 1000.0, 0, 'f', 3)));
        if (repeated)
            std::printf("%s\n", qPrintable(run.toText()));
        std::printf("%s\n", qPrintable(directionCountersText("c2s", counters.c2s)));
        std::printf("%s\n", qPrintable(directionCountersText("s2c", counters.s2c)));
        if (ladder) {
            std::printf("\n%s\n", qPrintable(LadderFormatter::legend()));
            LadderFormatter formatter(spec.value().drops);
            for (const QString &line : formatter.format(packets))
                std::printf("%s\n", qPrintable(line));
            if (missed)
                std::printf("%s\n", qPrintable(tr("(%1 earlier packets were overwritten in the capture ring)").arg(missed)));
        }
        if (!pcapPath.isEmpty() && !pcapError)
            std::printf("%s\n", qPrintable(tr("pcap: %1 (client side), %2 (server side)").arg(pcapPath, PcapWriter::serverSidePath(pcapPath))));
    }
    std::fflush(stdout);
    if (exchangeError) {
        std::fprintf(stderr, "tcplab: %s\n", qPrintable(exchangeError.text()));
        return 1;
    }
    if (pcapError) {
        std::fprintf(stderr, "tcplab: %s\n", qPrintable(pcapError.text()));
        return 1;
    }
    return 0;
}

// --wire-entry: a port, or -1 for 'off' (also the window's, with --wire --start).
Result<int> entryPortFromParser(const QCommandLineParser &parser)
{
    if (!parser.isSet("wire-entry"))
        return 0;
    const QString text = parser.value("wire-entry").trimmed();
    if (text.compare(QLatin1String("off"), Qt::CaseInsensitive) == 0)
        return -1;
    bool ok = false;
    const int port = text.toInt(&ok);
    if (!ok || port < 0 || port > 65535)
        return Error(EINVAL, tr("--wire-entry \"%1\": a port from 0 to 65535 (0: the kernel picks one), or off").arg(text));
    return port;
}

int runWireHeadless(const QCommandLineParser &parser, bool json)
{
    const Result<WireSpec> spec = specFromParser(parser);
    if (!spec)
        return fail(spec.error().text(), json, 2);
    if (Result<ServerConfig> check = serverConfigFromParser(parser, ServerConfig::seedDefaults()); !check)
        return fail(check.error().text(), json, 2);
    const Result<int> entryPort = entryPortFromParser(parser);
    if (!entryPort)
        return fail(entryPort.error().text(), json, 2);
    Result<std::unique_ptr<Wire>> started = Wire::start(spec.value());
    if (!started)
        return fail(started.error().text(), json, 1);
    std::unique_ptr<Wire> wire = started.take();
    const ServerConfig config = wireServerConfig(parser, *wire).value();
    std::unique_ptr<HostEntry> entry; // stops before the wire: its wire-side sockets live in the wire's namespaces
    // No interface of the host leads into the wire's namespaces (they belong to the lab's own user
    // namespace, and the wire's addresses stay inside them); the entry is a forwarder on the
    // host's loopback instead, for root and ordinary users alike.
    auto reach = [&](quint16 serverPort) -> Result<HeadlessServer::WireReach> {
        if (entryPort.value() < 0) {
            return HeadlessServer::WireReach{
                tr("only the lab's own client can reach it: the wire's namespaces belong to this process (no way in "
                   "from the host; --wire-entry off); for a client across the wire run tcplab --wire SPEC --send MSG with "
                   "the same server flags, which starts its own server and wire"),
                QJsonObject{{"reachable", QStringLiteral("lab client only")}}};
        }
        HostEntryOptions options;
        options.listenPort = quint16(entryPort.value());
        Result<std::unique_ptr<HostEntry>> e = HostEntry::start(wire->socketFactory(Side::Client), wire->serverAddress(), serverPort, options);
        if (!e)
            return e.error();
        entry = e.take();
        const QString from = entry->address().toString() + QLatin1Char(':') + QString::number(entry->port());
        const QString to = wire->serverAddress().toString() + QLatin1Char(':') + QString::number(serverPort);
        return HeadlessServer::WireReach{
            tr("host entry: %1 -> %2 across the wire (your client's TCP ends at the entry; the entry's connection crosses the "
               "impaired path)").arg(from, to),
            QJsonObject{{"reachable", QStringLiteral("host entry")},
                        {"host_entry", QJsonObject{{"address", entry->address().toString()}, {"port", entry->port()}, {"target", to}}}}};
    };
    int code = 0;
    {
        HeadlessServer server(json);
        server.setWireServerSide(wire->socketFactory(Side::Server), reach);
        code = server.run(config);
    }
    entry.reset();
    wire.reset();
    return code;
}
