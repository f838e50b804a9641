#include "clientsession.h"

#include "sendall.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <utility>

namespace tcplab {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Client", text); }
} // namespace

Result<std::unique_ptr<ClientSession>> ClientSession::connect(const ClientRequest &request)
{
    if (request.replyMode == ReplyMode::UntilClose)
        return Error::message(tr("a session needs replies that end without a close (line, bytes or first read)"));
    Result<ClientEndpoint> endpoint = resolveClientEndpoint(request);
    if (!endpoint)
        return endpoint.error();
    ClientRequest plain = request;
    plain.fastOpen = false;
    Result<FileDescriptor> fd = openClientSocket(plain, endpoint.value().address.family());
    if (!fd)
        return fd.error();
    QElapsedTimer clock;
    clock.start();
    if (Error e = connectWithTimeout(fd.value().get(), endpoint.value(), request.connectTimeoutMs))
        return e;
    std::unique_ptr<ClientSession> session(new ClientSession);
    session->m_connectUs = clock.nsecsElapsed() / 1000;
    session->m_request = plain;
    session->m_endpoint = endpoint.take();
    session->m_fd = fd.take();
    session->m_localPort = SocketEndpoint::localOf(session->m_fd.get()).port();
    return session;
}

ClientResult ClientSession::exchange(const QByteArray &payload)
{
    ClientResult result;
    result.server = m_endpoint.text;
    result.resolution = m_endpoint.resolution;
    result.localPort = m_localPort;
    result.connectUs = m_exchanges++ == 0 ? m_connectUs : -1;
    if (!m_fd.isValid()) {
        result.error = Error::message(tr("%1: the session is closed").arg(m_endpoint.text));
        return result;
    }
    const int fd = m_fd.get();
    QElapsedTimer clock;
    clock.start();
    if (const SendResult sent = sendAll(fd, payload); !sent) {
        result.error = Error(sent.error.errnum(), tr("send to %1: %2").arg(m_endpoint.text, sent.error.text()));
        m_fd.reset();
        return result;
    }
    result.reply = std::exchange(m_pending, {});
    char buffer[65536];
    while (!replyComplete(m_request, result.reply)) {
        const qint64 left = m_request.replyTimeoutMs - clock.elapsed();
        pollfd p{fd, POLLIN, 0};
        const int n = left > 0 ? ::poll(&p, 1, int(left)) : 0;
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            result.error = Error(ETIMEDOUT, tr("no complete reply from %1 within %2 ms (%3 bytes so far)")
                                                .arg(m_endpoint.text)
                                                .arg(m_request.replyTimeoutMs)
                                                .arg(result.reply.size()));
            m_fd.reset();
            return result;
        }
        const ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            result.peerClosed = true;
            result.error = got == 0 ? Error::message(tr("%1 closed the connection before the reply was complete").arg(m_endpoint.text))
                                    : Error::fromErrno(errno, tr("receive from %1").arg(m_endpoint.text));
            m_fd.reset();
            return result;
        }
        // The kernel drops back to delayed ACKs after each read-then-send round: re-arm.
        if (m_request.quickack)
            rearmQuickAck(fd);
        if (result.firstByteUs < 0) {
            result.firstByteUs = clock.nsecsElapsed() / 1000;
            result.tcp = readTcpInfo(fd);
        }
        result.reply.append(buffer, got);
    }
    // A line reply ends at its newline; anything after it belongs to the next reply.
    if (m_request.replyMode == ReplyMode::Line) {
        const qsizetype end = result.reply.indexOf('\n') + 1;
        m_pending = result.reply.mid(end);
        result.reply.truncate(end);
    } else if (m_request.replyMode == ReplyMode::Bytes && result.reply.size() > m_request.expectedBytes) {
        m_pending = result.reply.mid(m_request.expectedBytes);
        result.reply.truncate(m_request.expectedBytes);
    }
    result.totalUs = clock.nsecsElapsed() / 1000;
    result.options.quickack = readIntOption(fd, IPPROTO_TCP, TCP_QUICKACK);
    return result;
}

} // namespace tcplab
