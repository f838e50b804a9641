#include "slowstartexperiment.h"

#include "experimentsupport.h"
#include "experimentwire.h"
#include "wire/capturering.h"
#include "wiretransfer.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace tcplab {

using namespace tcplab::wire;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

constexpr int kRounds = 8;
constexpr quint32 kInfiniteSsthresh = 0x7fffffff;

struct CcRun
{
    QString name;
    bool selectable = false;
    QString why;                 // why it could not run
    lab::WireTransferResult transfer;
    double rttMs = 0;            // the path's round trip, from the handshake in the capture
    QList<int> cwndPerRound;     // TCP_INFO, mid-round
    QList<int> segmentsPerRound; // new data segments sent in each round (capture)
    int initialCwnd = -1;
    int slowStartRounds = -1;    // rounds before the first loss
    double firstLossMs = -1;     // since the first data segment
    int cwndAtLoss = -1;
    int ssthreshAfter = -1;
    int retransmitted = 0;
    int queueDrops = 0;
    double mbit = 0;
    double cwndGrowth = 0;       // median ratio round over round, rounds 1..3
    double segmentGrowth = 0;
};

double medianRatio(const QList<int> &v, int upTo)
{
    QList<double> ratios;
    for (int k = 1; k < std::min<int>(int(v.size()), upTo + 1); ++k) {
        if (v[k - 1] > 0)
            ratios << double(v[k]) / double(v[k - 1]);
    }
    return ratios.isEmpty() ? 0 : lab::percentile(ratios, 50);
}

void analyse(CcRun &run, const QList<CapturedPacket> &captured)
{
    const lab::WireTransferResult &t = run.transfer;
    const QList<lab::FlowPacket> flow = lab::connectionPackets(captured, t.clientPort);
    qint64 synAckNs = 0;
    qint64 handshakeAckNs = 0;
    qint64 firstDataNs = 0;
    for (const lab::FlowPacket &p : flow) {
        const DecodedPacket &d = p.decoded;
        if (p.fromServer() && d.has(tcpflag::Syn) && d.has(tcpflag::Ack) && !synAckNs)
            synAckNs = p.packet.sentNs;
        else if (!p.fromServer() && synAckNs && !handshakeAckNs && d.has(tcpflag::Ack) && p.packet.deliveredNs > 0)
            handshakeAckNs = p.packet.deliveredNs;
        if (p.fromServer() && d.payloadLength > 0 && !firstDataNs)
            firstDataNs = p.packet.sentNs;
    }
    if (!synAckNs || !handshakeAckNs || !firstDataNs)
        return;
    const qint64 rttNs = handshakeAckNs - synAckNs;
    run.rttMs = double(rttNs) / 1e6;
    for (int k = 0; k < kRounds; ++k) {
        int segments = 0;
        for (const lab::FlowPacket &p : flow) {
            if (!p.fromServer() || p.decoded.payloadLength == 0 || p.annotation.retransmission)
                continue;
            const qint64 at = p.packet.sentNs - firstDataNs;
            if (at >= k * rttNs && at < (k + 1) * rttNs)
                segments += 1;
        }
        run.segmentsPerRound << segments;
        // The window the sender had in the middle of round k, once round k-1's ACKs were in.
        const qint64 mid = firstDataNs + qint64((k + 0.5) * double(rttNs));
        int cwnd = -1;
        for (const lab::SenderSample &s : t.samples) {
            if (s.timeNs > mid)
                break;
            cwnd = int(s.info.sndCwnd);
        }
        run.cwndPerRound << cwnd;
    }
    for (const lab::SenderSample &s : t.samples) {
        if (s.timeNs >= firstDataNs) {
            run.initialCwnd = int(s.info.sndCwnd);
            break;
        }
    }
    for (const lab::FlowPacket &p : flow) {
        if (!p.fromServer() || p.decoded.payloadLength == 0)
            continue;
        if (p.annotation.retransmission)
            ++run.retransmitted;
        if (p.packet.fate == PacketFate::DroppedQueue)
            ++run.queueDrops;
        if (run.firstLossMs < 0 && p.annotation.dropped)
            run.firstLossMs = double(p.packet.sentNs - firstDataNs) / 1e6;
    }
    if (run.firstLossMs >= 0) {
        run.slowStartRounds = int(run.firstLossMs / run.rttMs);
        const qint64 lossNs = firstDataNs + qint64(run.firstLossMs * 1e6);
        // The window when the loss left the sender is the largest before the sender noticed.
        for (const lab::SenderSample &s : t.samples) {
            if (s.timeNs <= lossNs + rttNs / 2)
                run.cwndAtLoss = std::max(run.cwndAtLoss, int(s.info.sndCwnd));
            if (s.info.sndSsthresh > 0 && s.info.sndSsthresh < kInfiniteSsthresh && run.ssthreshAfter < 0)
                run.ssthreshAfter = int(s.info.sndSsthresh);
        }
    }
    run.mbit = t.receiveBitsPerSecond() / 1e6;
    // The doubling, over the rounds slow start certainly had (before any loss).
    const int clean = run.slowStartRounds >= 0 ? std::min(3, run.slowStartRounds - 1) : 3;
    run.cwndGrowth = medianRatio(run.cwndPerRound, clean);
    run.segmentGrowth = medianRatio(run.segmentsPerRound, clean);
}

