#include "retransmitexperiment.h"

#include "experimentsupport.h"
#include "experimentwire.h"
#include "wire/capturering.h"
#include "wiretransfer.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

namespace tcplab {

using namespace tcplab::wire;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Experiment", text); }

constexpr int kDroppedSegment = 30; // early in slow start, before the queue can overflow

struct CutRun
{
    lab::WireTransferResult transfer;
    qint64 cutNs = 0;
    qint64 restoredNs = 0;
    QList<double> retransmitMs;   // the head segment's retransmissions, ms after the cut
    QList<double> gapsMs;         // between consecutive ones
    QList<QPair<int, double>> rto; // TCP_INFO during the cut: (retransmits, rto ms) as they changed
    double resumedAfterRestoreMs = -1; // first new data delivered after the link came back
    qint64 bytesAfterRestore = 0;
};

struct FastRun
{
    lab::WireTransferResult transfer;
    bool dropSeen = false;
    double dropMs = 0;            // the targeted drop, ms after the first data segment
    int dupAcks = 0;              // ACKs of the hole, with SACK, before the retransmission
    int sackDupAcks = 0;
    double retransmitAfterMs = -1; // the retransmission, ms after the original left
    double rtoMs = 0;             // the sender's RTO then (TCP_INFO)
};

struct LossRun
{
    QString congestion;
    double lossPercent = 0;
    lab::WireTransferResult transfer;
    double mbit = 0;
    int retransmitted = 0;
    double modelMbit = 0;         // Mathis et al.: MSS / RTT x sqrt(3/2) / sqrt(p)
};

WireSpec withCut(WireSpec s)
{
    s.c2s.cut = true;
    s.s2c.cut = true;
    return s;
}

void analyseCut(CutRun &run, const QList<CapturedPacket> &captured)
{
    const QList<lab::FlowPacket> flow = lab::connectionPackets(captured, run.transfer.clientPort);
    // The RTO retransmits the oldest unacknowledged segment again and again; a tail loss probe
    // (once, the newest) is not part of the series. So: the sequence retransmitted most often.
    QHash<quint32, int> counts;
    for (const lab::FlowPacket &p : flow) {
        if (p.fromServer() && p.decoded.payloadLength > 0 && p.annotation.retransmission && p.packet.sentNs >= run.cutNs)
            counts[p.annotation.relativeSeq] += 1;
    }
    quint32 head = 0;
    int most = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > most || (it.value() == most && it.key() < head)) {
            most = it.value();
            head = it.key();
        }
    }
    for (const lab::FlowPacket &p : flow) {
        if (most > 0 && p.fromServer() && p.decoded.payloadLength > 0 && p.annotation.retransmission && p.packet.sentNs >= run.cutNs
            && p.annotation.relativeSeq == head)
            run.retransmitMs << double(p.packet.sentNs - run.cutNs) / 1e6;
        if (p.fromServer() && p.decoded.payloadLength > 0 && run.restoredNs && p.packet.deliveredNs >= run.restoredNs) {
            if (run.resumedAfterRestoreMs < 0)
                run.resumedAfterRestoreMs = double(p.packet.deliveredNs - run.restoredNs) / 1e6;
            run.bytesAfterRestore += p.decoded.payloadLength;
        }
    }
    for (qsizetype i = 1; i < run.retransmitMs.size(); ++i)
        run.gapsMs << run.retransmitMs[i] - run.retransmitMs[i - 1];
    int lastRetransmits = -1;
    for (const lab::SenderSample &s : run.transfer.samples) {
        if (s.timeNs < run.cutNs || (run.restoredNs && s.timeNs > run.restoredNs))
            continue;
        if (int(s.info.retransmits) != lastRetransmits && s.info.retransmits > 0) {
            lastRetransmits = int(s.info.retransmits);
            run.rto << QPair<int, double>(lastRetransmits, s.info.rtoUs / 1000.0);
        }
    }
}

