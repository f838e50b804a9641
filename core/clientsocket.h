// What the lab's one-shot client (runClientExchange) and its long-lived session (ClientSession)
// share: the server's address, a socket with the client options set, a connect bounded in time,
// and when a reply is complete.
#pragma once

#include "error.h"
#include "filedescriptor.h"
#include "labclient.h"
#include "socketendpoint.h"

namespace tcplab {

struct ClientEndpoint
{
    SocketEndpoint address;
    QString text; // "198.18.0.2:7", "[::1]:7", for messages
    QString resolution; // how a host name became the address; empty for a literal
};

// Resolves request.host (IPv4 or IPv6) and joins request.port.
Result<ClientEndpoint> resolveClientEndpoint(const ClientRequest &request);
// A socket from request.socketFactory (or ::socket()) with NODELAY, QUICKACK and
// TCP_FASTOPEN_CONNECT set as the request asks.
// family: AF_INET or AF_INET6, the endpoint's.
Result<FileDescriptor> openClientSocket(const ClientRequest &request, int family = AF_INET);
// Non-blocking connect, poll() for at most timeoutMs, then the descriptor back in blocking mode.
Error connectWithTimeout(int fd, const ClientEndpoint &endpoint, int timeoutMs);
// Whether reply holds all the request's reply mode waits for (UntilClose: never).
bool replyComplete(const ClientRequest &request, const QByteArray &reply);
// getsockopt of an int option, -1 when it fails.
int readIntOption(int fd, int level, int optname);

} // namespace tcplab
