#include "clientsocket.h"

#include "listener.h"
#include "socketoptions.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#ifndef TCP_FASTOPEN_CONNECT
#define TCP_FASTOPEN_CONNECT 30
#endif

namespace tcplab {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Client", text); }
} // namespace

Result<ClientEndpoint> resolveClientEndpoint(const ClientRequest &request)
{
    Result<QHostAddress> address = resolveIPv4(request.host);
    if (!address)
        return address.error();
    ClientEndpoint endpoint;
    endpoint.text = QStringLiteral("%1:%2").arg(address.value().toString()).arg(request.port);
    endpoint.address.sin_family = AF_INET;
    endpoint.address.sin_port = htons(request.port);
    endpoint.address.sin_addr.s_addr = htonl(address.value().toIPv4Address());
    return endpoint;
}

Result<FileDescriptor> openClientSocket(const ClientRequest &request)
{
    FileDescriptor fd(request.socketFactory ? request.socketFactory(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)
                                            : ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd.isValid())
        return Error::fromErrno(errno, tr("socket"));
    Error error;
    if (request.nodelay)
        error = setIntOption(fd.get(), IPPROTO_TCP, TCP_NODELAY, 1, QStringLiteral("TCP_NODELAY"));
    if (!error && request.quickack)
        error = setIntOption(fd.get(), IPPROTO_TCP, TCP_QUICKACK, 1, QStringLiteral("TCP_QUICKACK"));
    if (!error && request.fastOpen)
        error = setIntOption(fd.get(), IPPROTO_TCP, TCP_FASTOPEN_CONNECT, 1, QStringLiteral("TCP_FASTOPEN_CONNECT"));
    if (error)
        return error;
    return fd;
}

Error connectWithTimeout(int fd, const ClientEndpoint &endpoint, int timeoutMs)
{
    const int flags = ::fcntl(fd, F_GETFL);
    ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&endpoint.address), sizeof(endpoint.address)) != 0) {
        if (errno != EINPROGRESS)
            return Error::fromErrno(errno, tr("connect to %1").arg(endpoint.text));
        pollfd p{fd, POLLOUT, 0};
        int n;
        do {
            n = ::poll(&p, 1, timeoutMs);
        } while (n < 0 && errno == EINTR);
        if (n == 0)
            return Error(ETIMEDOUT, tr("connect to %1 timed out after %2 ms").arg(endpoint.text).arg(timeoutMs));
        int soError = 0;
        socklen_t len = sizeof(soError);
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &len);
        if (soError)
            return Error::fromErrno(soError, tr("connect to %1").arg(endpoint.text));
    }
    ::fcntl(fd, F_SETFL, flags);
    return {};
}

bool replyComplete(const ClientRequest &request, const QByteArray &reply)
{
    switch (request.replyMode) {
    case ReplyMode::UntilClose: return false;
    case ReplyMode::Bytes: return reply.size() >= request.expectedBytes;
    case ReplyMode::Line: return reply.contains('\n');
    case ReplyMode::FirstRead: return !reply.isEmpty();
    }
    return false;
}

int readIntOption(int fd, int level, int optname)
{
    int value = 0;
    socklen_t len = sizeof(value);
    return ::getsockopt(fd, level, optname, &value, &len) == 0 ? value : -1;
}

} // namespace tcplab
