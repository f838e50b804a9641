#include "reuseportexperiment.h"

#include "capturedconnections.h"
#include "experimentsupport.h"
#include "listener.h"
#include "loopbackcapture.h"
#include "tcpinfo.h"

#include <QCoreApplication>

#include <vector>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

ServerConfig listenerConfig(quint16 port, bool reusePort)
{
    ServerConfig config = lab::experimentConfig(QStringLiteral("event"), QStringLiteral("byte"), false);
    config.setValue(QStringLiteral("port"), port);
    config.setValue(QStringLiteral("reuseport"), reusePort);
    return config;
}

int drainAccepts(int listenFd)
{
    // accept4's SOCK_NONBLOCK is for the new socket; the listener itself must not block either.
    ::fcntl(listenFd, F_SETFL, ::fcntl(listenFd, F_GETFL) | O_NONBLOCK);
    int n = 0;
    for (;;) {
        const int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            break;
        ::close(fd);
        ++n;
    }
    return n;
}

} // namespace

QString ReusePortExperiment::title() const
{
    return tr("SO_REUSEPORT");
}

QString ReusePortExperiment::explanation() const
{
    return tr("%1 listeners bind the same port with SO_REUSEPORT and %2 clients connect: count how the kernel spreads the connections over the listeners' accept queues.\n"
              "Then one more listener tries the same port without the option, and one with it: see which bind() succeeds.")
        .arg(listeners)
        .arg(clients);
}

ExperimentResult ReusePortExperiment::run(const ExperimentContext &context)
{
    // In a private network namespace (the same for a normal user as for root), captured on its lo.
    return lab::runOnPrivateLoopback(
        context, [&] { return runHere(context); },
        tr("Ran on this machine's loopback (%1)."),
        tr("Ran on the loopback of a private network namespace, where the capture sees only this experiment's packets."));
}

