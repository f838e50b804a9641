#include "clientcommand.h"

#include "binframe.h"
#include "clientsession.h"
#include "hostresolver.h"
#include "serverevent.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSet>

#include <cstdio>

using namespace tcplab;

namespace {
QString tr(const char *text) { return QCoreApplication::translate("ClientCommand", text); }

int fail(const QString &message, bool json)
{
    if (json)
        std::printf("%s\n", QJsonDocument(QJsonObject{{"type", "error"}, {"message", message}}).toJson(QJsonDocument::Compact).constData());
    std::fprintf(stderr, "tcplab: %s\n", qPrintable(message));
    return 2;
}

QString decodedFrame(const ClientResult &result, bool bin)
{
    if (!bin || result.reply.isEmpty())
        return {};
    BinFrame frame;
    QString error;
    return BinFrame::decode(result.reply.constData(), result.reply.size(), &frame, &error) ? frame.toText() : error;
}
} // namespace

QList<QCommandLineOption> clientOptions()
{
    return {
        {"send", tr("Client: send TEXT to --host:--port and print the reply"), "text"},
        {"hex", tr("Client: TEXT of --send is hex digits (e.g. 48656c6c6f0a)")},
        {"bin", tr("Client: send a Bin frame built from u32,tag,u64,i16,i16,f32"), "fields"},
        {"repeat", tr("Client: N exchanges one after the other and the round-trip distribution (min/median/p99/max). "
                      "On one connection when the server is persistent (across --wire the lab knows its own server; "
                      "without --wire only when --persistent is given), else one connection each [1..1000000; default 1]"),
         "n", "1"},
        {"client-nodelay", tr("Client: TCP_NODELAY on the client socket [on|off; default on]"), "on|off", "on"},
        {"client-quickack", tr("Client: TCP_QUICKACK on the client socket [on|off; default off]"), "on|off", "off"},
        {"client-fastopen", tr("Client: TCP_FASTOPEN_CONNECT, data in the SYN when a cookie is cached [on|off; default off]"), "on|off", "off"},
        {"connect-timeout", tr("Client: connect timeout [ms; default 3000]"), "ms", "3000"},
        {"reply-timeout", tr("Client: how long to wait for the reply [ms; default 3000]"), "ms", "3000"},
    };
}

Result<ClientRequest> clientRequestFromParser(const QCommandLineParser &parser)
{
    ClientRequest request;
    bool ok = false;
    auto onOff = [&](const char *name, bool *out) {
        const QString v = parser.value(name);
        if (v != QLatin1String("on") && v != QLatin1String("off"))
            return false;
        *out = v == QLatin1String("on");
        return true;
    };
    if (!onOff("client-nodelay", &request.nodelay) || !onOff("client-quickack", &request.quickack)
        || !onOff("client-fastopen", &request.fastOpen))
        return Error::message(tr("--client-nodelay/--client-quickack/--client-fastopen take on or off"));
    request.connectTimeoutMs = parser.value("connect-timeout").toInt(&ok);
    if (!ok || request.connectTimeoutMs < 1)
        return Error::message(tr("--connect-timeout: a positive number of milliseconds"));
    request.replyTimeoutMs = parser.value("reply-timeout").toInt(&ok);
    if (!ok || request.replyTimeoutMs < 1)
        return Error::message(tr("--reply-timeout: a positive number of milliseconds"));

    if (parser.isSet("bin")) {
        BinFrame frame;
        QString error;
        if (!BinFrame::parseFields(parser.value("bin"), &frame, &error))
            return Error::message(QStringLiteral("--bin: ") + error);
        request.payload = frame.encode();
    } else if (parser.isSet("hex")) {
        QString error;
        if (!parseHex(parser.value("send"), &request.payload, &error))
            return Error::message(QStringLiteral("--hex: ") + error);
    } else {
        request.payload = parser.value("send").toUtf8();
    }
    if (request.payload.isEmpty())
        return Error::message(tr("nothing to send"));
    return request;
}

Result<int> repeatCountFromParser(const QCommandLineParser &parser)
{
    bool ok = false;
    const int n = parser.value("repeat").toInt(&ok);
    if (!ok || n < 1 || n > 1000000)
        return Error::message(tr("--repeat: a number of exchanges from 1 to 1000000"));
    return n;
}

RepeatRun runRepeat(const ClientRequest &request, int count, bool oneConnection)
{
    RepeatRun run;
    run.oneConnection = oneConnection;
    QElapsedTimer clock;
    clock.start();
    QSet<quint16> ports;
    if (oneConnection) {
        Result<std::unique_ptr<ClientSession>> session = ClientSession::connect(request);
        if (!session) {
            ClientResult failed;
            failed.error = session.error();
            run.results << failed;
        } else {
            for (int i = 0; i < count && session.value()->isConnected(); ++i)
                run.results << session.value()->exchange(request.payload);
        }
    } else {
        for (int i = 0; i < count; ++i)
            run.results << runClientExchange(request);
    }
    for (const ClientResult &r : std::as_const(run.results))
        if (r.localPort)
            ports.insert(r.localPort);
    run.connections = int(ports.size());
    run.summary = summarizeResults(run.results, count, clock.elapsed(), false);
    return run;
}

QString RepeatRun::toText() const
{
    QString text = summary.toText();
    text += oneConnection ? tr("\non one connection (%1 local port%2 used)").arg(connections).arg(connections == 1 ? "" : "s")
                          : tr("\none connection each (%1 local ports used)").arg(connections);
    return text;
}

