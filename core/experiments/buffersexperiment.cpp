#include "buffersexperiment.h"

#include "capturedconnections.h"
#include "experimentsupport.h"
#include "listener.h"
#include "loopbackcapture.h"
#include "systemlimits.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <atomic>
#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>

namespace tcplab {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

struct Transfer
{
    int listenerRcvbuf = -1;
    int listenerSndbuf = -1;
    int acceptedRcvbuf = -1;
    int acceptedRcvbufAfter = -1; // once the transfer is done: autotuning grows an unset buffer
    int clientSndbuf = -1;
    int clientSndbufAfter = -1;
    int clientRcvbuf = -1;
    qint64 bytes = 0;
    double seconds = 0;
    QString error;
    quint16 clientPort = 0;
};

// The receiver accepts one connection and reads until EOF; the sender writes for a fixed time.
Transfer transfer(int size, int transferMs, const ExperimentContext &context, LoopbackCapture *capture)
{
    Transfer t;
    ServerConfig config = lab::experimentConfig(QStringLiteral("iterative"), QStringLiteral("byte"), false);
    if (size > 0) {
        config.setValue(QStringLiteral("rcvbuf"), size);
        config.setValue(QStringLiteral("sndbuf"), size);
    }
    Result<ListenerSocket> listener = openListener(config);
    if (!listener) {
        t.error = listener.error().text();
        return t;
    }
    const int listenFd = listener.value().fd.get();
    if (capture)
        capture->addServerPort(listener.value().port);
    t.listenerRcvbuf = lab::socketIntOption(listenFd, SOL_SOCKET, SO_RCVBUF);
    t.listenerSndbuf = lab::socketIntOption(listenFd, SOL_SOCKET, SO_SNDBUF);

    std::atomic<qint64> received{0};
    std::atomic<qint64> receiveNs{0};
    std::atomic<int> acceptedRcvbuf{-1};
    std::atomic<int> acceptedRcvbufAfter{-1};
    std::thread receiver([&] {
        pollfd p{listenFd, POLLIN, 0};
        if (::poll(&p, 1, 3000) <= 0)
            return;
        FileDescriptor conn(::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC));
        if (!conn.isValid())
            return;
        // The accepted socket inherits the listener's buffer sizes (set before listen()).
        acceptedRcvbuf = lab::socketIntOption(conn.get(), SOL_SOCKET, SO_RCVBUF);
        QElapsedTimer clock;
        clock.start();
        received = lab::drainUntilClose(conn.get(), transferMs + 3000);
        receiveNs = clock.nsecsElapsed();
        acceptedRcvbufAfter = lab::socketIntOption(conn.get(), SOL_SOCKET, SO_RCVBUF);
    });

    Result<FileDescriptor> client = lab::connectLoopback(listener.value().port, 2000, [size](int fd) {
        if (size > 0) {
            ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
            ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
        }
    });
    if (!client) {
        t.error = client.error().text();
        ::shutdown(listenFd, SHUT_RDWR);
        receiver.join();
        return t;
    }
    const int fd = client.value().get();
    sockaddr_in local{};
    socklen_t len = sizeof(local);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &len);
    t.clientPort = ntohs(local.sin_port);
    t.clientSndbuf = lab::socketIntOption(fd, SOL_SOCKET, SO_SNDBUF);
    t.clientRcvbuf = lab::socketIntOption(fd, SOL_SOCKET, SO_RCVBUF);
    const QByteArray chunk(64 * 1024, 'x');
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < transferMs && !context.cancelled()) {
        pollfd p{fd, POLLOUT, 0};
        if (::poll(&p, 1, 200) <= 0)
            continue;
        const ssize_t n = ::send(fd, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno != EAGAIN && errno != EINTR) {
            t.error = Error::fromErrno(errno, tr("send")).text();
            break;
        }
    }
    t.clientSndbufAfter = lab::socketIntOption(fd, SOL_SOCKET, SO_SNDBUF);
    ::shutdown(fd, SHUT_WR);
    receiver.join();
    t.acceptedRcvbuf = acceptedRcvbuf;
    t.acceptedRcvbufAfter = acceptedRcvbufAfter;
    t.bytes = received;
    t.seconds = double(receiveNs) / 1e9;
    return t;
}

} // namespace

QString BuffersExperiment::title() const
{
    return tr("Socket buffers");
}

QString BuffersExperiment::explanation() const
{
    return tr("For a few sizes the server sets SO_RCVBUF/SO_SNDBUF before listen() and the client sets them before connect(); then the client sends as much as it can for %1 ms, %2 rounds over all sizes.\n"
              "Compare requested and effective sizes (the kernel doubles them and caps them at net.core.rmem_max/wmem_max) and the throughput each one allows.")
        .arg(transferMs)
        .arg(rounds);
}

