// The fast mode: one worker thread, non-blocking sockets, epoll. Nothing here blocks, so
// SO_RCVTIMEO/SO_SNDTIMEO have no effect; an idle timeout of the lab's own replaces them.
#include "engine.h"
#include "filedescriptor.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <linux/sockios.h>
#include <sys/socket.h>
#include <list>
#include <unordered_map>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Server", text); }

constexpr quint64 kListenerTag = 0;
constexpr quint64 kWakeTag = 1;
// | fd: a descriptor in its lingering close (user-space pointers, the other tags, never set it).
constexpr quint64 kLingerMark = quint64(1) << 63;
constexpr qsizetype kMinReadBuffer = 65536;
// Bytes read from one connection per wake-up at most (one read always), so that one busy peer
// cannot starve the others.
constexpr qsizetype kReadBudget = 512 * 1024;

// The interest sets. Reading: level-triggered; every IN/RDHUP is consumed by recv(). Writing
// (reading paused): EPOLLRDHUP is not consumed - the peer's FIN waits behind unread input, and a
// peer that half-closed may still read its reply - so level-triggered it would be reported again
// at once, forever. Edge-triggered, each new wake-up is reported once: the peer's FIN, the lab's
// shutdown(SHUT_RD) for a close request, a reset. EPOLLOUT is fine edge-triggered because
// flush() writes until EAGAIN. EPOLLHUP and EPOLLERR are reported whatever the set.
constexpr quint32 kReadingEvents = EPOLLIN | EPOLLRDHUP;
constexpr quint32 kWritingEvents = EPOLLOUT | EPOLLRDHUP | EPOLLET;

struct EventConnection
{
    EventConnection(const EngineContext &context, int fd, const QString &peer) : session(context, fd, peer) {}
    ConnectionSession session;
    QByteArray pending;     // reply bytes the kernel has not taken yet
    qsizetype pendingOffset = 0;
    bool closeAfterFlush = false;
    bool writing = false;   // EPOLLOUT armed, reading paused (back-pressure)
    bool peerHalfClosed = false; // its FIN arrived while writing
    qint64 lastActivityMs = 0;
    std::list<EventConnection>::iterator self; // its place in the engine's list
};

