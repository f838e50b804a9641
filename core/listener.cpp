#include "listener.h"

#include "systemlimits.h"

#include <QCoreApplication>

#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>

namespace tcplab {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Server", text); }
} // namespace

Result<ListenerSocket> openListener(const ServerConfig &config, const SocketFactory &factory)
{
    const QStringList problems = config.validate();
    if (!problems.isEmpty())
        return Error::message(problems.join(QStringLiteral("; ")));

    Result<ResolvedHost> host = resolveHost(config.host());
    if (!host)
        return host.error();
    const SocketEndpoint address(host.value().address, config.port());
    const int family = address.family();

    ListenerSocket listener;
    listener.resolution = host.value().note;
    listener.fd = FileDescriptor(factory ? factory(family, SOCK_STREAM | SOCK_CLOEXEC, 0) : ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!listener.fd.isValid()) {
        const int err = errno;
        if (family == AF_INET6 && (err == EAFNOSUPPORT || err == EPROTONOSUPPORT))
            return Error::fromErrno(err, tr("socket(AF_INET6): IPv6 is not available on this machine"));
        return Error::fromErrno(err, tr("socket"));
    }
    const int fd = listener.fd.get();

    // IPV6_V6ONLY among them: the kernel refuses to change it once the socket is bound.
    if (Error e = applyOptions(fd, config, OptionPhase::BeforeBind))
        return e;

    if (::bind(fd, address.data(), address.size()) != 0) {
        const int err = errno;
        const QString where = address.toString();
        if (err == EADDRINUSE)
            return Error(err, tr("port %1 is in use on %2 (EADDRINUSE): another server holds it, or connections are in TIME_WAIT and SO_REUSEADDR is off")
                                  .arg(config.port())
                                  .arg(address.addressText()));
        if (err == EACCES)
            return Error(err, tr("binding %1 needs privileges (EACCES): ports below 1024 need CAP_NET_BIND_SERVICE").arg(where));
        if (err == EADDRNOTAVAIL)
            return Error(err, tr("%1 is not an address of this machine (EADDRNOTAVAIL)").arg(where));
        return Error::fromErrno(err, tr("bind %1").arg(where));
    }

    if (Error e = applyOptions(fd, config, OptionPhase::BeforeListen))
        return e;

    if (::listen(fd, config.backlog()) != 0)
        return Error::fromErrno(errno, tr("listen"));

    listener.endpoint = SocketEndpoint::localOf(fd);
    listener.address = listener.endpoint.address();
    listener.port = listener.endpoint.port();
    listener.report = buildListenerReport(fd, config);
    listener.warnings = SystemLimits::warningsFor(config);
    return listener;
}

} // namespace tcplab