void analyseFast(FastRun &run, const QList<CapturedPacket> &captured)
{
    const QList<lab::FlowPacket> flow = lab::connectionPackets(captured, run.transfer.clientPort);
    qint64 firstDataNs = 0;
    qint64 dropNs = 0;
    quint32 hole = 0;
    for (const lab::FlowPacket &p : flow) {
        if (!p.fromServer() || p.decoded.payloadLength == 0)
            continue;
        if (!firstDataNs)
            firstDataNs = p.packet.sentNs;
        if (p.packet.fate == PacketFate::DroppedTargeted) {
            dropNs = p.packet.sentNs;
            hole = p.annotation.relativeSeq;
            break;
        }
    }
    if (!dropNs)
        return;
    run.dropSeen = true;
    run.dropMs = double(dropNs - firstDataNs) / 1e6;
    for (const lab::FlowPacket &p : flow) {
        if (p.packet.sentNs <= dropNs)
            continue;
        if (!p.fromServer() && p.decoded.isPureAck() && p.annotation.relativeAck == hole) {
            run.dupAcks += 1;
            if (p.decoded.options.sackBlockCount > 0)
                run.sackDupAcks += 1;
        } else if (p.fromServer() && p.decoded.payloadLength > 0 && p.annotation.relativeSeq == hole && p.annotation.retransmission) {
            run.retransmitAfterMs = double(p.packet.sentNs - dropNs) / 1e6;
            for (const lab::SenderSample &s : run.transfer.samples) {
                if (s.timeNs > p.packet.sentNs)
                    break;
                run.rtoMs = s.info.rtoUs / 1000.0;
            }
            break;
        }
    }
    // The ACK that acknowledged everything up to the hole is no duplicate: the first one is new.
    if (run.dupAcks > 0 && run.sackDupAcks < run.dupAcks)
        run.dupAcks -= 1;
}

// The kernel's time for tcp_retries2 retransmissions (tcp_model_timeout): the RTO doubling from
// TCP_RTO_MIN (200 ms) up to the RTO ceiling, then at the ceiling.
double retries2Seconds(int retries2, double rtoMaxMs)
{
    const double base = 200.0;
    const int linear = int(std::floor(std::log2(rtoMaxMs / base)));
    double ms;
    if (retries2 <= linear)
        ms = (std::pow(2.0, retries2 + 1) - 1) * base;
    else
        ms = (std::pow(2.0, linear + 1) - 1) * base + (retries2 - linear) * rtoMaxMs;
    return ms / 1000.0;
}

} // namespace

QString RetransmitExperiment::title() const
{
    return tr("Retransmission: RTO back-off, user timeout, fast retransmit");
}

QString RetransmitExperiment::explanation() const
{
    return tr("Across the wire (default %1) a bulk transfer from the server: the wire is cut mid-transfer and restored, then cut for good with TCP_USER_TIMEOUT set, "
              "then one segment is dropped, then a few random loss rates.\n"
              "Look for the retransmissions of the oldest segment doubling their spacing, ETIMEDOUT after the user timeout, a fast retransmit after SACKed duplicate ACKs long before the RTO, and throughput falling with loss.")
        .arg(defaultWire());
}

