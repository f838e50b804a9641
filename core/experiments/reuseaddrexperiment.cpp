#include "reuseaddrexperiment.h"

#include "capturedconnections.h"
#include "experimentsupport.h"
#include "loopbackcapture.h"
#include "server.h"
#include "systemlimits.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <netinet/tcp.h>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

ServerConfig restartConfig(quint16 port, bool reuseAddr)
{
    // One-shot Byte handler: the server replies and closes first, so TIME_WAIT lands on its side.
    ServerConfig config = lab::experimentConfig(QStringLiteral("threaded"), QStringLiteral("byte"), false);
    config.setValue(QStringLiteral("port"), port);
    config.setValue(QStringLiteral("reuseaddr"), reuseAddr);
    // SO_REUSEPORT would also let the new socket bind beside TIME_WAIT; off, it shows REUSEADDR alone.
    config.setValue(QStringLiteral("reuseport"), false);
    return config;
}

int timeWaitOn(quint16 port)
{
    int n = 0;
    for (const ProcTcpSocket &s : readProcTcp())
        n += s.localPort == port && s.state == TCP_TIME_WAIT ? 1 : 0;
    return n;
}

struct Attempt
{
    QString what;
    bool reuseAddr = false;
    int timeWait = 0;
    bool bound = false;
    QString errnoText;
    QString message;
};

} // namespace

QString ReuseAddrExperiment::title() const
{
    return tr("SO_REUSEADDR");
}

QString ReuseAddrExperiment::explanation() const
{
    return tr("A one-shot server answers %1 clients and closes first, so their connections stay in TIME_WAIT on its port; then it restarts on the same port.\n"
              "See whether the restart's bind() succeeds without and with SO_REUSEADDR (on the old and the new socket), and whether two live listeners can share the port.")
        .arg(clients);
}

ExperimentResult ReuseAddrExperiment::run(const ExperimentContext &context)
{
    // TIME_WAIT sockets are counted per network namespace against net.ipv4.tcp_max_tw_buckets: on
    // a machine whose table is full the kernel closes a connection without TIME_WAIT. A private
    // namespace has its own table, empty.
    return lab::runOnPrivateLoopback(
        context, [&] { return runHere(context); },
        tr("Ran in this machine's network namespace, sharing its TIME_WAIT table with every other program (%1)."),
        tr("Ran in a private network namespace, with a TIME_WAIT table of its own."));
}

// Who closed first, from the capture: the side whose FIN went first is the one that waits in
// TIME_WAIT (RFC 793's active closer).
void ReuseAddrExperiment::reportFinsFromCapture(ExperimentResult &result, LoopbackCapture &capture) const
{
    capture.requestLadder(0, 20);
    capture.finish(result);
    int serverFirst = 0;
    int clientFirst = 0;
    int connections = 0;
    for (const lab::CapturedConnection &c : lab::capturedConnections(capture.packets())) {
        const lab::CapturedSegment *firstFin = nullptr;
        for (const lab::CapturedSegment &s : c.segments) {
            if (s.has(wire::tcpflag::Fin)) {
                firstFin = &s;
                break;
            }
        }
        if (!firstFin)
            continue;
        ++connections;
        (firstFin->fromClient() ? clientFirst : serverFirst) += 1;
    }
    result.metrics[QStringLiteral("capture.connections_closed")] = connections;
    result.metrics[QStringLiteral("capture.server_fin_first")] = serverFirst;
    result.metrics[QStringLiteral("capture.client_fin_first")] = clientFirst;
    result.findings << tr("The capture shows who closed first: the server's FIN went first on %1 of %2 connections (the client's on %3), "
                          "so those ended in TIME_WAIT on the server's side, on the server's port.")
                           .arg(serverFirst)
                           .arg(connections)
                           .arg(clientFirst);
}

