#include "acceptqueueexperiment.h"

#include "capturedconnections.h"
#include "experimentsupport.h"
#include "loopbackcapture.h"
#include "server.h"
#include "tcpinfo.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace tcplab {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }
const QString kOverflows = QStringLiteral("TcpExt.ListenOverflows");
const QString kDrops = QStringLiteral("TcpExt.ListenDrops");
// Loopback handshakes finish within microseconds; a dropped SYN is sent again after the client's
// initial RTO (1 s): 1.3 s later every client is established or in SYN_SENT, and the capture
// holds the first retransmission of each dropped SYN.
constexpr int kSettleMs = 1300;
} // namespace

QString AcceptQueueExperiment::title() const
{
    return tr("Accept queue");
}

QString AcceptQueueExperiment::explanation() const
{
    return tr("An iterative server (backlog %1) is stuck serving one silent connection while %2 clients connect.\n"
              "Compare how many handshakes the kernel completes into the accept queue with the backlog, and watch ListenOverflows and the queue length.")
        .arg(backlog)
        .arg(clients);
}

ExperimentResult AcceptQueueExperiment::run(const ExperimentContext &context)
{
    // In a private network namespace the overflow counters count this experiment's SYNs only.
    return lab::runOnPrivateLoopback(
        context, [&] { return runHere(context); },
        tr("The counters are per network namespace: other programs' overflows on this machine add to them (%1)."),
        tr("Ran in a private network namespace, so the counters changed only by this experiment's connections."));
}

// What the capture shows of the clients that connected while the server was stuck: the SYNs the
// full queue dropped without a SYN-ACK, and each client sending its SYN again.
void AcceptQueueExperiment::reportSynsFromCapture(ExperimentResult &result, LoopbackCapture &capture, const std::vector<quint16> &ports) const
{
    capture.requestLadder(0, 40);
    capture.finish(result);
    const QList<lab::CapturedConnection> captured = lab::capturedConnections(capture.packets());
    ResultTable table;
    table.title = tr("Handshakes in the capture (lo of the experiment's namespace)");
    table.columns = QStringList{tr("client"), tr("local port"), tr("SYNs sent"), tr("SYN-ACKs received"), tr("first SYN sent again after s")};
    int ignored = 0;
    int retransmissions = 0;
    QList<double> retransmitAfter;
    for (size_t i = 0; i < ports.size(); ++i) {
        const lab::CapturedConnection *c = lab::connectionOfClientPort(captured, ports[i]);
        QList<qint64> synTimes;
        int synAcks = 0;
        if (c) {
            for (const lab::CapturedSegment &s : c->segments) {
                if (s.isSyn())
                    synTimes << s.packet.sentNs;
                synAcks += s.isSynAck() ? 1 : 0;
            }
        }
        const double again = synTimes.size() > 1 ? double(synTimes[1] - synTimes[0]) / 1e9 : -1.0;
        if (!synTimes.isEmpty() && synAcks == 0)
            ++ignored;
        retransmissions += std::max<int>(0, int(synTimes.size()) - 1);
        if (again >= 0)
            retransmitAfter << again;
        table.addRow({int(i) + 1, int(ports[i]), int(synTimes.size()), synAcks, again >= 0 ? QVariant(again) : QVariant()});
    }
    result.tables << table;
    result.metrics[QStringLiteral("syns_ignored_clients")] = ignored;
    result.metrics[QStringLiteral("syn_retransmissions")] = retransmissions;
    result.metrics[QStringLiteral("syn_retransmit_after_median_s")] = retransmitAfter.isEmpty() ? QVariant() : QVariant(lab::percentile(retransmitAfter, 50));
    if (ignored > 0)
        result.findings << tr("The capture shows the SYNs of %1 client(s) answered by no SYN-ACK: the full accept queue made the kernel ignore them, and the clients sent %2 SYN(s) again, "
                              "the first %3 s after the original (the client's initial retransmission timeout).")
                               .arg(ignored)
                               .arg(retransmissions)
                               .arg(retransmitAfter.isEmpty() ? tr("-") : QString::number(lab::percentile(retransmitAfter, 50), 'f', 2));
    else
        result.findings << tr("The capture shows every client's SYN answered by a SYN-ACK: no SYN was ignored.");
}

