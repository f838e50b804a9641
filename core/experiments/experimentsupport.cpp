#include "experimentsupport.h"

#include "experiment.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

namespace tcplab::lab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

bool waitFor(int fd, short events, int timeoutMs)
{
    pollfd p{fd, events, 0};
    int n;
    do {
        n = ::poll(&p, 1, timeoutMs);
    } while (n < 0 && errno == EINTR);
    return n > 0;
}

sockaddr_in loopbackAddress(quint16 port)
{
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return addr;
}

} // namespace

ServerConfig experimentConfig(const QString &mode, const QString &handler, bool persistent)
{
    ServerConfig config = loopbackConfig(mode, handler, persistent);
    config.setValue(QStringLiteral("log-level"), QStringLiteral("error"));
    return config;
}

Result<FileDescriptor> connectLoopback(quint16 port, int timeoutMs, const std::function<void(int)> &prepare)
{
    return connectTo(SocketAddress::loopback(AF_INET, port), timeoutMs, prepare);
}

Result<FileDescriptor> connectTo(const SocketAddress &address, int timeoutMs, const std::function<void(int)> &prepare)
{
    FileDescriptor fd(::socket(address.family(), SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd.isValid())
        return Error::fromErrno(errno, tr("socket"));
    if (prepare)
        prepare(fd.get());
    const int flags = ::fcntl(fd.get(), F_GETFL);
    ::fcntl(fd.get(), F_SETFL, flags | O_NONBLOCK);
    const QString target = address.toString();
    if (::connect(fd.get(), address.get(), address.length) != 0) {
        if (errno != EINPROGRESS)
            return Error::fromErrno(errno, tr("connect to %1").arg(target));
        if (!waitFor(fd.get(), POLLOUT, timeoutMs))
            return Error(ETIMEDOUT, tr("connect to %1 timed out after %2 ms").arg(target).arg(timeoutMs));
        const int soError = socketIntOption(fd.get(), SOL_SOCKET, SO_ERROR);
        if (soError)
            return Error::fromErrno(soError, tr("connect to %1").arg(target));
    }
    ::fcntl(fd.get(), F_SETFL, flags);
    return fd;
}

Result<FileDescriptor> acceptWithin(int listenFd, int timeoutMs, SocketAddress *peer)
{
    if (!waitFor(listenFd, POLLIN, timeoutMs))
        return Error(ETIMEDOUT, tr("no connection to accept within %1 ms").arg(timeoutMs));
    sockaddr_storage ss{};
    socklen_t len = sizeof(ss);
    FileDescriptor fd(::accept4(listenFd, reinterpret_cast<sockaddr *>(&ss), &len, SOCK_CLOEXEC | SOCK_NONBLOCK));
    if (!fd.isValid())
        return Error::fromErrno(errno, tr("accept"));
    if (peer)
        *peer = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&ss), len);
    return fd;
}

Result<FileDescriptor> openNativeListener(const SocketAddress &address, const NativeListenerOptions &options)
{
    FileDescriptor fd(::socket(address.family(), SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!fd.isValid())
        return Error::fromErrno(errno, tr("socket(%1)").arg(familyName(address.family())));
    const int one = 1;
    // Every one of these only counts before bind(): the port's owner is decided there.
    if (options.reuseAddr && ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0)
        return Error::fromErrno(errno, tr("setsockopt SO_REUSEADDR"));
    if (options.reusePort && ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)) != 0)
        return Error::fromErrno(errno, tr("setsockopt SO_REUSEPORT"));
    if (address.family() == AF_INET6 && options.v6Only >= 0
        && ::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &options.v6Only, sizeof(options.v6Only)) != 0)
        return Error::fromErrno(errno, tr("setsockopt IPV6_V6ONLY"));
    if (::bind(fd.get(), address.get(), address.length) != 0)
        return Error::fromErrno(errno, tr("bind %1").arg(address.toString()));
    if (::listen(fd.get(), options.backlog) != 0)
        return Error::fromErrno(errno, tr("listen on %1").arg(address.toString()));
    return fd;
}

