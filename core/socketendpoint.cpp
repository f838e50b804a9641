#include "socketendpoint.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <cstring>
#include <net/if.h>
#include <netinet/in.h>

namespace tcplab {

namespace {

const sockaddr_in *v4(const sockaddr_storage &s) { return reinterpret_cast<const sockaddr_in *>(&s); }
const sockaddr_in6 *v6(const sockaddr_storage &s) { return reinterpret_cast<const sockaddr_in6 *>(&s); }

char *appendDecimal(char *p, quint32 value)
{
    char tmp[10];
    int n = 0;
    do {
        tmp[n++] = char('0' + value % 10);
        value /= 10;
    } while (value);
    while (n)
        *p++ = tmp[--n];
    return p;
}

quint32 interfaceIndex(const QString &scope)
{
    bool numeric = false;
    const uint index = scope.toUInt(&numeric);
    if (numeric)
        return index;
    return scope.isEmpty() ? 0 : ::if_nametoindex(scope.toLocal8Bit().constData());
}

} // namespace

SocketEndpoint::SocketEndpoint(const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        auto *a = reinterpret_cast<sockaddr_in *>(&m_storage);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        a->sin_addr.s_addr = htonl(address.toIPv4Address());
    } else if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&m_storage);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&a->sin6_addr, bytes.c, sizeof(a->sin6_addr));
        a->sin6_scope_id = interfaceIndex(address.scopeId());
    }
}

SocketEndpoint SocketEndpoint::fromSockaddr(const sockaddr *address, socklen_t length)
{
    SocketEndpoint e;
    if (address && length <= sizeof(e.m_storage))
        std::memcpy(&e.m_storage, address, length);
    if (!e.isValid())
        return {};
    return e;
}

SocketEndpoint SocketEndpoint::localOf(int fd)
{
    SocketEndpoint e;
    socklen_t len = capacity();
    if (::getsockname(fd, e.data(), &len) != 0)
        return {};
    return e;
}

SocketEndpoint SocketEndpoint::peerOf(int fd)
{
    SocketEndpoint e;
    socklen_t len = capacity();
    if (::getpeername(fd, e.data(), &len) != 0)
        return {};
    return e;
}

bool SocketEndpoint::isV4Mapped() const
{
    return isIPv6() && IN6_IS_ADDR_V4MAPPED(&v6(m_storage)->sin6_addr);
}

QHostAddress SocketEndpoint::address() const
{
    if (family() == AF_INET)
        return QHostAddress(ntohl(v4(m_storage)->sin_addr.s_addr));
    if (family() == AF_INET6) {
        QHostAddress a(reinterpret_cast<const quint8 *>(&v6(m_storage)->sin6_addr));
        if (const quint32 scope = scopeId()) {
            char name[IF_NAMESIZE] = {};
            a.setScopeId(::if_indextoname(scope, name) ? QString::fromLocal8Bit(name) : QString::number(scope));
        }
        return a;
    }
    return {};
}

QString SocketEndpoint::addressText() const
{
    if (family() == AF_INET6) {
        char buf[INET6_ADDRSTRLEN] = {};
        ::inet_ntop(AF_INET6, &v6(m_storage)->sin6_addr, buf, sizeof(buf));
        QString text = QString::fromLatin1(buf);
        if (const quint32 scope = scopeId()) {
            char name[IF_NAMESIZE] = {};
            text += QLatin1Char('%') + (::if_indextoname(scope, name) ? QString::fromLocal8Bit(name) : QString::number(scope));
        }
        return text;
    }
    if (family() == AF_INET) {
        // By hand: inet_ntop and QString::arg go through printf-style formatting, thousands of
        // instructions for every accepted connection.
        char buf[INET_ADDRSTRLEN];
        char *p = buf;
        const quint32 ip = ntohl(v4(m_storage)->sin_addr.s_addr);
        for (int shift = 24; shift >= 0; shift -= 8) {
            p = appendDecimal(p, (ip >> shift) & 0xffu);
            if (shift)
                *p++ = '.';
        }
        return QString::fromLatin1(buf, p - buf);
    }
    return {};
}

quint16 SocketEndpoint::port() const
{
    if (family() == AF_INET)
        return ntohs(v4(m_storage)->sin_port);
    if (family() == AF_INET6)
        return ntohs(v6(m_storage)->sin6_port);
    return 0;
}

void SocketEndpoint::setPort(quint16 port)
{
    if (family() == AF_INET)
        reinterpret_cast<sockaddr_in *>(&m_storage)->sin_port = htons(port);
    else if (family() == AF_INET6)
        reinterpret_cast<sockaddr_in6 *>(&m_storage)->sin6_port = htons(port);
}

quint32 SocketEndpoint::scopeId() const
{
    return family() == AF_INET6 ? v6(m_storage)->sin6_scope_id : 0;
}

QString SocketEndpoint::toString() const
{
    if (!isValid())
        return {};
    char digits[6];
    const QLatin1StringView port(digits, appendDecimal(digits, this->port()) - digits);
    if (isIPv6())
        return QLatin1Char('[') + addressText() + QLatin1String("]:") + port;
    return addressText() + QLatin1Char(':') + port;
}

QString SocketEndpoint::familyName() const
{
    if (family() == AF_INET)
        return QStringLiteral("IPv4");
    if (family() == AF_INET6)
        return QStringLiteral("IPv6");
    return {};
}

socklen_t SocketEndpoint::size() const
{
    if (family() == AF_INET)
        return sizeof(sockaddr_in);
    if (family() == AF_INET6)
        return sizeof(sockaddr_in6);
    return 0;
}

bool SocketEndpoint::operator==(const SocketEndpoint &other) const
{
    return size() == other.size() && std::memcmp(&m_storage, &other.m_storage, size()) == 0;
}

QString formatEndpoint(const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

QString endpointNote(const SocketEndpoint &endpoint)
{
    if (endpoint.isV4Mapped())
        return QCoreApplication::translate("Server", "IPv4-mapped: an IPv4 client on a dual-stack listener (IPV6_V6ONLY off)");
    return {};
}

QString peerAddressNote(const QString &peer)
{
    // Only an IPv6 endpoint starts with '[': the IPv4 ones (most) cost one comparison.
    if (!peer.startsWith(QLatin1String("[::ffff:"), Qt::CaseInsensitive))
        return {};
    const qsizetype close = peer.indexOf(QLatin1Char(']'));
    const QHostAddress address(peer.mid(1, close - 1));
    bool mapped = false;
    address.toIPv4Address(&mapped);
    if (!mapped)
        return {};
    return endpointNote(SocketEndpoint(address, 0));
}

} // namespace tcplab
