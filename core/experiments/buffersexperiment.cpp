#include "buffersexperiment.h"

#include "experimentsupport.h"
#include "listener.h"
#include "systemlimits.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <atomic>
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
    int clientSndbuf = -1;
    int clientRcvbuf = -1;
    qint64 bytes = 0;
    double seconds = 0;
    QString error;
};

// The receiver accepts one connection and reads until EOF; the sender writes for a fixed time.
Transfer transfer(int size, int transferMs, const ExperimentContext &context)
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
    t.listenerRcvbuf = lab::socketIntOption(listenFd, SOL_SOCKET, SO_RCVBUF);
    t.listenerSndbuf = lab::socketIntOption(listenFd, SOL_SOCKET, SO_SNDBUF);

    std::atomic<qint64> received{0};
    std::atomic<qint64> receiveNs{0};
    std::atomic<int> acceptedRcvbuf{-1};
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
    ::shutdown(fd, SHUT_WR);
    receiver.join();
    t.acceptedRcvbuf = acceptedRcvbuf;
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
    return tr("For a few sizes the server sets SO_RCVBUF/SO_SNDBUF before listen() and the client sets them before connect(); then the client sends as much as it can for %1 ms.\n"
              "Compare requested and effective sizes (the kernel doubles them and caps them at net.core.rmem_max/wmem_max) and the throughput each one allows.")
        .arg(transferMs);
}

ExperimentResult BuffersExperiment::run(const ExperimentContext &context)
{
    ExperimentResult result = newResult();
    const long rmemMax = SystemLimits::readNumber(QStringLiteral("net.core.rmem_max"));
    const long wmemMax = SystemLimits::readNumber(QStringLiteral("net.core.wmem_max"));

    ResultTable table;
    table.title = tr("Requested vs effective buffer sizes and throughput");
    table.columns = QStringList{tr("requested bytes"), tr("listener SO_RCVBUF"), tr("accepted SO_RCVBUF"), tr("listener SO_SNDBUF"),
                                tr("client SO_SNDBUF"), tr("kernel rule"), tr("MiB moved"), tr("MiB/s")};
    ChartSeries throughput{tr("throughput MiB/s"), {}, {}};
    QStringList categories;
    QVariantList rows;
    // One request above the cap shows that the kernel clamps it silently instead of failing.
    QList<int> plan = sizes;
    const long cap = std::max(rmemMax, wmemMax);
    if (cap > 0 && cap < (1L << 26) && !plan.contains(int(2 * cap))) {
        const qsizetype defaultAt = plan.indexOf(0);
        plan.insert(defaultAt < 0 ? plan.size() : defaultAt, int(2 * cap));
    }
    for (int i = 0; i < plan.size(); ++i) {
        const int size = plan[i];
        const QString label = size > 0 ? tr("%1 KiB").arg(size / 1024.0) : tr("kernel default");
        context.progress(5 + 90 * i / int(plan.size()), label);
        const Transfer t = transfer(size, transferMs, context);
        if (context.cancelled())
            return cancelledResult();
        if (!t.error.isEmpty() && t.bytes == 0)
            return failedResult(tr("%1: %2").arg(label, t.error));
        QString rule;
        if (size <= 0)
            rule = tr("unset: TCP autotuning grows the buffers from net.ipv4.tcp_rmem/tcp_wmem");
        else if (t.listenerRcvbuf == 2 * size)
            rule = tr("doubled (half is bookkeeping overhead); autotuning is off for this socket");
        else if (rmemMax > 0 && size > rmemMax)
            rule = tr("capped at 2 x net.core.rmem_max = %1 (no error is returned)").arg(2 * rmemMax);
        else
            rule = tr("adjusted by the kernel (minimum or cap)");
        const double mib = double(t.bytes) / (1024.0 * 1024.0);
        const double rate = t.seconds > 0 ? mib / t.seconds : 0;
        table.addRow({size > 0 ? QVariant(size) : QVariant(tr("default")), t.listenerRcvbuf, t.acceptedRcvbuf, t.listenerSndbuf,
                      t.clientSndbuf, rule, mib, rate});
        categories << label;
        throughput.values << rate;
        rows << QVariantMap{{"requested", size},
                            {"listener_rcvbuf", t.listenerRcvbuf},
                            {"listener_sndbuf", t.listenerSndbuf},
                            {"accepted_rcvbuf", t.acceptedRcvbuf},
                            {"client_sndbuf", t.clientSndbuf},
                            {"client_rcvbuf", t.clientRcvbuf},
                            {"bytes", t.bytes},
                            {"seconds", t.seconds},
                            {"mib_per_s", rate}};
    }
    result.tables << table;
    result.chart.kind = ChartKind::Bar;
    result.chart.title = tr("Bulk transfer on loopback for %1 ms per buffer size").arg(transferMs);
    result.chart.xLabel = tr("SO_RCVBUF = SO_SNDBUF requested");
    result.chart.yLabel = tr("MiB/s");
    result.chart.categories = categories;
    result.chart.series << throughput;
    result.metrics = QVariantMap{{"rmem_max", qlonglong(rmemMax)}, {"wmem_max", qlonglong(wmemMax)}, {"sizes", rows}};

    int doubled = 0;
    int capped = 0;
    int explicitSizes = 0;
    for (const QVariant &v : std::as_const(rows)) {
        const QVariantMap m = v.toMap();
        const int req = m.value(QStringLiteral("requested")).toInt();
        if (req <= 0)
            continue;
        ++explicitSizes;
        doubled += m.value(QStringLiteral("listener_rcvbuf")).toInt() == 2 * req ? 1 : 0;
        capped += rmemMax > 0 && req > rmemMax && m.value(QStringLiteral("listener_rcvbuf")).toLongLong() == 2 * rmemMax ? 1 : 0;
    }
    result.findings << tr("The kernel doubled %1 of %2 requested sizes (getsockopt returns twice the request: half is for its own bookkeeping).")
                           .arg(doubled)
                           .arg(explicitSizes);
    result.metrics[QStringLiteral("doubled")] = doubled;
    result.metrics[QStringLiteral("capped")] = capped;
    if (capped)
        result.findings << tr("%1 request(s) above net.core.rmem_max = %2 were capped at twice that value, silently.").arg(capped).arg(rmemMax);
    result.findings << tr("Accepted sockets inherit the listener's SO_RCVBUF; set it before listen(), since the window scale is fixed at the SYN.");
    result.notes << tr("Throughput on loopback depends on the machine and its load; compare the sizes with each other, not with another machine.");
    return result;
}

} // namespace tcplab
