// Opens the listening socket in the order the kernel demands: options before bind, options
// before listen, listen, then reads every option back into the option report.
#pragma once

#include "error.h"
#include "filedescriptor.h"
#include "serverconfig.h"
#include "socketfactory.h"
#include "socketoptions.h"

#include <QHostAddress>

class QHostInfo;

namespace tcplab {

struct ListenerSocket
{
    FileDescriptor fd;
    QHostAddress address;
    quint16 port = 0;
    OptionReport report;
    QStringList warnings;
};

// IPv4 literal, "localhost", a host name, or empty (= all interfaces). A name blocks on the
// resolver (seconds when a DNS server does not answer): a GUI thread resolves with
// QHostInfo::lookupHost() instead and passes the address on as a literal.
Result<QHostAddress> resolveIPv4(const QString &host);
// False for what resolveIPv4() answers without a resolver: empty, "localhost", a literal.
bool hostNeedsLookup(const QString &host);
// The first IPv4 address of a finished lookup of host, or why there is none.
Result<QHostAddress> firstIPv4(const QString &host, const QHostInfo &info);

// factory: where the socket comes from (::socket() when empty), e.g. inside the wire's server side.
Result<ListenerSocket> openListener(const ServerConfig &config, const SocketFactory &factory = {});

} // namespace tcplab
