#include "hostresolver.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QRegularExpression>

#include <net/if.h>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Server", text); }

QString stripBrackets(const QString &host)
{
    const QString h = host.trimmed();
    if (h.size() >= 2 && h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        return h.mid(1, h.size() - 2);
    return h;
}

// Only an IP literal can hold ':' or '%', and only an IPv4 one is all digits and dots.
bool looksLikeLiteral(const QString &h)
{
    static const QRegularExpression dotted(QStringLiteral("^[0-9.]+$"));
    return h.contains(QLatin1Char(':')) || h.contains(QLatin1Char('%')) || dotted.match(h).hasMatch();
}

// A literal, with its scope checked: the kernel needs an interface for a link-local address and
// takes a scope for nothing else.
Result<QHostAddress> parseLiteral(const QString &h)
{
    QHostAddress address;
    if (!address.setAddress(h)) {
        if (h.contains(QLatin1Char(':')) || h.contains(QLatin1Char('%')))
            return Error::message(tr("'%1' is not a valid IPv6 address").arg(h));
        return Error::message(tr("'%1' is not a valid IPv4 address").arg(h));
    }
    const QString scope = address.scopeId();
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        const bool linkLocal = address.isLinkLocal();
        if (!scope.isEmpty() && !linkLocal)
            return Error::message(tr("'%1': a scope id (%%2) applies only to link-local addresses (fe80::/10)").arg(h, scope));
        if (!scope.isEmpty()) {
            bool numeric = false;
            const uint index = scope.toUInt(&numeric);
            if (numeric ? index == 0 : ::if_nametoindex(scope.toLocal8Bit().constData()) == 0)
                return Error::message(tr("'%1': no network interface '%2' for the scope id").arg(h, scope));
        }
        if (scope.isEmpty() && linkLocal)
            return Error::message(tr("'%1' is link-local: name its interface, e.g. %2%lo").arg(h, address.toString()));
    }
    return address;
}

} // namespace

bool hostNeedsLookup(const QString &host)
{
    const QString h = stripBrackets(host);
    return !h.isEmpty() && h != QLatin1String("localhost") && !looksLikeLiteral(h);
}

Result<ResolvedHost> chooseAddress(const QString &host, const QHostInfo &info)
{
    const QString h = host.trimmed();
    const QList<QHostAddress> answers = info.addresses();
    if (answers.isEmpty())
        return Error::message(tr("unknown host '%1': %2").arg(h, info.errorString().isEmpty() ? tr("no address") : info.errorString()));
    QStringList all;
    for (const QHostAddress &a : answers)
        all << a.toString();
    ResolvedHost resolved{answers.first(), tr("%1 -> %2 (first of the resolver's answers: %3)").arg(h, answers.first().toString(), all.join(QStringLiteral(", ")))};
    return resolved;
}

Result<ResolvedHost> resolveHost(const QString &host)
{
    const QString h = stripBrackets(host);
    if (h.isEmpty())
        return ResolvedHost{QHostAddress(QHostAddress::AnyIPv4), {}};
    if (h == QLatin1String("localhost")) {
        // A stated rule, no resolver: /etc/hosts names both 127.0.0.1 and ::1, and the order
        // getaddrinfo returns them in differs between systems.
        return ResolvedHost{QHostAddress(QHostAddress::LocalHost),
                            tr("localhost -> 127.0.0.1 (the lab's rule: localhost is IPv4 loopback; type ::1 for IPv6)")};
    }
    if (looksLikeLiteral(h)) {
        Result<QHostAddress> literal = parseLiteral(h);
        if (!literal)
            return literal.error();
        return ResolvedHost{literal.value(), {}};
    }
    return chooseAddress(h, QHostInfo::fromName(h));
}

HostAndPort splitHostAndPort(const QString &text)
{
    static const QRegularExpression bracketed(QStringLiteral("^\\[([^\\]]*)\\]:([0-9]{1,5})$"));
    static const QRegularExpression plain(QStringLiteral("^([^:\\[\\]]+):([0-9]{1,5})$"));
    const QString t = text.trimmed();
    QRegularExpressionMatch m = bracketed.match(t);
    if (!m.hasMatch())
        m = plain.match(t);
    if (!m.hasMatch())
        return HostAndPort{t, 0, false};
    return HostAndPort{m.captured(1), m.captured(2).toInt(), true};
}

} // namespace tcplab