QJsonObject RepeatRun::toJson() const
{
    return QJsonObject{{"requested", summary.requested},
                       {"completed", summary.completed},
                       {"succeeded", summary.succeeded},
                       {"failed", summary.failed},
                       {"one_connection", oneConnection},
                       {"connections", connections},
                       {"elapsed_ms", summary.elapsedMs},
                       {"rtt_min_us", summary.minRttUs},
                       {"rtt_median_us", summary.medianRttUs},
                       {"rtt_p99_us", summary.p99RttUs},
                       {"rtt_max_us", summary.maxRttUs},
                       {"connect_mean_us", summary.meanConnectUs},
                       {"first_error", summary.firstError}};
}

QJsonObject exchangeJson(const ClientRequest &request, const ClientResult &result, bool bin)
{
    QJsonObject o{{"ok", !result.error},
                  {"sent_hex", QString::fromLatin1(request.payload.toHex())},
                  {"reply", QString::fromUtf8(result.reply)},
                  {"reply_hex", QString::fromLatin1(result.reply.toHex())},
                  {"connect_us", result.connectUs},
                  {"first_byte_us", result.firstByteUs},
                  {"total_us", result.totalUs},
                  {"peer_closed", result.peerClosed},
                  {"fastopen_used", result.fastOpenUsed}};
    if (!result.server.isEmpty())
        o["server"] = result.server;
    if (!result.resolution.isEmpty())
        o["resolved"] = result.resolution;
    if (result.error)
        o["error"] = result.error.text();
    if (const QString decoded = decodedFrame(result, bin); !decoded.isEmpty())
        o["reply_frame"] = decoded;
    return o;
}

void printExchange(const ClientRequest &request, const ClientResult &result, bool bin, bool withTimings)
{
    const QString server = result.server.isEmpty() ? QStringLiteral("%1:%2").arg(request.host).arg(request.port) : result.server;
    std::printf("sent %lld bytes to %s: '%s'\n", qlonglong(request.payload.size()), qPrintable(server),
                qPrintable(printableData(request.payload)));
    if (!result.resolution.isEmpty())
        std::printf("%s\n", qPrintable(result.resolution));
    if (!result.reply.isEmpty()) {
        std::printf("reply: '%s'\n", qPrintable(printableData(result.reply)));
        std::printf("reply hex: %s\n", qPrintable(hexData(result.reply)));
    }
    if (const QString decoded = decodedFrame(result, bin); !decoded.isEmpty())
        std::printf("reply frame: %s\n", qPrintable(decoded));
    if (!result.error && withTimings)
        std::printf("%s\n", qPrintable(result.summary()));
}

int runClientCommand(const QCommandLineParser &parser, bool json)
{
    Result<ClientRequest> parsed = clientRequestFromParser(parser);
    if (!parsed)
        return fail(parsed.error().text(), json);
    ClientRequest request = parsed.take();
    request.host = parser.isSet("host") ? parser.value("host") : QStringLiteral("127.0.0.1");
    if (request.host.isEmpty())
        request.host = QStringLiteral("127.0.0.1");
    bool ok = false;
    int port = parser.value("port").toInt(&ok);
    bool portSet = parser.isSet("port");
    // "--host [::1]:9000" (or 127.0.0.1:9000) names the port too.
    if (const HostAndPort split = splitHostAndPort(request.host); split.hasPort) {
        if (portSet && split.port != port)
            return fail(tr("--host %1 names port %2, --port says %3").arg(request.host).arg(split.port).arg(parser.value("port")), json);
        request.host = split.host;
        port = split.port;
        ok = portSet = true;
    }
    if (!portSet || !ok || port < 1 || port > 65535)
        return fail(tr("--port: the client needs a server port 1..65535"), json);
    request.port = quint16(port);
    if (!hostNeedsLookup(request.host)) {
        // A malformed literal is a usage error: one line, before any socket.
        if (const Result<ResolvedHost> literal = resolveHost(request.host); !literal)
            return fail(tr("--host: %1").arg(literal.error().text()), json);
    }
    const Result<int> repeat = repeatCountFromParser(parser);
    if (!repeat)
        return fail(repeat.error().text(), json);
    const bool bin = parser.isSet("bin");

    if (parser.isSet("repeat")) {
        // Another process's server: only --persistent on this command line says it keeps the
        // connection; the reply then ends at a newline (line handler) or after one read.
        const bool persistent = parser.isSet("persistent");
        if (persistent)
            request.replyMode = parser.value("handler") == QLatin1String("line") ? ReplyMode::Line : ReplyMode::FirstRead;
        const RepeatRun run = runRepeat(request, repeat.value(), persistent);
        if (json) {
            QJsonObject o{{"type", "client_repeat"}, {"ok", run.summary.failed == 0}, {"repeat", run.toJson()}};
            if (!run.results.isEmpty())
                o["last"] = exchangeJson(request, run.results.last(), bin);
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        } else {
            if (!run.results.isEmpty())
                printExchange(request, run.results.last(), bin, false);
            std::printf("%s\n", qPrintable(run.toText()));
        }
        std::fflush(stdout);
        if (run.summary.failed) {
            std::fprintf(stderr, "tcplab: %s\n", qPrintable(run.summary.firstError));
            return 1;
        }
        return 0;
    }

    const ClientResult result = runClientExchange(request);
    if (json) {
        QJsonObject o = exchangeJson(request, result, bin);
        o["type"] = QStringLiteral("client");
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    } else {
        printExchange(request, result, bin);
    }
    std::fflush(stdout);
    if (result.error) {
        std::fprintf(stderr, "tcplab: %s\n", qPrintable(result.error.text()));
        return 1;
    }
    return 0;
}
