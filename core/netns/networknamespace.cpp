#include "networknamespace.h"

#include "filedescriptor.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <thread>

namespace tcplab::netns {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("NetworkNamespace", text); }

int threadCount()
{
    return int(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::NoDotAndDotDot | QDir::Dirs).size());
}

// Why unshare(CLONE_NEWUSER|CLONE_NEWNET) failed, in terms of what the caller lacks.
QString userNamespaceProblem(int err)
{
    switch (err) {
    case EINVAL:
        return tr("the kernel grants a user namespace only to a single-threaded process; this one has %1 threads "
                  "(one of them the thread that was to enter the namespace)")
            .arg(threadCount());
    case EPERM:
        return tr("unprivileged user namespaces are disabled here (kernel.unprivileged_userns_clone, or a seccomp/AppArmor policy)");
    case ENOSPC:
        return tr("the user namespace limit is reached (user.max_user_namespaces)");
    default:
        return QString();
    }
}

} // namespace

Error enterPrivateNetworkNamespace()
{
    if (::unshare(CLONE_NEWNET) != 0) {
        const Error direct = Error::fromErrno(errno, tr("unshare(CLONE_NEWNET) (needs CAP_SYS_ADMIN)"));
        if (direct.errnum() != EPERM)
            return direct;
        // Without CAP_SYS_ADMIN, a user namespace of our own may own the network namespace.
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
            const int err = errno;
            const Error viaUser = Error::fromErrno(err, tr("unshare(CLONE_NEWUSER|CLONE_NEWNET)"));
            const QString why = userNamespaceProblem(err);
            return Error(err, tr("no private network namespace: %1; %2%3")
                                  .arg(direct.text(), viaUser.text(), why.isEmpty() ? QString() : QStringLiteral(": ") + why));
        }
    }
    // A new namespace has only lo, and it is down.
    return setInterfaceUp("lo", true);
}

Error runInPrivateNetworkNamespace(const std::function<void()> &fn)
{
    Error setupError;
    std::thread worker([&setupError, &fn] {
        setupError = enterPrivateNetworkNamespace();
        if (!setupError)
            fn();
    });
    worker.join();
    return setupError;
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
        return Error::fromErrno(errno, tr("SIOCSIFFLAGS %1 %2").arg(QLatin1String(name), up ? QStringLiteral("up") : QStringLiteral("down")));
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
    // QFile buffers: the kernel's verdict (EINVAL for a bad value) comes with the flush.
    if (!f.flush())
        return Error::message(tr("cannot write %1 = %2: %3").arg(name, value, f.errorString()));
    return {};
}

} // namespace tcplab::netns