ExperimentResult AcceptQueueExperiment::runHere(const ExperimentContext &context)
{
    ExperimentResult result = newResult();
    Result<std::unique_ptr<LoopbackCapture>> capture = LoopbackCapture::start(context);
    if (!capture)
        result.notes << LoopbackCapture::unavailableNote(capture.error());
    ServerConfig config = lab::experimentConfig(QStringLiteral("iterative"), QStringLiteral("line"), true);
    config.setValue(QStringLiteral("backlog"), backlog);
    Server server;
    if (Error e = server.start(config))
        return failedResult(e.text());
    const quint16 port = server.port();
    if (capture)
        capture.value()->addServerPort(port);

    context.progress(10, tr("one client connects and stays silent: the iterative server waits in recv()"));
    Result<FileDescriptor> stalled = lab::connectLoopback(port);
    if (!stalled)
        return failedResult(stalled.error().text());
    QElapsedTimer waitAccept;
    waitAccept.start();
    while (server.connectionSnapshot(false).isEmpty() && waitAccept.elapsed() < 2000) {
        if (!context.sleep(5))
            return cancelledResult();
    }
    if (server.connectionSnapshot(false).isEmpty())
        return failedResult(tr("the server did not accept the first connection"));

    const TcpInfoSnapshot listenerBefore = readTcpInfo(server.listenDescriptor());
    const QMap<QString, qint64> before = readNetCounters();

    context.progress(30, tr("%1 clients connect").arg(clients));
    std::vector<FileDescriptor> sockets;
    std::vector<quint16> ports;
    for (int i = 0; i < clients; ++i) {
        Result<FileDescriptor> fd = lab::startConnect(port);
        if (!fd)
            return failedResult(fd.error().text());
        sockets.push_back(fd.take());
        sockaddr_in local{};
        socklen_t len = sizeof(local);
        ::getsockname(sockets.back().get(), reinterpret_cast<sockaddr *>(&local), &len);
        ports.push_back(ntohs(local.sin_port));
    }
    if (!context.sleep(kSettleMs))
        return cancelledResult();

    context.progress(70, tr("reading the kernel's view"));
    const QMap<QString, qint64> after = readNetCounters();
    const TcpInfoSnapshot listener = readTcpInfo(server.listenDescriptor());

    ResultTable clientsTable;
    clientsTable.title = tr("Clients while the server is stuck");
    clientsTable.columns = QStringList{tr("client"), tr("local port"), tr("state (TCP_INFO)"), tr("handshake")};
    int completed = 0;
    int waiting = 0;
    for (size_t i = 0; i < sockets.size(); ++i) {
        const TcpInfoSnapshot info = readTcpInfo(sockets[i].get());
        sockaddr_in local{};
        socklen_t len = sizeof(local);
        ::getsockname(sockets[i].get(), reinterpret_cast<sockaddr *>(&local), &len);
        const bool established = info.valid && info.state == TCP_ESTABLISHED;
        completed += established ? 1 : 0;
        waiting += info.valid && info.state == TCP_SYN_SENT ? 1 : 0;
        clientsTable.addRow({int(i) + 1, int(ntohs(local.sin_port)), info.stateName(),
                             established ? tr("completed, waits in the accept queue") : tr("SYN dropped, retrying")});
    }

    const qint64 overflows = counterDelta(before, after, kOverflows);
    const qint64 drops = counterDelta(before, after, kDrops);

    ResultTable kernel;
    kernel.title = tr("Kernel counters and listener");
    kernel.columns = QStringList{tr("what"), tr("before"), tr("after"), tr("change")};
    kernel.addRow({tr("ListenOverflows (/proc/net/netstat)"), before.value(kOverflows), after.value(kOverflows), overflows});
    kernel.addRow({tr("ListenDrops (/proc/net/netstat)"), before.value(kDrops), after.value(kDrops), drops});
    kernel.addRow({tr("accept queue length (TCP_INFO tcpi_unacked = ss Recv-Q)"), int(listenerBefore.unacked),
                   int(listener.unacked), int(listener.unacked) - int(listenerBefore.unacked)});
    kernel.addRow({tr("accept queue limit (tcpi_sacked = ss Send-Q)"), int(listenerBefore.sacked), int(listener.sacked), 0});

    result.tables << clientsTable << kernel;
    result.chart.kind = ChartKind::Bar;
    result.chart.title = tr("%1 clients against backlog %2 while the server is stuck").arg(clients).arg(backlog);
    result.chart.xLabel = tr("kernel view");
    result.chart.yLabel = tr("connections / count");
    result.chart.categories = QStringList{tr("handshake completed"), tr("still in SYN_SENT"), tr("queue length"),
                                          tr("queue limit"), tr("ListenOverflows +"), tr("ListenDrops +")};
    result.chart.series << ChartSeries{tr("count"),
                                       {double(completed), double(waiting), double(listener.unacked), double(listener.sacked),
                                        double(overflows), double(drops)},
                                       {}};

    result.metrics = QVariantMap{{"backlog", backlog},
                                 {"clients", clients},
                                 {"completed", completed},
                                 {"waiting", waiting},
                                 {"queue_length", int(listener.unacked)},
                                 {"queue_limit", int(listener.sacked)},
                                 {"listen_overflows_before", before.value(kOverflows)},
                                 {"listen_overflows_after", after.value(kOverflows)},
                                 {"listen_overflows_delta", overflows},
                                 {"listen_drops_delta", drops}};

    // How the measured queue compares with the backlog, in the measured numbers.
    const int beyond = completed - backlog;
    QString relation;
    if (beyond == 0)
        relation = tr("exactly the backlog (%1)").arg(backlog);
    else if (beyond > 0)
        relation = tr("backlog %1 + %2").arg(backlog).arg(beyond);
    else
        relation = tr("backlog %1 - %2").arg(backlog).arg(-beyond);
    result.metrics[QStringLiteral("completed_minus_backlog")] = beyond;
    result.findings << tr("%1 of %2 clients completed the handshake while the server was stuck (their TCP_INFO says ESTABLISHED): %3.")
                           .arg(completed)
                           .arg(clients)
                           .arg(relation);
    result.findings << tr("The listener's TCP_INFO counted %1 connection(s) waiting in its accept queue against a limit of %2 (tcpi_unacked / tcpi_sacked, "
                          "as `ss -lnt` shows in Recv-Q / Send-Q)%3.")
                           .arg(listener.unacked)
                           .arg(listener.sacked)
                           .arg(int(listener.unacked) > int(listener.sacked)
                                    ? tr(": %1 more than the limit").arg(int(listener.unacked) - int(listener.sacked))
                                    : QString());
    if (waiting > 0)
        result.findings << tr("%1 client(s) were still in SYN_SENT %2 ms after connecting: the kernel counted ListenOverflows +%3 and ListenDrops +%4 meanwhile.")
                               .arg(waiting)
                               .arg(kSettleMs)
                               .arg(overflows)
                               .arg(drops);
    else
        result.findings << tr("No client was left in SYN_SENT %1 ms after connecting (ListenOverflows +%2, ListenDrops +%3).")
                               .arg(kSettleMs)
                               .arg(overflows)
                               .arg(drops);
    result.notes << tr("Why: Linux counts the accept queue as full only when it holds more than the backlog, so one connection beyond it gets in; while the queue is full "
                       "the kernel drops new SYNs (ListenOverflows, ListenDrops) and each client retransmits its SYN after its retransmission timeout (1 s, then doubling).");
    context.progress(90, tr("cleaning up"));
    sockets.clear();
    stalled.value().reset();
    server.stop();
    if (capture)
        reportSynsFromCapture(result, *capture.value(), ports);
    return result;
}

} // namespace tcplab
