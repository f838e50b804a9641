#include "headlessserver.h"

#include "unixsignalwatcher.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace tcplab;

namespace {
QByteArray jsonLine(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

HeadlessServer::HeadlessServer(bool json, QObject *parent) : QObject(parent), m_json(json)
{
    connect(m_server.events(), &EventHub::eventsReady, this, &HeadlessServer::printBatch);
}

void HeadlessServer::setWireServerSide(SocketFactory factory, WireReachFunction reach)
{
    m_server.setSocketFactory(std::move(factory));
    m_wire = true;
    m_wireReach = std::move(reach);
}

void HeadlessServer::printLine(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
}

void HeadlessServer::printBatch(const EventBatch &batch)
{
    // One write per batch: a flood of events costs one system call per queued delivery.
    QByteArray out;
    out.reserve(batch.size() * 96);
    for (const ServerEvent &e : batch) {
        out += m_json ? jsonLine(e.toJson()) : e.toText().toUtf8();
        out += '\n';
    }
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fflush(stdout);
}

int HeadlessServer::run(const ServerConfig &config)
{
    UnixSignalWatcher signalWatcher;
    if (Error e = m_server.start(config)) {
        if (m_json)
            printLine(jsonLine({{"type", "error"}, {"errno", e.errnum()}, {"message", e.text()}}));
        std::fprintf(stderr, "tcplab: %s\n", qPrintable(e.text()));
        return 1;
    }
    WireReach reach;
    if (m_wire && m_wireReach) {
        Result<WireReach> r = m_wireReach(m_server.port());
        if (!r) {
            m_server.stop();
            if (m_json)
                printLine(jsonLine({{"type", "error"}, {"errno", r.error().errnum()}, {"message", r.error().text()}}));
            std::fprintf(stderr, "tcplab: %s\n", qPrintable(r.error().text()));
            return 1;
        }
        reach = r.take();
    }
    const OptionReport report = m_server.report();
    if (m_json) {
        QJsonArray rows;
        for (const OptionReportRow &r : report.rows)
            rows.append(QJsonObject{{"key", r.key}, {"name", r.name}, {"requested", r.requested},
                                    {"effective", r.effective}, {"changed", r.changed}, {"note", r.note}});
        printLine(jsonLine({{"type", "report"}, {"options", rows}, {"omitted", QJsonArray::fromStringList(report.omitted)}}));
        const bool ipv6 = m_server.address().protocol() == QAbstractSocket::IPv6Protocol;
        QJsonObject listening{{"type", "listening"}, {"address", m_server.address().toString()}, {"port", m_server.port()},
                              {"endpoint", m_server.endpoint()}, {"family", ipv6 ? QStringLiteral("ipv6") : QStringLiteral("ipv4")},
                              {"mode", modeName(config.mode())}, {"handler", handlerName(config.handler())}};
        if (!m_server.resolution().isEmpty())
            listening["resolved"] = m_server.resolution();
        if (m_wire) {
            listening["wire_side"] = QStringLiteral("server");
            for (auto it = reach.json.begin(); it != reach.json.end(); ++it)
                listening[it.key()] = it.value();
        }
        printLine(jsonLine(listening));
    } else {
        printLine(QCoreApplication::translate("Headless", "option report (requested vs effective on the listening socket):").toUtf8());
        printLine(report.toText().toUtf8().chopped(1));
        if (m_wire) {
            printLine(QCoreApplication::translate("Headless", "listening on %1 (server side of the wire)").arg(m_server.endpoint()).toUtf8());
            printLine(reach.text.toUtf8());
        } else {
            printLine(QStringLiteral("listening on %1").arg(m_server.endpoint()).toUtf8());
        }
        if (!m_server.resolution().isEmpty())
            printLine(m_server.resolution().toUtf8());
    }
    std::fflush(stdout);

    connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, this, [this](int) {
        m_server.stop();
        m_server.events()->flush();
        QCoreApplication::quit();
    });
    // The server stopped by itself: a supervisor must see it, not a process that listens no more.
    connect(&m_server, &Server::failed, this, [this](const QString &reason) {
        m_failed = true;
        m_server.events()->flush();
        if (m_json)
            printLine(jsonLine({{"type", "error"}, {"message", reason}}));
        std::fflush(stdout);
        std::fprintf(stderr, "tcplab: server stopped: %s\n", qPrintable(reason));
        QCoreApplication::exit(1);
    });
    const int exitCode = QCoreApplication::exec();
    m_server.stop();
    m_server.events()->flush();
    return m_failed ? 1 : exitCode;
}