ExperimentResult ReuseAddrExperiment::runHere(const ExperimentContext &context)
{
    ExperimentResult result = newResult();
    Result<std::unique_ptr<LoopbackCapture>> capture = LoopbackCapture::start(context);
    if (!capture)
        result.notes << LoopbackCapture::unavailableNote(capture.error());
    const QString overflowKey = QStringLiteral("TcpExt.TCPTimeWaitOverflow");
    const QMap<QString, qint64> countersBefore = readNetCounters();
    QList<Attempt> attempts;
    int step = 0;
    for (const bool reuse : {false, true}) {
        context.progress(10 + 40 * step++, reuse ? tr("server with SO_REUSEADDR") : tr("server without SO_REUSEADDR"));
        Server first;
        if (Error e = first.start(restartConfig(0, reuse)))
            return failedResult(e.text());
        const quint16 port = first.port();
        if (capture)
            capture.value()->addServerPort(port);
        for (int i = 0; i < clients; ++i) {
            if (context.cancelled())
                return cancelledResult();
            Result<FileDescriptor> fd = lab::connectLoopback(port);
            if (!fd)
                return failedResult(fd.error().text());
            lab::sendAll(fd.value().get(), QByteArrayLiteral("hello\n"));
            lab::drainUntilClose(fd.value().get(), 2000);
        }
        // The server's side of each connection reaches TIME_WAIT once the client's FIN is acked.
        QElapsedTimer wait;
        wait.start();
        while (timeWaitOn(port) < clients && wait.elapsed() < 2000) {
            if (!context.sleep(10))
                return cancelledResult();
        }
        first.stop();

        Attempt a;
        a.what = reuse ? tr("restart with SO_REUSEADDR") : tr("restart without SO_REUSEADDR");
        a.reuseAddr = reuse;
        a.timeWait = timeWaitOn(port);
        Server second;
        const Error e = second.start(restartConfig(port, reuse));
        a.bound = !e;
        a.errnoText = e ? errnoName(e.errnum()) : QString();
        a.message = e ? e.text() : tr("bound and listening on port %1").arg(port);
        attempts << a;

        if (reuse && a.bound) {
            // SO_REUSEADDR is about TIME_WAIT, not about two servers: a second live listener fails.
            Attempt b;
            b.what = tr("second server while the restarted one listens, both with SO_REUSEADDR");
            b.reuseAddr = true;
            b.timeWait = timeWaitOn(port);
            Server third;
            const Error e2 = third.start(restartConfig(port, true));
            b.bound = !e2;
            b.errnoText = e2 ? errnoName(e2.errnum()) : QString();
            b.message = e2 ? e2.text() : tr("bound (unexpected)");
            attempts << b;
        }
        second.stop();
    }

    const qint64 overflows = counterDelta(countersBefore, readNetCounters(), overflowKey);
    ResultTable table;
    table.title = tr("bind() on the same port");
    table.columns = QStringList{tr("attempt"), tr("SO_REUSEADDR"), tr("TIME_WAIT on the port"), tr("bind"), tr("errno"), tr("message")};
    ChartSeries tw{tr("TIME_WAIT sockets on the port"), {}, {}};
    ChartSeries ok{tr("bind succeeded (1) / failed (0)"), {}, {}};
    for (const Attempt &a : std::as_const(attempts)) {
        table.addRow({a.what, a.reuseAddr, a.timeWait, a.bound ? tr("ok") : tr("failed"), a.errnoText.isEmpty() ? QStringLiteral("-") : a.errnoText, a.message});
        result.chart.categories << a.what;
        tw.values << a.timeWait;
        ok.values << (a.bound ? 1 : 0);
    }
    result.tables << table;
    result.chart.kind = ChartKind::Bar;
    result.chart.title = tr("Restarting on a port with connections in TIME_WAIT");
    result.chart.xLabel = tr("attempt");
    result.chart.yLabel = tr("count");
    result.chart.series << tw << ok;

    const Attempt &without = attempts.value(0);
    const Attempt &with = attempts.value(1);
    result.metrics = QVariantMap{{"without.time_wait", without.timeWait},
                                 {"without.bound", without.bound},
                                 {"without.errno", without.errnoText},
                                 {"with.time_wait", with.timeWait},
                                 {"with.bound", with.bound},
                                 {"with.errno", with.errnoText}};
    if (attempts.size() > 2) {
        result.metrics[QStringLiteral("two_listeners.bound")] = attempts[2].bound;
        result.metrics[QStringLiteral("two_listeners.errno")] = attempts[2].errnoText;
    }
    result.metrics[QStringLiteral("time_wait_overflow_delta")] = overflows;
    result.metrics[QStringLiteral("tw_buckets_max")] = qlonglong(SystemLimits::readNumber(QStringLiteral("net.ipv4.tcp_max_tw_buckets")));
    if (overflows > 0)
        result.findings << tr("The kernel's TIME_WAIT table was full during the run (TcpExt.TCPTimeWaitOverflow +%1, net.ipv4.tcp_max_tw_buckets = %2): "
                              "connections that should have waited in TIME_WAIT were closed at once, so the restarts below may not show SO_REUSEADDR's effect.")
                               .arg(overflows)
                               .arg(SystemLimits::readNumber(QStringLiteral("net.ipv4.tcp_max_tw_buckets")));
    result.findings << tr("IPv4: without SO_REUSEADDR, with %1 connections in TIME_WAIT on the port, the restart's bind() %2.")
                           .arg(without.timeWait)
                           .arg(without.bound ? tr("succeeded") : tr("failed with %1").arg(without.errnoText));
    result.findings << tr("IPv4: with SO_REUSEADDR, with %1 connections in TIME_WAIT, the restart's bind() %2.")
                           .arg(with.timeWait)
                           .arg(with.bound ? tr("succeeded") : tr("failed with %1").arg(with.errnoText));
    if (attempts.size() > 2)
        result.findings << (attempts[2].bound ? tr("IPv4: a second server with SO_REUSEADDR bound the port while the first listened on it: two live listeners shared the port.")
                                              : tr("IPv4: a second server with SO_REUSEADDR could not bind the port while the first listened on it: %1.%2")
                                                    .arg(attempts[2].errnoText)
                                                    .arg(with.bound && !without.bound ? tr(" So SO_REUSEADDR made the difference beside TIME_WAIT, not beside a live listener.") : QString()));
    else
        result.findings << tr("No second server was tried: the restart with SO_REUSEADDR had failed.");
    result.notes << tr("Why: Linux keeps a connection that closed first in TIME_WAIT for 60 s, and bind() refuses a port with TIME_WAIT connections unless both the old and the new socket set SO_REUSEADDR; "
                       "it never lets two listeners share a port through SO_REUSEADDR (that is SO_REUSEPORT).");
    result.notes << tr("The lab counts the TIME_WAIT sockets from /proc/net/tcp (state 06) on the server's port. SO_REUSEPORT is off in both servers.");
    if (!runIPv6(context, result))
        return cancelledResult();
    if (capture)
        reportFinsFromCapture(result, *capture.value());
    return result;
}