ExperimentResult ReusePortExperiment::runHere(const ExperimentContext &context)
{
    ExperimentResult result = newResult();
    Result<std::unique_ptr<LoopbackCapture>> capture = LoopbackCapture::start(context);
    if (!capture)
        result.notes << LoopbackCapture::unavailableNote(capture.error());
    std::vector<ListenerSocket> sockets;
    quint16 port = 0;
    context.progress(5, tr("opening %1 listeners with SO_REUSEPORT").arg(listeners));
    for (int i = 0; i < listeners; ++i) {
        Result<ListenerSocket> l = openListener(listenerConfig(port, true));
        if (!l)
            return failedResult(tr("listener %1: %2").arg(i + 1).arg(l.error().text()));
        sockets.push_back(l.take());
        port = sockets.front().port;
    }

    if (capture)
        capture.value()->addServerPort(port);
    context.progress(20, tr("%1 clients connect to port %2").arg(clients).arg(port));
    std::vector<FileDescriptor> clientSockets;
    for (int i = 0; i < clients; ++i) {
        if (context.cancelled())
            return cancelledResult();
        Result<FileDescriptor> fd = lab::connectLoopback(port);
        if (!fd)
            return failedResult(fd.error().text());
        clientSockets.push_back(fd.take());
    }

    context.progress(60, tr("reading each listener's accept queue"));
    ResultTable spread;
    spread.title = tr("Connections per listener");
    spread.columns = QStringList{tr("listener"), tr("SO_REUSEPORT"), tr("queued (TCP_INFO tcpi_unacked)"), tr("accepted")};
    ChartSeries counts{tr("connections over IPv4"), {}, {}};
    QStringList categories;
    QVariantList perListener;
    int used = 0;
    int total = 0;
    for (int i = 0; i < int(sockets.size()); ++i) {
        const int fd = sockets[size_t(i)].fd.get();
        const TcpInfoSnapshot info = readTcpInfo(fd);
        const int accepted = drainAccepts(fd);
        spread.addRow({tr("listener %1").arg(i + 1), lab::socketIntOption(fd, SOL_SOCKET, SO_REUSEPORT) == 1,
                       int(info.unacked), accepted});
        categories << tr("listener %1").arg(i + 1);
        counts.values << double(accepted);
        perListener << accepted;
        used += accepted > 0 ? 1 : 0;
        total += accepted;
    }

    context.progress(80, tr("one more listener without SO_REUSEPORT"));
    ResultTable binds;
    binds.title = tr("Joining the port");
    binds.columns = QStringList{tr("attempt"), tr("SO_REUSEPORT"), tr("result"), tr("errno")};
    Result<ListenerSocket> without = openListener(listenerConfig(port, false));
    const QString withoutErrno = without ? QString() : errnoName(without.error().errnum());
    binds.addRow({tr("listener %1 without the option").arg(listeners + 1), false,
                  without ? tr("bound (unexpected)") : without.error().text(), without ? QStringLiteral("-") : withoutErrno});
    Result<ListenerSocket> with = openListener(listenerConfig(port, true));
    binds.addRow({tr("listener %1 with the option").arg(listeners + 1), true,
                  with ? tr("bound: it now shares the port too") : with.error().text(),
                  with ? QStringLiteral("-") : errnoName(with.error().errnum())});

    result.tables << spread << binds;
    result.chart.kind = ChartKind::Bar;
    result.chart.title = tr("%1 connections to port %2 over %3 SO_REUSEPORT listeners").arg(clients).arg(port).arg(listeners);
    result.chart.xLabel = tr("listener");
    result.chart.yLabel = tr("connections");
    result.chart.categories = categories;
    result.chart.series << counts;

    result.metrics = QVariantMap{{"port", port},
                                 {"listeners", listeners},
                                 {"clients", clients},
                                 {"accepted_total", total},
                                 {"listeners_used", used},
                                 {"per_listener", perListener},
                                 {"bind_without_option_ok", bool(without)},
                                 {"bind_without_option_errno", withoutErrno},
                                 {"bind_with_option_ok", bool(with)}};
    QStringList spreadText;
    for (const QVariant &v : std::as_const(perListener))
        spreadText << v.toString();
    result.findings << tr("IPv4 (127.0.0.1:%1): %2 of %3 connections were accepted, spread over %4 of %5 listeners (%6 per listener, counted by accepting from each).")
                           .arg(port)
                           .arg(total)
                           .arg(clients)
                           .arg(used)
                           .arg(listeners)
                           .arg(spreadText.join(QStringLiteral(" / ")));
    result.findings << (without ? tr("IPv4: a listener without SO_REUSEPORT was allowed to bind the port the %1 listeners share.").arg(listeners)
                                : tr("IPv4: a listener without SO_REUSEPORT could not join: %1 (%2).").arg(withoutErrno, without.error().text()));
    result.findings << (with ? tr("IPv4: one more listener with SO_REUSEPORT bound the same port.")
                             : tr("IPv4: one more listener with SO_REUSEPORT could not bind: %1.").arg(with.error().text()));
    result.notes << tr("Why: the kernel picks a listener for each new connection by a hash of its addresses and ports, so the spread is uneven for few connections; "
                       "it lets a socket join the group only when every socket in it, the new one included, set SO_REUSEPORT before bind() (and they belong to the same user).");
    result.notes << tr("Each listener is a socket opened by the lab's core (options before bind, then listen); the connections were counted by accepting them from each listener.");
    if (!runIPv6(context, result))
        return cancelledResult();
    context.progress(95, tr("closing"));
    if (capture) {
        clientSockets.clear();
        sockets.clear();
        capture.value()->requestLadder(0, 12);
        capture.value()->finish(result);
        int handshakes = 0;
        for (const lab::CapturedConnection &c : lab::capturedConnections(capture.value()->packets())) {
            if (c.serverPort() == port)
                handshakes += c.count(false, [](const lab::CapturedSegment &s) { return s.isSynAck(); }) > 0 ? 1 : 0;
        }
        result.metrics[QStringLiteral("capture.handshakes")] = handshakes;
        result.findings << tr("The capture shows %1 handshakes answered on port %2, one SYN-ACK each: on the wire the listeners are indistinguishable, only the accept queues tell them apart.")
                               .arg(handshakes)
                               .arg(port);
    }
    return result;
}