class EventEngine final : public Engine
{
public:
    explicit EventEngine(const EngineContext &context) : Engine(context)
    {
        m_idleTimeoutMs = qint64(context.config.idleTimeoutSeconds() * 1000.0);
        m_wakeFd = FileDescriptor(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
        if (!m_wakeFd.isValid())
            m_failure = Error::fromErrno(errno, tr("eventfd"));
        m_context.closeDescriptor = [this](int fd, quint64 id, const QString &peer) { lingerClose(fd, id, peer); };
    }

    Error run() override
    {
        if (m_failure)
            return m_failure;
        FileDescriptor epoll(::epoll_create1(EPOLL_CLOEXEC));
        if (!epoll.isValid())
            return Error::fromErrno(errno, tr("epoll_create1"));
        m_epoll = epoll.get();
        const int flags = ::fcntl(m_context.listenFd, F_GETFL);
        if (flags < 0 || ::fcntl(m_context.listenFd, F_SETFL, flags | O_NONBLOCK) != 0)
            fail(Error::fromErrno(errno, tr("fcntl(O_NONBLOCK) on the listener")));
        // A failure here has ended the loop before it starts.
        if (!m_failure && control(EPOLL_CTL_ADD, m_context.listenFd, EPOLLIN, kListenerTag, "listener"))
            control(EPOLL_CTL_ADD, m_wakeFd.get(), EPOLLIN, kWakeTag, "wake-up eventfd");

        epoll_event events[256];
        qint64 lastSweep = QDateTime::currentMSecsSinceEpoch();
        while (!m_stopping.load(std::memory_order_relaxed)) {
            const int n = ::epoll_wait(m_epoll, events, 256, waitTimeout(QDateTime::currentMSecsSinceEpoch()));
            if (n < 0 && errno != EINTR) {
                fail(Error::fromErrno(errno, tr("epoll_wait")));
                break;
            }
            for (int i = 0; i < n && !m_failure; ++i) {
                const quint64 tag = events[i].data.u64;
                if (tag == kListenerTag)
                    acceptAll();
                else if (tag == kWakeTag)
                    drainWake();
                else if (tag & kLingerMark)
                    lingerWokeUp(int(tag & 0xffffffffu));
                else
                    handle(reinterpret_cast<EventConnection *>(events[i].data.ptr), events[i].events);
            }
            if (m_failure)
                break;
            if (!m_lingering.empty())
                sweepLingering(QDateTime::currentMSecsSinceEpoch(), false);
            if (m_acceptPausedUntil || m_idleTimeoutMs > 0) {
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                if (m_acceptPausedUntil && now >= m_acceptPausedUntil) {
                    m_acceptPausedUntil = 0;
                    control(EPOLL_CTL_MOD, m_context.listenFd, EPOLLIN, kListenerTag, "listener");
                }
                if (m_idleTimeoutMs > 0 && now - lastSweep >= 100) {
                    lastSweep = now;
                    sweepIdle(now);
                }
            }
        }
        m_context.connections->shutdownAll(); // so that no SO_LINGER close() delays stop()
        for (EventConnection &conn : m_connections)
            conn.session.close(m_failure ? tr("server failed") : tr("server stopped"),
                                        false, m_failure ? LogLevel::Warning : LogLevel::Info);
        m_connections.clear();
        sweepLingering(QDateTime::currentMSecsSinceEpoch(), true);
        m_epoll = -1;
        return m_failure;
    }

    // Wake up for the idle sweep and the accept pause (100 ms), and at the first linger deadline.
    int waitTimeout(qint64 now) const
    {
        qint64 timeout = (m_idleTimeoutMs > 0 || m_acceptPausedUntil) ? 100 : -1;
        for (const auto &entry : m_lingering) {
            const qint64 left = std::max<qint64>(entry.second.deadlineMs - now, 0) + 1;
            if (timeout < 0 || left < timeout)
                timeout = left;
        }
        return int(std::min<qint64>(timeout, 1000000));
    }

    void requestStop() override
    {
        m_stopping.store(true);
        const quint64 one = 1;
        [[maybe_unused]] const ssize_t n = ::write(m_wakeFd.get(), &one, sizeof(one));
    }

private:
    // A connection in its lingering close: gone for the server, its descriptor still open.
    struct Lingering
    {
        quint64 id;
        QString peer;
        qint64 startMs;
        qint64 deadlineMs;
    };
    using LingeringMap = std::unordered_map<int, Lingering>;

    // Serving cannot go on: the loop ends, and run() closes everything and returns why.
    void fail(Error error)
    {
        if (!m_failure)
            m_failure = std::move(error);
        m_stopping.store(true);
    }

    // epoll_ctl, or the engine fails: a descriptor the loop does not watch as it believes would
    // never be served nor closed.
    bool control(int op, int fd, quint32 events, quint64 tag, const char *what)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.u64 = tag;
        return control(op, fd, ev, what);
    }

    bool control(int op, int fd, epoll_event &ev, const char *what)
    {
        if (::epoll_ctl(m_epoll, op, fd, &ev) == 0)
            return true;
        const char *name = op == EPOLL_CTL_ADD ? "EPOLL_CTL_ADD" : op == EPOLL_CTL_MOD ? "EPOLL_CTL_MOD" : "EPOLL_CTL_DEL";
        fail(Error::fromErrno(errno, tr("epoll_ctl(%1) of the %2").arg(QLatin1String(name), QLatin1String(what))));
        return false;
    }

