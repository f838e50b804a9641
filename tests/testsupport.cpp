#include "testsupport.h"

#include "socketendpoint.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QThread>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>

namespace tcplab::test {

QString ipv6Unavailable()
{
    QFile all(QStringLiteral("/proc/sys/net/ipv6/conf/all/disable_ipv6"));
    if (!all.open(QIODevice::ReadOnly))
        return QStringLiteral("no /proc/sys/net/ipv6/conf/all/disable_ipv6: the kernel has no IPv6");
    if (all.readAll().trimmed() == "1")
        return QStringLiteral("net.ipv6.conf.all.disable_ipv6 = 1");
    FileDescriptor fd(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd.isValid())
        return QStringLiteral("socket(AF_INET6) fails: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
    const SocketEndpoint loopback(QHostAddress(QHostAddress::LocalHostIPv6), 0);
    if (::bind(fd.get(), loopback.data(), loopback.size()) != 0)
        return QStringLiteral("no ::1 on loopback (bind [::1]:0: %1)").arg(QString::fromLocal8Bit(std::strerror(errno)));
    return {};
}

} // namespace tcplab::test

namespace testsupport {

tcplab::FileDescriptor connectTo(quint16 port, int recvTimeoutMs)
{
    tcplab::FileDescriptor fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const timeval tv{recvTimeoutMs / 1000, (recvTimeoutMs % 1000) * 1000};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    if (::connect(fd.get(), reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0)
        fd.reset();
    return fd;
}

tcplab::FileDescriptor connectTo(const QString &address, quint16 port, int recvTimeoutMs)
{
    const tcplab::SocketEndpoint to(QHostAddress(address), port);
    tcplab::FileDescriptor fd(::socket(to.family(), SOCK_STREAM | SOCK_CLOEXEC, 0));
    const timeval tv{recvTimeoutMs / 1000, (recvTimeoutMs % 1000) * 1000};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    if (!to.isValid() || ::connect(fd.get(), to.data(), to.size()) != 0)
        fd.reset();
    return fd;
}

QByteArray readUntilClose(int fd, int timeoutMs, qsizetype max)
{
    QByteArray out;
    QDeadlineTimer deadline(timeoutMs);
    char buf[65536];
    while (out.size() < max && !deadline.hasExpired()) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, int(std::max<qint64>(1, deadline.remainingTime()))) <= 0)
            break;
        const ssize_t got = ::recv(fd, buf, size_t(std::min<qsizetype>(qsizetype(sizeof(buf)), max - out.size())), 0);
        if (got <= 0)
            break;
        out.append(buf, got);
    }
    return out;
}

QByteArray readExactly(int fd, qsizetype n, int timeoutMs)
{
    return readUntilClose(fd, timeoutMs, n);
}

bool waitFor(const std::function<bool()> &cond, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!cond()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(2);
    }
    return true;
}

int openDescriptorCount()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System).size());
}

double cpuSecondsUsed()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int threadCount()
{
    return int(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::NoDotAndDotDot | QDir::Dirs).size());
}

quint64 waitForOneConnection(tcplab::Server &server, int timeoutMs)
{
    quint64 id = 0;
    waitFor([&] {
        const auto list = server.connectionSnapshot(false);
        if (list.size() == 1)
            id = list.first().id;
        return id != 0;
    }, timeoutMs);
    return id;
}

EventRecorder::EventRecorder(tcplab::EventHub *hub)
{
    QObject::connect(hub, &tcplab::EventHub::eventsReady, &m_context, [this](const tcplab::EventBatch &batch) { events += batch; });
}

const tcplab::ServerEvent *EventRecorder::find(tcplab::EventKind kind, const QString &part, quint64 connectionId) const
{
    for (const tcplab::ServerEvent &e : events) {
        if (e.kind == kind && (connectionId == 0 || e.connectionId == connectionId) && e.text.contains(part))
            return &e;
    }
    return nullptr;
}

bool EventRecorder::waitFor(tcplab::EventKind kind, const QString &part, quint64 connectionId, int timeoutMs)
{
    return testsupport::waitFor([&] { return contains(kind, part, connectionId); }, timeoutMs);
}

QString EventRecorder::dump() const
{
    QStringList lines;
    for (const tcplab::ServerEvent &e : events)
        lines << QStringLiteral("[%1] %2").arg(tcplab::eventKindName(e.kind), e.toText());
    return lines.join(QLatin1Char('\n'));
}

quint16 localPort(int fd)
{
    return tcplab::SocketEndpoint::localOf(fd).port();
}

void resetAndClose(tcplab::FileDescriptor &fd)
{
    const linger l{1, 0};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    fd.reset();
}

tcplab::FileDescriptor boundLoopbackSocket(int backlog)
{
    tcplab::FileDescriptor fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd.get(), reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0 || (backlog >= 0 && ::listen(fd.get(), backlog) != 0))
        fd.reset();
    return fd;
}

tcplab::BinFrame sampleBinFrame()
{
    tcplab::BinFrame f;
    f.u32 = 0xDEADBEEF;
    f.tag = {'a', 'b'};
    f.u64 = 0x0102030405060708ULL;
    f.i16a = -2;
    f.i16b = 300;
    f.f32 = 1.5f;
    return f;
}

quint16 freePort()
{
    const tcplab::FileDescriptor fd = boundLoopbackSocket();
    return fd.isValid() ? localPort(fd.get()) : 0;
}

} // namespace testsupport
