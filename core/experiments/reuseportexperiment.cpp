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
    ExperimentResult result;
    const Error nsError = lab::runInPrivateNetworkNamespaceOrHere([&] { result = runHere(context); });
    result.notes << (nsError ? tr("Ran on this machine's loopback (%1).").arg(nsError.text())
                             : tr("Ran on the loopback of a private network namespace, where the capture sees only this experiment's packets."));
    if (const QString note = lab::wireNotUsedNote(context); !note.isEmpty())
        result.notes << note;
    return result;
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
    ChartSeries counts{tr("connections"), {}, {}};
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
    result.findings << tr("%1 of %2 connections were accepted, spread over %3 of %4 listeners (%5 per listener, counted by accepting from each).")
                           .arg(total)
                           .arg(clients)
                           .arg(used)
                           .arg(listeners)
                           .arg(spreadText.join(QStringLiteral(" / ")));
    result.findings << (without ? tr("A listener without SO_REUSEPORT was allowed to bind the port the %1 listeners share.").arg(listeners)
                                : tr("A listener without SO_REUSEPORT could not join: %1 (%2).").arg(withoutErrno, without.error().text()));
    result.findings << (with ? tr("One more listener with SO_REUSEPORT bound the same port.")
                             : tr("One more listener with SO_REUSEPORT could not bind: %1.").arg(with.error().text()));
    result.notes << tr("Why: the kernel picks a listener for each new connection by a hash of its addresses and ports, so the spread is uneven for few connections; "
                       "it lets a socket join the group only when every socket in it, the new one included, set SO_REUSEPORT before bind() (and they belong to the same user).");
    result.notes << tr("Each listener is a socket opened by the lab's core (options before bind, then listen); the connections were counted by accepting them from each listener.");
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

} // namespace tcplab