bool ReuseAddrExperiment::runIPv6(const ExperimentContext &context, ExperimentResult &result) const
{
    const QString unavailable = lab::ipv6UnavailableReason();
    result.metrics[QStringLiteral("ipv6.available")] = unavailable.isEmpty();
    if (!unavailable.isEmpty()) {
        result.notes << tr("The IPv6 half did not run: %1.").arg(unavailable);
        return true;
    }
    auto stop = [&result](const QString &why) {
        result.notes << tr("The IPv6 half stopped: %1").arg(why);
        result.metrics[QStringLiteral("ipv6.error")] = why;
        return true;
    };
    QList<Attempt> attempts;
    quint16 lastPort = 0;
    for (const bool reuse : {false, true}) {
        context.progress(reuse ? 92 : 86, reuse ? tr("IPv6: server with SO_REUSEADDR") : tr("IPv6: server without SO_REUSEADDR"));
        const lab::NativeListenerOptions options{.reuseAddr = reuse, .v6Only = 1};
        quint16 port = 0;
        {
            Result<FileDescriptor> first = lab::openNativeListener(lab::SocketAddress::loopback(AF_INET6, 0), options);
            if (!first)
                return stop(first.error().text());
            port = lab::SocketAddress::local(first.value().get()).port();
            const lab::SocketAddress target = lab::SocketAddress::loopback(AF_INET6, port);
            for (int i = 0; i < clients; ++i) {
                if (context.cancelled())
                    return false;
                Result<FileDescriptor> client = lab::connectTo(target);
                if (!client)
                    return stop(client.error().text());
                Result<FileDescriptor> server = lab::acceptWithin(first.value().get(), 2000);
                if (!server)
                    return stop(server.error().text());
                // As the IPv4 server: the client says hello, the server answers and closes first.
                lab::sendAll(client.value().get(), QByteArrayLiteral("hello\n"));
                QString error;
                const QByteArray line = lab::readLine(server.value().get(), 2000, &error);
                if (line.isEmpty())
                    return stop(error);
                lab::sendAll(server.value().get(), line);
                server.value().reset();
                lab::drainUntilClose(client.value().get(), 2000);
            }
            QElapsedTimer wait;
            wait.start();
            while (lab::timeWaitCount(AF_INET6, port) < clients && wait.elapsed() < 2000) {
                if (!context.sleep(10))
                    return false;
            }
        } // the first listener closes here; its connections stay in TIME_WAIT
        lastPort = port;
        const lab::SocketAddress target = lab::SocketAddress::loopback(AF_INET6, port);
        Attempt a;
        a.what = reuse ? tr("restart with SO_REUSEADDR") : tr("restart without SO_REUSEADDR");
        a.reuseAddr = reuse;
        a.timeWait = lab::timeWaitCount(AF_INET6, port);
        Result<FileDescriptor> second = lab::openNativeListener(target, options);
        a.bound = bool(second);
        a.errnoText = second ? QString() : errnoName(second.error().errnum());
        a.message = second ? tr("bound and listening on %1").arg(target.toString()) : second.error().text();
        attempts << a;
        if (reuse && a.bound) {
            Attempt b;
            b.what = tr("second server while the restarted one listens, both with SO_REUSEADDR");
            b.reuseAddr = true;
            b.timeWait = lab::timeWaitCount(AF_INET6, port);
            Result<FileDescriptor> third = lab::openNativeListener(target, options);
            b.bound = bool(third);
            b.errnoText = third ? QString() : errnoName(third.error().errnum());
            b.message = third ? tr("bound (unexpected)") : third.error().text();
            attempts << b;
        }
    }

    ResultTable table;
    table.title = tr("bind() on the same port over IPv6 ([::1])");
    table.columns = QStringList{tr("attempt"), tr("SO_REUSEADDR"), tr("TIME_WAIT on the port"), tr("bind"), tr("errno"), tr("message")};
    for (const Attempt &a : std::as_const(attempts))
        table.addRow({a.what, a.reuseAddr, a.timeWait, a.bound ? tr("ok") : tr("failed"), a.errnoText.isEmpty() ? QStringLiteral("-") : a.errnoText, a.message});
    result.tables << table;
    const Attempt &without = attempts.value(0);
    const Attempt &with = attempts.value(1);
    result.metrics[QStringLiteral("ipv6.without.time_wait")] = without.timeWait;
    result.metrics[QStringLiteral("ipv6.without.bound")] = without.bound;
    result.metrics[QStringLiteral("ipv6.without.errno")] = without.errnoText;
    result.metrics[QStringLiteral("ipv6.with.time_wait")] = with.timeWait;
    result.metrics[QStringLiteral("ipv6.with.bound")] = with.bound;
    result.metrics[QStringLiteral("ipv6.with.errno")] = with.errnoText;
    if (attempts.size() > 2) {
        result.metrics[QStringLiteral("ipv6.two_listeners.bound")] = attempts[2].bound;
        result.metrics[QStringLiteral("ipv6.two_listeners.errno")] = attempts[2].errnoText;
    }
    result.findings << tr("IPv6 ([::1]): without SO_REUSEADDR, with %1 connections in TIME_WAIT on the port, the restart's bind() %2; with it, with %3 in TIME_WAIT, %4.")
                           .arg(without.timeWait)
                           .arg(without.bound ? tr("succeeded") : tr("failed with %1").arg(without.errnoText))
                           .arg(with.timeWait)
                           .arg(with.bound ? tr("it succeeded") : tr("it failed with %1").arg(with.errnoText));
    if (attempts.size() > 2)
        result.findings << (attempts[2].bound ? tr("IPv6: a second server with SO_REUSEADDR bound [::1]:%1 while the first listened on it.").arg(lastPort)
                                              : tr("IPv6: a second server with SO_REUSEADDR could not bind [::1]:%1 while the first listened on it: %2.")
                                                    .arg(lastPort)
                                                    .arg(attempts[2].errnoText));
    result.notes << tr("The IPv6 servers are the experiment's own AF_INET6 sockets on [::1] (IPV6_V6ONLY on), answering and closing first like the IPv4 one; "
                       "TIME_WAIT is counted from /proc/net/tcp6. The capture's decoder reads IPv4 only, so their packets are in the pcap files but not in the ladder.");
    return true;
}

} // namespace tcplab
