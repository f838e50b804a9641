#include "usernamespace.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <string>
#include <unistd.h>

namespace tcplab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("UserNamespace", text);
}

bool hasSysAdmin()
{
    // "CapEff:\t000001ffffffffff": the effective set as hex.
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("CapEff:"))
            return (line.mid(7).trimmed().toULongLong(nullptr, 16) >> CAP_SYS_ADMIN) & 1;
    }
    return false;
}

Error writeProcFile(const char *path, const std::string &text)
{
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return Error::fromErrno(errno, tr("open %1").arg(QLatin1String(path)));
    const ssize_t n = ::write(fd, text.data(), text.size());
    const int err = errno;
    ::close(fd);
    if (n != ssize_t(text.size()))
        return Error::fromErrno(n < 0 ? err : EIO, tr("write %1").arg(QLatin1String(path)));
    return {};
}

} // namespace

Error enterOwnUserNamespace()
{
    if (hasSysAdmin())
        return {};
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (::unshare(CLONE_NEWUSER) != 0)
        return Error::fromErrno(errno, tr("unshare(CLONE_NEWUSER) (a user namespace of our own)"));
    // Map only ourselves, to ourselves. An unprivileged gid_map needs setgroups() denied first.
    if (Error e = writeProcFile("/proc/self/uid_map", std::to_string(uid) + ' ' + std::to_string(uid) + " 1\n"))
        return e;
    if (Error e = writeProcFile("/proc/self/setgroups", "deny\n"))
        return e;
    return writeProcFile("/proc/self/gid_map", std::to_string(gid) + ' ' + std::to_string(gid) + " 1\n");
}

} // namespace tcplab
