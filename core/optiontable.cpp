#include "optiontable.h"

#include <QCoreApplication>
#include <QFile>

#include <climits>
#include <cmath>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/nsfs.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

// The table rows below leave trailing members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace tcplab {

namespace {

const QStringList kOnOff = {QStringLiteral("on"), QStringLiteral("off")};

QList<OptionSpec> buildTable()
{
    using K = OptionKind;
    using P = OptionPhase;
    using G = OptionGroup;
    const QVariant unset;
    QList<OptionSpec> t;
    auto add = [&t](OptionSpec s) { t.append(std::move(s)); };

    // ---- server settings (not socket options) ----
    add({"host", "Host", G::Address, -1, -1, K::Text, P::Setting, 0, 0, QStringLiteral("127.0.0.1"), "",
         QT_TRANSLATE_NOOP("Option", "Address to bind: an IPv4 or IPv6 literal (::1; :: for every interface; fe80::1%eth0), localhost (127.0.0.1), a host name (its resolver's first answer), or empty for all IPv4 interfaces"),
         QT_TRANSLATE_NOOP("Option", "Binding 0.0.0.0 or :: exposes the server on every interface; 127.0.0.1 or ::1 keeps it on loopback. [::] with IPV6_V6ONLY off also takes IPv4 clients, as ::ffff:a.b.c.d."),
         "ip(7)"});
    add({"port", "Port", G::Address, -1, -1, K::Int, P::Setting, 0, 65535, 9999, "",
         QT_TRANSLATE_NOOP("Option", "TCP port to listen on; 0 lets the kernel pick a free ephemeral port"),
         QT_TRANSLATE_NOOP("Option", "Ports below 1024 need CAP_NET_BIND_SERVICE; port 0 picks from net.ipv4.ip_local_port_range."),
         "ip(7)"});
    add({"reuseaddr", "SO_REUSEADDR", G::Address, SOL_SOCKET, SO_REUSEADDR, K::Bool, P::BeforeBind, 0, 1, true, "",
         QT_TRANSLATE_NOOP("Option", "Allow bind() while old connections on the port are in TIME_WAIT"),
         QT_TRANSLATE_NOOP("Option", "Must be set before bind(); without it a restarted server fails with EADDRINUSE until TIME_WAIT ends."),
         "socket(7)"});
    add({"reuseport", "SO_REUSEPORT", G::Address, SOL_SOCKET, SO_REUSEPORT, K::Bool, P::BeforeBind, 0, 1, true, "",
         QT_TRANSLATE_NOOP("Option", "Let several listeners bind the same port; the kernel spreads connections across them"),
         QT_TRANSLATE_NOOP("Option", "Every socket sharing the port must set it before bind() and belong to the same user."),
         "socket(7)"});
    add({"v6only", "IPV6_V6ONLY", G::Address, IPPROTO_IPV6, IPV6_V6ONLY, K::Bool, P::BeforeBind, 0, 1, unset, "",
         QT_TRANSLATE_NOOP("Option", "IPv6 listener: take IPv6 clients only (off: IPv4 clients too, as IPv4-mapped ::ffff:a.b.c.d)"),
         QT_TRANSLATE_NOOP("Option", "Must be set before bind(); unset, a new socket takes net.ipv6.bindv6only. Off, [::] also holds the port for IPv4, so a separate IPv4 listener on it meets EADDRINUSE."),
         "ipv6(7)"});
    add({"backlog", "listen backlog", G::AcceptQueue, -1, -1, K::Int, P::Setting, 0, 65535, SOMAXCONN, "",
         QT_TRANSLATE_NOOP("Option", "Length of the accept queue of completed connections passed to listen()"),
         QT_TRANSLATE_NOOP("Option", "The kernel silently caps it at net.core.somaxconn; half-open connections are limited by net.ipv4.tcp_max_syn_backlog."),
         "listen(2)"});
    add({"defer-accept", "TCP_DEFER_ACCEPT", G::AcceptQueue, IPPROTO_TCP, TCP_DEFER_ACCEPT, K::Int, P::BeforeListen, 0, 3600, unset, "s",
         QT_TRANSLATE_NOOP("Option", "Wake accept() only when data has arrived, for at most this many seconds"),
         QT_TRANSLATE_NOOP("Option", "The kernel turns the seconds into a count of SYN-ACK retransmissions, so it reads back rounded up."),
         "tcp(7)"});

    // ---- keep-alive ----
    add({"keepalive", "SO_KEEPALIVE", G::KeepAlive, SOL_SOCKET, SO_KEEPALIVE, K::Bool, P::BeforeListen, 0, 1, true, "",
         QT_TRANSLATE_NOOP("Option", "Send keep-alive probes on idle connections to detect a vanished peer"),
         QT_TRANSLATE_NOOP("Option", "Accepted sockets inherit it from the listener; without the TCP_KEEP* values the sysctls net.ipv4.tcp_keepalive_* apply."),
         "socket(7)"});
    add({"keepidle", "TCP_KEEPIDLE", G::KeepAlive, IPPROTO_TCP, TCP_KEEPIDLE, K::Int, P::BeforeListen, 1, 32767, 1800, "s",
         QT_TRANSLATE_NOOP("Option", "Idle time before the first keep-alive probe"),
         QT_TRANSLATE_NOOP("Option", "Only takes effect while SO_KEEPALIVE is on; the kernel allows 1..32767 seconds."),
         "tcp(7)"});
    add({"keepcnt", "TCP_KEEPCNT", G::KeepAlive, IPPROTO_TCP, TCP_KEEPCNT, K::Int, P::BeforeListen, 1, 127, 9, "",
         QT_TRANSLATE_NOOP("Option", "Unanswered probes before the connection is dropped"),
         QT_TRANSLATE_NOOP("Option", "After this many unanswered probes the kernel resets the connection with ETIMEDOUT."),
         "tcp(7)"});
    add({"keepintvl", "TCP_KEEPINTVL", G::KeepAlive, IPPROTO_TCP, TCP_KEEPINTVL, K::Int, P::BeforeListen, 1, 32767, 15, "s",
         QT_TRANSLATE_NOOP("Option", "Time between keep-alive probes"),
         QT_TRANSLATE_NOOP("Option", "A dead peer is noticed after KEEPIDLE + KEEPCNT x KEEPINTVL seconds."),
         "tcp(7)"});

    // ---- latency ----
    add({"nodelay", "TCP_NODELAY", G::Latency, IPPROTO_TCP, TCP_NODELAY, K::Bool, P::BeforeListen, 0, 1, true, "",
         QT_TRANSLATE_NOOP("Option", "Disable Nagle's algorithm: send small segments at once"),
         QT_TRANSLATE_NOOP("Option", "With Nagle on, a small write waits for the ACK of unacknowledged data; with a delayed ACK at the peer that costs ~40 ms."),
         "tcp(7)"});
    add({"quickack", "TCP_QUICKACK", G::Latency, IPPROTO_TCP, TCP_QUICKACK, K::Bool, P::BeforeListen, 0, 1, true, "",
         QT_TRANSLATE_NOOP("Option", "Acknowledge at once instead of delaying ACKs"),
         QT_TRANSLATE_NOOP("Option", "Not sticky: the kernel may leave quick-ack mode after any ACK, so the lab sets it on every accepted socket (and after every read when re-arm is on)."),
         "tcp(7)", true});
    add({"quickack-rearm", "re-arm TCP_QUICKACK", G::Latency, -1, -1, K::Bool, P::Setting, 0, 1, false, "",
         QT_TRANSLATE_NOOP("Option", "Set TCP_QUICKACK again after every read on accepted sockets"),
         QT_TRANSLATE_NOOP("Option", "Because TCP_QUICKACK is not sticky, only re-arming after each read keeps ACKs immediate."),
         "tcp(7)"});
    add({"fastopen", "TCP_FASTOPEN", G::Latency, IPPROTO_TCP, TCP_FASTOPEN, K::Int, P::BeforeListen, 0, 65535, unset, "",
         QT_TRANSLATE_NOOP("Option", "Accept data in the SYN (TCP Fast Open); the value is the queue of pending TFO requests, 0 = off"),
         QT_TRANSLATE_NOOP("Option", "Set at IPPROTO_TCP level (the recipe's SOL_SOCKET is rejected); works only when net.ipv4.tcp_fastopen has the server bit (2)."),
         "tcp(7)"});
    add({"cork", "TCP_CORK", G::Latency, IPPROTO_TCP, TCP_CORK, K::Bool, P::BeforeListen, 0, 1, unset, "",
         QT_TRANSLATE_NOOP("Option", "Hold partial segments until uncorked or 200 ms pass"),
         QT_TRANSLATE_NOOP("Option", "Corked data is sent only in full segments or after a 200 ms ceiling; it overrides TCP_NODELAY."),
         "tcp(7)", true});
    add({"notsent-lowat", "TCP_NOTSENT_LOWAT", G::Latency, IPPROTO_TCP, TCP_NOTSENT_LOWAT, K::Int, P::BeforeListen, 0, INT_MAX, unset, "bytes",
         QT_TRANSLATE_NOOP("Option", "Report writable only while less than this much unsent data is queued"),
         QT_TRANSLATE_NOOP("Option", "Keeps the send queue short so new data is not stuck behind stale bytes."),
         "tcp(7)"});

    // ---- buffers ----
    add({"rcvbuf", "SO_RCVBUF", G::Buffers, SOL_SOCKET, SO_RCVBUF, K::Int, P::BeforeListen, 1, INT_MAX / 2, unset, "bytes",
         QT_TRANSLATE_NOOP("Option", "Receive buffer size"),
         QT_TRANSLATE_NOOP("Option", "The kernel doubles the value for bookkeeping and caps it at net.core.rmem_max; set before listen() to shape the window scale."),
         "socket(7)"});
    add({"sndbuf", "SO_SNDBUF", G::Buffers, SOL_SOCKET, SO_SNDBUF, K::Int, P::BeforeListen, 1, INT_MAX / 2, unset, "bytes",
         QT_TRANSLATE_NOOP("Option", "Send buffer size"),
         QT_TRANSLATE_NOOP("Option", "The kernel doubles the value for bookkeeping and caps it at net.core.wmem_max."),
         "socket(7)"});
    add({"maxseg", "TCP_MAXSEG", G::Buffers, IPPROTO_TCP, TCP_MAXSEG, K::Int, P::BeforeListen, 88, 32767, unset, "bytes",
         QT_TRANSLATE_NOOP("Option", "Upper bound on the segment size announced in the SYN"),
         QT_TRANSLATE_NOOP("Option", "Only lowers the MSS; the path MTU and the peer's MSS still apply."),
         "tcp(7)"});

    add({"window-clamp", "TCP_WINDOW_CLAMP", G::Buffers, IPPROTO_TCP, TCP_WINDOW_CLAMP, K::Int, P::BeforeListen, 1, INT_MAX / 2, unset, "bytes",
         QT_TRANSLATE_NOOP("Option", "Upper bound on the advertised receive window"),
         QT_TRANSLATE_NOOP("Option", "Values below half the minimum receive buffer are raised by the kernel; the window also stays within SO_RCVBUF."),
         "tcp(7)"});

    // ---- timeouts ----
    add({"rcvtimeo", "SO_RCVTIMEO", G::Timeouts, SOL_SOCKET, SO_RCVTIMEO, K::Seconds, P::BeforeListen, 0, 86400, unset, "s",
         QT_TRANSLATE_NOOP("Option", "Receive timeout of blocking reads (the recipe's timeout); 0 = wait forever"),
         QT_TRANSLATE_NOOP("Option", "Acts only on blocking calls: iterative and threaded modes. Event mode never blocks and uses the idle timeout instead."),
         "socket(7)"});
    add({"sndtimeo", "SO_SNDTIMEO", G::Timeouts, SOL_SOCKET, SO_SNDTIMEO, K::Seconds, P::BeforeListen, 0, 86400, unset, "s",
         QT_TRANSLATE_NOOP("Option", "Send timeout of blocking writes; 0 = wait forever"),
         QT_TRANSLATE_NOOP("Option", "Acts only on blocking calls; a peer that never reads then stalls only its own connection."),
         "socket(7)"});
    add({"user-timeout", "TCP_USER_TIMEOUT", G::Timeouts, IPPROTO_TCP, TCP_USER_TIMEOUT, K::Int, P::BeforeListen, 0, INT_MAX, unset, "ms",
         QT_TRANSLATE_NOOP("Option", "Drop the connection when sent data stays unacknowledged this long"),
         QT_TRANSLATE_NOOP("Option", "Also bounds keep-alive: with keep-alive on, it overrides KEEPCNT when the peer stops answering."),
         "tcp(7)"});
    add({"syncnt", "TCP_SYNCNT", G::Timeouts, IPPROTO_TCP, TCP_SYNCNT, K::Int, P::BeforeListen, 1, 127, unset, "",
         QT_TRANSLATE_NOOP("Option", "SYN retransmissions before connect() gives up; on a listener, SYN-ACK retransmissions before a half-open connection is dropped"),
         QT_TRANSLATE_NOOP("Option", "Set on a listener, it bounds the SYN-ACK retransmissions of its pending connections, which otherwise follow net.ipv4.tcp_synack_retries; unset, it reads back net.ipv4.tcp_syn_retries."),
         "tcp(7)"});
    add({"linger", "SO_LINGER", G::Timeouts, SOL_SOCKET, SO_LINGER, K::Linger, P::BeforeListen, -1, 3600, unset, "s",
         QT_TRANSLATE_NOOP("Option", "How close() treats unsent data: -1 off, 0 reset at once, N wait up to N seconds"),
         QT_TRANSLATE_NOOP("Option", "Linger 0 makes close() send RST and skip TIME_WAIT; a positive value makes close() wait until the data is acknowledged or the time is up, on Linux even on a non-blocking socket."),
         "socket(7)"});
    add({"linger2", "TCP_LINGER2", G::Timeouts, IPPROTO_TCP, TCP_LINGER2, K::Int, P::BeforeListen, -1, 120, unset, "s",
         QT_TRANSLATE_NOOP("Option", "Lifetime of orphaned FIN_WAIT2 sockets; -1 = skip FIN_WAIT2"),
         QT_TRANSLATE_NOOP("Option", "0 means net.ipv4.tcp_fin_timeout (and reads back as it); any other value up to 120 s (TCP_FIN_TIMEOUT_MAX, the kernel's cap) is kept, also above tcp_fin_timeout."),
         "tcp(7)"});
    add({"idle-timeout", "idle timeout", G::Timeouts, -1, -1, K::Seconds, P::Setting, 0, 86400, 0, "s",
         QT_TRANSLATE_NOOP("Option", "Event mode: close a connection that sent nothing for this long; 0 = never"),
         QT_TRANSLATE_NOOP("Option", "SO_RCVTIMEO has no effect on non-blocking sockets, so event mode keeps its own timer."),
         "epoll(7)"});

    // ---- connection (IP and congestion) ----
    add({"congestion", "TCP_CONGESTION", G::Connection, IPPROTO_TCP, TCP_CONGESTION, K::Choice, P::BeforeListen, 0, 0, unset, "",
         QT_TRANSLATE_NOOP("Option", "Congestion control algorithm"),
         QT_TRANSLATE_NOOP("Option", "Any algorithm of net.ipv4.tcp_available_congestion_control needs CAP_NET_ADMIN; an unprivileged process may choose only those in net.ipv4.tcp_allowed_congestion_control (the default is always one)."),
         "tcp(7)", false, congestionControlChoices().settable});
    add({"tos", "IP_TOS", G::Connection, IPPROTO_IP, IP_TOS, K::Int, P::BeforeListen, 0, 255, unset, "",
         QT_TRANSLATE_NOOP("Option", "Type-of-service / DSCP byte of outgoing packets"),
         QT_TRANSLATE_NOOP("Option", "On a TCP socket the kernel replaces the two low ECN bits of the value with the socket's own when the option is set (TCP manages ECN), so 255 is stored, and reads back, as 252."),
         "ip(7)"});
    add({"ttl", "IP_TTL", G::Connection, IPPROTO_IP, IP_TTL, K::Int, P::BeforeListen, 1, 255, unset, "",
         QT_TRANSLATE_NOOP("Option", "Time-to-live of outgoing packets"),
         QT_TRANSLATE_NOOP("Option", "Unset, the kernel uses net.ipv4.ip_default_ttl."),
         "ip(7)"});

    add({"tclass", "IPV6_TCLASS", G::Connection, IPPROTO_IPV6, IPV6_TCLASS, K::Int, P::BeforeListen, 0, 255, unset, "",
         QT_TRANSLATE_NOOP("Option", "IPv6 traffic class (DSCP and ECN) of outgoing packets: the IPv6 counterpart of IP_TOS"),
         QT_TRANSLATE_NOOP("Option", "On a TCP socket the kernel keeps the two low ECN bits its own (TCP manages ECN), so 255 is stored, and reads back, as 252."),
         "ipv6(7)"});
    add({"unicast-hops", "IPV6_UNICAST_HOPS", G::Connection, IPPROTO_IPV6, IPV6_UNICAST_HOPS, K::Int, P::BeforeListen, 1, 255, unset, "",
         QT_TRANSLATE_NOOP("Option", "Hop limit of outgoing unicast packets: the IPv6 counterpart of IP_TTL"),
         QT_TRANSLATE_NOOP("Option", "Unset, the kernel uses the route's hop limit or net.ipv6.conf.all.hop_limit."),
         "ipv6(7)"});

    // ---- handler ----
    add({"handler", "handler", G::Handler, -1, -1, K::Choice, P::Setting, 0, 0, QStringLiteral("byte"), "",
         QT_TRANSLATE_NOOP("Option", "Protocol: byte (one recv, upper-cased), line (up to newline, upper-cased), bin (struct ! I 2s Q 2h f)"),
         QT_TRANSLATE_NOOP("Option", "TCP is a byte stream: only the handler's framing decides where a message ends."),
         "recv(2)", false, {"byte", "line", "bin"}});
    add({"persistent", "persistent", G::Handler, -1, -1, K::Bool, P::Setting, 0, 1, false, "",
         QT_TRANSLATE_NOOP("Option", "Serve request after request until the peer closes (off: one request, then close, as in the recipe)"),
         QT_TRANSLATE_NOOP("Option", "One-shot connections pay a handshake and a TIME_WAIT each."),
         "tcp(7)"});
    add({"recv-size", "Byte recv size", G::Handler, -1, -1, K::Int, P::Setting, 1, 1048576, 1024, "bytes",
         QT_TRANSLATE_NOOP("Option", "Byte handler: size of its one recv() call"),
         QT_TRANSLATE_NOOP("Option", "One recv returns what has arrived so far, up to this size: a message split across segments arrives cut."),
         "recv(2)"});
    add({"max-line", "Line limit", G::Handler, -1, -1, K::Int, P::Setting, 1, 64 * 1024 * 1024, 65536, "bytes",
         QT_TRANSLATE_NOOP("Option", "Line handler: longest line accepted; longer closes the connection"),
         QT_TRANSLATE_NOOP("Option", "Without a limit a peer that never sends a newline makes the server buffer without end."),
         "recv(2)"});
    add({"bin-reply", "Bin reply", G::Handler, -1, -1, K::Choice, P::Setting, 0, 0, QStringLiteral("echo"), "",
         QT_TRANSLATE_NOOP("Option", "Bin handler reply: echo the frame unchanged, or upper (the recipe's upper-casing of raw bytes)"),
         QT_TRANSLATE_NOOP("Option", "Upper-casing raw bytes corrupts binary fields; it is kept only for comparison with the recipe."),
         "", false, {"echo", "upper"}});

    // ---- concurrency ----
    add({"mode", "concurrency mode", G::Concurrency, -1, -1, K::Choice, P::Setting, 0, 0, QStringLiteral("iterative"), "",
         QT_TRANSLATE_NOOP("Option", "iterative (one connection at a time), threaded (a thread per connection), event (epoll)"),
         QT_TRANSLATE_NOOP("Option", "Iterative mode shows head-of-line blocking: later clients wait in the accept queue."),
         "epoll(7)", false, {"iterative", "threaded", "event"}});
    add({"max-threads", "thread cap", G::Concurrency, -1, -1, K::Int, P::Setting, 1, 10000, 256, "",
         QT_TRANSLATE_NOOP("Option", "Threaded mode: most connection threads at once; more wait in the accept queue"),
         QT_TRANSLATE_NOOP("Option", "Each thread costs a stack; beyond the cap new connections queue in the kernel."),
         "pthreads(7)"});

    // ---- logging ----
    add({"log-level", "log level", G::Logging, -1, -1, K::Choice, P::Setting, 0, 0, QStringLiteral("info"), "",
         QT_TRANSLATE_NOOP("Option", "Least severe event logged: debug (data and per-connection reports), info, warning, error"),
         QT_TRANSLATE_NOOP("Option", "Per-connection reports cost getsockopt calls; they are made only when someone listens at debug."),
         ""  , false, {"debug", "info", "warning", "error"}});

    // ---- what a running server can change (OptionSpec::live) ----
    // Linux takes these on an open socket and acts on them from the next segment, ACK or timer
    // on; accepted sockets cloned from the listener before a change keep the old value, which is
    // why a change goes to every connection and not only to the listener.
    const QStringList live = {"backlog", "keepalive", "keepidle", "keepcnt", "keepintvl", "nodelay", "quickack",
                              "cork", "notsent-lowat", "rcvbuf", "sndbuf", "window-clamp", "rcvtimeo", "sndtimeo",
                              "user-timeout", "syncnt", "linger", "linger2", "congestion", "tos", "ttl", "tclass", "unicast-hops"};
    const QList<std::pair<const char *, const char *>> restart = {
        {"host", QT_TRANSLATE_NOOP("Option", "the address is fixed by bind(): only a new listening socket can take another")},
        {"port", QT_TRANSLATE_NOOP("Option", "the port is fixed by bind(): only a new listening socket can take another")},
        {"reuseaddr", QT_TRANSLATE_NOOP("Option", "only bind() looks at it: on a socket that is already bound it changes nothing")},
        {"reuseport", QT_TRANSLATE_NOOP("Option", "only bind() looks at it: the kernel placed the bound socket in its port group then")},
        {"defer-accept", QT_TRANSLATE_NOOP("Option", "it acts in the handshake, which open connections have passed; the lab sets it on the listener before listen()")},
        {"fastopen", QT_TRANSLATE_NOOP("Option", "the Fast Open queue belongs to the listener and acts only in the handshake; the lab sizes it before listen()")},
        {"v6only", QT_TRANSLATE_NOOP("Option", "only bind() looks at it: a bound socket keeps the address families it took then")},
        {"maxseg", QT_TRANSLATE_NOOP("Option", "the MSS is announced in the SYN: an open connection keeps the one it negotiated")},
    };
    const char *settingReason = QT_TRANSLATE_NOOP("Option", "a server setting: the engine reads it when the server starts");
    const char *socketReason = QT_TRANSLATE_NOOP("Option", "the lab sets it only when it opens the listening socket");
    for (OptionSpec &spec : t) {
        spec.live = live.contains(spec.key);
        if (spec.live)
            continue;
        spec.restartReason = spec.isSocketOption() ? socketReason : settingReason;
        for (const auto &[key, reason] : restart) {
            if (spec.key == QLatin1String(key))
                spec.restartReason = reason;
        }
    }
    return t;
}

QString trimmedNumber(double v)
{
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QString::number(static_cast<long long>(v));
    return QString::number(v, 'g', 6);
}

} // namespace

