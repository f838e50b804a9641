#include "hostentry.h"
#include "threadpriority.h"

#include "filedescriptor.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <cerrno>
#include <list>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <thread>
#include <vector>

namespace tcplab::wire {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Wire", text); }

// A bounded byte queue for one direction of one connection.
struct Pipe
{
    std::unique_ptr<char[]> data;
    size_t capacity = 0, begin = 0, end = 0;
    bool sourceEnded = false; // the source sent its FIN
    bool shutDown = false;    // and it was passed on (shutdown(SHUT_WR) on the destination)

    size_t pending() const { return end - begin; }
    size_t room() const { return capacity - end; }
    bool done() const { return shutDown; }
};

sockaddr_in endpoint(const QHostAddress &a, quint16 port)
{
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(a.toIPv4Address());
    return sa;
}

void setNoDelay(int fd)
{
    // The entry forwards what it has at once; Nagle's wait belongs to the host client, if anyone.
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// A close that sends RST: a failure on one side shows on the other as a reset, not as an end.
void closeWithReset(FileDescriptor &fd)
{
    if (!fd.isValid())
        return;
    const linger l{1, 0};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_LINGER, &l, sizeof l);
    fd.reset();
}

} // namespace

struct HostEntry::Impl
{
    struct Connection;
    // What an epoll event points at: the listener, the wake-up eventfd, or one end of a connection.
    struct Endpoint
    {
        Connection *connection = nullptr;
        bool wireSide = false;
        quint32 watched = 0;   // the events epoll has for this descriptor now
        bool registered = false;
    };
    struct Connection
    {
        FileDescriptor host, wire;
        Endpoint hostEnd, wireEnd;
        Pipe toServer, toHost; // host -> wire, wire -> host
        bool connecting = true;
        bool dead = false;
    };

    SocketFactory factory;
    sockaddr_in target{};
    HostEntryOptions options;
    FileDescriptor listener, epoll, wake;
    Endpoint listenerEnd, wakeEnd;
    quint16 port = 0;
    std::atomic<bool> stop{false};
    std::thread thread;
    std::list<Connection> connections;
    bool accepting = true;
    bool acceptBlocked = false; // out of descriptors: retried on a timer until one is freed

    std::atomic<quint64> accepted{0}, active{0}, connectFailures{0}, bytesToServer{0}, bytesToHost{0};

    void run();
    void acceptAll();
    void openWireSide(Connection &c);
    void handle(Endpoint &e, quint32 events);
    bool pump(Connection &c);
    bool transfer(int from, int to, Pipe &pipe, std::atomic<quint64> &counter);
    void watch(Endpoint &e, int fd, quint32 events);
    void updateInterest(Connection &c);
    void kill(Connection &c, bool reset);
    void setAccepting(bool on);
};

