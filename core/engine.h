// The concurrency engines (iterative, a pooled thread per connection, epoll event loop) behind one
// interface. run() serves on the calling worker thread until requestStop() from any thread, or
// until serving cannot go on: then it returns why, with every connection it held closed.
#pragma once

#include "connectionregistry.h"
#include "error.h"
#include "eventhub.h"
#include "framers.h"
#include "serverconfig.h"
#include "socketendpoint.h"

#include <atomic>
#include <functional>
#include <memory>

namespace tcplab {

struct EngineContext
{
    ServerConfig config;
    EventHub *events = nullptr;
    ConnectionRegistry *connections = nullptr;
    int listenFd = -1; // owned by the Server; the engine only uses it

    // Derived once per run so that accepting a connection does no config look-ups.
    HandlerConfig handler;
    struct PerConnectionOption
    {
        const OptionSpec *spec;
        QVariant value;
    };
    QList<PerConnectionOption> perConnectionOptions;
    bool quickAckRearm = false;
    // How a session's descriptor is closed while lingerMayBlock holds; otherwise (or empty)
    // ::close(). The engines emulate an SO_LINGER close so that it cannot block their loop or stop().
    std::function<void(int fd, quint64 id, const QString &peer)> closeDescriptor;
    // SO_LINGER N > 0 may be on some connection: set at start from the config, and by the Server
    // before it sets such a linger live, so that a close() never waits in the engine's thread.
    std::shared_ptr<std::atomic<bool>> lingerMayBlock;
    void prepare();
};

class Engine
{
public:
    explicit Engine(EngineContext context) : m_context(std::move(context)) {}
    virtual ~Engine() = default;
    // Empty after requestStop(); otherwise the failure that ended serving.
    virtual Error run() = 0;
    virtual void requestStop() = 0;

protected:
    EngineContext m_context;
};

std::unique_ptr<Engine> createEngine(const EngineContext &context);

// What an engine does with an accept() error.
enum class AcceptFailure {
    Retry,    // the one connection is lost (aborted, or a network error Linux passes on)
    Resource, // out of descriptors or memory: back off, the queued clients wait
    Fatal,    // the listener itself is unusable (closed, shut down, not a socket)
};
AcceptFailure classifyAcceptError(int err, int listenFd);

// Per-connection logic that every engine shares: options on accept, reports, the framer,
// counters and log events. The engines only move bytes.
class ConnectionSession
{
public:
    ConnectionSession(const EngineContext &context, int fd, const QString &peer);
    ~ConnectionSession();
    ConnectionSession(const ConnectionSession &) = delete;
    ConnectionSession &operator=(const ConnectionSession &) = delete;

    quint64 id() const { return m_id; }
    int fd() const { return m_fd; }
    const QString &peer() const { return m_peer; }
    qsizetype readSize() const { return m_framer->readSize(); }
    CloseRequest closeRequest() const { return CloseRequest(m_stats->closeRequest.load()); }

    // Data arrived: fills out with the reply to send and whether to close afterwards.
    void onData(const char *data, qsizetype size, FrameOutput &out);
    // recv() returned 0: a close request from the lab, or the peer's FIN.
    void onEof(FrameOutput &out);
    void onSent(qsizetype bytes);
    void log(LogLevel level, EventKind kind, const QString &text);
    // Close the descriptor (with RST when reset) and log why. Idempotent.
    void close(const QString &reason, bool reset = false, LogLevel level = LogLevel::Info);

private:
    void publish(const FrameOutput &out);

    const EngineContext &m_context;
    EventHub *m_events;
    int m_fd;
    quint64 m_id;
    QString m_peer;
    std::unique_ptr<Framer> m_framer;
    std::shared_ptr<ConnectionStats> m_stats;
    bool m_rearmQuickAck;
    bool m_closed = false;
};

// The reasons of the common closes, translated once.
const QString &closedAfterReplyText();
const QString &peerClosedText();

// SO_LINGER emulated without a blocking close(): Linux makes close() wait up to the linger time
// for the peer to acknowledge everything, even on a non-blocking socket, and nothing interrupts
// that wait - it would freeze an event loop, and stop(). How long close() would wait on fd, in
// ms; 0 when it would not wait (linger off or 0, unread input - close() then resets at once - or
// nothing left unacknowledged).
qint64 lingerWaitMs(int fd);
int unacknowledgedBytes(int fd);
enum class LingerEnd { Acknowledged, Expired, Stopped };
// Close fd without waiting (linger off: the kernel goes on in the background) and log the outcome.
void endLingeringClose(int fd, EventHub *events, quint64 id, const QString &peer, qint64 waitedMs, int unacked, LingerEnd end);

} // namespace tcplab
