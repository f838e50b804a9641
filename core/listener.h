// Opens the listening socket in the order the kernel demands: options before bind, options
// before listen, listen, then reads every option back into the option report.
#pragma once

#include "error.h"
#include "filedescriptor.h"
#include "hostresolver.h"
#include "serverconfig.h"
#include "socketendpoint.h"
#include "socketfactory.h"
#include "socketoptions.h"

namespace tcplab {

struct ListenerSocket
{
    FileDescriptor fd;
    SocketEndpoint endpoint; // where it listens, as getsockname() says
    QHostAddress address;    // endpoint's, for callers that need only one part
    quint16 port = 0;
    QString resolution;      // how a host name became the address; empty for a literal
    OptionReport report;
    QStringList warnings;
};

// factory: where the socket comes from (::socket() when empty), e.g. inside the wire's server side.
Result<ListenerSocket> openListener(const ServerConfig &config, const SocketFactory &factory = {});

} // namespace tcplab
