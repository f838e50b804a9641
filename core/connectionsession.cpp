#include "engine.h"

#include "socketoptions.h"
#include "tcpinfo.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tcplab {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Server", text); }
} // namespace

void EngineContext::prepare()
{
    handler = HandlerConfig::from(config, false);
    perConnectionOptions.clear();
    for (const OptionSpec &spec : optionTable()) {
        if (spec.perConnection && config.isSet(spec.key))
            perConnectionOptions.append({&spec, config.value(spec.key)});
    }
    quickAckRearm = config.quickAckRearm();
}

AcceptFailure classifyAcceptError(int err, int listenFd)
{
    switch (err) {
    case EINTR:
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
    case ECONNABORTED:
    // accept(2): Linux hands the new socket's pending network errors to accept(); retry.
    case EPROTO:
    case ENOPROTOOPT:
    case ENETDOWN:
    case ENONET:
    case EHOSTDOWN:
    case EHOSTUNREACH:
    case ENETUNREACH:
    case EOPNOTSUPP: {
        // ... as long as the listener still listens: EOPNOTSUPP is also what a socket that cannot
        // listen answers, every time, and retrying that would spin.
        int listening = 0;
        socklen_t len = sizeof(listening);
        if (err == EINTR || (::getsockopt(listenFd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening))
            return AcceptFailure::Retry;
        return AcceptFailure::Fatal;
    }
    case EMFILE:
    case ENFILE:
    case ENOBUFS:
    case ENOMEM:
        return AcceptFailure::Resource;
    default:
        // EINVAL (shut down, not listening), ENOTSOCK, EBADF, and EPERM/EACCES from a security
        // module, which would refuse every later accept() the same way.
        return AcceptFailure::Fatal;
    }
}

int unacknowledgedBytes(int fd)
{
    int bytes = 0;
    return ::ioctl(fd, SIOCOUTQ, &bytes) == 0 ? bytes : 0;
}

qint64 lingerWaitMs(int fd)
{
    linger l{};
    socklen_t len = sizeof(l);
    int unread = 0;
    ::ioctl(fd, SIOCINQ, &unread);
    if (::getsockopt(fd, SOL_SOCKET, SO_LINGER, &l, &len) != 0 || !l.l_onoff || l.l_linger <= 0 || unread > 0
        || unacknowledgedBytes(fd) == 0)
        return 0;
    return qint64(l.l_linger) * 1000;
}

void endLingeringClose(int fd, EventHub *events, quint64 id, const QString &peer, qint64 waitedMs, int unacked, LingerEnd end)
{
    const linger off{0, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &off, sizeof(off));
    ::close(fd);
    if (!events->wants(LogLevel::Info))
        return;
    if (end == LingerEnd::Acknowledged || unacked == 0)
        events->post(LogLevel::Info, EventKind::Closed, id, peer,
                     tr("SO_LINGER: close() would have waited %1 ms, until the peer acknowledged everything").arg(waitedMs));
    else if (end == LingerEnd::Expired)
        events->post(LogLevel::Warning, EventKind::Closed, id, peer,
                     tr("SO_LINGER expired after %1 ms with %2 bytes unacknowledged: closed, the kernel goes on in the background")
                         .arg(waitedMs)
                         .arg(unacked));
    else
        events->post(LogLevel::Warning, EventKind::Closed, id, peer,
                     tr("SO_LINGER cut short by the server's stop after %1 ms with %2 bytes unacknowledged: the kernel goes on in the background")
                         .arg(waitedMs)
                         .arg(unacked));
}

QString peerName(const sockaddr_in &addr)
{
    char buf[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &addr.sin_addr, buf, sizeof(buf));
    return QStringLiteral("%1:%2").arg(QLatin1String(buf)).arg(ntohs(addr.sin_port));
}

ConnectionSession::ConnectionSession(const EngineContext &context, int fd, const QString &peer)
    : m_context(context),
      m_events(context.events),
      m_fd(fd),
      m_id(context.connections->nextId()),
      m_peer(peer),
      m_stats(context.connections->add(m_id, fd, peer)),
      m_rearmQuickAck(context.quickAckRearm)
{
    HandlerConfig handler = context.handler;
    handler.verbose = m_events->wants(LogLevel::Debug);
    m_framer = createFramer(handler);
    for (const EngineContext::PerConnectionOption &option : context.perConnectionOptions) {
        if (Error e = applyOption(fd, *option.spec, option.value))
            log(LogLevel::Warning, EventKind::Error, e.text());
    }
    if (m_events->wants(LogLevel::Info)) {
        static const QString connected = tr("connected");
        m_events->post(LogLevel::Info, EventKind::Accepted, m_id, m_peer, connected);
    }
    if (m_events->wants(LogLevel::Debug)) {
        m_events->post(LogLevel::Debug, EventKind::Report, m_id, m_peer,
                       tr("accepted socket carries: %1").arg(describeAcceptedOptions(fd)));
        m_events->post(LogLevel::Debug, EventKind::Report, m_id, m_peer, readTcpInfo(fd).toText());
    }
}

ConnectionSession::~ConnectionSession()
{
    close(tr("closed"));
}

void ConnectionSession::onData(const char *data, qsizetype size, FrameOutput &out)
{
    m_stats->bytesIn.fetch_add(quint64(size), std::memory_order_relaxed);
    if (m_rearmQuickAck) {
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof(one));
    }
    m_framer->feed(data, size, out);
    publish(out);
}

void ConnectionSession::onEof(FrameOutput &out)
{
    if (closeRequest() != CloseRequest::None) {
        out.close = true;
        return;
    }
    m_framer->finish(out);
    publish(out);
}

void ConnectionSession::publish(const FrameOutput &out)
{
    if (out.requests)
        m_stats->requests.fetch_add(quint64(out.requests), std::memory_order_relaxed);
    for (const FrameNote &note : out.notes)
        m_events->post(note.level, note.kind, m_id, m_peer, note.text, note.data);
}

void ConnectionSession::onSent(qsizetype bytes)
{
    m_stats->bytesOut.fetch_add(quint64(bytes), std::memory_order_relaxed);
    if (m_events->wants(LogLevel::Debug))
        m_events->post(LogLevel::Debug, EventKind::Sent, m_id, m_peer, tr("sent %1 bytes").arg(bytes));
}

void ConnectionSession::log(LogLevel level, EventKind kind, const QString &text)
{
    m_events->post(level, kind, m_id, m_peer, text);
}

void ConnectionSession::close(const QString &reason, bool reset, LogLevel level)
{
    if (m_closed)
        return;
    m_closed = true;
    const CloseRequest request = closeRequest();
    if (request == CloseRequest::Reset)
        reset = true;
    // Remove first: the registry must never hand out a descriptor number that is already reused.
    m_context.connections->remove(m_id);
    if (reset) {
        // Linger 0: close() sends RST and skips TIME_WAIT.
        const linger l{1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    }
    if (m_context.closeDescriptor)
        m_context.closeDescriptor(m_fd, m_id, m_peer);
    else
        ::close(m_fd);
    if (m_events->wants(level)) {
        QString why = reason;
        if (request != CloseRequest::None)
            why = request == CloseRequest::Reset ? tr("reset by the lab") : tr("closed by the lab");
        static const QString pattern = tr("%1 (in %2 bytes, out %3 bytes, %4 requests)");
        m_events->post(level, EventKind::Closed, m_id, m_peer,
                       pattern.arg(why, QString::number(m_stats->bytesIn.load()), QString::number(m_stats->bytesOut.load()),
                                   QString::number(m_stats->requests.load())));
    }
}

} // namespace tcplab