bool ReusePortExperiment::runIPv6(const ExperimentContext &context, ExperimentResult &result)
{
    const QString unavailable = lab::ipv6UnavailableReason();
    result.metrics[QStringLiteral("ipv6.available")] = unavailable.isEmpty();
    if (!unavailable.isEmpty()) {
        result.notes << tr("The IPv6 half did not run: %1.").arg(unavailable);
        return true;
    }
    context.progress(85, tr("the same over IPv6 on [::1]"));
    // The experiment's own AF_INET6 sockets, IPV6_V6ONLY on: only IPv6 clients reach them.
    std::vector<FileDescriptor> sockets;
    quint16 port = 0;
    for (int i = 0; i < listeners; ++i) {
        Result<FileDescriptor> l = lab::openNativeListener(lab::SocketAddress::loopback(AF_INET6, port), {.reusePort = true, .v6Only = 1});
        if (!l) {
            result.notes << tr("The IPv6 half stopped: listener %1: %2").arg(i + 1).arg(l.error().text());
            result.metrics[QStringLiteral("ipv6.error")] = l.error().text();
            return true;
        }
        sockets.push_back(l.take());
        port = lab::SocketAddress::local(sockets.front().get()).port();
    }
    const lab::SocketAddress target = lab::SocketAddress::loopback(AF_INET6, port);
    std::vector<FileDescriptor> clientSockets;
    for (int i = 0; i < clients; ++i) {
        if (context.cancelled())
            return false;
        Result<FileDescriptor> fd = lab::connectTo(target);
        if (!fd) {
            result.notes << tr("The IPv6 half stopped: %1").arg(fd.error().text());
            result.metrics[QStringLiteral("ipv6.error")] = fd.error().text();
            return true;
        }
        clientSockets.push_back(fd.take());
    }
    ResultTable spread;
    spread.title = tr("Connections per listener over IPv6 (%1)").arg(target.toString());
    spread.columns = QStringList{tr("listener"), tr("SO_REUSEPORT"), tr("accepted")};
    ChartSeries counts{tr("connections over IPv6"), {}, {}};
    QVariantList perListener;
    QStringList spreadText;
    int used = 0;
    int total = 0;
    for (int i = 0; i < int(sockets.size()); ++i) {
        const int fd = sockets[size_t(i)].get();
        const int accepted = drainAccepts(fd);
        spread.addRow({tr("listener %1").arg(i + 1), lab::socketIntOption(fd, SOL_SOCKET, SO_REUSEPORT) == 1, accepted});
        counts.values << double(accepted);
        perListener << accepted;
        spreadText << QString::number(accepted);
        used += accepted > 0 ? 1 : 0;
        total += accepted;
    }
    Result<FileDescriptor> without = lab::openNativeListener(target, {.v6Only = 1});
    const QString withoutErrno = without ? QString() : errnoName(without.error().errnum());
    Result<FileDescriptor> with = lab::openNativeListener(target, {.reusePort = true, .v6Only = 1});
    ResultTable binds;
    binds.title = tr("Joining the port over IPv6 (%1)").arg(target.toString());
    binds.columns = QStringList{tr("attempt"), tr("SO_REUSEPORT"), tr("result"), tr("errno")};
    binds.addRow({tr("listener %1 without the option").arg(listeners + 1), false, without ? tr("bound (unexpected)") : without.error().text(),
                  without ? QStringLiteral("-") : withoutErrno});
    binds.addRow({tr("listener %1 with the option").arg(listeners + 1), true, with ? tr("bound: it now shares the port too") : with.error().text(),
                  with ? QStringLiteral("-") : errnoName(with.error().errnum())});
    result.tables << spread << binds;
    if (result.chart.categories.size() == counts.values.size())
        result.chart.series << counts;

    result.metrics[QStringLiteral("ipv6.port")] = port;
    result.metrics[QStringLiteral("ipv6.accepted_total")] = total;
    result.metrics[QStringLiteral("ipv6.listeners_used")] = used;
    result.metrics[QStringLiteral("ipv6.per_listener")] = perListener;
    result.metrics[QStringLiteral("ipv6.bind_without_option_ok")] = bool(without);
    result.metrics[QStringLiteral("ipv6.bind_without_option_errno")] = withoutErrno;
    result.metrics[QStringLiteral("ipv6.bind_with_option_ok")] = bool(with);
    result.findings << tr("IPv6 (%1): %2 of %3 connections were accepted, spread over %4 of %5 listeners (%6 per listener).")
                           .arg(target.toString())
                           .arg(total)
                           .arg(clients)
                           .arg(used)
                           .arg(listeners)
                           .arg(spreadText.join(QStringLiteral(" / ")));
    result.findings << (without ? tr("IPv6: a listener without SO_REUSEPORT was allowed to bind the shared port.")
                                : tr("IPv6: a listener without SO_REUSEPORT could not join: %1.").arg(withoutErrno));
    result.findings << (with ? tr("IPv6: one more listener with SO_REUSEPORT bound the same port.")
                             : tr("IPv6: one more listener with SO_REUSEPORT could not bind: %1.").arg(with.error().text()));
    result.notes << tr("The IPv6 listeners are the experiment's own AF_INET6 sockets on [::1] with IPV6_V6ONLY on; the capture's decoder reads IPv4 only, "
                       "so their packets are in the pcap files but not in the ladder or the handshake count.");
    return true;
}

} // namespace tcplab
