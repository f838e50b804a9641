// tcplab --headless: the option report, "listening on ADDRESS:PORT", then the event log on
// stdout (text or one JSON object per line) until SIGINT/SIGTERM (exit 0). Exit 1 when the
// server cannot start or stops by itself (the reason on stderr, and as {"type":"error"} in JSON).
#pragma once

#include "server.h"

#include <QJsonObject>
#include <QObject>

#include <cstdio>
#include <functional>

class HeadlessServer : public QObject
{
    Q_OBJECT
public:
    HeadlessServer(bool json, QObject *parent = nullptr);
    // Returns the process exit code.
    int run(const tcplab::ServerConfig &config);
    // How the wire's server side is reached, once the server listens on serverPort: a line for
    // the text output and fields for the JSON "listening" object (or why it cannot be, exit 1).
    struct WireReach
    {
        QString text;
        QJsonObject json;
    };
    using WireReachFunction = std::function<tcplab::Result<WireReach>(quint16 serverPort)>;
    // Serve on the wire's server side: sockets from factory, the "listening on" line says so and
    // reach's line (who can reach it, and how) follows it.
    void setWireServerSide(tcplab::SocketFactory factory, WireReachFunction reach);

private:
    void printBatch(const tcplab::EventBatch &batch);
    void printLine(const QByteArray &line);

    tcplab::Server m_server;
    bool m_json;
    bool m_failed = false;
    bool m_wire = false;
    WireReachFunction m_wireReach;
};
