// The one object the UI and the CLI talk to: it opens the listener in the caller's thread (so
// set-up errors come back at once), then runs the chosen engine on a worker thread.
#pragma once

#include "connectionregistry.h"
#include "error.h"
#include "eventhub.h"
#include "liveoptions.h"
#include "serverconfig.h"
#include "socketoptions.h"
#include "socketendpoint.h"
#include "socketfactory.h"

#include <QHostAddress>
#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace tcplab {

class Engine;

class Server : public QObject
{
    Q_OBJECT
public:
    explicit Server(QObject *parent = nullptr);
    ~Server() override;

    // Bind, apply, listen and start serving; the error names what failed and why.
    Error start(const ServerConfig &config);
    // Close every socket and join every thread; returns within about a second.
    void stop();
    // Where the next start() gets its listening socket (::socket() when empty), e.g. the wire.
    void setSocketFactory(SocketFactory factory) { m_socketFactory = std::move(factory); }

    bool isRunning() const { return m_running; }
    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    // "127.0.0.1:9000", "[::1]:9000"
    QString endpoint() const { return formatEndpoint(m_address, m_port); }
    // How the configured host name became the address ("localhost -> 127.0.0.1 (...)"); empty
    // for a literal.
    QString resolution() const { return m_resolution; }
    ServerConfig config() const { return m_config; }
    OptionReport report() const { return m_report; }
    QStringList warnings() const { return m_warnings; }
    int listenDescriptor() const { return m_listenFd; }

    EventHub *events() { return &m_events; }
    ConnectionRegistry *connections() { return &m_connections; }

    QList<ConnectionInfo> connectionSnapshot(bool withTcpInfo = true) const { return m_connections.snapshot(withTcpInfo); }
    bool closeConnection(quint64 id, bool reset) { return m_connections.requestClose(id, reset); }
    void closeAllConnections(bool reset) { m_connections.requestCloseAll(reset); }

    // While running, from the thread that called start(): the options of keys (every table key
    // when empty) whose value in wanted differs from config(). A live one is set at once on the
    // listener and on every open connection of any engine, and read back; config() and report()
    // take it. Any other applies on restart. Each result is logged ("TCP_NODELAY = off applied
    // live to the listener and 3 connection(s) (read back off)"), then optionsChanged() follows.
    Q_INVOKABLE tcplab::LiveChangeReport changeOptions(const tcplab::ServerConfig &wanted, const QStringList &keys = {});

signals:
    void started(const QString &address, quint16 port);
    void stopped();
    // Serving could not go on (e.g. accept() or epoll failed): the server has stopped by itself,
    // every descriptor is released and isRunning() is false. Emitted right after stopped().
    void failed(const QString &reason);
    // changeOptions() changed something or said why not; report() is up to date.
    void optionsChanged(const tcplab::LiveChangeReport &change);

private:
    void onEngineFailed(quint64 run);

    EventHub m_events;
    ConnectionRegistry m_connections;
    ServerConfig m_config;
    SocketFactory m_socketFactory;
    OptionReport m_report;
    QHash<QString, QString> m_liveNotes; // per key: what the last live change did, for the report
    std::shared_ptr<std::atomic<bool>> m_lingerMayBlock;
    QStringList m_warnings;
    QHostAddress m_address;
    QString m_resolution;
    quint16 m_port = 0;
    int m_listenFd = -1;
    bool m_running = false;
    std::unique_ptr<Engine> m_engine;
    QThread *m_thread = nullptr;
    // Written last by the worker, read by stop() after wait(): a happens-before edge that
    // ThreadSanitizer can see (QThread::wait() synchronises inside uninstrumented Qt code).
    std::atomic<bool> m_workerReturned{false};
    Error m_engineFailure; // written by the worker before m_workerReturned
    quint64 m_run = 0;     // which start() a queued failure notice belongs to
};

} // namespace tcplab
