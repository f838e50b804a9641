// tcplab --headless: the option report, "listening on ADDRESS:PORT", then the event log on
// stdout (text or one JSON object per line) until SIGINT/SIGTERM (exit 0). Exit 1 when the
// server cannot start or stops by itself (the reason on stderr, and as {"type":"error"} in JSON).
#pragma once

#include "server.h"

#include <QObject>

#include <cstdio>

class HeadlessServer : public QObject
{
    Q_OBJECT
public:
    HeadlessServer(bool json, QObject *parent = nullptr);
    // Returns the process exit code.
    int run(const tcplab::ServerConfig &config);
    // Serve on the wire's server side: sockets from factory, the "listening on" line says so and
    // note (who can reach it) follows it.
    void setWireServerSide(tcplab::SocketFactory factory, const QString &note);

private:
    void printBatch(const tcplab::EventBatch &batch);
    void printLine(const QByteArray &line);

    tcplab::Server m_server;
    bool m_json;
    bool m_failed = false;
    bool m_wire = false;
    QString m_wireNote;
};