int timeWaitCount(int family, quint16 port)
{
    // "sl local_address rem_address st ...": local_address is HEX_ADDRESS:HEX_PORT, st 06 is TIME_WAIT.
    QFile f(QStringLiteral("/proc/thread-self/net/") + (family == AF_INET6 ? QStringLiteral("tcp6") : QStringLiteral("tcp")));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    int n = 0;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines[i].simplified().split(' ');
        if (fields.size() < 4)
            continue;
        const QByteArray &local = fields[1];
        const qsizetype colon = local.lastIndexOf(':');
        bool portOk = false;
        bool stateOk = false;
        const uint localPort = local.mid(colon + 1).toUInt(&portOk, 16);
        const uint state = fields[3].toUInt(&stateOk, 16);
        n += colon > 0 && portOk && stateOk && localPort == port && state == TCP_TIME_WAIT ? 1 : 0;
    }
    return n;
}

SocketAddress SocketAddress::loopback(int family, quint16 port)
{
    SocketAddress a;
    if (family == AF_INET6) {
        auto *sin6 = reinterpret_cast<sockaddr_in6 *>(&a.storage);
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(port);
        sin6->sin6_addr = in6addr_loopback;
        a.length = sizeof(sockaddr_in6);
    } else {
        auto *sin = reinterpret_cast<sockaddr_in *>(&a.storage);
        *sin = loopbackAddress(port);
        a.length = sizeof(sockaddr_in);
    }
    return a;
}

SocketAddress SocketAddress::any(int family, quint16 port)
{
    SocketAddress a = loopback(family, port);
    if (family == AF_INET6)
        reinterpret_cast<sockaddr_in6 *>(&a.storage)->sin6_addr = in6addr_any;
    else
        reinterpret_cast<sockaddr_in *>(&a.storage)->sin_addr.s_addr = htonl(INADDR_ANY);
    return a;
}

SocketAddress SocketAddress::fromSockaddr(const sockaddr *address, socklen_t length)
{
    SocketAddress a;
    a.length = std::min<socklen_t>(length, sizeof(a.storage));
    std::memcpy(&a.storage, address, a.length);
    return a;
}

SocketAddress SocketAddress::local(int fd)
{
    SocketAddress a;
    a.length = sizeof(a.storage);
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&a.storage), &a.length) != 0)
        return SocketAddress();
    return a;
}

quint16 SocketAddress::port() const
{
    if (family() == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_port);
    if (family() == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
    return 0;
}

QString SocketAddress::host() const
{
    char text[INET6_ADDRSTRLEN] = {};
    const void *raw = family() == AF_INET6 ? static_cast<const void *>(&reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_addr)
                                           : static_cast<const void *>(&reinterpret_cast<const sockaddr_in *>(&storage)->sin_addr);
    if ((family() != AF_INET && family() != AF_INET6) || !::inet_ntop(family(), raw, text, sizeof(text)))
        return QStringLiteral("?");
    return QString::fromLatin1(text);
}

QString SocketAddress::toString() const
{
    return (family() == AF_INET6 ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2")).arg(host()).arg(port());
}

bool SocketAddress::isV4Mapped() const
{
    return family() == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_addr);
}

QString familyName(int family)
{
    return family == AF_INET6 ? QStringLiteral("IPv6") : QStringLiteral("IPv4");
}

QString ipv6UnavailableReason()
{
    // The sysctls first: they name what to change; then what a socket meets.
    for (const char *conf : {"all", "lo"}) {
        QFile f(QStringLiteral("/proc/sys/net/ipv6/conf/%1/disable_ipv6").arg(QLatin1String(conf)));
        if (!f.open(QIODevice::ReadOnly)) {
            if (std::strcmp(conf, "all") == 0)
                return tr("IPv6 is unavailable: this kernel has no IPv6 (no /proc/sys/net/ipv6; booted with ipv6.disable=1?)");
            continue;
        }
        if (f.readAll().trimmed() == "1")
            return tr("IPv6 is unavailable: net.ipv6.conf.%1.disable_ipv6 = 1").arg(QLatin1String(conf));
    }
    FileDescriptor fd(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd.isValid())
        return tr("IPv6 is unavailable: %1").arg(Error::fromErrno(errno, QStringLiteral("socket(AF_INET6)")).text());
    const SocketAddress any = SocketAddress::loopback(AF_INET6, 0);
    if (::bind(fd.get(), any.get(), any.length) != 0)
        return tr("IPv6 is unavailable: no ::1 on lo (%1)").arg(Error::fromErrno(errno, QStringLiteral("bind [::1]:0")).text());
    return {};
}

int bindV6OnlyDefault()
{
    QFile f(QStringLiteral("/proc/sys/net/ipv6/bindv6only"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    bool ok = false;
    const int value = f.readAll().trimmed().toInt(&ok);
    return ok ? value : -1;
}

Result<FileDescriptor> startConnect(quint16 port)
{
    FileDescriptor fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!fd.isValid())
        return Error::fromErrno(errno, tr("socket"));
    const sockaddr_in addr = loopbackAddress(port);
    if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)) != 0 && errno != EINPROGRESS)
        return Error::fromErrno(errno, tr("connect to 127.0.0.1:%1").arg(port));
    return fd;
}

