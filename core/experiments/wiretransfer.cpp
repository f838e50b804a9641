#include "wiretransfer.h"

#include "experiment.h"
#include "socketendpoint.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <atomic>
#include <cerrno>
#include <ctime>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/sockios.h>
#include <thread>

namespace tcplab::lab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

int intOption(int fd, int level, int name)
{
    int v = -1;
    socklen_t len = sizeof v;
    return ::getsockopt(fd, level, name, &v, &len) == 0 ? v : -1;
}

// Waits for POLLOUT (or anything) on fd for up to ms.
short waitFor(int fd, short events, int ms)
{
    pollfd p{fd, events, 0};
    return ::poll(&p, 1, ms) > 0 ? p.revents : 0;
}

} // namespace

qint64 realtimeNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

double WireTransferResult::receiveBitsPerSecond() const
{
    const double seconds = double(lastByteNs - firstByteNs) / 1e9;
    return seconds > 0 ? double(bytesReceived) * 8 / seconds : 0;
}

double WireTransferResult::steadyBitsPerSecond() const
{
    if (!steadyFromNs)
        return receiveBitsPerSecond();
    const double seconds = double(lastByteNs - steadyFromNs) / 1e9;
    return seconds > 0 ? double(bytesReceived - steadyFromBytes) * 8 / seconds : 0;
}

QList<FlowPacket> connectionPackets(const QList<wire::CapturedPacket> &packets, quint16 clientPort)
{
    QList<FlowPacket> out;
    wire::ConnectionTracker tracker;
    for (const wire::CapturedPacket &p : packets) {
        const wire::DecodedPacket d = wire::decodePacket(p);
        if (!d.isTcp())
            continue;
        const wire::PacketAnnotation a = tracker.track(p, d);
        const quint16 port = p.direction == wire::Direction::ClientToServer ? d.sourcePort : d.destinationPort;
        if (clientPort == 0 || port == clientPort)
            out.append({p, d, a});
    }
    return out;
}

QStringList allowedCongestionControls(wire::Wire &wire)
{
    const Result<QString> allowed = wire.sideSysctl(wire::Side::Server, QStringLiteral("net.ipv4.tcp_allowed_congestion_control"));
    QStringList out = allowed ? allowed.value().simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts) : QStringList();
    if (!out.contains(QLatin1String("reno")))
        out.prepend(QStringLiteral("reno")); // the kernel always lets anyone choose reno
    return out;
}

