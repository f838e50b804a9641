#include "clientcommand.h"

#include "binframe.h"
#include "labclient.h"
#include "serverevent.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

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
} // namespace

void addClientOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {"send", tr("Client: send TEXT to --host:--port and print the reply"), "text"},
        {"hex", tr("Client: TEXT of --send is hex digits (e.g. 48656c6c6f0a)")},
        {"bin", tr("Client: send a Bin frame built from u32,tag,u64,i16,i16,f32"), "fields"},
        {"client-nodelay", tr("Client: TCP_NODELAY on the client socket [on|off; default on]"), "on|off", "on"},
        {"client-quickack", tr("Client: TCP_QUICKACK on the client socket [on|off; default off]"), "on|off", "off"},
        {"client-fastopen", tr("Client: TCP_FASTOPEN_CONNECT, data in the SYN when a cookie is cached [on|off; default off]"), "on|off", "off"},
        {"connect-timeout", tr("Client: connect timeout [ms; default 3000]"), "ms", "3000"},
        {"reply-timeout", tr("Client: how long to wait for the reply [ms; default 3000]"), "ms", "3000"},
    });
}

int runClientCommand(const QCommandLineParser &parser, bool json)
{
    ClientRequest request;
    request.host = parser.isSet("host") ? parser.value("host") : QStringLiteral("127.0.0.1");
    if (request.host.isEmpty())
        request.host = QStringLiteral("127.0.0.1");
    bool ok = false;
    const int port = parser.value("port").toInt(&ok);
    if (!parser.isSet("port") || !ok || port < 1 || port > 65535)
        return fail(tr("--port: the client needs a server port 1..65535"), json);
    request.port = quint16(port);
    auto onOff = [&](const char *name, bool *out) {
        const QString v = parser.value(name);
        if (v != QLatin1String("on") && v != QLatin1String("off"))
            return false;
        *out = v == QLatin1String("on");
        return true;
    };
    if (!onOff("client-nodelay", &request.nodelay) || !onOff("client-quickack", &request.quickack)
        || !onOff("client-fastopen", &request.fastOpen))
        return fail(tr("--client-nodelay/--client-quickack/--client-fastopen take on or off"), json);
    request.connectTimeoutMs = parser.value("connect-timeout").toInt(&ok);
    if (!ok || request.connectTimeoutMs < 1)
        return fail(tr("--connect-timeout: a positive number of milliseconds"), json);
    request.replyTimeoutMs = parser.value("reply-timeout").toInt(&ok);
    if (!ok || request.replyTimeoutMs < 1)
        return fail(tr("--reply-timeout: a positive number of milliseconds"), json);

    const bool bin = parser.isSet("bin");
    if (bin) {
        BinFrame frame;
        QString error;
        if (!BinFrame::parseFields(parser.value("bin"), &frame, &error))
            return fail(QStringLiteral("--bin: ") + error, json);
        request.payload = frame.encode();
    } else if (parser.isSet("hex")) {
        QString error;
        if (!parseHex(parser.value("send"), &request.payload, &error))
            return fail(QStringLiteral("--hex: ") + error, json);
    } else {
        request.payload = parser.value("send").toUtf8();
    }
    if (request.payload.isEmpty())
        return fail(tr("nothing to send"), json);

    const ClientResult result = runClientExchange(request);
    QString decoded;
    if (bin && !result.reply.isEmpty()) {
        BinFrame frame;
        QString error;
        decoded = BinFrame::decode(result.reply.constData(), result.reply.size(), &frame, &error) ? frame.toText() : error;
    }
    if (json) {
        QJsonObject o{{"type", "client"},
                      {"ok", !result.error},
                      {"sent_hex", QString::fromLatin1(request.payload.toHex())},
                      {"reply", QString::fromUtf8(result.reply)},
                      {"reply_hex", QString::fromLatin1(result.reply.toHex())},
                      {"connect_us", result.connectUs},
                      {"first_byte_us", result.firstByteUs},
                      {"total_us", result.totalUs},
                      {"peer_closed", result.peerClosed},
                      {"fastopen_used", result.fastOpenUsed}};
        if (result.error)
            o["error"] = result.error.text();
        if (!decoded.isEmpty())
            o["reply_frame"] = decoded;
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    } else {
        std::printf("sent %lld bytes to %s:%d: '%s'\n", qlonglong(request.payload.size()), qPrintable(request.host), port,
                    qPrintable(printableData(request.payload)));
        if (!result.reply.isEmpty()) {
            std::printf("reply: '%s'\n", qPrintable(printableData(result.reply)));
            std::printf("reply hex: %s\n", qPrintable(hexData(result.reply)));
        }
        if (!decoded.isEmpty())
            std::printf("reply frame: %s\n", qPrintable(decoded));
        if (!result.error)
            std::printf("%s\n", qPrintable(result.summary()));
    }
    std::fflush(stdout);
    if (result.error) {
        std::fprintf(stderr, "tcplab: %s\n", qPrintable(result.error.text()));
        return 1;
    }
    return 0;
}