QByteArray readLine(int fd, int timeoutMs, QString *error)
{
    QByteArray line;
    QDeadlineTimer deadline(timeoutMs);
    char buf[4096];
    while (!line.contains('\n')) {
        if (!waitFor(fd, POLLIN, int(std::max<qint64>(0, deadline.remainingTime())))) {
            *error = tr("no reply within %1 ms").arg(timeoutMs);
            return {};
        }
        const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = n == 0 ? tr("the server closed the connection") : Error::fromErrno(errno, tr("recv")).text();
            return {};
        }
        line.append(buf, n);
    }
    return line;
}

qint64 drainUntilClose(int fd, int timeoutMs)
{
    qint64 total = 0;
    QDeadlineTimer deadline(timeoutMs);
    char buf[65536];
    while (!deadline.hasExpired()) {
        if (!waitFor(fd, POLLIN, int(std::max<qint64>(1, deadline.remainingTime()))))
            break;
        const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        total += n;
    }
    return total;
}

int socketIntOption(int fd, int level, int optname)
{
    int value = 0;
    socklen_t len = sizeof(value);
    if (::getsockopt(fd, level, optname, &value, &len) != 0)
        return -1;
    return value;
}

Error runInPrivateNetworkNamespaceOrHere(const std::function<void()> &fn)
{
    const Error nsError = netns::runInPrivateNetworkNamespace(fn);
    if (nsError)
        fn();
    return nsError;
}

QString wireNotUsedNote(const ExperimentContext &context)
{
    if (!context.hasWireSpec())
        return {};
    return tr("--wire %1 was not used: this experiment reads its listener's kernel counters and tables, so it runs on the loopback of a private network namespace "
              "(captured there for --pcap and the ladder).")
        .arg(context.wireRequest().spec.toString());
}

ExperimentResult runOnPrivateLoopback(const ExperimentContext &context, const std::function<ExperimentResult()> &runHere,
                                      const QString &hereNote, const QString &privateNote)
{
    ExperimentResult result;
    const Error nsError = runInPrivateNetworkNamespaceOrHere([&] { result = runHere(); });
    result.notes << (nsError ? QString(hereNote).arg(nsError.text()) : privateNote);
    if (const QString note = wireNotUsedNote(context); !note.isEmpty())
        result.notes << note;
    return result;
}

double percentile(QList<double> samples, double p)
{
    if (samples.isEmpty())
        return std::numeric_limits<double>::quiet_NaN();
    std::sort(samples.begin(), samples.end());
    const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * double(samples.size() - 1);
    const qsizetype lo = qsizetype(std::floor(rank));
    const qsizetype hi = qsizetype(std::ceil(rank));
    return samples[lo] + (samples[hi] - samples[lo]) * (rank - double(lo));
}

QString slug(const QString &label)
{
    QString s = label.toLower();
    s.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("_"));
    while (s.startsWith(QLatin1Char('_')))
        s.remove(0, 1);
    while (s.endsWith(QLatin1Char('_')))
        s.chop(1);
    return s;
}

} // namespace tcplab::lab
