// The host a user types (server address or client target) turned into one address: an IPv4 or
// IPv6 literal (brackets and a scope allowed: "[::1]", "fe80::1%lo"), "localhost", a name, or
// empty (all IPv4 interfaces). Which address a name became, and why, travels with it.
#pragma once

#include "error.h"

#include <QHostAddress>

class QHostInfo;

namespace tcplab {

struct ResolvedHost
{
    QHostAddress address;
    // How a name became the address, e.g. "localhost -> 127.0.0.1 (...)"; empty for a literal.
    QString note;
};

// False for what resolveHost() answers without a resolver: empty, "localhost", a literal, and
// text that can only be a malformed literal.
bool hostNeedsLookup(const QString &host);
// Resolves host; a name blocks on the resolver (seconds when a DNS server does not answer): a
// GUI thread looks it up with QHostInfo::lookupHost() and passes the answer to chooseAddress().
Result<ResolvedHost> resolveHost(const QString &host);
// The address the lab takes from a finished lookup of host, or why there is none. The rule: the
// resolver's first answer (getaddrinfo sorts them by RFC 6724 and /etc/gai.conf).
Result<ResolvedHost> chooseAddress(const QString &host, const QHostInfo &info);

// "[::1]:9000" -> ::1 and 9000; "127.0.0.1:9000" and "name:9000" the same; anything else (also
// a bare IPv6 literal, whose last group could be read as a port) is a host without a port.
struct HostAndPort
{
    QString host;
    int port = 0;
    bool hasPort = false;
};
HostAndPort splitHostAndPort(const QString &text);

} // namespace tcplab