QString OptionSpec::translatedHelp() const
{
    return QCoreApplication::translate("Option", help);
}

QString OptionSpec::translatedKernelRule() const
{
    return QCoreApplication::translate("Option", kernelRule);
}

QString OptionSpec::translatedRestartReason() const
{
    return live || !restartReason ? QString() : QCoreApplication::translate("Option", restartReason);
}

const QList<OptionSpec> &optionTable()
{
    static const QList<OptionSpec> table = buildTable();
    return table;
}

const OptionSpec *findOption(const QString &key)
{
    for (const OptionSpec &spec : optionTable()) {
        if (spec.key == key)
            return &spec;
    }
    return nullptr;
}

QString groupTitle(OptionGroup group)
{
    switch (group) {
    case OptionGroup::Address: return QCoreApplication::translate("Option", "Address");
    case OptionGroup::AcceptQueue: return QCoreApplication::translate("Option", "Accept queue");
    case OptionGroup::KeepAlive: return QCoreApplication::translate("Option", "Keep-alive");
    case OptionGroup::Latency: return QCoreApplication::translate("Option", "Latency");
    case OptionGroup::Buffers: return QCoreApplication::translate("Option", "Buffers");
    case OptionGroup::Timeouts: return QCoreApplication::translate("Option", "Timeouts");
    case OptionGroup::Connection: return QCoreApplication::translate("Option", "IP and congestion");
    case OptionGroup::Handler: return QCoreApplication::translate("Option", "Handler");
    case OptionGroup::Concurrency: return QCoreApplication::translate("Option", "Concurrency mode");
    case OptionGroup::Logging: return QCoreApplication::translate("Option", "Logging");
    }
    return {};
}

