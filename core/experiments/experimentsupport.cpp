#include "experimentsupport.h"

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
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace tcplab::lab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

QByteArray readProcFile(const QString &name)
{
    QFile f(QStringLiteral("/proc/thread-self/net/") + name);
    if (!f.open(QIODevice::ReadOnly)) {
        f.setFileName(QStringLiteral("/proc/net/") + name);
        if (!f.open(QIODevice::ReadOnly))
            return {};
    }
    return f.readAll();
}

// netstat and snmp come as pairs of lines: "TcpExt: Name1 Name2" then "TcpExt: 1 2".
void parseCounterPairs(const QByteArray &text, QMap<QString, qint64> *out)
{
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i + 1 < lines.size(); i += 2) {
        const QList<QByteArray> names = lines[i].simplified().split(' ');
        const QList<QByteArray> values = lines[i + 1].simplified().split(' ');
        if (names.size() != values.size() || names.isEmpty())
            continue;
        QString prefix = QString::fromLatin1(names.first());
        prefix.chop(1); // the colon
        for (int k = 1; k < names.size(); ++k)
            out->insert(prefix + QLatin1Char('.') + QString::fromLatin1(names[k]), values[k].toLongLong());
    }
}

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

QMap<QString, qint64> readNetCounters()
{
    QMap<QString, qint64> counters;
    parseCounterPairs(readProcFile(QStringLiteral("netstat")), &counters);
    parseCounterPairs(readProcFile(QStringLiteral("snmp")), &counters);
    return counters;
}

qint64 counterDelta(const QMap<QString, qint64> &before, const QMap<QString, qint64> &after, const QString &key)
{
    return after.value(key) - before.value(key);
}

QList<ProcTcpSocket> readProcTcp()
{
    // "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt ..."
    QList<ProcTcpSocket> out;
    const QList<QByteArray> lines = readProcFile(QStringLiteral("tcp")).split('\n');
    const long ticksPerSecond = ::sysconf(_SC_CLK_TCK) > 0 ? ::sysconf(_SC_CLK_TCK) : 100;
    for (int i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines[i].simplified().split(' ');
        if (f.size() < 7)
            continue;
        const QList<QByteArray> local = f[1].split(':');
        const QList<QByteArray> remote = f[2].split(':');
        const QList<QByteArray> timer = f[5].split(':');
        if (local.size() != 2 || remote.size() != 2 || timer.size() != 2)
            continue;
        ProcTcpSocket s;
        // The kernel prints the address as the u32 in network order read as a host integer.
        s.localAddress = ntohl(quint32(local[0].toUInt(nullptr, 16)));
        s.localPort = quint16(local[1].toUInt(nullptr, 16));
        s.remoteAddress = ntohl(quint32(remote[0].toUInt(nullptr, 16)));
        s.remotePort = quint16(remote[1].toUInt(nullptr, 16));
        s.state = f[3].toInt(nullptr, 16);
        s.timer = timer[0].toInt(nullptr, 16);
        // Printed as a signed clock_t cast to unsigned: an expired timer shows as a huge value.
        const qint32 ticks = qint32(timer[1].toUInt(nullptr, 16));
        s.timerMs = qint64(ticks) * 1000 / ticksPerSecond;
        s.timerCount = f[6].toInt(nullptr, 16);
        out.append(s);
    }
    return out;
}

QString procTimerName(int timer)
{
    switch (timer) {
    case 0: return tr("none");
    case 1: return tr("retransmit");
    case 2: return tr("keep-alive");
    case 3: return tr("TIME_WAIT");
    case 4: return tr("zero-window probe");
    default: return QString::number(timer);
    }
}

ServerConfig experimentConfig(const QString &mode, const QString &handler, bool persistent)
{
    ServerConfig config = ServerConfig::seedDefaults();
    config.setValue(QStringLiteral("host"), QStringLiteral("127.0.0.1"));
    config.setValue(QStringLiteral("port"), 0);
    config.setValue(QStringLiteral("mode"), mode);
    config.setValue(QStringLiteral("handler"), handler);
    config.setValue(QStringLiteral("persistent"), persistent);
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

bool sendAll(int fd, const QByteArray &data)
{
    qsizetype off = 0;
    while (off < data.size()) {
        const ssize_t n = ::send(fd, data.constData() + off, size_t(data.size() - off), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        off += n;
    }
    return true;
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

Error setInterfaceUp(const char *name, bool up)
{
    FileDescriptor fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!fd.isValid())
        return Error::fromErrno(errno, tr("socket"));
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
    if (::ioctl(fd.get(), SIOCGIFFLAGS, &ifr) != 0)
        return Error::fromErrno(errno, tr("SIOCGIFFLAGS %1").arg(QLatin1String(name)));
    if (up)
        ifr.ifr_flags |= IFF_UP;
    else
        ifr.ifr_flags &= ~IFF_UP;
    if (::ioctl(fd.get(), SIOCSIFFLAGS, &ifr) != 0)
        return Error::fromErrno(errno, tr("SIOCSIFFLAGS %1").arg(QLatin1String(name)));
    return {};
}

Error writeSysctl(const QString &name, const QString &value)
{
    QString path = QStringLiteral("/proc/sys/") + name;
    path.replace(QLatin1Char('.'), QLatin1Char('/'));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return Error::message(tr("cannot write %1: %2").arg(name, f.errorString()));
    if (f.write(value.toLatin1() + '\n') < 0)
        return Error::message(tr("cannot write %1: %2").arg(name, f.errorString()));
    return {};
}

Error runInPrivateNetworkNamespace(const std::function<void()> &fn)
{
    Error setupError;
    // unshare(CLONE_NEWNET) moves only the calling thread, so a dedicated thread does it and
    // ends afterwards: no other thread of the process ever sees the namespace.
    std::thread worker([&setupError, &fn] {
        if (::unshare(CLONE_NEWNET) != 0) {
            const int err = errno;
            setupError = Error::fromErrno(err, tr("unshare(CLONE_NEWNET) (a private network namespace needs CAP_SYS_ADMIN)"));
            return;
        }
        if (Error e = setInterfaceUp("lo", true)) {
            setupError = e;
            return;
        }
        fn();
    });
    worker.join();
    return setupError;
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