ExperimentResult BuffersExperiment::run(const ExperimentContext &context)
{
    // In a private network namespace (the same for a normal user as for root), captured on its lo.
    return lab::runOnPrivateLoopback(
        context, [&] { return runHere(context); },
        tr("Ran on this machine's loopback (%1)."),
        tr("Ran on the loopback of a private network namespace, where the capture sees only this experiment's packets."));
}

ExperimentResult BuffersExperiment::runHere(const ExperimentContext &context)
{
    ExperimentResult result = newResult();
    Result<std::unique_ptr<LoopbackCapture>> capture = LoopbackCapture::start(context);
    if (!capture)
        result.notes << LoopbackCapture::unavailableNote(capture.error());
    const long rmemMax = SystemLimits::readNumber(QStringLiteral("net.core.rmem_max"));
    const long wmemMax = SystemLimits::readNumber(QStringLiteral("net.core.wmem_max"));

    // One request above the cap shows that the kernel clamps it silently instead of failing.
    QList<int> plan = sizes;
    const long cap = std::max(rmemMax, wmemMax);
    if (cap > 0 && cap < (1L << 26) && !plan.contains(int(2 * cap))) {
        const qsizetype defaultAt = plan.indexOf(0);
        plan.insert(defaultAt < 0 ? plan.size() : defaultAt, int(2 * cap));
    }
    auto labelOf = [](int size) { return size > 0 ? tr("%1 KiB").arg(size / 1024.0) : tr("kernel default"); };

    // Rounds run interleaved (every size once, then again), so a burst of load on this machine
    // hits all sizes alike; the best round is what the size allows, since interference only slows.
    const int roundCount = std::max(1, rounds);
    QList<Transfer> firstRound;
    QList<QList<double>> rates(plan.size());
    qint64 totalBytes = 0;
    for (int round = 0; round < roundCount; ++round) {
        for (int i = 0; i < plan.size(); ++i) {
            const int size = plan[i];
            context.progress(5 + 90 * (round * int(plan.size()) + i) / (roundCount * int(plan.size())),
                             tr("%1, round %2 of %3").arg(labelOf(size)).arg(round + 1).arg(roundCount));
            const Transfer t = transfer(size, transferMs, context, capture ? capture.value().get() : nullptr);
            if (context.cancelled())
                return cancelledResult();
            if (!t.error.isEmpty() && t.bytes == 0)
                return failedResult(tr("%1: %2").arg(labelOf(size), t.error));
            if (round == 0)
                firstRound << t;
            totalBytes += t.bytes;
            rates[i] << (t.seconds > 0 ? double(t.bytes) / (1024.0 * 1024.0) / t.seconds : 0.0);
        }
    }

    ResultTable table;
    table.title = tr("Requested vs effective buffer sizes and throughput (%1 rounds of %2 ms)").arg(roundCount).arg(transferMs);
    table.columns = QStringList{tr("requested bytes"), tr("listener SO_RCVBUF"), tr("accepted SO_RCVBUF"), tr("accepted SO_RCVBUF after"),
                                tr("listener SO_SNDBUF"), tr("client SO_SNDBUF"), tr("client SO_SNDBUF after"), tr("kernel rule"),
                                tr("best MiB/s"), tr("median MiB/s")};
    ChartSeries best{tr("throughput MiB/s, best of %1 rounds").arg(roundCount), {}, {}};
    ChartSeries median{tr("throughput MiB/s, median of %1 rounds").arg(roundCount), {}, {}};
    QStringList categories;
    QVariantList rows;
    for (int i = 0; i < plan.size(); ++i) {
        const int size = plan[i];
        const Transfer &t = firstRound[i];
        QString rule;
        if (size <= 0)
            rule = t.acceptedRcvbufAfter > t.acceptedRcvbuf ? tr("unset: autotuning grew the accepted socket's buffer during the transfer")
                                                            : tr("unset: the kernel's default (net.ipv4.tcp_rmem/tcp_wmem)");
        else if (t.listenerRcvbuf == 2 * size)
            rule = t.acceptedRcvbufAfter == t.acceptedRcvbuf ? tr("doubled, and fixed during the transfer (no autotuning)") : tr("doubled");
        else if (rmemMax > 0 && size > rmemMax && t.listenerRcvbuf == 2 * rmemMax)
            rule = tr("capped at 2 x net.core.rmem_max = %1 (no error is returned)").arg(2 * rmemMax);
        else
            rule = tr("adjusted by the kernel (minimum or cap)");
        const double bestRate = lab::percentile(rates[i], 100);
        const double medianRate = lab::percentile(rates[i], 50);
        table.addRow({size > 0 ? QVariant(size) : QVariant(tr("default")), t.listenerRcvbuf, t.acceptedRcvbuf, t.acceptedRcvbufAfter,
                      t.listenerSndbuf, t.clientSndbuf, t.clientSndbufAfter, rule, bestRate, medianRate});
        categories << labelOf(size);
        best.values << bestRate;
        median.values << medianRate;
        QVariantList roundRates;
        for (double r : std::as_const(rates[i]))
            roundRates << r;
        rows << QVariantMap{{"requested", size},
                            {"listener_rcvbuf", t.listenerRcvbuf},
                            {"listener_sndbuf", t.listenerSndbuf},
                            {"accepted_rcvbuf", t.acceptedRcvbuf},
                            {"accepted_rcvbuf_after", t.acceptedRcvbufAfter},
                            {"client_sndbuf", t.clientSndbuf},
                            {"client_sndbuf_after", t.clientSndbufAfter},
                            {"client_rcvbuf", t.clientRcvbuf},
                            {"bytes", t.bytes},
                            {"seconds", t.seconds},
                            {"round_mib_per_s", roundRates},
                            {"mib_per_s", bestRate},
                            {"median_mib_per_s", medianRate}};
    }
    result.tables << table;
    result.chart.kind = ChartKind::Bar;
    result.chart.title = tr("Bulk transfer on loopback, %1 rounds of %2 ms per buffer size").arg(roundCount).arg(transferMs);
    result.chart.xLabel = tr("SO_RCVBUF = SO_SNDBUF requested");
    result.chart.yLabel = tr("MiB/s");
    result.chart.categories = categories;
    result.chart.series << best << median;
    result.metrics = QVariantMap{{"rmem_max", qlonglong(rmemMax)}, {"wmem_max", qlonglong(wmemMax)}, {"rounds", roundCount},
                                 {"transfer_ms", transferMs}, {"total_bytes", totalBytes}, {"sizes", rows}};

    int doubled = 0;
    int capped = 0;
    int explicitSizes = 0;
    int inherited = 0;
    int fixed = 0;
    const Transfer *unset = nullptr;
    int smallest = -1; // explicit rows with the smallest and the largest effective receive buffer
    int largest = -1;
    int fastest = -1;
    for (int i = 0; i < plan.size(); ++i) {
        const Transfer &t = firstRound[i];
        if (fastest < 0 || best.values[i] > best.values[fastest])
            fastest = i;
        const qint64 req = plan[i];
        if (req <= 0) {
            unset = &t;
            continue;
        }
        ++explicitSizes;
        doubled += t.listenerRcvbuf == 2 * req ? 1 : 0;
        capped += rmemMax > 0 && req > rmemMax && t.listenerRcvbuf == 2 * rmemMax ? 1 : 0;
        inherited += t.acceptedRcvbuf == t.listenerRcvbuf ? 1 : 0;
        fixed += t.acceptedRcvbufAfter == t.acceptedRcvbuf && t.clientSndbufAfter == t.clientSndbuf ? 1 : 0;
        if (smallest < 0 || t.listenerRcvbuf < firstRound[smallest].listenerRcvbuf)
            smallest = i;
        if (largest < 0 || t.listenerRcvbuf > firstRound[largest].listenerRcvbuf)
            largest = i;
    }
    result.metrics[QStringLiteral("doubled")] = doubled;
    result.metrics[QStringLiteral("capped")] = capped;
    result.metrics[QStringLiteral("inherited")] = inherited;
    result.metrics[QStringLiteral("fixed_during_transfer")] = fixed;
    result.findings << tr("getsockopt returned twice the request for %1 of %2 requested sizes (SO_RCVBUF on the listener).").arg(doubled).arg(explicitSizes);
    if (capped)
        result.findings << tr("%1 request(s) above net.core.rmem_max = %2 came back as %3, twice the cap; setsockopt reported no error.")
                               .arg(capped)
                               .arg(rmemMax)
                               .arg(2 * rmemMax);
    result.findings << tr("In %1 of %2 sizes the accepted socket's SO_RCVBUF equalled the listener's, set before listen(); in %3 both ends' buffers were unchanged after the transfer.")
                           .arg(inherited)
                           .arg(explicitSizes)
                           .arg(fixed);
    if (unset)
        result.findings << tr("Left to the kernel, the accepted socket's SO_RCVBUF went from %1 to %2 bytes during the transfer and the client's SO_SNDBUF from %3 to %4%5.")
                               .arg(unset->acceptedRcvbuf)
                               .arg(unset->acceptedRcvbufAfter)
                               .arg(unset->clientSndbuf)
                               .arg(unset->clientSndbufAfter)
                               .arg(unset->acceptedRcvbufAfter > unset->acceptedRcvbuf || unset->clientSndbufAfter > unset->clientSndbuf
                                        ? tr(": autotuning grew them") : QString());
    if (smallest >= 0 && largest >= 0 && smallest != largest)
        result.findings << tr("Best of %1 rounds: %2 MiB/s with %3 bytes of receive buffer (%4 requested), %5 MiB/s with %6 bytes (%7 requested); the fastest was %8 at %9 MiB/s.")
                               .arg(roundCount)
                               .arg(best.values[smallest], 0, 'f', 0)
                               .arg(firstRound[smallest].listenerRcvbuf)
                               .arg(labelOf(plan[smallest]))
                               .arg(best.values[largest], 0, 'f', 0)
                               .arg(firstRound[largest].listenerRcvbuf)
                               .arg(labelOf(plan[largest]))
                               .arg(categories[fastest])
                               .arg(best.values[fastest], 0, 'f', 0);
    result.notes << tr("Why: the kernel doubles a requested size to leave room for its own bookkeeping, caps it at net.core.rmem_max/wmem_max, and turns autotuning off for a socket "
                       "whose buffer was set; the window scale is chosen at the SYN, so a listener's buffer must be set before listen().");
    result.notes << tr("Throughput on loopback depends on the machine and its load; compare the sizes with each other, not with another machine.");

    if (capture) {
        // What the receiver told the sender: its advertised window (scale applied) over the
        // first round's transfer of each size, and the largest segment the sender could send.
        capture.value()->finish(result);
        const QList<lab::CapturedConnection> captured = lab::capturedConnections(capture.value()->packets());
        ResultTable windows;
        windows.title = tr("Receiver's advertised window in the capture (first round)");
        windows.columns = QStringList{tr("requested bytes"), tr("accepted SO_RCVBUF"), tr("max window bytes"), tr("median window bytes"), tr("largest segment bytes"), tr("data segments")};
        QVariantList windowRows;
        for (int i = 0; i < plan.size(); ++i) {
            const lab::CapturedConnection *c = lab::connectionOfClientPort(captured, firstRound[i].clientPort);
            QList<double> advertised;
            int largestSegment = 0;
            int segments = 0;
            if (c) {
                for (const lab::CapturedSegment &seg : c->segments) {
                    if (!seg.fromClient() && !seg.has(wire::tcpflag::Syn) && seg.annotation.windowScaled)
                        advertised << double(seg.annotation.window);
                    if (seg.fromClient() && seg.decoded.payloadLength > 0) {
                        ++segments;
                        largestSegment = std::max(largestSegment, seg.decoded.payloadLength);
                    }
                }
            }
            const double maxWindow = lab::percentile(advertised, 100);
            const double medianWindow = lab::percentile(advertised, 50);
            windows.addRow({plan[i] > 0 ? QVariant(plan[i]) : QVariant(tr("default")), firstRound[i].acceptedRcvbuf, maxWindow, medianWindow, largestSegment, segments});
            windowRows << QVariantMap{{"requested", plan[i]}, {"max_window", advertised.isEmpty() ? QVariant() : QVariant(maxWindow)},
                                      {"median_window", advertised.isEmpty() ? QVariant() : QVariant(medianWindow)}, {"largest_segment", largestSegment},
                                      {"data_segments", segments}};
        }
        result.tables << windows;
        result.metrics[QStringLiteral("capture_windows")] = windowRows;
        if (smallest >= 0 && largest >= 0 && smallest != largest) {
            const QVariantMap lo = windowRows[smallest].toMap();
            const QVariantMap hi = windowRows[largest].toMap();
            result.findings << tr("In the capture the receiver advertised at most %1 bytes of window with %2 bytes of receive buffer, and %3 bytes with %4: "
                                  "the window, and so the data in flight, follows the buffer.")
                                   .arg(lo.value(QStringLiteral("max_window")).toDouble(), 0, 'f', 0)
                                   .arg(firstRound[smallest].acceptedRcvbuf)
                                   .arg(hi.value(QStringLiteral("max_window")).toDouble(), 0, 'f', 0)
                                   .arg(firstRound[largest].acceptedRcvbuf);
        }
    }
    return result;
}

} // namespace tcplab
