#include "listener.h"

#include "systemlimits.h"

#include <QCoreApplication>
#include <QHostInfo>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>

namespace tcplab {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Server", text); }
} // namespace

bool hostNeedsLookup(const QString &host)
{
    const QString h = host.trimmed();
    QHostAddress literal;
    return !h.isEmpty() && h != QLatin1String("localhost") && !literal.setAddress(h);
}

Result<QHostAddress> firstIPv4(const QString &host, const QHostInfo &info)
{
    for (const QHostAddress &a : info.addresses()) {
        if (a.protocol() == QAbstractSocket::IPv4Protocol)
            return a;
    }
    return Error::message(tr("unknown host '%1': %2").arg(host.trimmed(), info.errorString().isEmpty() ? tr("no IPv4 address") : info.errorString()));
}

Result<QHostAddress> resolveIPv4(const QString &host)
{
    const QString h = host.trimmed();
    if (h.isEmpty())
        return QHostAddress(QHostAddress::AnyIPv4);
    if (h == QLatin1String("localhost"))
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress literal;
    if (literal.setAddress(h)) {
        if (literal.protocol() != QAbstractSocket::IPv4Protocol)
            return Error::message(tr("'%1' is not an IPv4 address (the lab serves IPv4)").arg(h));
        return literal;
    }
    return firstIPv4(h, QHostInfo::fromName(h));
}

Result<ListenerSocket> openListener(const ServerConfig &config, const SocketFactory &factory)
{
    const QStringList problems = config.validate();
    if (!problems.isEmpty())
        return Error::message(problems.join(QStringLiteral("; ")));

    Result<QHostAddress> address = resolveIPv4(config.host());
    if (!address)
        return address.error();

    ListenerSocket listener;
    listener.fd = FileDescriptor(factory ? factory(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0) : ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!listener.fd.isValid())
        return Error::fromErrno(errno, tr("socket"));
    const int fd = listener.fd.get();

    if (Error e = applyOptions(fd, config, OptionPhase::BeforeBind))
        return e;

    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(config.port());
    addr.sin_addr.s_addr = htonl(address.value().toIPv4Address());
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)) != 0) {
        const int err = errno;
        const QString where = QStringLiteral("%1:%2").arg(address.value().toString()).arg(config.port());
        if (err == EADDRINUSE)
            return Error(err, tr("port %1 is in use on %2 (EADDRINUSE): another server holds it, or connections are in TIME_WAIT and SO_REUSEADDR is off")
                                  .arg(config.port())
                                  .arg(address.value().toString()));
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

    sockaddr_in bound{};
    socklen_t len = sizeof(bound);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &len);
    listener.address = QHostAddress(ntohl(bound.sin_addr.s_addr));
    listener.port = ntohs(bound.sin_port);
    listener.report = buildListenerReport(fd, config);
    listener.warnings = SystemLimits::warningsFor(config);
    return listener;
}

} // namespace tcplab