Result<std::unique_ptr<HostEntry>> HostEntry::start(SocketFactory clientSide, const QHostAddress &target, quint16 targetPort,
                                                    const HostEntryOptions &options)
{
    if (target.protocol() != QAbstractSocket::IPv4Protocol || options.listenAddress.protocol() != QAbstractSocket::IPv4Protocol)
        return Error(EAFNOSUPPORT, tr("the host entry forwards IPv4 only"));
    if (options.maxConnections < 1 || options.bufferBytes < 1)
        return Error(EINVAL, tr("the host entry needs room for at least one connection and one byte"));
    std::unique_ptr<HostEntry> entry(new HostEntry);
    entry->m_impl = std::make_unique<Impl>();
    Impl &d = *entry->m_impl;
    d.factory = std::move(clientSide);
    d.target = endpoint(target, targetPort);
    d.options = options;
    // The lab's own network namespace is the host's (its user namespace, if any, changes no
    // network): this listener is on the host's loopback.
    d.listener.reset(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!d.listener.isValid())
        return Error::fromErrno(errno, tr("the host entry: socket"));
    const int one = 1;
    ::setsockopt(d.listener.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    const sockaddr_in local = endpoint(options.listenAddress, options.listenPort);
    const QString where = options.listenAddress.toString() + QLatin1Char(':') + QString::number(options.listenPort);
    if (::bind(d.listener.get(), reinterpret_cast<const sockaddr *>(&local), sizeof local) != 0)
        return Error::fromErrno(errno, tr("the host entry: bind %1").arg(where));
    if (::listen(d.listener.get(), 128) != 0)
        return Error::fromErrno(errno, tr("the host entry: listen on %1").arg(where));
    sockaddr_in bound{};
    socklen_t len = sizeof bound;
    ::getsockname(d.listener.get(), reinterpret_cast<sockaddr *>(&bound), &len);
    d.port = ntohs(bound.sin_port);
    d.epoll.reset(::epoll_create1(EPOLL_CLOEXEC));
    d.wake.reset(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (!d.epoll.isValid() || !d.wake.isValid())
        return Error::fromErrno(errno, tr("the host entry: epoll/eventfd"));
    d.watch(d.listenerEnd, d.listener.get(), EPOLLIN);
    d.watch(d.wakeEnd, d.wake.get(), EPOLLIN);
    if (!d.listenerEnd.registered || !d.wakeEnd.registered)
        return Error::fromErrno(errno, tr("the host entry: epoll_ctl"));
    d.thread = std::thread([&d] { d.run(); });
    return entry;
}

HostEntry::~HostEntry()
{
    if (!m_impl)
        return;
    m_impl->stop.store(true, std::memory_order_release);
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_impl->wake.get(), &one, sizeof one);
    if (m_impl->thread.joinable())
        m_impl->thread.join();
    // The connections' descriptors close with the list; the host's clients see their end.
}

QHostAddress HostEntry::address() const { return m_impl->options.listenAddress; }
quint16 HostEntry::port() const { return m_impl->port; }

HostEntryCounters HostEntry::counters() const
{
    const auto r = std::memory_order_relaxed;
    return {m_impl->accepted.load(r), m_impl->active.load(r), m_impl->connectFailures.load(r), m_impl->bytesToServer.load(r),
            m_impl->bytesToHost.load(r)};
}

void HostEntry::Impl::watch(Endpoint &e, int fd, quint32 events)
{
    if (e.registered && e.watched == events)
        return;
    epoll_event ev{};
    ev.events = events;
    ev.data.ptr = &e;
    const int op = e.registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    if (::epoll_ctl(epoll.get(), op, fd, &ev) == 0) {
        e.registered = true;
        e.watched = events;
    }
}

void HostEntry::Impl::setAccepting(bool on)
{
    if (on == accepting)
        return;
    accepting = on;
    watch(listenerEnd, listener.get(), on ? quint32(EPOLLIN) : 0u);
}

void HostEntry::Impl::run()
{
    ::pthread_setname_np(::pthread_self(), "tcplab-entry");
    yieldCpuIfTransferThread();
    epoll_event events[64];
    while (!stop.load(std::memory_order_acquire)) {
        const int n = ::epoll_wait(epoll.get(), events, 64, acceptBlocked ? 100 : -1);
        if (n < 0 && errno != EINTR)
            break;
        if (acceptBlocked && n == 0) {
            acceptBlocked = false;
            setAccepting(int(connections.size()) < options.maxConnections);
        }
        for (int i = 0; i < n; ++i) {
            Endpoint *e = static_cast<Endpoint *>(events[i].data.ptr);
            if (e == &wakeEnd) {
                quint64 value;
                [[maybe_unused]] const ssize_t r = ::read(wake.get(), &value, sizeof value);
            } else if (e == &listenerEnd) {
                acceptAll();
            } else if (!e->connection->dead) {
                handle(*e, events[i].events);
            }
        }
        // Freed only after the batch: a later event of the same batch may point at them.
        bool freed = false;
        for (auto it = connections.begin(); it != connections.end();) {
            if (it->dead) {
                it = connections.erase(it);
                freed = true;
            } else {
                ++it;
            }
        }
        if (freed) {
            active.store(connections.size(), std::memory_order_relaxed);
            if (!acceptBlocked)
                setAccepting(int(connections.size()) < options.maxConnections);
        }
    }
}

void HostEntry::Impl::acceptAll()
{
    while (int(connections.size()) < options.maxConnections) {
        FileDescriptor host(::accept4(listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
        if (!host.isValid()) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                // Out of descriptors: the pending connection stays in the backlog; try again
                // later instead of waking for it in a loop.
                acceptBlocked = true;
                setAccepting(false);
            }
            return;
        }
        accepted.fetch_add(1, std::memory_order_relaxed);
        connections.emplace_back();
        Connection &c = connections.back();
        c.host = std::move(host);
        c.hostEnd = {&c, false, 0, false};
        c.wireEnd = {&c, true, 0, false};
        for (Pipe *p : {&c.toServer, &c.toHost}) {
            p->capacity = size_t(options.bufferBytes);
            p->data.reset(new char[p->capacity]);
        }
        setNoDelay(c.host.get());
        active.store(connections.size(), std::memory_order_relaxed);
        openWireSide(c);
    }
    setAccepting(false); // at the cap: the kernel's backlog holds the next ones
}

void HostEntry::Impl::openWireSide(Connection &c)
{
    const int fd = factory ? factory(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0) : -1;
    c.wire.reset(fd);
    if (c.wire.isValid()) {
        setNoDelay(c.wire.get());
        if (::connect(c.wire.get(), reinterpret_cast<const sockaddr *>(&target), sizeof target) == 0)
            c.connecting = false;
        else if (errno != EINPROGRESS)
            c.wire.reset();
    }
    if (!c.wire.isValid()) {
        connectFailures.fetch_add(1, std::memory_order_relaxed);
        kill(c, true);
        return;
    }
    updateInterest(c);
}

void HostEntry::Impl::handle(Endpoint &e, quint32 events)
{
    Connection &c = *e.connection;
    if (c.connecting && e.wireSide) {
        int error = 0;
        socklen_t len = sizeof error;
        ::getsockopt(c.wire.get(), SOL_SOCKET, SO_ERROR, &error, &len);
        if (error != 0) { // refused, unreachable, timed out: the host's client sees a reset
            connectFailures.fetch_add(1, std::memory_order_relaxed);
            return kill(c, true);
        }
        if (!(events & EPOLLOUT))
            return;
        c.connecting = false;
    }
    if (!pump(c))
        return kill(c, true);
    if (c.toServer.done() && c.toHost.done())
        return kill(c, false);
    updateInterest(c);
}

// Moves what can move in both directions without blocking. False on a reset or an error.
bool HostEntry::Impl::pump(Connection &c)
{
    if (!transfer(c.host.get(), c.connecting ? -1 : c.wire.get(), c.toServer, bytesToServer))
        return false;
    if (c.connecting)
        return true;
    return transfer(c.wire.get(), c.host.get(), c.toHost, bytesToHost);
}

// from -> pipe -> to (to < 0: not connected yet, only fill the pipe). False on an error or a reset.
bool HostEntry::Impl::transfer(int from, int to, Pipe &pipe, std::atomic<quint64> &counter)
{
    for (;;) {
        bool progressed = false;
        if (!pipe.sourceEnded && pipe.room() > 0) {
            const ssize_t n = ::recv(from, pipe.data.get() + pipe.end, pipe.room(), MSG_DONTWAIT);
            if (n > 0) {
                pipe.end += size_t(n);
                progressed = true;
            } else if (n == 0) {
                pipe.sourceEnded = true;
            } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                return false;
            }
        }
        if (to >= 0 && pipe.pending() > 0) {
            const ssize_t n = ::send(to, pipe.data.get() + pipe.begin, pipe.pending(), MSG_DONTWAIT | MSG_NOSIGNAL);
            if (n > 0) {
                pipe.begin += size_t(n);
                counter.fetch_add(quint64(n), std::memory_order_relaxed);
                if (pipe.begin == pipe.end)
                    pipe.begin = pipe.end = 0;
                progressed = true;
            } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                return false;
            }
        }
        if (to >= 0 && pipe.sourceEnded && pipe.pending() == 0 && !pipe.shutDown) {
            // The half-close travels on: the destination reads its end, and may still answer.
            ::shutdown(to, SHUT_WR);
            pipe.shutDown = true;
        }
        // Compact so that a slow destination does not leave the buffer's tail unusable.
        if (pipe.room() == 0 && pipe.begin > 0) {
            std::memmove(pipe.data.get(), pipe.data.get() + pipe.begin, pipe.pending());
            pipe.end -= pipe.begin;
            pipe.begin = 0;
            progressed = true;
        }
        if (!progressed)
            return true;
    }
}