namespace {

QStringList readWords(const char *path)
{
    QFile f(QString::fromLatin1(path));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.readAll()).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

bool isCongestionOption(const OptionSpec &spec)
{
    return spec.level == IPPROTO_TCP && spec.optname == TCP_CONGESTION;
}

} // namespace

QStringList availableCongestionControls()
{
    return readWords("/proc/sys/net/ipv4/tcp_available_congestion_control");
}

CongestionControlChoices congestionControlChoices(const QStringList &available, const QStringList &allowed, bool mayChooseAny)
{
    CongestionControlChoices c;
    for (const QString &name : available)
        (mayChooseAny || allowed.contains(name) ? c.settable : c.restricted) << name;
    return c;
}

QString CongestionControlChoices::whyRestricted() const
{
    if (restricted.isEmpty())
        return {};
    return QCoreApplication::translate("Option", "Not offered: %1. The kernel has them, but only a process with CAP_NET_ADMIN may "
                                                 "choose any; without it only net.ipv4.tcp_allowed_congestion_control (%2) may be chosen.")
        .arg(restricted.join(QLatin1String(", ")), settable.join(QLatin1Char(' ')));
}

bool mayChooseAnyCongestionControl()
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
    if (::syscall(SYS_capget, &header, data) != 0)
        return false;
    if (!(data[CAP_TO_INDEX(CAP_NET_ADMIN)].effective & CAP_TO_MASK(CAP_NET_ADMIN)))
        return false;
    // The capability counts in the user namespace that owns the network namespace (the kernel
    // asks ns_capable(net->user_ns, CAP_NET_ADMIN)): ours, unless the netns was made elsewhere.
    const int net = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (net < 0)
        return true;
    const int owner = ::ioctl(net, NS_GET_USERNS);
    ::close(net);
    if (owner < 0)
        return true; // no nsfs ioctls: trust the capability set
    struct stat ownerStat{}, ours{};
    const bool same = ::fstat(owner, &ownerStat) == 0 && ::stat("/proc/self/ns/user", &ours) == 0
                      && ownerStat.st_ino == ours.st_ino && ownerStat.st_dev == ours.st_dev;
    ::close(owner);
    return same;
}