    bool watchConnection(EventConnection *conn, int op, quint32 events)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.ptr = conn;
        if (control(op, conn->session.fd(), ev, "connection"))
            return true;
        finish(conn, tr("not served: the event loop could not watch it"), false, LogLevel::Error);
        return false;
    }

    void drainWake()
    {
        quint64 value;
        [[maybe_unused]] const ssize_t n = ::read(m_wakeFd.get(), &value, sizeof(value));
    }

    // Accept until EAGAIN: one wake-up can carry many queued connections.
    void acceptAll()
    {
        for (;;) {
            SocketEndpoint addr;
            socklen_t len = SocketEndpoint::capacity();
            const int fd = ::accept4(m_context.listenFd, addr.data(), &len,
                                     SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                const int err = errno;
                if (err == EAGAIN || err == EWOULDBLOCK)
                    return;
                switch (classifyAcceptError(err, m_context.listenFd)) {
                case AcceptFailure::Retry:
                    continue;
                case AcceptFailure::Resource: {
                    // Out of descriptors: the listener stays readable, so stop watching it for
                    // a while instead of spinning at 100% CPU, and say so once per second.
                    const qint64 now = QDateTime::currentMSecsSinceEpoch();
                    if (now - m_lastLimitLog >= 1000) {
                        m_lastLimitLog = now;
                        m_context.events->post(LogLevel::Error, EventKind::Error, 0, {},
                                               Error::fromErrno(err, tr("accept (pausing 100 ms)")).text());
                    }
                    m_acceptPausedUntil = now + 100;
                    control(EPOLL_CTL_MOD, m_context.listenFd, 0, kListenerTag, "listener");
                    return;
                }
                case AcceptFailure::Fatal:
                    // E.g. the listener was shut down: level-triggered, its EPOLLHUP would come
                    // back forever.
                    fail(Error::fromErrno(err, tr("accept")));
                    return;
                }
            }
            EventConnection *raw = &m_connections.emplace_front(m_context, fd, addr.toString());
            raw->self = m_connections.begin();
            raw->lastActivityMs = m_idleTimeoutMs > 0 ? QDateTime::currentMSecsSinceEpoch() : 0;
            if (!watchConnection(raw, EPOLL_CTL_ADD, kReadingEvents))
                return;
        }
    }

    void handle(EventConnection *conn, quint32 events)
    {
        // EPOLLERR also means "the error queue holds messages" (transmit time stamps, ICMP errors
        // with IP_RECVERR, zero-copy completions; the raw options can ask for them). recv()
        // does not take them, so level-triggered EPOLLERR would come back at once, forever.
        if (events & EPOLLERR)
            drainErrorQueue(conn->session.fd());
        if (!conn->writing) {
            if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
                readFrom(conn); // recv() returns a pending socket error, and the EOF
            return;
        }
        // A close asked by the lab must also reach a connection stuck sending to a peer that
        // does not read (it is not reading, so it would never see the EOF).
        if (conn->session.closeRequest() != CloseRequest::None) {
            finish(conn, tr("closed by the lab"), false, LogLevel::Info);
            return;
        }
        if ((events & EPOLLHUP) || ((events & EPOLLERR) && socketError(conn->session.fd()) != 0)) {
            finish(conn, tr("connection lost while sending"), false, LogLevel::Warning);
            return;
        }
        if ((events & EPOLLRDHUP) && !conn->peerHalfClosed) {
            // The peer half-closed (or its FIN is there behind unread input): it may still read
            // the reply, so keep sending; the EOF is read once the reply is out.
            conn->peerHalfClosed = true;
            if (m_context.events->wants(LogLevel::Debug))
                conn->session.log(LogLevel::Debug, EventKind::Received, tr("peer half-closed while its reply is pending"));
        }
        if (events & EPOLLOUT)
            flush(conn);
    }

    // A bounded number per wake-up: level-triggered, what is left is reported again.
    static void drainErrorQueue(int fd)
    {
        char data[256];
        char control[512];
        for (int i = 0; i < 64; ++i) {
            iovec iov{data, sizeof(data)};
            msghdr msg{};
            msg.msg_iov = &iov;
            msg.msg_iovlen = 1;
            msg.msg_control = control;
            msg.msg_controllen = sizeof(control);
            if (::recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0 && errno != EINTR)
                return;
        }
    }

    static int socketError(int fd)
    {
        int err = 0;
        socklen_t len = sizeof(err);
        return ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 ? err : errno;
    }

    void readFrom(EventConnection *conn)
    {
        ConnectionSession &s = conn->session;
        FrameOutput out;
        qsizetype taken = 0;
        for (int round = 0; round < 8 && taken < kReadBudget; ++round) {
            // The handler's read size, whole: the Byte handler's one recv(recv-size) is the lesson.
            const qsizetype want = s.readSize();
            if (want > m_buffer.size())
                m_buffer.resize(want);
            const ssize_t n = ::recv(s.fd(), m_buffer.data(), size_t(want), 0);
            out.clear();
            if (n > 0) {
                taken += n;
                if (m_idleTimeoutMs > 0)
                    conn->lastActivityMs = QDateTime::currentMSecsSinceEpoch();
                s.onData(m_buffer.constData(), n, out);
            } else if (n == 0) {
                s.onEof(out);
                out.close = true;
            } else {
                const int err = errno;
                if (err == EINTR)
                    continue;
                if (err == EAGAIN || err == EWOULDBLOCK)
                    return;
                finish(conn, err == ECONNRESET ? tr("connection reset by peer") : Error::fromErrno(err, tr("recv")).text(),
                       false, LogLevel::Warning);
                return;
            }
            if (out.close)
                conn->closeAfterFlush = true;
            if (!out.reply.isEmpty()) {
                if (!send(conn, out.reply))
                    return;
            } else if (conn->closeAfterFlush) {
                finishAfterReply(conn, out, n == 0);
                return;
            }
            if (conn->writing || conn->closeAfterFlush)
                return;
            if (n < want)
                return; // the socket is drained
        }
    }

    void finishAfterReply(EventConnection *conn, const FrameOutput &out, bool peerClosed)
    {
        if (out.closeWithError)
            finish(conn, tr("closed after a protocol error"), false, LogLevel::Warning);
        else
            finish(conn, peerClosed ? peerClosedText() : closedAfterReplyText(), false, LogLevel::Info);
    }

    // Returns false when the connection is gone.
    bool send(EventConnection *conn, const QByteArray &data)
    {
        ConnectionSession &s = conn->session;
        if (conn->writing) {
            conn->pending.append(data);
            return true;
        }
        const ssize_t n = ::send(s.fd(), data.constData(), size_t(data.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            const int err = errno;
            finish(conn, err == EPIPE || err == ECONNRESET ? tr("peer went away before the reply was sent")
                                                           : Error::fromErrno(err, tr("send")).text(),
                   false, LogLevel::Warning);
            return false;
        }
        const qsizetype sent = std::max<ssize_t>(n, 0);
        if (sent)
            s.onSent(sent);
        if (sent == data.size()) {
            if (conn->closeAfterFlush) {
                finish(conn, closedAfterReplyText(), false, LogLevel::Info);
                return false;
            }
            return true;
        }
        // The peer is not reading fast enough: keep the rest and stop reading from it, so a
        // client that never reads costs one bounded buffer and blocks nobody else.
        conn->pending = data.mid(sent);
        conn->pendingOffset = 0;
        conn->writing = true;
        return watchConnection(conn, EPOLL_CTL_MOD, kWritingEvents);
    }

    // Returns false when the connection is gone.
    bool flush(EventConnection *conn)
    {
        ConnectionSession &s = conn->session;
        while (conn->pendingOffset < conn->pending.size()) {
            const ssize_t n = ::send(s.fd(), conn->pending.constData() + conn->pendingOffset,
                                     size_t(conn->pending.size() - conn->pendingOffset), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    return true;
                if (errno == EINTR)
                    continue;
                finish(conn, tr("peer went away before the reply was sent"), false, LogLevel::Warning);
                return false;
            }
            conn->pendingOffset += n;
            s.onSent(n);
        }
        conn->pending.clear();
        conn->pendingOffset = 0;
        conn->writing = false;
        if (conn->closeAfterFlush) {
            finish(conn, closedAfterReplyText(), false, LogLevel::Info);
            return false;
        }
        // Level-triggered again: input that waited (and the FIN of a peer that half-closed) is
        // reported at once.
        return watchConnection(conn, EPOLL_CTL_MOD, kReadingEvents);
    }

    // SO_LINGER without a blocking close(), which would freeze every other connection of this
    // loop. The lab keeps the kernel's semantics without the wait: the FIN is queued after the
    // data now (as close() would), and the descriptor is closed once the peer has acknowledged
    // everything or the linger time is up - then the kernel finishes in the background, exactly
    // as after a close() whose linger expired.
    void lingerClose(int fd, quint64 id, const QString &peer)
    {
        const qint64 lingerMs = lingerWaitMs(fd);
        if (lingerMs == 0) {
            ::close(fd);
            return;
        }
        ::shutdown(fd, SHUT_WR);
        // Watched under a tag of its own (the connection is gone): the kernel wakes a lingering
        // close() on each state change, e.g. FIN_WAIT1 -> FIN_WAIT2 once the peer has
        // acknowledged the data and the FIN, and those wake-ups come here too. Edge-triggered:
        // EPOLLOUT is always set after SHUT_WR.
        if (m_epoll < 0 || !control(EPOLL_CTL_MOD, fd, EPOLLOUT | EPOLLRDHUP | EPOLLET, kLingerMark | quint32(fd), "lingering connection")) {
            ::close(fd);
            return;
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_lingering[fd] = Lingering{id, peer, now, now + lingerMs};
    }

    void lingerWokeUp(int fd)
    {
        auto it = m_lingering.find(fd);
        if (it != m_lingering.end() && unacknowledgedBytes(fd) == 0)
            endLingering(it, QDateTime::currentMSecsSinceEpoch(), 0, LingerEnd::Acknowledged);
    }

    // The linger deadlines (everything when stopping); an acknowledged end comes by wake-up.
    void sweepLingering(qint64 now, bool stopping)
    {
        for (auto it = m_lingering.begin(); it != m_lingering.end();) {
            if (now < it->second.deadlineMs && !stopping)
                ++it;
            else
                it = endLingering(it, now, unacknowledgedBytes(it->first), stopping ? LingerEnd::Stopped : LingerEnd::Expired);
        }
    }

    LingeringMap::iterator endLingering(LingeringMap::iterator it, qint64 now, int left, LingerEnd end)
    {
        endLingeringClose(it->first, m_context.events, it->second.id, it->second.peer, now - it->second.startMs, left, end);
        return m_lingering.erase(it);
    }

    void sweepIdle(qint64 now)
    {
        std::vector<EventConnection *> idle;
        for (EventConnection &conn : m_connections) {
            if (now - conn.lastActivityMs >= m_idleTimeoutMs)
                idle.push_back(&conn);
        }
        for (EventConnection *conn : idle)
            finish(conn, tr("idle timeout (%1 s without data)").arg(double(m_idleTimeoutMs) / 1000.0), false, LogLevel::Warning);
    }

    void finish(EventConnection *conn, const QString &reason, bool reset, LogLevel level)
    {
        conn->session.close(reason, reset, level); // close() also removes it from the epoll set
        m_connections.erase(conn->self);
    }

    FileDescriptor m_wakeFd;
    int m_epoll = -1;
    std::atomic<bool> m_stopping{false};
    // A list: the connection lives in its node (one allocation per connection, no hashing), and
    // erasing one leaves the others' addresses, which epoll holds, valid.
    std::list<EventConnection> m_connections;
    LingeringMap m_lingering; // by descriptor
    qint64 m_idleTimeoutMs = 0;
    qint64 m_acceptPausedUntil = 0;
    qint64 m_lastLimitLog = 0;
    Error m_failure;
    QByteArray m_buffer = QByteArray(kMinReadBuffer, Qt::Uninitialized);
};

} // namespace

std::unique_ptr<Engine> createBlockingEngine(const EngineContext &context, bool threaded);

std::unique_ptr<Engine> createEngine(const EngineContext &context)
{
    switch (context.config.mode()) {
    case ConcurrencyMode::Iterative: return createBlockingEngine(context, false);
    case ConcurrencyMode::Threaded: return createBlockingEngine(context, true);
    case ConcurrencyMode::Event: return std::make_unique<EventEngine>(context);
    }
    return nullptr;
}

} // namespace tcplab
