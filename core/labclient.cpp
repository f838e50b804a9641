#include "labclient.h"

#include "clientsocket.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QThread>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#ifndef TCP_FASTOPEN_CONNECT
#define TCP_FASTOPEN_CONNECT 30
#endif
#ifndef TCPI_OPT_SYN_DATA
#define TCPI_OPT_SYN_DATA 32
#endif

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Client", text); }

} // namespace

void rearmQuickAck(int fd)
{
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof(one));
}

QString ClientResult::summary() const
{
    if (error)
        return error.text();
    return tr("reply %1 bytes, connect %2 us, first byte %3 us, total %4 us%5%6")
        .arg(reply.size())
        .arg(connectUs)
        .arg(firstByteUs)
        .arg(totalUs)
        .arg(peerClosed ? tr(", closed by server") : QString())
        .arg(fastOpenUsed ? tr(", data carried in the SYN (Fast Open)") : QString());
}

ClientResult runClientExchange(const ClientRequest &request)
{
    ClientResult result;
    QElapsedTimer clock;
    clock.start();

    Result<ClientEndpoint> endpoint = resolveClientEndpoint(request);
    if (!endpoint) {
        result.error = endpoint.error();
        return result;
    }
    const QString where = endpoint.value().text;
    result.server = where;
    result.resolution = endpoint.value().resolution;
    const SocketEndpoint addr = endpoint.value().address;
    Result<FileDescriptor> opened = openClientSocket(request, addr.family());
    if (!opened) {
        result.error = opened.error();
        return result;
    }
    FileDescriptor fd = opened.take();

    QList<QByteArray> pieces = request.pieces;
    if (pieces.isEmpty() && !request.payload.isEmpty())
        pieces << request.payload;

    qint64 firstSendNs = -1;
    if (request.fastOpen) {
        // With TCP_FASTOPEN_CONNECT, connect() returns at once and the first write sends the SYN,
        // with the data inside when a cookie from an earlier connection is cached.
        const timeval tv{request.connectTimeoutMs / 1000, (request.connectTimeoutMs % 1000) * 1000};
        ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
        if (::connect(fd.get(), addr.data(), addr.size()) != 0) {
            result.error = Error::fromErrno(errno, tr("connect to %1").arg(where));
            return result;
        }
        if (!pieces.isEmpty()) {
            const QByteArray first = pieces.takeFirst();
            firstSendNs = clock.nsecsElapsed();
            const ssize_t n = ::send(fd.get(), first.constData(), size_t(first.size()), MSG_NOSIGNAL);
            if (n != first.size()) {
                result.error = n < 0 ? Error::fromErrno(errno, tr("send to %1").arg(where))
                                     : Error::message(tr("short send to %1").arg(where));
                return result;
            }
        }
        result.connectUs = clock.nsecsElapsed() / 1000;
    } else {
        if (Error e = connectWithTimeout(fd.get(), endpoint.value(), request.connectTimeoutMs)) {
            result.error = e;
            return result;
        }
        result.connectUs = clock.nsecsElapsed() / 1000;
    }
    result.localPort = SocketEndpoint::localOf(fd.get()).port();
    result.options.nodelay = readIntOption(fd.get(), IPPROTO_TCP, TCP_NODELAY);
    result.options.fastOpenConnect = readIntOption(fd.get(), IPPROTO_TCP, TCP_FASTOPEN_CONNECT);

    const int rawFd = fd.get();
    QTcpSocket socket;
    if (!socket.setSocketDescriptor(fd.release(), QAbstractSocket::ConnectedState, QIODevice::ReadWrite)) {
        result.error = Error::message(tr("QTcpSocket refused the descriptor: %1").arg(socket.errorString()));
        return result;
    }
    // QTcpSocket reads from the kernel inside its waitFor...() calls: call this after each.
    auto afterRead = [&] {
        if (socket.state() != QAbstractSocket::ConnectedState) // Qt has closed rawFd
            return;
        if (request.quickack)
            rearmQuickAck(rawFd);
        result.options.quickack = readIntOption(rawFd, IPPROTO_TCP, TCP_QUICKACK);
        ++result.options.quickackReads;
        if (result.options.quickack == 0)
            ++result.options.delayedAckReads;
    };
    // A server may answer and close before the last piece (the Byte handler's one recv answers
    // only what arrived first): keep what it said instead of losing it to the failed write.
    auto collectEarlyReply = [&] {
        if (socket.bytesAvailable() == 0)
            socket.waitForReadyRead(0);
        afterRead();
        if (socket.bytesAvailable() > 0 && result.firstByteUs < 0) {
            result.firstByteUs = (clock.nsecsElapsed() - firstSendNs) / 1000;
            if (socket.state() == QAbstractSocket::ConnectedState) // else Qt has closed rawFd
                result.tcp = readTcpInfo(rawFd);
            result.fastOpenUsed = result.tcp.valid && (result.tcp.options & TCPI_OPT_SYN_DATA);
        }
        result.reply += socket.readAll();
        return socket.state() == QAbstractSocket::ConnectedState;
    };
    for (int i = 0; i < pieces.size(); ++i) {
        if (firstSendNs < 0)
            firstSendNs = clock.nsecsElapsed();
        if (i > 0 && !collectEarlyReply() && !result.reply.isEmpty())
            break;
        socket.write(pieces[i]);
        while (socket.bytesToWrite() > 0) {
            const bool written = socket.waitForBytesWritten(request.replyTimeoutMs);
            afterRead();
            if (!written) {
                if (!result.reply.isEmpty()) {
                    result.peerClosed = true;
                    break;
                }
                result.error = Error::message(tr("send to %1: %2").arg(where, socket.errorString()));
                return result;
            }
        }
        if (result.peerClosed)
            break;
        if (request.pieceDelayMs > 0 && i + 1 < pieces.size())
            QThread::msleep(request.pieceDelayMs);
    }
    if (firstSendNs < 0)
        firstSendNs = clock.nsecsElapsed();
    if (request.resetAfterSend) {
        const linger l{1, 0};
        ::setsockopt(rawFd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
        socket.abort();
        result.totalUs = clock.nsecsElapsed() / 1000;
        return result;
    }

    QElapsedTimer replyClock;
    replyClock.start();
    while (!replyComplete(request, result.reply)) {
        const qint64 left = request.replyTimeoutMs - replyClock.elapsed();
        if (socket.bytesAvailable() == 0) {
            if (left <= 0) {
                if (result.reply.isEmpty() || request.replyMode != ReplyMode::UntilClose)
                    result.error = Error(ETIMEDOUT, tr("no complete reply from %1 within %2 ms (%3 bytes so far)")
                                                        .arg(where)
                                                        .arg(request.replyTimeoutMs)
                                                        .arg(result.reply.size()));
                break;
            }
            const bool readable = socket.waitForReadyRead(int(left));
            afterRead();
            if (!readable) {
                if (socket.state() != QAbstractSocket::ConnectedState || socket.error() == QAbstractSocket::RemoteHostClosedError) {
                    result.peerClosed = true;
                    result.reply += socket.readAll();
                    if (result.reply.isEmpty() && socket.error() != QAbstractSocket::RemoteHostClosedError)
                        result.error = Error::message(tr("%1: %2").arg(where, socket.errorString()));
                    break;
                }
                continue;
            }
        }
        if (result.firstByteUs < 0) {
            result.firstByteUs = (clock.nsecsElapsed() - firstSendNs) / 1000;
            result.tcp = readTcpInfo(rawFd);
            result.fastOpenUsed = result.tcp.valid && (result.tcp.options & TCPI_OPT_SYN_DATA);
        }
        result.reply += socket.readAll();
    }
    if (result.peerClosed && result.reply.isEmpty() && !result.error)
        result.error = Error::message(tr("%1 closed the connection without a reply").arg(where));
    socket.abort();
    result.totalUs = clock.nsecsElapsed() / 1000;
    return result;
}

} // namespace tcplab