WireTransferResult runWireTransfer(wire::Wire &wire, const WireTransferOptions &options, const ExperimentContext &context)
{
    using wire::Side;
    WireTransferResult r;
    Result<FileDescriptor> listener = wire.socket(Side::Server, AF_INET, SOCK_STREAM | SOCK_CLOEXEC);
    if (!listener) {
        r.error = listener.error().text();
        return r;
    }
    const int lfd = listener.value().get();
    SocketEndpoint listening(wire.serverAddress(), 0);
    socklen_t len = SocketEndpoint::capacity();
    if (::bind(lfd, listening.data(), listening.size()) != 0 || ::listen(lfd, 4) != 0 || ::getsockname(lfd, listening.data(), &len) != 0) {
        r.error = Error::fromErrno(errno, tr("listening on the wire's server side")).text();
        return r;
    }
    Result<FileDescriptor> clientSocket = wire.socket(Side::Client, AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (!clientSocket) {
        r.error = clientSocket.error().text();
        return r;
    }
    FileDescriptor client = clientSocket.take();
    if (options.receiverRcvbuf > 0) // before connect(): the window scale is chosen from it
        ::setsockopt(client.get(), SOL_SOCKET, SO_RCVBUF, &options.receiverRcvbuf, sizeof options.receiverRcvbuf);
    if (::connect(client.get(), listening.data(), listening.size()) != 0 && errno != EINPROGRESS) {
        r.error = Error::fromErrno(errno, tr("connecting across the wire")).text();
        return r;
    }
    if (!(waitFor(lfd, POLLIN, 5000) & POLLIN)) {
        r.error = tr("the connection across the wire was not accepted within 5 s (is the wire cut or dropping the handshake?)");
        return r;
    }
    FileDescriptor server(::accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
    if (!server.isValid()) {
        r.error = Error::fromErrno(errno, tr("accept")).text();
        return r;
    }
    sockaddr_in local{};
    len = sizeof local;
    ::getsockname(client.get(), reinterpret_cast<sockaddr *>(&local), &len);
    r.clientPort = ntohs(local.sin_port);
    const int sfd = server.get();
    if (!options.congestion.isEmpty()
        && ::setsockopt(sfd, IPPROTO_TCP, TCP_CONGESTION, options.congestion.constData(), socklen_t(options.congestion.size())) != 0) {
        r.error = Error::fromErrno(errno, tr("TCP_CONGESTION %1").arg(QString::fromLatin1(options.congestion))).text();
        return r;
    }
    char cc[32] = {};
    len = sizeof cc - 1;
    if (::getsockopt(sfd, IPPROTO_TCP, TCP_CONGESTION, cc, &len) == 0)
        r.congestion = QByteArray(cc);
    if (options.senderSndbuf > 0)
        ::setsockopt(sfd, SOL_SOCKET, SO_SNDBUF, &options.senderSndbuf, sizeof options.senderSndbuf);
    if (options.userTimeoutMs > 0)
        ::setsockopt(sfd, IPPROTO_TCP, TCP_USER_TIMEOUT, &options.userTimeoutMs, sizeof options.userTimeoutMs);
    r.senderSndbuf = intOption(sfd, SOL_SOCKET, SO_SNDBUF);
    r.receiverRcvbuf = intOption(client.get(), SOL_SOCKET, SO_RCVBUF);

    std::atomic<bool> senderDone{false};
    std::atomic<bool> stop{false};
    r.startNs = realtimeNs();
    std::thread sender([&] {
        const QByteArray chunk(64 * 1024, 'x');
        QElapsedTimer clock;
        clock.start();
        bool pauseDone = options.pauseMs <= 0;
        while (!stop.load() && clock.elapsed() < options.durationMs && (options.bytes <= 0 || r.bytesWritten < options.bytes)) {
            if (!pauseDone && r.bytesWritten >= options.pauseAfterBytes) {
                // Idle with nothing in flight: the restart rule compares the idle time with the RTO.
                int outq = 1;
                while (!stop.load() && clock.elapsed() < options.durationMs && ::ioctl(sfd, SIOCOUTQ, &outq) == 0 && outq > 0)
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                r.beforePause = readTcpInfo(sfd);
                for (int slept = 0; slept < options.pauseMs && !stop.load(); slept += 10)
                    std::this_thread::sleep_for(std::chrono::milliseconds(10));
                pauseDone = true;
                const ssize_t n = ::send(sfd, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
                if (n > 0)
                    r.bytesWritten += n;
                r.afterPause = readTcpInfo(sfd);
                r.paused = true;
                continue;
            }
            qint64 want = chunk.size();
            if (options.bytes > 0)
                want = std::min<qint64>(want, options.bytes - r.bytesWritten);
            if (!pauseDone)
                want = std::min<qint64>(want, options.pauseAfterBytes - r.bytesWritten);
            const ssize_t n = ::send(sfd, chunk.constData(), size_t(want), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                r.bytesWritten += n;
                r.lastProgressNs = realtimeNs();
                continue;
            }
            if (n < 0 && errno != EAGAIN && errno != EINTR) {
                r.sendErrno = errno;
                r.sendErrorNs = realtimeNs();
                break;
            }
            const short ev = waitFor(sfd, POLLOUT, 20);
            if (ev & (POLLERR | POLLHUP)) {
                r.sendErrno = intOption(sfd, SOL_SOCKET, SO_ERROR);
                r.sendErrorNs = realtimeNs();
                break;
            }
        }
        if (!r.sendErrno)
            ::shutdown(sfd, SHUT_WR);
        senderDone = true;
    });

    // The receiver reads and samples the sender's TCP_INFO; it ends on EOF, on the sender's error
    // (nothing more will come), on cancel, or at the bound.
    QElapsedTimer clock;
    clock.start();
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    const qint64 limitMs = qint64(options.durationMs) + options.graceMs;
    TcpInfoSnapshot last;
    bool eof = false;
    while (!eof && clock.elapsed() < limitMs) {
        if (context.cancelled()) {
            stop = true;
            break;
        }
        if (senderDone.load() && r.sendErrno)
            break;
        const short ev = waitFor(client.get(), POLLIN, 2);
        if (ev & (POLLIN | POLLHUP | POLLERR)) {
            for (;;) {
                const ssize_t n = ::recv(client.get(), buffer.data(), size_t(buffer.size()), MSG_DONTWAIT);
                if (n > 0) {
                    const qint64 now = realtimeNs();
                    if (r.bytesReceived == 0)
                        r.firstByteNs = now;
                    r.lastByteNs = now;
                    r.bytesReceived += n;
                    if (options.steadyAfterMs > 0 && !r.steadyFromNs && now - r.firstByteNs >= qint64(options.steadyAfterMs) * 1000000) {
                        r.steadyFromNs = now;
                        r.steadyFromBytes = r.bytesReceived;
                    }
                    continue;
                }
                if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
                    eof = true;
                break;
            }
        }
        const TcpInfoSnapshot info = readTcpInfo(sfd);
        if (info.valid
            && (r.samples.isEmpty() || info.sndCwnd != last.sndCwnd || info.unacked != last.unacked || info.totalRetrans != last.totalRetrans
                || info.rtoUs != last.rtoUs || info.state != last.state || info.bytesAcked != last.bytesAcked))
            r.samples.append({realtimeNs(), info});
        last = info;
        if (options.onTick && !options.onTick(r.bytesReceived, clock.elapsed()))
            break;
    }
    stop = true;
    sender.join();
    r.receiverRcvbufAfter = intOption(client.get(), SOL_SOCKET, SO_RCVBUF);
    return r;
}

} // namespace tcplab::lab