const CongestionControlChoices &congestionControlChoices()
{
    static const CongestionControlChoices choices = [] {
        QStringList available = availableCongestionControls();
        QStringList allowed = readWords("/proc/sys/net/ipv4/tcp_allowed_congestion_control");
        if (available.isEmpty())
            available = allowed;
        if (available.isEmpty()) // no /proc: the two every kernel has
            available = allowed = {QStringLiteral("cubic"), QStringLiteral("reno")};
        return congestionControlChoices(available, allowed, mayChooseAnyCongestionControl());
    }();
    return choices;
}

bool optionAppliesTo(const OptionSpec &spec, int family)
{
    if (spec.level == IPPROTO_IP)
        return family == AF_INET;
    if (spec.level == IPPROTO_IPV6)
        return family == AF_INET6;
    return true;
}

QString familyCounterpart(const OptionSpec &spec)
{
    static const QList<QPair<QString, QString>> pairs = {{QStringLiteral("tos"), QStringLiteral("tclass")},
                                                          {QStringLiteral("ttl"), QStringLiteral("unicast-hops")}};
    for (const auto &[ipv4, ipv6] : pairs) {
        const QString other = spec.key == ipv4 ? ipv6 : spec.key == ipv6 ? ipv4 : QString();
        if (const OptionSpec *counterpart = other.isEmpty() ? nullptr : findOption(other))
            return counterpart->name;
    }
    return {};
}

