#include "synackretriesexperiment.h"

#include "experimentsupport.h"
#include "experimentwire.h"
#include "socketdiag.h"
#include "socketendpoint.h"
#include "wire/capturering.h"
#include "wiretransfer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <vector>

namespace tcplab {

using namespace tcplab::wire;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

constexpr int kSynRecv = 3; // TCP_SYN_RECV

quint16 localPort(int fd)
{
    sockaddr_in sa{};
    socklen_t len = sizeof sa;
    return ::getsockname(fd, reinterpret_cast<sockaddr *>(&sa), &len) == 0 ? ntohs(sa.sin_port) : 0;
}

Result<FileDescriptor> listenOn(Wire &wire, int deferAcceptSeconds, quint16 *port)
{
    Result<FileDescriptor> fd = wire.socket(Side::Server, AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (!fd)
        return fd;
    if (deferAcceptSeconds > 0)
        ::setsockopt(fd.value().get(), IPPROTO_TCP, TCP_DEFER_ACCEPT, &deferAcceptSeconds, sizeof deferAcceptSeconds);
    const SocketEndpoint local(wire.serverAddress(), 0);
    if (::bind(fd.value().get(), local.data(), local.size()) != 0 || ::listen(fd.value().get(), 16) != 0)
        return Error::fromErrno(errno, tr("listening on the wire's server side"));
    *port = localPort(fd.value().get());
    return fd;
}

// A non-blocking connect() from the client side; EINPROGRESS is success.
Result<FileDescriptor> startConnect(Wire &wire, quint16 port, int synCount)
{
    Result<FileDescriptor> fd = wire.socket(Side::Client, AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (!fd)
        return fd;
    if (synCount > 0)
        ::setsockopt(fd.value().get(), IPPROTO_TCP, TCP_SYNCNT, &synCount, sizeof synCount);
    const SocketEndpoint server(wire.serverAddress(), port);
    if (::connect(fd.value().get(), server.data(), server.size()) != 0 && errno != EINPROGRESS)
        return Error::fromErrno(errno, tr("connect across the wire"));
    return fd;
}

int socketError(int fd)
{
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    return err;
}

QVariantList toList(const QList<double> &v)
{
    QVariantList out;
    for (double x : v)
        out << x;
    return out;
}

QString joinMs(const QList<double> &v)
{
    QStringList s;
    for (double x : v)
        s << QString::number(x, 'f', 0);
    return s.isEmpty() ? QStringLiteral("-") : s.join(QStringLiteral(", "));
}

QList<double> gaps(const QList<double> &times)
{
    QList<double> out;
    for (qsizetype i = 1; i < times.size(); ++i)
        out << times[i] - times[i - 1];
    return out;
}

struct DeferRun
{
    QString label;
    bool data = false;
    quint16 port = 0;
    double acceptMs = -1;    // after connect() began
    double connectedMs = -1; // the client's connect() completed
    int synAcks = 0;         // capture
    bool seenHalfOpen = false; // the server listed it in SYN_RECV after the client was connected
};

} // namespace

QString SynAckRetriesExperiment::title() const
{
    return tr("SYN-ACK retries: the server side of a connect timeout");
}

QString SynAckRetriesExperiment::explanation() const
{
    return tr("Across the wire (default %1, plus drop rules) the wire drops the client's ACK of the handshake: the server's half-open connection waits in SYN_RECV and its SYN-ACK is retransmitted "
              "until net.ipv4.tcp_synack_retries = %2; meanwhile a client with TCP_SYNCNT = %3 whose SYNs are all dropped; then TCP_DEFER_ACCEPT on an ordinary handshake.\n"
              "Look for the SYN-ACK intervals doubling (1 s, 2 s ...) and their count, the SYN retries and ETIMEDOUT, and accept() waiting for data under TCP_DEFER_ACCEPT.")
        .arg(defaultWire())
        .arg(synackRetries)
        .arg(clientSynCount);
}

ExperimentResult SynAckRetriesExperiment::run(const ExperimentContext &context)
{
    ExperimentResult result = newResult();
    std::unique_ptr<ExperimentWire> path = startWire(context, defaultWire(), result);
    if (!path)
        return result;
    Wire *wire = &path->wire();
    const WireSpec base = path->spec();
    // Every handshake ACK from the client dropped; every SYN after the first one too (the second
    // client's server is unreachable, while the first connection's SYN-ACKs keep coming).
    WireSpec dropping = base;
    dropping.drops << TargetedDrop{Direction::ClientToServer, DropMatch::AckOfHandshake, 1, 1000000}
                   << TargetedDrop{Direction::ClientToServer, DropMatch::Syn, 2, 1000000};
    if (Error e = path->setSpec(dropping))
        return failedResult(e.text());
    if (Error e = wire->setSideSysctl(Side::Server, QStringLiteral("net.ipv4.tcp_synack_retries"), QString::number(synackRetries)))
        return failedResult(e.text());
    const Result<QString> linear = wire->sideSysctl(Side::Client, QStringLiteral("net.ipv4.tcp_syn_linear_timeouts"));
    const int linearTimeouts = linear ? linear.value().trimmed().toInt() : -1;
    // The classic doubling from the first SYN retransmission on (the kernel's default keeps the
    // first 4 at 1 s and fits more SYNs into the same give-up time).
    if (linear) {
        if (Error e = wire->setSideSysctl(Side::Client, QStringLiteral("net.ipv4.tcp_syn_linear_timeouts"), QStringLiteral("0")))
            return failedResult(e.text());
    }
    Result<FileDescriptor> diagSocket = wire->socket(Side::Server, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (!diagSocket)
        return failedResult(tr("a sock_diag socket in the server's namespace: %1").arg(diagSocket.error().text()));
    FileDescriptor diag = diagSocket.take();

    // 1. The half-open connection and the unreachable server, side by side.
    context.progress(5, tr("dropping the client's ACK of the handshake"));
    quint16 listenPort = 0;
    Result<FileDescriptor> listening = listenOn(*wire, 0, &listenPort);
    if (!listening)
        return failedResult(listening.error().text());
    FileDescriptor listener = listening.take();
    QElapsedTimer clock;
    clock.start();
    const qint64 startNs = lab::realtimeNs();
    Result<FileDescriptor> connecting = startConnect(*wire, listenPort, 0);
    if (!connecting)
        return failedResult(connecting.error().text());
    FileDescriptor halfOpen = connecting.take();
    const quint16 halfOpenPort = localPort(halfOpen.get());
    double clientConnectedMs = -1;
    FileDescriptor unreachable;
    quint16 unreachablePort = 0;
    qint64 unreachableStartNs = 0;
    double unreachableFailedMs = -1;
    int unreachableErrno = 0;
    bool halfOpenSeen = false;
    double halfOpenGoneMs = -1;
    int diagMaxRetrans = -1;
    QList<QPair<double, int>> diagSeries; // (ms, idiag_retrans) as it changed
    QString diagError;
    const int boundMs = 1000 * ((2 << synackRetries) - 1) + 4000;
    while (clock.elapsed() < boundMs && (halfOpenGoneMs < 0 || (unreachablePort && unreachableFailedMs < 0))) {
        if (!context.sleep(40))
            return cancelledResult();
        const double nowMs = double(lab::realtimeNs() - startNs) / 1e6;
        pollfd p{halfOpen.get(), POLLOUT, 0};
        if (clientConnectedMs < 0 && ::poll(&p, 1, 0) > 0)
            clientConnectedMs = nowMs;
        const Result<QList<lab::DiagSocket>> listed = lab::diagTcpSockets(diag.get(), 1u << kSynRecv);
        if (!listed) {
            diagError = listed.error().text();
            break;
        }
        bool present = false;
        for (const lab::DiagSocket &s : listed.value()) {
            if (s.localPort == listenPort && s.remotePort == halfOpenPort) {
                present = true;
                if (diagSeries.isEmpty() || diagSeries.last().second != s.retransmits)
                    diagSeries << QPair<double, int>(nowMs, s.retransmits);
                diagMaxRetrans = std::max(diagMaxRetrans, s.retransmits);
            }
        }
        if (present)
            halfOpenSeen = true;
        else if (halfOpenSeen && halfOpenGoneMs < 0)
            halfOpenGoneMs = nowMs;
        if (halfOpenSeen && !unreachablePort) {
            context.progress(10, tr("a second client with TCP_SYNCNT = %1, every SYN dropped").arg(clientSynCount));
            unreachableStartNs = lab::realtimeNs();
            Result<FileDescriptor> c = startConnect(*wire, listenPort, clientSynCount);
            if (!c)
                return failedResult(c.error().text());
            unreachable = c.take();
            unreachablePort = localPort(unreachable.get());
        }
        if (unreachablePort && unreachableFailedMs < 0) {
            pollfd q{unreachable.get(), POLLOUT, 0};
            if (::poll(&q, 1, 0) > 0) {
                unreachableErrno = socketError(unreachable.get());
                unreachableFailedMs = double(lab::realtimeNs() - unreachableStartNs) / 1e6;
            }
        }
        context.progress(10 + int(60 * clock.elapsed() / boundMs), tr("SYN-ACK retransmissions: %1 so far").arg(std::max(0, diagMaxRetrans)));
    }
    if (!diagError.isEmpty())
        return failedResult(diagError);
    path->setSpec(base);

    // 2. TCP_DEFER_ACCEPT on an ordinary handshake (nothing dropped).
    QList<DeferRun> defer;
    if (!quick) {
        context.progress(75, tr("TCP_DEFER_ACCEPT"));
        quint16 plainPort = 0;
        quint16 deferPort = 0;
        Result<FileDescriptor> plain = listenOn(*wire, 0, &plainPort);
        Result<FileDescriptor> deferring = listenOn(*wire, deferAcceptSeconds, &deferPort);
        if (!plain || !deferring)
            return failedResult(!plain ? plain.error().text() : deferring.error().text());
        defer << DeferRun{tr("no TCP_DEFER_ACCEPT, no data"), false} << DeferRun{tr("TCP_DEFER_ACCEPT %1 s, no data").arg(deferAcceptSeconds), false}
              << DeferRun{tr("TCP_DEFER_ACCEPT %1 s, data after 300 ms").arg(deferAcceptSeconds), true};
        std::vector<FileDescriptor> clients;
        std::vector<FileDescriptor> accepted;
        const qint64 deferStartNs = lab::realtimeNs();
        for (int i = 0; i < 3; ++i) {
            Result<FileDescriptor> c = startConnect(*wire, i == 0 ? plainPort : deferPort, 0);
            if (!c)
                return failedResult(c.error().text());
            defer[i].port = localPort(c.value().get());
            clients.push_back(c.take());
        }
        bool dataSent = false;
        QElapsedTimer deferClock;
        deferClock.start();
        const int deferBoundMs = 1000 * deferAcceptSeconds * 3 + 3000;
        auto allAccepted = [&] { return std::all_of(defer.cbegin(), defer.cend(), [](const DeferRun &d) { return d.acceptMs >= 0; }); };
        while (!allAccepted() && deferClock.elapsed() < deferBoundMs) {
            if (!context.sleep(10))
                return cancelledResult();
            const double nowMs = double(lab::realtimeNs() - deferStartNs) / 1e6;
            for (int i = 0; i < 3; ++i) {
                pollfd p{clients[i].get(), POLLOUT, 0};
                if (defer[i].connectedMs < 0 && ::poll(&p, 1, 0) > 0)
                    defer[i].connectedMs = nowMs;
            }
            if (!dataSent && nowMs >= 300) {
                ::send(clients[2].get(), "hello", 5, MSG_NOSIGNAL | MSG_DONTWAIT);
                dataSent = true;
            }
            for (int fd : {plain.value().get(), deferring.value().get()}) {
                for (;;) {
                    sockaddr_in peer{};
                    socklen_t len = sizeof peer;
                    FileDescriptor a(::accept4(fd, reinterpret_cast<sockaddr *>(&peer), &len, SOCK_CLOEXEC));
                    if (!a.isValid())
                        break;
                    for (DeferRun &d : defer) {
                        if (d.port == ntohs(peer.sin_port) && d.acceptMs < 0)
                            d.acceptMs = nowMs;
                    }
                    accepted.push_back(std::move(a));
                }
            }
            if (const Result<QList<lab::DiagSocket>> listed = lab::diagTcpSockets(diag.get(), 1u << kSynRecv)) {
                for (const lab::DiagSocket &s : listed.value()) {
                    for (DeferRun &d : defer) {
                        if (s.remotePort == d.port && d.connectedMs >= 0)
                            d.seenHalfOpen = true;
                    }
                }
            }
        }
    }
    const CaptureRing &ring = path->ring();
    const quint64 overwritten = ring.overwritten();
    const QList<CapturedPacket> packets = ring.snapshot();
    // The wire's sockets close before the wire goes.
    halfOpen = FileDescriptor();
    unreachable = FileDescriptor();
    listener = FileDescriptor();
    diag = FileDescriptor();

    // The capture: the SYN-ACKs of the half-open connection, the unreachable client's SYNs.
    QList<double> synAckMs;
    QList<double> synMs;
    int droppedAcks = 0;
    QHash<quint16, int> synAcksPerPort;
    for (const lab::FlowPacket &p : lab::connectionPackets(packets, 0)) {
        const DecodedPacket &d = p.decoded;
        const quint16 clientPort = p.fromServer() ? d.destinationPort : d.sourcePort;
        if (p.fromServer() && d.has(tcpflag::Syn) && d.has(tcpflag::Ack)) {
            synAcksPerPort[clientPort] += 1;
            if (clientPort == halfOpenPort)
                synAckMs << double(p.packet.sentNs - startNs) / 1e6;
        } else if (!p.fromServer() && clientPort == halfOpenPort && p.packet.fate == PacketFate::DroppedTargeted) {
            ++droppedAcks;
        } else if (!p.fromServer() && clientPort == unreachablePort && d.has(tcpflag::Syn) && !d.has(tcpflag::Ack)) {
            synMs << double(p.packet.sentNs - unreachableStartNs) / 1e6;
        }
    }
    for (DeferRun &d : defer)
        d.synAcks = synAcksPerPort.value(d.port);
    const QList<double> synAckGaps = gaps(synAckMs);
    const QList<double> synGaps = gaps(synMs);
    QList<double> synAckRatios;
    for (qsizetype i = 1; i < synAckGaps.size(); ++i)
        synAckRatios << (synAckGaps[i - 1] > 0 ? synAckGaps[i] / synAckGaps[i - 1] : 0);
    const int synAckRetransmissions = std::max<int>(0, int(synAckMs.size()) - 1);
    const int synRetransmissions = std::max<int>(0, int(synMs.size()) - 1);

    ResultTable synAckTable;
    synAckTable.title = tr("The half-open connection's SYN-ACKs (capture), tcp_synack_retries = %1").arg(synackRetries);
    synAckTable.columns = QStringList{tr("SYN-ACK"), tr("ms after the SYN"), tr("gap ms"), tr("gap / previous gap")};
    for (qsizetype i = 0; i < synAckMs.size(); ++i)
        synAckTable.addRow({i == 0 ? tr("first") : tr("retransmission %1").arg(i), synAckMs[i], i > 0 ? QVariant(synAckGaps[i - 1]) : QVariant(),
                            i > 1 ? QVariant(synAckRatios[i - 2]) : QVariant()});
    ResultTable diagTable;
    diagTable.title = tr("The server's SYN queue (sock_diag in its namespace): the request socket in SYN_RECV");
    diagTable.columns = QStringList{tr("ms after the SYN"), tr("SYN-ACK retransmissions (idiag_retrans)")};
    QVariantList diagList;
    for (const auto &s : std::as_const(diagSeries)) {
        diagTable.addRow({s.first, s.second});
        diagList << QVariantMap{{"ms", s.first}, {"retrans", s.second}};
    }
    if (halfOpenGoneMs >= 0)
        diagTable.addRow({halfOpenGoneMs, tr("gone: the request was dropped")});
    ResultTable synTable;
    synTable.title = tr("The unreachable client's SYNs (capture), TCP_SYNCNT = %1, tcp_syn_linear_timeouts = 0 (the namespace's default: %2)").arg(clientSynCount).arg(linearTimeouts);
    synTable.columns = QStringList{tr("SYN"), tr("ms after connect()"), tr("gap ms")};
    for (qsizetype i = 0; i < synMs.size(); ++i)
        synTable.addRow({i == 0 ? tr("first") : tr("retransmission %1").arg(i), synMs[i], i > 0 ? QVariant(synGaps[i - 1]) : QVariant()});
    result.tables << synAckTable << diagTable << synTable;
    QVariantList deferList;
    if (!defer.isEmpty()) {
        ResultTable deferTable;
        deferTable.title = tr("TCP_DEFER_ACCEPT on an ordinary handshake");
        deferTable.columns = QStringList{tr("connection"), tr("client connected ms"), tr("accept() returned ms"), tr("SYN-ACKs sent"), tr("listed in SYN_RECV once the client was connected")};
        for (const DeferRun &d : std::as_const(defer)) {
            deferTable.addRow({d.label, d.connectedMs, d.acceptMs, d.synAcks, d.seenHalfOpen ? tr("yes") : tr("no")});
            deferList << QVariantMap{{"data", d.data}, {"connected_ms", d.connectedMs}, {"accept_ms", d.acceptMs}, {"synacks", d.synAcks}, {"half_open_seen", d.seenHalfOpen}};
        }
        result.tables << deferTable;
    }

    result.chart.kind = ChartKind::Line;
    result.chart.title = tr("Retransmission times: the server's SYN-ACKs and the client's SYNs");
    result.chart.xLabel = tr("retransmission number");
    result.chart.yLabel = tr("ms after the first");
    ChartSeries synAckLine{tr("SYN-ACK (tcp_synack_retries = %1)").arg(synackRetries), synAckMs, {}};
    ChartSeries synLine{tr("SYN (TCP_SYNCNT = %1)").arg(clientSynCount), synMs, {}};
    result.chart.series << synAckLine << synLine;

    result.metrics = QVariantMap{
        {"wire", dropping.toString()},
        {"synack_retries_set", synackRetries},
        {"synack_times_ms", toList(synAckMs)},
        {"synack_gaps_ms", toList(synAckGaps)},
        {"synack_gap_ratios", toList(synAckRatios)},
        {"synack_retransmissions", synAckRetransmissions},
        {"handshake_acks_dropped", droppedAcks},
        {"client_connected_ms", clientConnectedMs},
        {"syn_recv_seen", halfOpenSeen},
        {"syn_recv_max_retrans", diagMaxRetrans},
        {"syn_recv_series", diagList},
        {"half_open_lifetime_ms", halfOpenGoneMs},
        {"client_syncnt", clientSynCount},
        {"syn_linear_timeouts", linearTimeouts},
        {"client_syn_times_ms", toList(synMs)},
        {"client_syn_gaps_ms", toList(synGaps)},
        {"client_syn_retransmissions", synRetransmissions},
        {"client_connect_errno", unreachableErrno},
        {"client_connect_error", unreachableErrno ? QString::fromLocal8Bit(std::strerror(unreachableErrno)) : QString()},
        {"client_connect_failed_after_ms", unreachableFailedMs},
        {"defer_accept_seconds", quick ? 0 : deferAcceptSeconds},
        {"defer", deferList},
        {"captured_packets", qlonglong(packets.size())},
        {"capture_overwritten", qlonglong(overwritten)},
    };

    QStringList ratioText;
    for (double r : std::as_const(synAckRatios))
        ratioText << QString::number(r, 'f', 2);
    result.findings << tr("The client's connect() completed after %1 ms, but the wire dropped its %2 ACK(s) of the handshake: the server sent %3 SYN-ACKs at %4 ms, gaps %5 ms (each %6 x the one before), %7 retransmission(s) for tcp_synack_retries = %8.")
                           .arg(clientConnectedMs, 0, 'f', 0)
                           .arg(droppedAcks)
                           .arg(synAckMs.size())
                           .arg(joinMs(synAckMs))
                           .arg(joinMs(synAckGaps))
                           .arg(ratioText.isEmpty() ? QStringLiteral("-") : ratioText.join(QStringLiteral(", ")))
                           .arg(synAckRetransmissions)
                           .arg(synackRetries);
    result.findings << (halfOpenGoneMs >= 0 ? tr("The server listed the connection in SYN_RECV (its SYN queue) with up to %1 retransmissions, and dropped it %2 ms after the SYN; the client still thinks it is connected.")
                                                  .arg(diagMaxRetrans)
                                                  .arg(halfOpenGoneMs, 0, 'f', 0)
                                            : tr("The server listed the connection in SYN_RECV with up to %1 retransmissions; it was still there at the end of the run.").arg(diagMaxRetrans));
    result.findings << tr("The client with TCP_SYNCNT = %1 sent %2 SYNs at %3 ms (gaps %4 ms; tcp_syn_linear_timeouts set from %5 to 0 in its namespace) and connect() failed after %6 ms with %7.")
                           .arg(clientSynCount)
                           .arg(synMs.size())
                           .arg(joinMs(synMs))
                           .arg(joinMs(synGaps))
                           .arg(linearTimeouts)
                           .arg(unreachableFailedMs, 0, 'f', 0)
                           .arg(unreachableErrno ? QString::fromLocal8Bit(std::strerror(unreachableErrno)) : tr("no error"));
    if (defer.size() == 3)
        result.findings << tr("TCP_DEFER_ACCEPT %1 s: without it accept() returned after %2 ms; with it and no data after %3 ms (%4 SYN-ACKs: the bare ACK was ignored, the SYN-ACK resent at the end of the period); with data at 300 ms after %5 ms.")
                               .arg(deferAcceptSeconds)
                               .arg(defer[0].acceptMs, 0, 'f', 0)
                               .arg(defer[1].acceptMs, 0, 'f', 0)
                               .arg(defer[1].synAcks)
                               .arg(defer[2].acceptMs, 0, 'f', 0);
    result.notes << tr("The SYN-ACK timer starts at the kernel's initial RTO (1 s) and doubles; the listener's TCP_SYNCNT, when set, overrides tcp_synack_retries for its connections.");
    result.notes << tr("tcp_syn_linear_timeouts (Linux 6.x, default 4) keeps the first SYN retransmissions of a client at the initial RTO before the doubling starts; it does not apply to SYN-ACKs.");
    path->finish(result);
    return result;
}

} // namespace tcplab
