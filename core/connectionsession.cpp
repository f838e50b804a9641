#include "engine.h"

#include "socketoptions.h"
#include "tcpinfo.h"

#include <QCoreApplication>

#include <algorithm>
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

// Translated once: a look-up in the translators for every connection costs more than serving it.
const QString &closedAfterReplyText()
{
    static const QString text = tr("closed after reply");
    return text;
}

const QString &peerClosedText()
{
    static const QString text = tr("peer closed");
    return text;
}

void EngineContext::prepare()
{
    handler = HandlerConfig::from(config, false);
    perConnectionOptions.clear();
    for (const OptionSpec &spec : optionTable()) {
        if (spec.perConnection && config.isSet(spec.key))
            perConnectionOptions.append({&spec, config.value(spec.key)});
    }
    quickAckRearm = config.quickAckRearm();
    lingerMayBlock = std::make_shared<std::atomic<bool>>(config.value(QStringLiteral("linger")).toInt() > 0);
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

namespace {

char *appendDecimal(char *out, quint64 value)
{
    char digits[20];
    int n = 0;
    do {
        digits[n++] = char('0' + value % 10);
        value /= 10;
    } while (value);
    while (n)
        *out++ = digits[--n];
    return out;
}

// A %N-pattern split once into literal runs and argument numbers: QString::arg() parses its
// pattern on every call, and with one connection per request that is a per-request cost.
class SplitPattern
{
public:
    explicit SplitPattern(const QString &pattern)
    {
        qsizetype from = 0;
        for (qsizetype i = 0; i + 1 < pattern.size(); ++i) {
            const QChar c = pattern.at(i + 1);
            if (pattern.at(i) == QLatin1Char('%') && c >= QLatin1Char('1') && c <= QLatin1Char('9')) {
                m_parts.append({pattern.mid(from, i - from), c.unicode() - '1'});
                from = i + 2;
                ++i;
            }
        }
        m_parts.append({pattern.mid(from), -1});
    }

    // The pattern with %1.. replaced by args[0].. (a number beyond args stays empty), written
    // in place into a string of the exact size.
    QString fill(std::initializer_list<QStringView> args) const
    {
        const auto arg = [&args](int i) { return i >= 0 && i < int(args.size()) ? args.begin()[i] : QStringView(); };
        qsizetype size = 0;
        for (const Part &part : m_parts)
            size += part.text.size() + arg(part.arg).size();
        QString out(size, Qt::Uninitialized);
        QChar *to = out.data();
        for (const Part &part : m_parts) {
            to = std::copy(part.text.cbegin(), part.text.cend(), to);
            const QStringView value = arg(part.arg);
            to = std::copy(value.begin(), value.end(), to);
        }
        return out;
    }

private:
    struct Part
    {
        QString text;
        int arg;
    };
    QList<Part> m_parts;
};

// Decimal digits of a counter, without a heap allocation.
struct Decimal
{
    explicit Decimal(quint64 value) : size(appendDecimal(digits, value) - digits)
    {
        for (qsizetype i = 0; i < size; ++i)
            text[i] = QChar(QLatin1Char(digits[i]));
    }
    QStringView view() const { return QStringView(text, size); }
    char digits[20];
    QChar text[20];
    qsizetype size;
};

} // namespace

ConnectionSession::ConnectionSession(const EngineContext &context, int fd, const QString &peer)
    : m_context(context),
      m_events(context.events),
      m_fd(fd),
      m_id(context.connections->nextId()),
      m_peer(peer),
      m_rearmQuickAck(context.quickAckRearm)
{
    HandlerConfig handler = context.handler;
    handler.verbose = m_events->wants(LogLevel::Debug);
    m_framer = createFramer(handler);
    // Before add(): the registry then sets the options changed live since the start, which must
    // win over the start's values.
    for (const EngineContext::PerConnectionOption &option : context.perConnectionOptions) {
        if (Error e = applyOption(fd, *option.spec, option.value))
            log(LogLevel::Warning, EventKind::Error, e.text());
    }
    m_stats = context.connections->add(m_id, fd, peer);
    if (m_events->wants(LogLevel::Info)) {
        static const QString connected = tr("connected");
        const QString note = peerAddressNote(m_peer);
        m_events->post(LogLevel::Info, EventKind::Accepted, m_id, m_peer,
                       note.isEmpty() ? connected : tr("connected (%1)").arg(note));
    }
    if (m_events->wants(LogLevel::Debug)) {
        m_events->post(LogLevel::Debug, EventKind::Report, m_id, m_peer,
                       tr("accepted socket carries: %1").arg(describeAcceptedOptions(fd)));
        m_events->post(LogLevel::Debug, EventKind::Report, m_id, m_peer, readTcpInfo(fd).toText());
    }
}

ConnectionSession::~ConnectionSession()
{
    if (!m_closed)
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
    if (m_context.closeDescriptor && m_context.lingerMayBlock->load(std::memory_order_relaxed))
        m_context.closeDescriptor(m_fd, m_id, m_peer);
    else
        ::close(m_fd);
    if (m_events->wants(level)) {
        QString why = reason;
        if (request != CloseRequest::None)
            why = request == CloseRequest::Reset ? tr("reset by the lab") : tr("closed by the lab");
        static const SplitPattern pattern(tr("%1 (in %2 bytes, out %3 bytes, %4 requests)"));
        const Decimal in(m_stats->bytesIn.load()), out(m_stats->bytesOut.load()), requests(m_stats->requests.load());
        m_events->post(level, EventKind::Closed, m_id, m_peer, pattern.fill({why, in.view(), out.view(), requests.view()}));
    }
}

} // namespace tcplab