QString kernelDefaultNote(const OptionSpec &spec)
{
    if (spec.level == IPPROTO_IPV6 && spec.optname == IPV6_V6ONLY) {
        QFile f(QStringLiteral("/proc/sys/net/ipv6/bindv6only"));
        if (!f.open(QIODevice::ReadOnly))
            return QCoreApplication::translate("Option", "net.ipv6.bindv6only (unreadable here: no IPv6?)");
        const int value = f.readAll().trimmed().toInt();
        return QCoreApplication::translate("Option", "net.ipv6.bindv6only = %1 (%2)")
            .arg(value)
            .arg(value ? QStringLiteral("on") : QStringLiteral("off"));
    }
    return {};
}

QString choicesNote(const OptionSpec &spec)
{
    return isCongestionOption(spec) ? congestionControlChoices().whyRestricted() : QString();
}

QString describeRange(const OptionSpec &spec)
{
    const QString unit = spec.unit.isEmpty() ? QString() : QLatin1Char(' ') + spec.unit;
    switch (spec.kind) {
    case OptionKind::Bool: return QStringLiteral("on|off");
    case OptionKind::Int:
    case OptionKind::Seconds:
    case OptionKind::Linger:
        return trimmedNumber(spec.minimum) + QStringLiteral("..") + trimmedNumber(spec.maximum) + unit;
    case OptionKind::Choice: return spec.choices.join(QLatin1Char('|'));
    case OptionKind::Text: return QStringLiteral("text");
    }
    return {};
}

