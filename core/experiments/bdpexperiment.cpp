#include "bdpexperiment.h"

#include "experimentsupport.h"
#include "experimentwire.h"
#include "wire/capturering.h"
#include "wiretransfer.h"

#include <QCoreApplication>

#include <algorithm>

namespace tcplab {

using namespace tcplab::wire;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

struct Point
{
    QString label;
    QString key;
    int rcvbuf = 0; // requested; 0: autotuning
    int sndbuf = 0;
    lab::WireTransferResult transfer;
    double rttMs = 0;        // the path's, from the handshake
    quint32 maxWindow = 0;   // the largest window the receiver advertised (capture)
    qint64 limitBytes = 0;   // what may be in flight: the window, or a smaller SO_SNDBUF (the kernel's doubled value)
    double mbit = 0;         // steady rate: payload the wire delivered to the receiver (capture)
    double socketMbit = 0;   // the same at the receiving socket (reads can lag behind a large buffer)
    double windowMbit = 0;   // window / RTT
    double theoryMbit = 0;   // min(link rate, window / RTT)
};

void analyse(Point &p, const QList<CapturedPacket> &captured, quint64 linkBits)
{
    const QList<lab::FlowPacket> flow = lab::connectionPackets(captured, p.transfer.clientPort);
    qint64 synAckNs = 0;
    qint64 ackNs = 0;
    for (const lab::FlowPacket &f : flow) {
        const DecodedPacket &d = f.decoded;
        if (f.fromServer() && d.has(tcpflag::Syn) && d.has(tcpflag::Ack) && !synAckNs)
            synAckNs = f.packet.sentNs;
        else if (!f.fromServer() && synAckNs && !ackNs && d.has(tcpflag::Ack) && f.packet.deliveredNs > 0)
            ackNs = f.packet.deliveredNs;
        if (!f.fromServer() && !d.has(tcpflag::Syn) && f.annotation.windowScaled)
            p.maxWindow = std::max(p.maxWindow, f.annotation.window);
    }
    qint64 firstNs = 0;
    qint64 lastNs = 0;
    qint64 bytes = 0;
    for (const lab::FlowPacket &f : flow) {
        if (!f.fromServer() || f.decoded.payloadLength == 0 || f.packet.deliveredNs < p.transfer.steadyFromNs || f.packet.deliveredNs > p.transfer.lastByteNs)
            continue;
        if (!firstNs)
            firstNs = f.packet.deliveredNs;
        lastNs = f.packet.deliveredNs;
        bytes += f.decoded.payloadLength;
    }
    p.socketMbit = p.transfer.steadyBitsPerSecond() / 1e6;
    p.mbit = lastNs > firstNs ? double(bytes) * 8 / (double(lastNs - firstNs) / 1e9) / 1e6 : p.socketMbit;
    p.rttMs = synAckNs && ackNs ? double(ackNs - synAckNs) / 1e6 : 0;
    p.limitBytes = p.sndbuf > 0 && p.transfer.senderSndbuf > 0 ? std::min<qint64>(p.maxWindow, p.transfer.senderSndbuf) : qint64(p.maxWindow);
    p.windowMbit = p.rttMs > 0 ? double(p.limitBytes) * 8 / (p.rttMs / 1000) / 1e6 : 0;
    p.theoryMbit = linkBits > 0 ? std::min(p.windowMbit, double(linkBits) / 1e6) : p.windowMbit;
}

} // namespace

QString BdpExperiment::title() const
{
    return tr("Bandwidth-delay product: throughput against buffer size");
}

QString BdpExperiment::explanation() const
{
    return tr("Across the wire (default %1) a bulk transfer from the server for a few receive buffer sizes (SO_RCVBUF before connect()), two send buffer sizes, and autotuning.\n"
              "Look for throughput rising with the buffer as window / RTT while the buffer is below the bandwidth-delay product, and flattening at the link's rate beyond it.")
        .arg(defaultWire());
}