struct IdleRun
{
    int setting = 0;
    lab::WireTransferResult transfer;
};

} // namespace

QString SlowStartExperiment::title() const
{
    return tr("Slow start and congestion control");
}

QString SlowStartExperiment::explanation() const
{
    return tr("A bulk transfer from the server across the wire (default %1): the sender's congestion window per round trip (TCP_INFO) and the segments it sends per round trip (capture), "
              "for each congestion control you may select; then a pause mid-transfer with net.ipv4.tcp_slow_start_after_idle 1 and 0.\n"
              "Look for the initial window of 10 segments doubling each round until the bottleneck's queue overflows, and for the window after the pause.")
        .arg(defaultWire());
}

ExperimentResult SlowStartExperiment::run(const ExperimentContext &context)
{
    ExperimentResult result = newResult();
    std::unique_ptr<ExperimentWire> path = startWire(context, defaultWire(), result);
    if (!path)
        return result;
    Wire *wire = &path->wire();
    const WireSpec &spec = path->spec();
    const QStringList allowed = lab::allowedCongestionControls(*wire);
    const QStringList candidates = quick ? QStringList{QStringLiteral("reno")} : QStringList{QStringLiteral("reno"), QStringLiteral("cubic"), QStringLiteral("bbr")};
    const qint64 bulkBytes = quick ? 1200000 : 4000000;
    const int bulkMs = quick ? 1500 : 2500;

    CaptureRing &ring = path->ring();
    QList<CcRun> runs;
    const int steps = int(candidates.size()) + 2;
    int step = 0;
    for (const QString &cc : candidates) {
        context.progress(5 + 90 * step++ / steps, tr("bulk transfer with %1").arg(cc));
        CcRun run;
        run.name = cc;
        lab::WireTransferOptions options;
        options.bytes = bulkBytes;
        options.durationMs = bulkMs;
        options.congestion = cc.toLatin1();
        const quint64 from = ring.written();
        run.transfer = lab::runWireTransfer(*wire, options, context);
        if (context.cancelled())
            return cancelledResult();
        if (!run.transfer.ok()) {
            run.why = allowed.contains(cc) ? run.transfer.error : tr("not in net.ipv4.tcp_allowed_congestion_control (%1)").arg(allowed.join(QLatin1Char(' ')));
            runs << run;
            continue;
        }
        run.selectable = true;
        QList<CapturedPacket> captured;
        ring.readFrom(from, &captured);
        analyse(run, captured);
        runs << run;
    }
    if (runs.isEmpty() || !runs.first().selectable)
        return failedResult(tr("reno: %1").arg(runs.isEmpty() ? QString() : runs.first().why));

    // A pause longer than a few RTOs with everything acknowledged, with the restart rule on and off.
    QList<IdleRun> idle;
    for (int setting : {1, 0}) {
        context.progress(5 + 90 * step++ / steps, tr("pause mid-transfer, tcp_slow_start_after_idle=%1").arg(setting));
        if (Error e = wire->setSideSysctl(Side::Server, QStringLiteral("net.ipv4.tcp_slow_start_after_idle"), QString::number(setting)))
            return failedResult(e.text());
        IdleRun run;
        run.setting = setting;
        lab::WireTransferOptions options;
        // reno: a congestion control with its own cong_control (bbr) skips the kernel's restart rule.
        options.congestion = QByteArrayLiteral("reno");
        options.pauseAfterBytes = quick ? 700000 : 1000000;
        options.pauseMs = quick ? 1200 : 1500;
        options.bytes = options.pauseAfterBytes + 300000;
        options.durationMs = options.pauseMs + 4000;
        run.transfer = lab::runWireTransfer(*wire, options, context);
        if (context.cancelled())
            return cancelledResult();
        if (!run.transfer.ok() || !run.transfer.paused)
            return failedResult(tr("the pause with tcp_slow_start_after_idle=%1: %2").arg(setting).arg(run.transfer.ok() ? tr("the transfer ended before the pause") : run.transfer.error));
        idle << run;
    }
    const quint64 overwritten = ring.overwritten();
    const QList<CapturedPacket> packets = ring.snapshot();

    // Tables, chart, metrics.
    ResultTable rounds;
    rounds.title = tr("Per round trip: the sender's cwnd (TCP_INFO, mid-round) and the new data segments it sent (capture)");
    rounds.columns = QStringList{tr("congestion control"), tr("round"), tr("cwnd (segments)"), tr("segments sent")};
    ResultTable controls;
    controls.title = tr("Congestion controls side by side");
    controls.columns = QStringList{tr("congestion control"), tr("ran"), tr("path RTT ms"), tr("initial cwnd"), tr("rounds before the first loss"),
                                   tr("first loss ms"), tr("cwnd at the first loss"), tr("ssthresh after"), tr("retransmitted"), tr("queue drops"), tr("Mbit/s")};
    result.chart.kind = ChartKind::Line;
    result.chart.title = tr("Congestion window of the sender over time");
    result.chart.xLabel = tr("ms since the first data segment");
    result.chart.yLabel = tr("cwnd (segments)");
    QVariantList series;
    for (const QString &cc : {QStringLiteral("reno"), QStringLiteral("cubic"), QStringLiteral("bbr")}) {
        const auto it = std::find_if(runs.cbegin(), runs.cend(), [&cc](const CcRun &r) { return r.name == cc; });
        const QString key = cc;
        const bool ran = it != runs.cend() && it->selectable;
        QVariantList cwnd;
        QVariantList segments;
        if (ran) {
            for (int k = 0; k < int(it->cwndPerRound.size()); ++k) {
                rounds.addRow({cc, k, it->cwndPerRound[k], it->segmentsPerRound[k]});
                cwnd << it->cwndPerRound[k];
                segments << it->segmentsPerRound[k];
            }
            ChartSeries line{cc, {}, {}};
            const qint64 t0 = it->transfer.samples.isEmpty() ? 0 : it->transfer.samples.first().timeNs;
            qint64 nextMs = 0;
            for (const lab::SenderSample &s : it->transfer.samples) {
                const qint64 ms = (s.timeNs - t0) / 1000000;
                if (ms < nextMs)
                    continue;
                line.xs << double(ms);
                line.values << double(s.info.sndCwnd);
                nextMs = ms + 10;
            }
            result.chart.series << line;
        }
        controls.addRow({cc, ran ? tr("yes") : (it == runs.cend() ? tr("not tried (quick run)") : it->why), ran ? it->rttMs : QVariant(), ran ? it->initialCwnd : QVariant(),
                         ran ? it->slowStartRounds : QVariant(), ran ? it->firstLossMs : QVariant(), ran ? it->cwndAtLoss : QVariant(),
                         ran ? it->ssthreshAfter : QVariant(), ran ? it->retransmitted : QVariant(), ran ? it->queueDrops : QVariant(),
                         ran ? it->mbit : QVariant()});
        result.metrics[key + QLatin1String("_ran")] = ran;
        result.metrics[key + QLatin1String("_initial_cwnd")] = ran ? it->initialCwnd : -1;
        result.metrics[key + QLatin1String("_cwnd_growth")] = ran ? it->cwndGrowth : -1.0;
        result.metrics[key + QLatin1String("_segment_growth")] = ran ? it->segmentGrowth : -1.0;
        result.metrics[key + QLatin1String("_slow_start_rounds")] = ran ? it->slowStartRounds : -1;
        result.metrics[key + QLatin1String("_first_loss_ms")] = ran ? it->firstLossMs : -1.0;
        result.metrics[key + QLatin1String("_cwnd_at_loss")] = ran ? it->cwndAtLoss : -1;
        result.metrics[key + QLatin1String("_ssthresh_after")] = ran ? it->ssthreshAfter : -1;
        result.metrics[key + QLatin1String("_retransmitted")] = ran ? it->retransmitted : -1;
        result.metrics[key + QLatin1String("_mbit")] = ran ? it->mbit : -1.0;
        series << QVariantMap{{"congestion_control", cc}, {"ran", ran}, {"cwnd_per_round", cwnd}, {"segments_per_round", segments}};
    }
    result.tables << controls << rounds;

    ResultTable idleTable;
    idleTable.title = tr("reno, a %1 ms pause with everything acknowledged").arg(quick ? 1200 : 1500);
    idleTable.columns = QStringList{tr("tcp_slow_start_after_idle"), tr("cwnd before the pause"), tr("cwnd after it"), tr("RTO before ms"), tr("ssthresh after")};
    for (const IdleRun &r : std::as_const(idle)) {
        const QString prefix = r.setting ? QStringLiteral("idle_on_") : QStringLiteral("idle_off_");
        idleTable.addRow({r.setting, r.transfer.beforePause.sndCwnd, r.transfer.afterPause.sndCwnd, r.transfer.beforePause.rtoUs / 1000.0,
                          r.transfer.afterPause.sndSsthresh});
        result.metrics[prefix + QLatin1String("cwnd_before")] = r.transfer.beforePause.sndCwnd;
        result.metrics[prefix + QLatin1String("cwnd_after")] = r.transfer.afterPause.sndCwnd;
        result.metrics[prefix + QLatin1String("rto_ms")] = r.transfer.beforePause.rtoUs / 1000.0;
    }
    result.tables << idleTable;
    result.metrics[QStringLiteral("wire")] = spec.toString();
    result.metrics[QStringLiteral("allowed_congestion_controls")] = allowed.join(QLatin1Char(' '));
    result.metrics[QStringLiteral("series")] = series;
    result.metrics[QStringLiteral("captured_packets")] = qlonglong(packets.size());
    result.metrics[QStringLiteral("capture_overwritten")] = qlonglong(overwritten);

    // Findings from this run's numbers.
    for (const CcRun &r : std::as_const(runs)) {
        if (!r.selectable) {
            result.findings << tr("%1 could not be selected: %2.").arg(r.name, r.why);
            continue;
        }
        QStringList firstRounds;
        for (int k = 0; k < std::min<int>(5, int(r.cwndPerRound.size())); ++k)
            firstRounds << QStringLiteral("%1/%2").arg(r.cwndPerRound[k]).arg(r.segmentsPerRound[k]);
        QString loss = r.firstLossMs >= 0 ? tr("the first loss (%1 queue drops in all) came %2 ms after the first data segment, in round %3, with cwnd %4; ssthresh became %5")
                                                .arg(r.queueDrops)
                                                .arg(r.firstLossMs, 0, 'f', 0)
                                                .arg(r.slowStartRounds)
                                                .arg(r.cwndAtLoss)
                                                .arg(r.ssthreshAfter)
                                          : tr("no segment was lost");
        result.findings << tr("%1 over a %2 ms round trip: cwnd/segments sent in rounds 0-4 were %3 (x%4 per round by cwnd, x%5 by the capture); %6; %7 Mbit/s.")
                               .arg(r.name)
                               .arg(r.rttMs, 0, 'f', 1)
                               .arg(firstRounds.join(QStringLiteral(", ")))
                               .arg(r.cwndGrowth, 0, 'f', 2)
                               .arg(r.segmentGrowth, 0, 'f', 2)
                               .arg(loss)
                               .arg(r.mbit, 0, 'f', 1);
    }
    for (const IdleRun &r : std::as_const(idle)) {
        const TcpInfoSnapshot &b = r.transfer.beforePause;
        const TcpInfoSnapshot &a = r.transfer.afterPause;
        result.findings << tr("tcp_slow_start_after_idle=%1: cwnd %2 before the pause (RTO %3 ms), %4 right after it (%5).")
                               .arg(r.setting)
                               .arg(b.sndCwnd)
                               .arg(b.rtoUs / 1000.0, 0, 'f', 0)
                               .arg(a.sndCwnd)
                               .arg(a.sndCwnd * 2 <= b.sndCwnd ? tr("slow start begins again") : tr("the window was kept"));
    }
    result.notes << tr("Rounds are cut at multiples of the path's round trip from the first data segment; cwnd is the sender's TCP_INFO in the middle of each round, segments are the new data segments the relay took from the sender in it.");
    result.notes << tr("Linux grows cwnd by the segments each ACK acknowledges (RFC 3465), so delayed ACKs do not slow the doubling; after an idle period longer than the RTO it halves cwnd once per RTO idle, down to the initial window (RFC 2861 / tcp_cwnd_restart).");
    path->finish(result);
    return result;
}

} // namespace tcplab