QString validateOptionValue(const OptionSpec &spec, const QVariant &value)
{
    if (!value.isValid())
        return {};
    const QString outOfRange = QCoreApplication::translate("Option", "%1: %2 is out of range %3")
                                   .arg(spec.name, value.toString(), describeRange(spec));
    switch (spec.kind) {
    case OptionKind::Bool: {
        // A string (from settings or a script) would turn any text into "true" via toBool().
        static const QStringList words = {QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("true"),
                                          QStringLiteral("false"), QStringLiteral("yes"), QStringLiteral("no"),
                                          QStringLiteral("1"), QStringLiteral("0")};
        if (value.typeId() == QMetaType::QString && !words.contains(value.toString().trimmed().toLower()))
            return QCoreApplication::translate("Option", "%1: '%2' is not on or off").arg(spec.name, value.toString());
        return {};
    }
    case OptionKind::Int:
    case OptionKind::Linger: {
        bool ok = false;
        const qlonglong v = value.toLongLong(&ok);
        if (!ok)
            return QCoreApplication::translate("Option", "%1: '%2' is not a whole number").arg(spec.name, value.toString());
        if (v < spec.minimum || v > spec.maximum)
            return outOfRange;
        return {};
    }
    case OptionKind::Seconds: {
        bool ok = false;
        const double v = value.toDouble(&ok);
        if (!ok || !std::isfinite(v))
            return QCoreApplication::translate("Option", "%1: '%2' is not a number of seconds").arg(spec.name, value.toString());
        if (v < spec.minimum || v > spec.maximum)
            return outOfRange;
        return {};
    }
    case OptionKind::Choice:
        if (!spec.choices.contains(value.toString())) {
            if (isCongestionOption(spec) && congestionControlChoices().restricted.contains(value.toString()))
                return QCoreApplication::translate("Option", "%1: '%2' needs CAP_NET_ADMIN; without it only "
                                                             "net.ipv4.tcp_allowed_congestion_control may be chosen: %3")
                    .arg(spec.name, value.toString(), describeRange(spec));
            return QCoreApplication::translate("Option", "%1: '%2' is not one of %3")
                .arg(spec.name, value.toString(), describeRange(spec));
        }
        return {};
    case OptionKind::Text:
        return {};
    }
    return {};
}

