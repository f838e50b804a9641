#include "tst_hardening_support.h"

#include "testsupport.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QThread>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace hardening {

EventLog::EventLog(tcplab::Server &server) : m_server(server)
{
    connect(server.events(), &tcplab::EventHub::eventsReady, this,
            [this](const tcplab::EventBatch &batch) { m_events += batch; });
}

QList<tcplab::ServerEvent> EventLog::matching(const QString &needle, quint64 id) const
{
    QList<tcplab::ServerEvent> out;
    for (const tcplab::ServerEvent &e : m_events) {
        if ((id == 0 || e.connectionId == id) && e.text.contains(needle))
            out << e;
    }
    return out;
}

bool EventLog::waitFor(const QString &needle, quint64 id, int timeoutMs)
{
    return testsupport::waitFor([&] {
        m_server.events()->flush();
        return count(needle, id) > 0;
    }, timeoutMs);
}

QList<tcplab::ServerEvent> EventLog::problemsOf(quint64 id) const
{
    QList<tcplab::ServerEvent> out;
    for (const tcplab::ServerEvent &e : m_events) {
        if (e.connectionId == id && (e.level == tcplab::LogLevel::Warning || e.level == tcplab::LogLevel::Error))
            out << e;
    }
    return out;
}

QString EventLog::dump() const
{
    QString out;
    for (const tcplab::ServerEvent &e : m_events)
        out += e.toText() + QLatin1Char('\n');
    return out;
}

std::pair<quint64, quint64> noFileLimit()
{
    rlimit l{};
    ::getrlimit(RLIMIT_NOFILE, &l);
    return {quint64(l.rlim_cur), quint64(l.rlim_max)};
}

bool setNoFileLimit(quint64 soft, quint64 hard)
{
    const rlimit l{rlim_t(soft), rlim_t(hard)};
    return ::setrlimit(RLIMIT_NOFILE, &l) == 0;
}

int DescriptorHog::fill()
{
    const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null < 0)
        return 0;
    m_fds.push_back(null);
    for (;;) {
        const int fd = ::fcntl(null, F_DUPFD_CLOEXEC, 0);
        if (fd < 0)
            break;
        m_fds.push_back(fd);
    }
    return int(m_fds.size());
}

int DescriptorHog::fillBelow(int limit)
{
    for (;;) {
        const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            break;
        if (fd >= limit) {
            ::close(fd);
            break;
        }
        m_fds.push_back(fd);
    }
    return int(m_fds.size());
}

void DescriptorHog::release()
{
    for (int fd : m_fds)
        ::close(fd);
    m_fds.clear();
}

QList<int> threadIdsNamed(const QString &prefix)
{
    QList<int> out;
    const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &t : tasks) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(t));
        if (comm.open(QIODevice::ReadOnly) && QString::fromLatin1(comm.readAll()).trimmed().startsWith(prefix))
            out << t.toInt();
    }
    return out;
}

qint64 threadCpuMs(int tid)
{
    QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The name in parentheses may contain spaces: fields are counted after the last ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    // After ')' field 0 is state (the 3rd field); utime and stime are the 14th and 15th.
    const qint64 ticks = fields[11].toLongLong() + fields[12].toLongLong();
    return ticks * 1000 / ::sysconf(_SC_CLK_TCK);
}

bool setNonBlocking(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

QByteArray exchange(int fd, const QByteArray &data, int timeoutMs)
{
    QByteArray reply;
    qsizetype sent = 0;
    bool writeShut = false;
    QDeadlineTimer deadline(timeoutMs);
    char buf[65536];
    while (!deadline.hasExpired()) {
        if (!writeShut && sent == data.size()) {
            ::shutdown(fd, SHUT_WR);
            writeShut = true;
        }
        pollfd p{fd, short(POLLIN | (writeShut ? 0 : POLLOUT)), 0};
        if (::poll(&p, 1, int(std::max<qint64>(1, deadline.remainingTime()))) <= 0)
            break;
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
            if (n == 0)
                break;
            if (n < 0 && errno != EAGAIN && errno != EINTR)
                break;
            if (n > 0)
                reply.append(buf, n);
        }
        if (!writeShut && (p.revents & POLLOUT)) {
            const ssize_t n = ::send(fd, data.constData() + sent, size_t(std::min<qsizetype>(data.size() - sent, 65536)),
                                     MSG_DONTWAIT | MSG_NOSIGNAL);
            if (n > 0)
                sent += n;
            else if (n < 0 && errno != EAGAIN && errno != EINTR)
                break;
        }
    }
    return reply;
}

int newClientSocket()
{
    return ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

bool connectNow(int fd, quint16 port)
{
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0;
}

void resetClose(int fd)
{
    const linger l{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    ::close(fd);
}

int pendingBytes(int fd)
{
    int n = 0;
    ::ioctl(fd, FIONREAD, &n);
    return n;
}

QString tcplabBinary()
{
    return qEnvironmentVariable("TCPLAB_BINARY");
}

void dropBindPrivilegeInChild(QProcess &p)
{
    // An ordinary user has nothing to drop. Root keeps its uid (the executable may sit in a tree
    // other users cannot enter) but loses CAP_NET_BIND_SERVICE from the bounding set, so the
    // program exec'd next never gets it back. Runs between fork and exec: system calls only.
    if (::geteuid() != 0)
        return;
    p.setChildProcessModifier([] {
        if (::prctl(PR_CAPBSET_DROP, CAP_NET_BIND_SERVICE, 0, 0, 0) != 0)
            ::_exit(97);
    });
}

ProcessResult runTcplab(const QStringList &args, int timeoutMs, bool dropPrivileges)
{
    ProcessResult r;
    QProcess p;
    if (dropPrivileges)
        dropBindPrivilegeInChild(p);
    p.start(tcplabBinary(), args);
    r.started = p.waitForStarted(5000);
    if (!r.started)
        return r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(2000);
    }
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace hardening
