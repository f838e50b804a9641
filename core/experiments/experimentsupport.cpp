#include "experimentsupport.h"

#include "experiment.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QRegularExpression>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cmath>
#include <fcntl.h>
#include <limits>
#include <netinet/in.h>
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
    FileDescriptor fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd.isValid())
        return Error::fromErrno(errno, tr("socket"));
    if (prepare)
        prepare(fd.get());
    const int flags = ::fcntl(fd.get(), F_GETFL);
    ::fcntl(fd.get(), F_SETFL, flags | O_NONBLOCK);
    const sockaddr_in addr = loopbackAddress(port);
    if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)) != 0) {
        if (errno != EINPROGRESS)
            return Error::fromErrno(errno, tr("connect to 127.0.0.1:%1").arg(port));
        if (!waitFor(fd.get(), POLLOUT, timeoutMs))
            return Error(ETIMEDOUT, tr("connect to 127.0.0.1:%1 timed out after %2 ms").arg(port).arg(timeoutMs));
        const int soError = socketIntOption(fd.get(), SOL_SOCKET, SO_ERROR);
        if (soError)
            return Error::fromErrno(soError, tr("connect to 127.0.0.1:%1").arg(port));
    }
    ::fcntl(fd.get(), F_SETFL, flags);
    return fd;
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
