#include "server.h"

#include "threadpriority.h"

#include "engine.h"
#include "listener.h"
#include "resourcelimits.h"

#include <QThread>

#include <unistd.h>

#include <utility>

namespace tcplab {

Server::Server(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<tcplab::OptionReport>();
    qRegisterMetaType<tcplab::LiveChangeReport>();
}

Server::~Server()
{
    stop();
}

Error Server::start(const ServerConfig &config)
{
    if (m_running)
        return Error::message(tr("the server is already running on %1").arg(endpoint()));
    // Each connection costs a descriptor: serve with the most the hard limit allows.
    const FileLimitReport fileLimit = raiseFileLimit();
    Result<ListenerSocket> listener = openListener(config, m_socketFactory);
    if (!listener)
        return listener.error();

    ListenerSocket socket = listener.take();
    m_config = config;
    m_report = socket.report;
    m_warnings = socket.warnings;
    m_address = socket.address;
    m_port = socket.port;
    m_resolution = socket.resolution;
    m_listenFd = socket.fd.release();
    m_liveNotes.clear();
    m_events.setMinimumLevel(config.logLevel());
    m_connections.reopen();

    EngineContext context;
    context.config = config;
    context.events = &m_events;
    context.connections = &m_connections;
    context.listenFd = m_listenFd;
    context.prepare();
    m_lingerMayBlock = context.lingerMayBlock;
    m_engine = createEngine(context);

    Engine *engine = m_engine.get();
    const quint64 run = ++m_run;
    m_workerReturned.store(false, std::memory_order_relaxed);
    m_thread = QThread::create([this, engine, run] {
        yieldCpuIfTransferThread(); // its connection threads inherit it
        Error failure = engine->run();
        const bool failed = failure.isError();
        m_engineFailure = std::move(failure);
        m_workerReturned.store(true, std::memory_order_release);
        // The engine ended by itself: stop in the owner's thread, where the signals belong.
        if (failed)
            QMetaObject::invokeMethod(this, [this, run] { onEngineFailed(run); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("tcplab-%1").arg(modeName(config.mode())));
    m_thread->start();
    m_running = true;

    m_events.post(fileLimit.error ? LogLevel::Warning : LogLevel::Info, EventKind::Lifecycle, 0, {}, fileLimit.toText());
    if (!m_resolution.isEmpty())
        m_events.post(LogLevel::Info, EventKind::Lifecycle, 0, {}, m_resolution);
    for (const QString &w : std::as_const(m_warnings))
        m_events.post(LogLevel::Warning, EventKind::Lifecycle, 0, {}, w);
    m_events.post(LogLevel::Info, EventKind::Lifecycle, 0, {},
                  tr("listening on %1 (%2 mode, %3 handler, %4)")
                      .arg(endpoint(), modeName(config.mode()), handlerName(config.handler()),
                           config.persistent() ? tr("persistent") : tr("one-shot")));
    emit started(m_address.toString(), m_port);
    return {};
}

void Server::stop()
{
    if (!m_running)
        return;
    m_engine->requestStop();
    m_thread->wait();
    [[maybe_unused]] const bool returned = m_workerReturned.load(std::memory_order_acquire);
    const Error failure = std::exchange(m_engineFailure, Error());
    delete m_thread;
    m_thread = nullptr;
    m_engine.reset();
    ::close(m_listenFd);
    m_listenFd = -1;
    m_running = false;
    ++m_run; // a failure notice still queued for this run is answered here
    if (failure)
        m_events.post(LogLevel::Error, EventKind::Error, 0, {}, tr("server failed: %1").arg(failure.text()));
    m_events.post(LogLevel::Info, EventKind::Lifecycle, 0, {}, tr("stopped (was %1)").arg(endpoint()));
    emit stopped();
    if (failure)
        emit failed(failure.text());
}

LiveChangeReport Server::changeOptions(const ServerConfig &wanted, const QStringList &keys)
{
    if (!m_running)
        return {};
    const LiveChangeReport change = applyLiveChange(m_listenFd, m_connections, m_config, wanted, keys, m_lingerMayBlock.get());
    if (change.results.isEmpty())
        return change;
    for (const LiveOptionResult &r : change.results) {
        const LogLevel level = r.failed() ? LogLevel::Warning : LogLevel::Info;
        m_events.post(level, r.failed() && !r.applied ? EventKind::Error : EventKind::Lifecycle, 0, {}, r.text());
        if (r.applied)
            m_liveNotes.insert(r.key, r.key == QLatin1String("backlog")
                                          ? tr("changed live: listen() again")
                                          : tr("changed live: set on the listener and %n open connection(s)", nullptr, r.connections));
    }
    if (change.appliedCount() > 0) {
        m_report = buildListenerReport(m_listenFd, m_config);
        for (OptionReportRow &row : m_report.rows) {
            if (const QString note = m_liveNotes.value(row.key); !note.isEmpty())
                row.note = row.note.isEmpty() ? note : row.note + QStringLiteral("; ") + note;
        }
    }
    emit optionsChanged(change);
    return change;
}

void Server::onEngineFailed(quint64 run)
{
    if (run == m_run && m_running)
        stop();
}

} // namespace tcplab