ParsedValue parseOptionValue(const OptionSpec &spec, const QString &rawText)
{
    const QString text = rawText.trimmed();
    if ((text == QLatin1String("default") || text == QLatin1String("kernel")) && spec.isSocketOption())
        return {QVariant(), {}};
    QVariant value;
    switch (spec.kind) {
    case OptionKind::Bool: {
        const QString t = text.toLower();
        if (t == QLatin1String("on") || t == QLatin1String("1") || t == QLatin1String("true") || t == QLatin1String("yes"))
            value = true;
        else if (t == QLatin1String("off") || t == QLatin1String("0") || t == QLatin1String("false") || t == QLatin1String("no"))
            value = false;
        else
            return {{}, QCoreApplication::translate("Option", "%1: '%2' is not on or off").arg(spec.name, text)};
        break;
    }
    case OptionKind::Int:
    case OptionKind::Linger: {
        bool ok = false;
        const qlonglong v = text.toLongLong(&ok);
        if (!ok)
            return {{}, QCoreApplication::translate("Option", "%1: '%2' is not a whole number (allowed %3)")
                            .arg(spec.name, text, describeRange(spec))};
        value = v;
        break;
    }
    case OptionKind::Seconds: {
        bool ok = false;
        const double v = text.toDouble(&ok);
        if (!ok)
            return {{}, QCoreApplication::translate("Option", "%1: '%2' is not a number of seconds (allowed %3)")
                            .arg(spec.name, text, describeRange(spec))};
        value = v;
        break;
    }
    case OptionKind::Choice:
    case OptionKind::Text:
        value = text;
        break;
    }
    const QString error = validateOptionValue(spec, value);
    if (!error.isEmpty())
        return {{}, error};
    if (spec.kind == OptionKind::Int || spec.kind == OptionKind::Linger)
        value = static_cast<int>(value.toLongLong());
    return {value, {}};
}

QString formatOptionValue(const OptionSpec &spec, const QVariant &value)
{
    if (!value.isValid())
        return QStringLiteral("default");
    switch (spec.kind) {
    case OptionKind::Bool: return value.toBool() ? QStringLiteral("on") : QStringLiteral("off");
    case OptionKind::Int:
    case OptionKind::Linger: return QString::number(value.toLongLong());
    case OptionKind::Seconds: return trimmedNumber(value.toDouble());
    case OptionKind::Choice:
    case OptionKind::Text: return value.toString();
    }
    return value.toString();
}

} // namespace tcplab
