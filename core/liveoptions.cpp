#include "liveoptions.h"

#include "socketoptions.h"
#include "systemlimits.h"
#include "tcpinfo.h"

#include <QCoreApplication>

#include <algorithm>
#include <cerrno>
#include <sys/socket.h>

namespace tcplab {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Server", text, disambiguation, n);
}

bool sameValue(const OptionSpec &spec, const QVariant &a, const QVariant &b)
{
    return a.isValid() == b.isValid() && formatOptionValue(spec, a) == formatOptionValue(spec, b);
}

LiveOptionResult changeBacklog(int listenFd, ServerConfig &running, const QVariant &wanted, LiveOptionResult r)
{
    // listen() on a socket that already listens only sets the accept queue's length anew.
    const int backlog = wanted.toInt();
    if (::listen(listenFd, backlog) != 0) {
        r.error = Error::fromErrno(errno, tr("listen(%1) again").arg(backlog));
        return r;
    }
    r.applied = true;
    running.setValue(r.key, wanted);
    // Not readable with getsockopt: a listener's TCP_INFO carries its accept queue's length.
    const TcpInfoSnapshot info = readTcpInfo(listenFd);
    r.listenerValue = info.valid ? QString::number(info.sacked) : QStringLiteral("?");
    if (info.valid && int(info.sacked) != backlog)
        r.reason = tr("clamped to net.core.somaxconn = %1").arg(SystemLimits::readNumber(QStringLiteral("net.core.somaxconn")));
    return r;
}

} // namespace

QString LiveOptionResult::text() const
{
    if (otherFamily)
        return tr("%1 = %2 not applied: %3").arg(name, requested, reason);
    if (!live)
        return tr("%1 = %2 applies on restart: %3").arg(name, requested, reason);
    if (!applied)
        return tr("%1 = %2 not applied live: %3").arg(name, requested, error.text());
    if (key == QLatin1String("backlog")) {
        QString line = tr("%1 = %2 applied live: listen() again on the listener (read back %3)").arg(name, requested, listenerValue);
        return reason.isEmpty() ? line : line + QStringLiteral("; ") + reason;
    }
    // One value everywhere reads as one; otherwise each with its count.
    QString readBack;
    if (connectionValues.isEmpty() || (connectionValues.size() == 1 && connectionValues.firstKey() == listenerValue)) {
        readBack = listenerValue;
    } else {
        QStringList parts;
        for (auto it = connectionValues.cbegin(); it != connectionValues.cend(); ++it)
            parts << tr("%1 on %n connection(s)", nullptr, it.value()).arg(it.key());
        readBack = tr("%1 on the listener, %2").arg(listenerValue, parts.join(QStringLiteral(", ")));
    }
    QString line = tr("%1 = %2 applied live to the listener and %n connection(s) (read back %3)", nullptr, connections)
                       .arg(name, requested, readBack);
    if (!reason.isEmpty())
        line += QStringLiteral(": ") + reason;
    if (failedConnections > 0)
        line += QStringLiteral("; ") + tr("failed on %n connection(s): %1", nullptr, failedConnections).arg(error.text());
    return line;
}

const LiveOptionResult *LiveChangeReport::result(const QString &key) const
{
    for (const LiveOptionResult &r : results) {
        if (r.key == key)
            return &r;
    }
    return nullptr;
}

int LiveChangeReport::appliedCount() const
{
    return int(std::count_if(results.cbegin(), results.cend(), [](const LiveOptionResult &r) { return r.applied; }));
}

namespace {

int socketFamily(int fd)
{
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return AF_UNSPEC;
    return address.ss_family;
}

} // namespace

LiveChangeReport applyLiveChange(int listenFd, ConnectionRegistry &registry, ServerConfig &running, const ServerConfig &wanted,
                                 const QStringList &keys, std::atomic<bool> *lingerMayBlock)
{
    LiveChangeReport report;
    QStringList order = keys;
    if (order.isEmpty()) {
        for (const OptionSpec &spec : optionTable())
            order << spec.key;
    }
    const int family = socketFamily(listenFd);
    for (const QString &key : std::as_const(order)) {
        const OptionSpec *spec = findOption(key);
        if (!spec)
            continue;
        const QVariant want = wanted.value(key);
        if (sameValue(*spec, want, running.value(key)))
            continue;
        LiveOptionResult r;
        r.key = key;
        r.name = spec->name;
        r.requested = formatOptionValue(*spec, want);
        r.live = spec->live;
        if (!spec->live) {
            r.reason = spec->translatedRestartReason();
        } else if (family != AF_UNSPEC && !optionAppliesTo(*spec, family)) {
            // The kernel keeps IPPROTO_IP and IPPROTO_IPV6 options per family: on the other
            // family's socket setsockopt() only answers ENOPROTOOPT.
            r.live = false;
            r.otherFamily = true;
            const QString counterpart = familyCounterpart(*spec);
            r.reason = (family == AF_INET6 ? tr("%1 does not apply to an IPv6 listener") : tr("%1 does not apply to an IPv4 listener")).arg(spec->name)
                       + (counterpart.isEmpty() ? QString() : tr("; see %1").arg(counterpart));
        } else if (!want.isValid()) {
            r.live = false;
            r.reason = tr("no call returns an option of an open socket to the kernel's default; a new socket starts with it");
        } else if (const QString invalid = validateOptionValue(*spec, want); !invalid.isEmpty()) {
            r.error = Error(EINVAL, invalid);
        } else if (!spec->isSocketOption()) {
            r = changeBacklog(listenFd, running, want, r);
        } else {
            if (spec->kind == OptionKind::Linger && want.toInt() > 0 && lingerMayBlock)
                lingerMayBlock->store(true);
            // The listener first: it passes the value on to connections accepted from now on.
            if (Error e = applyOption(listenFd, *spec, want)) {
                r.error = e;
            } else {
                r.applied = true;
                running.setValue(key, want);
                const Result<QVariant> back = readOption(listenFd, *spec);
                r.listenerValue = back ? formatOptionValue(*spec, back.value()) : QStringLiteral("?");
                if (back)
                    r.reason = kernelDifference(*spec, want, back.value());
                registry.applyToAll(*spec, want, [&](quint64, int fd, const Error &error) {
                    if (error) {
                        ++r.failedConnections;
                        if (!r.error)
                            r.error = error;
                        return;
                    }
                    ++r.connections;
                    const Result<QVariant> value = readOption(fd, *spec);
                    ++r.connectionValues[value ? formatOptionValue(*spec, value.value()) : QStringLiteral("?")];
                });
            }
        }
        report.results << r;
    }
    return report;
}

} // namespace tcplab
