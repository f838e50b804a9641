// What the lab's one-shot client (runClientExchange) and its long-lived session (ClientSession)
// share: the server's address, a socket with the client options set, a connect bounded in time,
// and when a reply is complete.
#pragma once

#include "error.h"
#include "filedescriptor.h"
#include "labclient.h"

#include <netinet/in.h>

namespace tcplab {

struct ClientEndpoint
{
    sockaddr_in address{};
    QString text; // "198.18.0.2:7", for messages
};

// Resolves request.host (IPv4) and joins request.port.
Result<ClientEndpoint> resolveClientEndpoint(const ClientRequest &request);
// A socket from request.socketFactory (or ::socket()) with NODELAY, QUICKACK and
// TCP_FASTOPEN_CONNECT set as the request asks.
Result<FileDescriptor> openClientSocket(const ClientRequest &request);
// Non-blocking connect, poll() for at most timeoutMs, then the descriptor back in blocking mode.
Error connectWithTimeout(int fd, const ClientEndpoint &endpoint, int timeoutMs);
// Whether reply holds all the request's reply mode waits for (UntilClose: never).
bool replyComplete(const ClientRequest &request, const QByteArray &reply);
// getsockopt of an int option, -1 when it fails.
int readIntOption(int fd, int level, int optname);

} // namespace tcplab
