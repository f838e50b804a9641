#include "clientsocket.h"

#include "hostresolver.h"
#include "socketoptions.h"

#include <QCoreApplication>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
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
    Result<ResolvedHost> host = resolveHost(request.host);
    if (!host)
        return host.error();
    ClientEndpoint endpoint;
    endpoint.address = SocketEndpoint(host.value().address, request.port);
    endpoint.text = endpoint.address.toString();
    endpoint.resolution = host.value().note;
    return endpoint;
}

Result<FileDescriptor> openClientSocket(const ClientRequest &request, int family)
{
    FileDescriptor fd(request.socketFactory ? request.socketFactory(family, SOCK_STREAM | SOCK_CLOEXEC, 0)
                                            : ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd.isValid()) {
        const int err = errno;
        if (family == AF_INET6 && (err == EAFNOSUPPORT || err == EPROTONOSUPPORT))
            return Error::fromErrno(err, tr("socket(AF_INET6): IPv6 is not available on this machine"));
        return Error::fromErrno(err, tr("socket"));
    }
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
    if (::connect(fd, endpoint.address.data(), endpoint.address.size()) != 0) {
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
