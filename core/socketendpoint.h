// A socket address of either family, as the kernel hands it over (accept, getsockname) or takes
// it (bind, connect): sockaddr_storage inside, so no call site needs to know the family.
#pragma once

#include <QHostAddress>
#include <QString>

#include <sys/socket.h>

namespace tcplab {

class SocketEndpoint
{
public:
    SocketEndpoint() = default;
    // address may carry a scope ("fe80::1%lo"): an interface name or index.
    SocketEndpoint(const QHostAddress &address, quint16 port);
    static SocketEndpoint fromSockaddr(const sockaddr *address, socklen_t length);
    static SocketEndpoint localOf(int fd);  // getsockname(); invalid when it fails
    static SocketEndpoint peerOf(int fd);   // getpeername(); invalid when it fails

    bool isValid() const { return family() == AF_INET || family() == AF_INET6; }
    int family() const { return m_storage.ss_family; }
    bool isIPv6() const { return family() == AF_INET6; }
    // ::ffff:a.b.c.d: an IPv4 peer of an AF_INET6 socket with IPV6_V6ONLY off.
    bool isV4Mapped() const;
    QHostAddress address() const;
    QString addressText() const; // "127.0.0.1", "::1", "fe80::1%lo"
    quint16 port() const;
    void setPort(quint16 port);
    quint32 scopeId() const; // the interface index of a link-local IPv6 address; 0 otherwise
    // "127.0.0.1:9000", "[::1]:9000", "[fe80::1%lo]:9000"; empty when invalid.
    QString toString() const;
    // "IPv4" or "IPv6", for messages and JSON
    QString familyName() const;

    const sockaddr *data() const { return reinterpret_cast<const sockaddr *>(&m_storage); }
    // For accept()/getsockname() to fill in: pass capacity() as the length.
    sockaddr *data() { return reinterpret_cast<sockaddr *>(&m_storage); }
    socklen_t size() const; // of the family's own struct, what bind()/connect() take
    static constexpr socklen_t capacity() { return sizeof(sockaddr_storage); }

    bool operator==(const SocketEndpoint &other) const;

private:
    sockaddr_storage m_storage{};
};

// "[addr]:port" for IPv6, "addr:port" for IPv4 (and for an address that is not valid).
QString formatEndpoint(const QHostAddress &address, quint16 port);
// What a reader should know about a peer address, e.g. for an IPv4-mapped one; empty otherwise.
QString endpointNote(const SocketEndpoint &endpoint);
// The same for an endpoint as toString() wrote it ("[::ffff:127.0.0.1]:41000").
QString peerAddressNote(const QString &peer);

} // namespace tcplab