ExperimentResult BdpExperiment::run(const ExperimentContext &context)
{
    ExperimentResult result = newResult();
    std::unique_ptr<ExperimentWire> path = startWire(context, defaultWire(), result);
    if (!path)
        return result;
    const WireSpec &spec = path->spec();
    const quint64 linkBits = spec.s2c.rateBitsPerSecond;

    QList<Point> points;
    const QList<int> rcvSizes = quick ? QList<int>{16384, 65536} : QList<int>{16384, 65536, 262144, 1048576};
    for (int size : rcvSizes)
        points << Point{tr("SO_RCVBUF %1 KiB").arg(size / 1024), QStringLiteral("rcvbuf_%1k").arg(size / 1024), size, 0, {}, 0, 0, 0, 0, 0};
    points << Point{tr("autotuning"), QStringLiteral("autotuning"), 0, 0, {}, 0, 0, 0, 0, 0};
    if (!quick) {
        for (int size : {65536, 262144})
            points << Point{tr("SO_SNDBUF %1 KiB").arg(size / 1024), QStringLiteral("sndbuf_%1k").arg(size / 1024), 0, size, {}, 0, 0, 0, 0, 0};
    }
    const int transferMs = quick ? 900 : 1300;
    CaptureRing &ring = path->ring();
    for (qsizetype i = 0; i < points.size(); ++i) {
        Point &p = points[i];
        context.progress(5 + int(90 * i / points.size()), p.label);
        lab::WireTransferOptions options;
        options.durationMs = transferMs;
        options.onTick = [transferMs](qint64, qint64 elapsedMs) { return elapsedMs < transferMs; };
        options.steadyAfterMs = quick ? 300 : 500;
        options.receiverRcvbuf = p.rcvbuf;
        options.senderSndbuf = p.sndbuf;
        const quint64 from = ring.written();
        p.transfer = lab::runWireTransfer(path->wire(), options, context);
        if (context.cancelled())
            return cancelledResult();
        if (!p.transfer.ok())
            return failedResult(tr("%1: %2").arg(p.label, p.transfer.error));
        QList<CapturedPacket> captured;
        ring.readFrom(from, &captured);
        analyse(p, captured, linkBits);
    }
    const quint64 overwritten = ring.overwritten();
    const qsizetype capturedCount = ring.snapshot().size();

    // The path's own round trip: the smallest handshake (no queue ahead of it).
    double rttMs = 0;
    for (const Point &p : std::as_const(points)) {
        if (p.rttMs > 0 && (rttMs == 0 || p.rttMs < rttMs))
            rttMs = p.rttMs;
    }
    const double bdpBytes = linkBits > 0 ? double(linkBits) / 8 * rttMs / 1000 : 0;

    ResultTable table;
    table.title = tr("Throughput against buffer size (link %1, path RTT %2 ms, BDP %3 KiB)")
                      .arg(linkBits ? QStringLiteral("%1 Mbit/s").arg(double(linkBits) / 1e6) : tr("unlimited"))
                      .arg(rttMs, 0, 'f', 1)
                      .arg(bdpBytes / 1024, 0, 'f', 0);
    table.columns = QStringList{tr("buffer"), tr("SO_RCVBUF (read back)"), tr("SO_RCVBUF after"), tr("SO_SNDBUF (read back)"), tr("largest window advertised"), tr("in flight at most"),
                                tr("in flight / RTT Mbit/s"), tr("theory min(rate, in flight / RTT)"), tr("measured Mbit/s (wire)"), tr("at the receiving socket Mbit/s")};
    ChartSeries measured{tr("measured Mbit/s"), {}, {}};
    ChartSeries theory{tr("min(link rate, in flight / RTT) Mbit/s"), {}, {}};
    QVariantList rows;
    for (const Point &p : std::as_const(points)) {
        table.addRow({p.label, p.transfer.receiverRcvbuf, p.transfer.receiverRcvbufAfter, p.transfer.senderSndbuf, p.maxWindow, p.limitBytes, p.windowMbit, p.theoryMbit, p.mbit, p.socketMbit});
        result.chart.categories << p.label;
        measured.values << p.mbit;
        theory.values << p.theoryMbit;
        rows << QVariantMap{{"key", p.key},
                            {"rcvbuf_requested", p.rcvbuf},
                            {"sndbuf_requested", p.sndbuf},
                            {"rcvbuf", p.transfer.receiverRcvbuf},
                            {"rcvbuf_after", p.transfer.receiverRcvbufAfter},
                            {"sndbuf", p.transfer.senderSndbuf},
                            {"max_window", p.maxWindow},
                            {"in_flight_limit", p.limitBytes},
                            {"rtt_ms", p.rttMs},
                            {"window_mbit", p.windowMbit},
                            {"theory_mbit", p.theoryMbit},
                            {"mbit", p.mbit},
                            {"socket_mbit", p.socketMbit}};
        result.metrics[p.key + QLatin1String("_mbit")] = p.mbit;
        result.metrics[p.key + QLatin1String("_window_mbit")] = p.windowMbit;
        result.metrics[p.key + QLatin1String("_max_window")] = p.maxWindow;
    }
    result.tables << table;
    result.chart.kind = ChartKind::Bar;
    result.chart.title = tr("Bulk transfer rate against buffer size, measured beside min(rate, in flight / RTT)");
    result.chart.xLabel = tr("buffer");
    result.chart.yLabel = tr("Mbit/s");
    result.chart.series << measured << theory;
    result.metrics[QStringLiteral("wire")] = spec.toString();
    result.metrics[QStringLiteral("link_mbit")] = double(linkBits) / 1e6;
    result.metrics[QStringLiteral("rtt_ms")] = rttMs;
    result.metrics[QStringLiteral("bdp_bytes")] = bdpBytes;
    result.metrics[QStringLiteral("points")] = rows;
    result.metrics[QStringLiteral("captured_packets")] = qlonglong(capturedCount);
    result.metrics[QStringLiteral("capture_overwritten")] = qlonglong(overwritten);

    for (const Point &p : std::as_const(points)) {
        if (p.rcvbuf > 0 || p.sndbuf > 0)
            result.findings << tr("%1: at most %2 bytes in flight (the receiver's largest window %3 bytes, SO_SNDBUF %4); %5 Mbit/s measured against that / RTT = %6 Mbit/s (%7 of the link's rate).")
                                   .arg(p.label)
                                   .arg(p.limitBytes)
                                   .arg(p.maxWindow)
                                   .arg(p.transfer.senderSndbuf)
                                   .arg(p.mbit, 0, 'f', 1)
                                   .arg(p.windowMbit, 0, 'f', 1)
                                   .arg(linkBits ? QStringLiteral("%1%").arg(100 * p.mbit / (double(linkBits) / 1e6), 0, 'f', 0) : tr("no limit"));
        else
            result.findings << tr("Autotuning: SO_RCVBUF grew from %1 to %2 bytes and the window to %3 bytes; %4 Mbit/s.")
                                   .arg(p.transfer.receiverRcvbuf)
                                   .arg(p.transfer.receiverRcvbufAfter)
                                   .arg(p.maxWindow)
                                   .arg(p.mbit, 0, 'f', 1);
    }
    if (bdpBytes > 0)
        result.findings << tr("The bandwidth-delay product is %1 Mbit/s x %2 ms = %3 KiB: windows below it cap the rate at window / RTT, larger ones only fill the bottleneck's queue.")
                               .arg(double(linkBits) / 1e6)
                               .arg(rttMs, 0, 'f', 1)
                               .arg(bdpBytes / 1024, 0, 'f', 0);
    result.notes << tr("The kernel doubles a requested SO_RCVBUF and advertises a share of it as the window; the window in the table is the largest the receiver's ACKs carried (capture). "
                       "Rates are measured after the first %1 ms of each transfer, leaving slow start out.")
                        .arg(quick ? 300 : 500);
    path->finish(result);
    return result;
}

} // namespace tcplab