void HostEntry::Impl::updateInterest(Connection &c)
{
    // Level-triggered: read only with room to keep it (backpressure), write only with bytes to
    // send, so a stalled connection costs no wake-up at all. A socket with nothing left to do
    // either way leaves the set (its hang-up would be reported again and again).
    quint32 host = 0, wire = 0;
    if (!c.toServer.sourceEnded && c.toServer.room() > 0)
        host |= EPOLLIN | EPOLLRDHUP;
    if (c.toHost.pending() > 0)
        host |= EPOLLOUT;
    if (c.connecting) {
        wire = EPOLLOUT;
    } else {
        if (!c.toHost.sourceEnded && c.toHost.room() > 0)
            wire |= EPOLLIN | EPOLLRDHUP;
        if (c.toServer.pending() > 0)
            wire |= EPOLLOUT;
    }
    auto apply = [this](Endpoint &e, int fd, quint32 events) {
        if (events == 0) {
            if (e.registered) {
                ::epoll_ctl(epoll.get(), EPOLL_CTL_DEL, fd, nullptr);
                e.registered = false;
                e.watched = 0;
            }
            return;
        }
        watch(e, fd, events);
    };
    apply(c.hostEnd, c.host.get(), host);
    apply(c.wireEnd, c.wire.get(), wire);
}

void HostEntry::Impl::kill(Connection &c, bool reset)
{
    // Closing a descriptor removes it from the epoll set.
    if (reset) {
        closeWithReset(c.host);
        closeWithReset(c.wire);
    } else {
        c.host.reset();
        c.wire.reset();
    }
    c.dead = true;
}

} // namespace tcplab::wire