ExperimentResult RetransmitExperiment::run(const ExperimentContext &context)
{
    ExperimentResult result = newResult();
    std::unique_ptr<ExperimentWire> path = startWire(context, defaultWire(), result);
    if (!path)
        return result;
    Wire *wire = &path->wire();
    CaptureRing &ring = path->ring();
    const WireSpec base = path->spec();

    // 1. Cut mid-transfer, then restore.
    context.progress(5, tr("cutting the wire mid-transfer"));
    const int cutAtMs = 400;
    const int cutMs = quick ? 1900 : 3000;
    CutRun cut;
    {
        lab::WireTransferOptions options;
        options.durationMs = cutAtMs + cutMs + 2500;
        options.graceMs = 2000;
        bool restored = false;
        qint64 receivedAtRestore = 0;
        qint64 resumedAtMs = -1;
        options.onTick = [&](qint64 received, qint64 elapsedMs) {
            if (!cut.cutNs && elapsedMs >= cutAtMs) {
                path->setSpec(withCut(base));
                cut.cutNs = lab::realtimeNs();
            } else if (cut.cutNs && !restored && elapsedMs >= cutAtMs + cutMs) {
                path->setSpec(base);
                cut.restoredNs = lab::realtimeNs();
                receivedAtRestore = received;
                restored = true;
            } else if (restored && resumedAtMs < 0 && received > receivedAtRestore) {
                resumedAtMs = elapsedMs;
            }
            // A few round trips of the resumed transfer are enough to see it flow again.
            return resumedAtMs < 0 || elapsedMs < resumedAtMs + 300;
        };
        const quint64 from = ring.written();
        cut.transfer = lab::runWireTransfer(*wire, options, context);
        path->setSpec(base);
        if (context.cancelled())
            return cancelledResult();
        if (!cut.transfer.ok())
            return failedResult(cut.transfer.error);
        QList<CapturedPacket> captured;
        ring.readFrom(from, &captured);
        analyseCut(cut, captured);
    }

    // 2. TCP_USER_TIMEOUT: cut for good; the sender's error says when it gave up.
    context.progress(35, tr("cut for good with TCP_USER_TIMEOUT"));
    const int userTimeoutMs = quick ? 1000 : 1500;
    lab::WireTransferResult timedOut;
    qint64 permanentCutNs = 0;
    {
        lab::WireTransferOptions options;
        options.userTimeoutMs = userTimeoutMs;
        options.durationMs = cutAtMs + userTimeoutMs + 3000;
        options.graceMs = 500;
        options.onTick = [&](qint64, qint64 elapsedMs) {
            if (!permanentCutNs && elapsedMs >= cutAtMs) {
                path->setSpec(withCut(base));
                permanentCutNs = lab::realtimeNs();
            }
            return true;
        };
        timedOut = lab::runWireTransfer(*wire, options, context);
        path->setSpec(base);
        if (context.cancelled())
            return cancelledResult();
        if (!timedOut.ok())
            return failedResult(timedOut.error);
    }
    const double gaveUpAfterMs = timedOut.sendErrno && permanentCutNs ? double(timedOut.sendErrorNs - permanentCutNs) / 1e6 : -1;
    const int retries2 = wire->sideSysctl(Side::Server, QStringLiteral("net.ipv4.tcp_retries2")).value().trimmed().toInt();
    Result<QString> rtoMaxText = wire->sideSysctl(Side::Server, QStringLiteral("net.ipv4.tcp_rto_max_ms"));
    const double rtoMaxMs = rtoMaxText && rtoMaxText.value().trimmed().toDouble() > 0 ? rtoMaxText.value().trimmed().toDouble() : 120000.0;
    const double defaultGiveUpS = retries2Seconds(retries2, rtoMaxMs);

    // 3. One segment lost: duplicate ACKs with SACK, a fast retransmit.
    context.progress(55, tr("one segment dropped: fast retransmit"));
    FastRun fast;
    {
        WireSpec dropping = base;
        dropping.drops << TargetedDrop{Direction::ServerToClient, DropMatch::Data, kDroppedSegment, 1};
        path->setSpec(dropping);
        lab::WireTransferOptions options;
        options.bytes = 400000;
        options.durationMs = 3000;
        const quint64 from = ring.written();
        fast.transfer = lab::runWireTransfer(*wire, options, context);
        path->setSpec(base);
        if (context.cancelled())
            return cancelledResult();
        if (!fast.transfer.ok())
            return failedResult(fast.transfer.error);
        QList<CapturedPacket> captured;
        ring.readFrom(from, &captured);
        analyseFast(fast, captured);
    }

    // 4. Throughput against random loss.
    // reno, which backs off on every loss (bbr, this kernel's usual default, models the path instead
    // and hardly slows down at these loss rates: one extra run at the highest shows it).
    QList<QPair<QString, double>> lossPlan;
    for (double p : quick ? QList<double>{0.0, 5.0} : QList<double>{0.0, 0.5, 5.0})
        lossPlan << QPair<QString, double>(QStringLiteral("reno"), p);
    const QStringList allowed = lab::allowedCongestionControls(*wire);
    if (!quick && allowed.contains(QLatin1String("bbr")))
        lossPlan << QPair<QString, double>(QStringLiteral("bbr"), lossPlan.last().second);
    const int lossMs = quick ? 800 : 1300;
    QList<LossRun> losses;
    for (const auto &[congestion, p] : std::as_const(lossPlan)) {
        context.progress(65 + 30 * int(losses.size()) / int(lossPlan.size()), tr("%1, loss %2%").arg(congestion).arg(p));
        WireSpec lossy = base;
        lossy.s2c.lossPercent = p;
        path->setSpec(lossy);
        LossRun run;
        run.lossPercent = p;
        run.congestion = congestion;
        lab::WireTransferOptions options;
        options.congestion = congestion.toLatin1();
        options.durationMs = lossMs;
        options.onTick = [lossMs](qint64, qint64 elapsedMs) { return elapsedMs < lossMs; };
        run.transfer = lab::runWireTransfer(*wire, options, context);
        if (context.cancelled())
            return cancelledResult();
        if (!run.transfer.ok())
            return failedResult(run.transfer.error);
        run.mbit = run.transfer.receiveBitsPerSecond() / 1e6;
        if (!run.transfer.samples.isEmpty()) {
            const TcpInfoSnapshot &last = run.transfer.samples.last().info;
            run.retransmitted = int(last.totalRetrans);
            if (p > 0 && last.rttUs > 0)
                run.modelMbit = double(last.sndMss) * 8 / (last.rttUs / 1e6) * std::sqrt(1.5) / std::sqrt(p / 100) / 1e6;
        }
        losses << run;
    }
    path->setSpec(base);
    const quint64 overwritten = ring.overwritten();
    const QList<CapturedPacket> packets = ring.snapshot();

    // The cut.
    ResultTable cutTable;
    cutTable.title = tr("Wire cut %1 ms into the transfer for %2 ms: the oldest segment's retransmissions (capture)").arg(cutAtMs).arg(cutMs);
    cutTable.columns = QStringList{tr("retransmission"), tr("ms after the cut"), tr("gap ms"), tr("gap / previous gap"), tr("delivered")};
    QVariantList gapRatios;
    for (qsizetype i = 0; i < cut.retransmitMs.size(); ++i) {
        const double gap = i > 0 ? cut.gapsMs[i - 1] : 0;
        const double ratio = i > 1 && cut.gapsMs[i - 2] > 0 ? gap / cut.gapsMs[i - 2] : 0;
        if (i > 1)
            gapRatios << ratio;
        const bool delivered = cut.restoredNs && cut.cutNs + qint64(cut.retransmitMs[i] * 1e6) >= cut.restoredNs;
        cutTable.addRow({int(i + 1), cut.retransmitMs[i], i > 0 ? QVariant(gap) : QVariant(), i > 1 ? QVariant(ratio) : QVariant(), delivered ? tr("yes") : tr("no (cut)")});
    }
    ResultTable rtoTable;
    rtoTable.title = tr("The sender's TCP_INFO during the cut");
    rtoTable.columns = QStringList{tr("retransmits (tcpi_retransmits)"), tr("rto ms (tcpi_rto)")};
    QVariantList rtoSeries;
    for (const auto &r : std::as_const(cut.rto)) {
        rtoTable.addRow({r.first, r.second});
        rtoSeries << QVariantMap{{"retransmits", r.first}, {"rto_ms", r.second}};
    }
    ResultTable fastTable;
    fastTable.title = tr("Segment %1 dropped once: how the sender recovered (capture)").arg(kDroppedSegment);
    fastTable.columns = QStringList{tr("dropped at ms"), tr("duplicate ACKs"), tr("with SACK"), tr("retransmitted after ms"), tr("RTO then ms"), tr("kind")};
    const bool fastRetransmit = fast.retransmitAfterMs >= 0 && fast.rtoMs > 0 && fast.retransmitAfterMs < fast.rtoMs && fast.dupAcks > 0;
    fastTable.addRow({fast.dropMs, fast.dupAcks, fast.sackDupAcks, fast.retransmitAfterMs, fast.rtoMs, fastRetransmit ? tr("fast retransmit") : tr("timeout")});
    ResultTable lossTable;
    lossTable.title = tr("Throughput against random loss (server to client, %1 ms each)").arg(lossMs);
    lossTable.columns = QStringList{tr("congestion control"), tr("loss %"), tr("Mbit/s"), tr("retransmitted segments"), tr("Mathis model Mbit/s")};
    ChartSeries measured{tr("measured Mbit/s"), {}, {}};
    ChartSeries model{tr("model MSS/RTT x 1.22/sqrt(p), Mbit/s"), {}, {}};
    QVariantList lossSeries;
    for (const LossRun &r : std::as_const(losses)) {
        lossTable.addRow({r.congestion, r.lossPercent, r.mbit, r.retransmitted, r.lossPercent > 0 ? QVariant(r.modelMbit) : QVariant()});
        result.chart.categories << tr("%1 %2%").arg(r.congestion).arg(r.lossPercent);
        measured.values << r.mbit;
        model.values << (r.lossPercent > 0 ? r.modelMbit : 0.0);
        lossSeries << QVariantMap{{"congestion_control", r.congestion}, {"loss_percent", r.lossPercent}, {"mbit", r.mbit}, {"retransmitted", r.retransmitted}, {"model_mbit", r.modelMbit}};
    }
    result.tables << cutTable << rtoTable << fastTable << lossTable;
    result.chart.kind = ChartKind::Bar;
    result.chart.title = tr("Bulk transfer throughput against random loss");
    result.chart.xLabel = tr("loss, server to client");
    result.chart.yLabel = tr("Mbit/s");
    result.chart.series << measured << model;

    QVariantList retransmitMs;
    QVariantList gaps;
    for (double v : std::as_const(cut.retransmitMs))
        retransmitMs << v;
    for (double v : std::as_const(cut.gapsMs))
        gaps << v;
    const double medianRatio = [&] {
        QList<double> v;
        for (const QVariant &r : std::as_const(gapRatios))
            v << r.toDouble();
        return v.isEmpty() ? 0.0 : lab::percentile(v, 50);
    }();
    result.metrics = QVariantMap{
        {"wire", base.toString()},
        {"cut_at_ms", cutAtMs},
        {"cut_ms", cutMs},
        {"cut_retransmit_ms", retransmitMs},
        {"cut_gaps_ms", gaps},
        {"cut_gap_ratios", gapRatios},
        {"cut_gap_ratio_median", medianRatio},
        {"cut_rto_series", rtoSeries},
        {"cut_resumed_after_restore_ms", cut.resumedAfterRestoreMs},
        {"cut_bytes_after_restore", cut.bytesAfterRestore},
        {"user_timeout_ms", userTimeoutMs},
        {"user_timeout_errno", timedOut.sendErrno},
        {"user_timeout_error", timedOut.sendErrno ? QString::fromLocal8Bit(std::strerror(timedOut.sendErrno)) : QString()},
        {"user_timeout_gave_up_after_ms", gaveUpAfterMs},
        {"tcp_retries2", retries2},
        {"tcp_rto_max_ms", rtoMaxMs},
        {"default_give_up_s", defaultGiveUpS},
        {"fast_drop_seen", fast.dropSeen},
        {"fast_dup_acks", fast.dupAcks},
        {"fast_sack_dup_acks", fast.sackDupAcks},
        {"fast_retransmit_after_ms", fast.retransmitAfterMs},
        {"fast_rto_ms", fast.rtoMs},
        {"fast_retransmit", fastRetransmit},
        {"loss_series", lossSeries},
        {"captured_packets", qlonglong(packets.size())},
        {"capture_overwritten", qlonglong(overwritten)},
    };

    QStringList gapText;
    for (double g : std::as_const(cut.gapsMs))
        gapText << QString::number(g, 'f', 0);
    result.findings << tr("With the wire cut, the oldest segment was retransmitted %1 times, %2 ms after the cut first, then at gaps of %3 ms (each gap %4 x the one before, median); TCP_INFO's rto went %5.")
                           .arg(cut.retransmitMs.size())
                           .arg(cut.retransmitMs.isEmpty() ? 0.0 : cut.retransmitMs.first(), 0, 'f', 0)
                           .arg(gapText.isEmpty() ? tr("none") : gapText.join(QStringLiteral(", ")))
                           .arg(medianRatio, 0, 'f', 2)
                           .arg([&] {
                               QStringList s;
                               for (const auto &r : std::as_const(cut.rto))
                                   s << QString::number(r.second, 'f', 0);
                               return s.isEmpty() ? tr("unseen") : s.join(QStringLiteral(" -> ")) + tr(" ms");
                           }());
    result.findings << (cut.resumedAfterRestoreMs >= 0
                            ? tr("The link came back after %1 ms; data flowed again %2 ms later (at the next retransmission), %3 bytes after it.")
                                  .arg(cutMs)
                                  .arg(cut.resumedAfterRestoreMs, 0, 'f', 0)
                                  .arg(cut.bytesAfterRestore)
                            : tr("The link came back after %1 ms, but no data crossed it before the transfer's bound.").arg(cutMs));
    result.findings << (timedOut.sendErrno
                            ? tr("With TCP_USER_TIMEOUT = %1 ms the sender gave up %2 ms after the cut with %3; without it, tcp_retries2 = %4 would allow %5 s (%6 min) of retransmissions.")
                                  .arg(userTimeoutMs)
                                  .arg(gaveUpAfterMs, 0, 'f', 0)
                                  .arg(QString::fromLocal8Bit(std::strerror(timedOut.sendErrno)))
                                  .arg(retries2)
                                  .arg(defaultGiveUpS, 0, 'f', 1)
                                  .arg(defaultGiveUpS / 60, 0, 'f', 1)
                            : tr("With TCP_USER_TIMEOUT = %1 ms the sender had not given up by the end of the run.").arg(userTimeoutMs));
    result.findings << (fast.dropSeen
                            ? tr("Segment %1 dropped once: %2 duplicate ACKs (%3 with SACK) came back, and the sender retransmitted it %4 ms after the original left, with an RTO of %5 ms: %6.")
                                  .arg(kDroppedSegment)
                                  .arg(fast.dupAcks)
                                  .arg(fast.sackDupAcks)
                                  .arg(fast.retransmitAfterMs, 0, 'f', 0)
                                  .arg(fast.rtoMs, 0, 'f', 0)
                                  .arg(fastRetransmit ? tr("a fast retransmit, before the timer") : tr("the timer, not the ACKs"))
                            : tr("The dropped segment was not seen in the capture."));
    QStringList lossText;
    for (const LossRun &r : std::as_const(losses))
        lossText << tr("%1 Mbit/s at %2% (%3)").arg(r.mbit, 0, 'f', 1).arg(r.lossPercent).arg(r.congestion);
    result.findings << tr("Throughput against loss: %1.").arg(lossText.join(QStringLiteral(", ")));
    result.notes << tr("Linux arms the RTO at srtt + 4 x rttvar (at least 200 ms) and doubles it on each timeout; a restored link is noticed only at the next retransmission.");
    result.notes << tr("The default give-up time is the kernel's model for tcp_retries2 (tcp_model_timeout): the RTO doubling from 200 ms up to tcp_rto_max_ms, then at that ceiling.");
    path->finish(result);
    return result;
}

} // namespace tcplab
