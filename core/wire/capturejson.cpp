#include "capturejson.h"

#include "packetdecoder.h"

#include <algorithm>

namespace tcplab::wire {

namespace {

QString endpointText(quint32 address, quint16 port)
{
    return ipv4Text(address) + QLatin1Char(':') + QString::number(port);
}

QJsonObject optionsJson(const TcpOptions &o)
{
    QJsonObject j;
    if (o.mss >= 0)
        j[QLatin1String("mss")] = o.mss;
    if (o.windowScale >= 0)
        j[QLatin1String("window_scale")] = o.windowScale;
    if (o.sackPermitted)
        j[QLatin1String("sack_permitted")] = true;
    if (o.sackBlockCount > 0) {
        QJsonArray blocks;
        for (int i = 0; i < o.sackBlockCount; ++i)
            blocks.append(QJsonArray{qint64(o.sackBlocks[size_t(i)].left), qint64(o.sackBlocks[size_t(i)].right)});
        j[QLatin1String("sack")] = blocks;
    }
    if (o.timestamps) {
        j[QLatin1String("ts_val")] = qint64(o.tsVal);
        j[QLatin1String("ts_ecr")] = qint64(o.tsEcr);
    }
    if (o.fastOpen) {
        j[QLatin1String("fastopen")] = o.fastOpenCookieRequest()
            ? QStringLiteral("cookie-request")
            : QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(o.fastOpenCookie.data()), o.fastOpenCookieLength).toHex());
        if (o.fastOpenExperimental)
            j[QLatin1String("fastopen_experimental")] = true;
    }
    if (o.unknownCount > 0) {
        QJsonArray kinds;
        for (int i = 0; i < qMin(o.unknownCount, TcpOptions::kMaxUnknown); ++i)
            kinds.append(o.unknownKinds[size_t(i)]);
        j[QLatin1String("unknown")] = kinds;
    }
    if (o.malformed)
        j[QLatin1String("malformed")] = true;
    if (o.truncated)
        j[QLatin1String("truncated")] = true;
    return j;
}

} // namespace

QStringList packetMarks(const PacketAnnotation &a)
{
    QStringList marks;
    if (a.dropped)
        marks << QStringLiteral("dropped");
    if (a.duplicate)
        marks << QStringLiteral("duplicate");
    if (a.reordered)
        marks << QStringLiteral("reordered");
    if (a.retransmission)
        marks << QStringLiteral("retransmission");
    if (a.keepAlive)
        marks << QStringLiteral("keep-alive");
    if (a.delayedAck)
        marks << QStringLiteral("delayed-ack");
    return marks;
}

QJsonObject packetJson(const CapturedPacket &p, const DecodedPacket &d, const PacketAnnotation &a, const QList<TargetedDrop> &dropRules)
{
    QJsonObject j{{"index", qint64(p.index)},
                  {"direction", directionName(p.direction)},
                  {"sent_ns", p.sentNs},
                  {"delivered_ns", p.deliveredNs >= 0 ? QJsonValue(p.deliveredNs) : QJsonValue()},
                  {"fate", packetFateName(p.fate)},
                  {"wire_length", p.wireLength}};
    if (p.fate == PacketFate::DroppedTargeted)
        j[QLatin1String("drop_rule")] = p.dropRule >= 0 && p.dropRule < dropRules.size() ? QStringLiteral("drop=") + dropRules[p.dropRule].toString()
                                                                                          : QString::number(p.dropRule);
    if (!d.isTcp()) {
        j[QLatin1String("error")] = d.error;
        return j;
    }
    j[QLatin1String("connection")] = qint64(a.connectionId);
    j[QLatin1String("src")] = endpointText(d.sourceAddress, d.sourcePort);
    j[QLatin1String("dst")] = endpointText(d.destinationAddress, d.destinationPort);
    j[QLatin1String("flags")] = tcpFlagsText(d.flags);
    j[QLatin1String("seq")] = qint64(d.seq);
    j[QLatin1String("ack")] = qint64(d.ack);
    j[QLatin1String("rel_seq")] = qint64(a.relativeSeq);
    if (d.has(tcpflag::Ack))
        j[QLatin1String("rel_ack")] = qint64(a.relativeAck);
    j[QLatin1String("window")] = qint64(a.window);
    j[QLatin1String("window_raw")] = d.window;
    j[QLatin1String("window_scaled")] = a.windowScaled;
    j[QLatin1String("len")] = d.payloadLength;
    const QJsonObject options = optionsJson(d.options);
    if (!options.isEmpty())
        j[QLatin1String("options")] = options;
    if (d.capturedPayloadLength > 0)
        j[QLatin1String("payload_hex")] = QString::fromLatin1(payloadPrefix(p, d).toHex());
    const QStringList marks = packetMarks(a);
    if (!marks.isEmpty())
        j[QLatin1String("marks")] = QJsonArray::fromStringList(marks);
    if (a.ackDelayNs >= 0)
        j[QLatin1String("ack_delay_us")] = double(a.ackDelayNs / 1000);
    return j;
}

QJsonArray captureJson(const QList<CapturedPacket> &packets, const QList<TargetedDrop> &dropRules)
{
    QList<const CapturedPacket *> ordered;
    ordered.reserve(packets.size());
    for (const CapturedPacket &p : packets)
        ordered << &p;
    std::stable_sort(ordered.begin(), ordered.end(), [](const CapturedPacket *a, const CapturedPacket *b) { return a->index < b->index; });
    ConnectionTracker tracker;
    QJsonArray out;
    for (const CapturedPacket *p : ordered) {
        const DecodedPacket d = decodePacket(*p);
        out.append(packetJson(*p, d, tracker.track(*p, d), dropRules));
    }
    return out;
}

QJsonObject tcpInfoJson(const TcpInfoSnapshot &s)
{
    if (!s.valid)
        return QJsonObject{{"valid", false}};
    return QJsonObject{{"state", s.stateName()},
                       {"cwnd", qint64(s.sndCwnd)},
                       {"ssthresh", qint64(s.sndSsthresh)},
                       {"srtt_us", qint64(s.rttUs)},
                       {"rttvar_us", qint64(s.rttVarUs)},
                       {"rto_us", qint64(s.rtoUs)},
                       {"unacked", qint64(s.unacked)},
                       {"retrans", qint64(s.retransmits)},
                       {"total_retrans", qint64(s.totalRetrans)},
                       {"delivery_rate", double(s.deliveryRate)},
                       {"pacing_rate", double(s.pacingRate)},
                       {"rcv_space", qint64(s.rcvSpace)},
                       {"bytes_acked", double(s.bytesAcked)},
                       {"bytes_received", double(s.bytesReceived)},
                       {"segs_out", qint64(s.segsOut)},
                       {"segs_in", qint64(s.segsIn)}};
}

QJsonArray tcpInfoSeriesJson(const QList<TcpInfoSample> &samples)
{
    QJsonArray out;
    for (const TcpInfoSample &s : samples)
        out.append(QJsonObject{{"time_ns", s.timeNs}, {"client", tcpInfoJson(s.client)}, {"server", tcpInfoJson(s.server)}});
    return out;
}

} // namespace tcplab::wire
