// Opens the listening socket in the order the kernel demands: options before bind, options
// before listen, listen, then reads every option back into the option report.
#pragma once

#include "error.h"
#include "filedescriptor.h"
#include "serverconfig.h"
#include "socketfactory.h"
#include "socketoptions.h"

#include <QHostAddress>

namespace tcplab {

struct ListenerSocket
{
    FileDescriptor fd;
    QHostAddress address;
    quint16 port = 0;
    OptionReport report;
    QStringList warnings;
};

// IPv4 literal, "localhost", a host name, or empty (= all interfaces).
Result<QHostAddress> resolveIPv4(const QString &host);

// factory: where the socket comes from (::socket() when empty), e.g. inside the wire's server side.
Result<ListenerSocket> openListener(const ServerConfig &config, const SocketFactory &factory = {});

} // namespace tcplab
