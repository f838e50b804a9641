#include "ladderformatter.h"

#include "packetdecoder.h"

#include <algorithm>

namespace tcplab::wire {

LadderFormatter::LadderFormatter(QList<TargetedDrop> dropRules) : m_dropRules(std::move(dropRules)) {}

void LadderFormatter::reset()
{
    m_tracker.clear();
    m_startNs = -1;
}

QString LadderFormatter::legend()
{
    return QStringLiteral("time: ms since the first packet, as it left its sender; C = client, S = server, x = dropped by the wire; "
                          "seq/ack relative to each side's ISN; len = payload bytes; win with the window scale applied");
}

QStringList LadderFormatter::format(const QList<CapturedPacket> &packets)
{
    QList<const CapturedPacket *> ordered;
    ordered.reserve(packets.size());
    for (const CapturedPacket &p : packets)
        ordered << &p;
    std::stable_sort(ordered.begin(), ordered.end(), [](const CapturedPacket *a, const CapturedPacket *b) { return a->index < b->index; });

    // A first pass counts the connections, so that one connection's ladder stays uncluttered.
    ConnectionTracker counter;
    for (const CapturedPacket *p : ordered)
        counter.track(*p);
    reset();
    m_showConnection = counter.connections().size() > 1 || (!counter.connections().isEmpty() && counter.connections().first().id != 1);

    QStringList lines;
    lines.reserve(ordered.size());
    for (const CapturedPacket *p : ordered)
        lines << append(*p);
    return lines;
}

QString LadderFormatter::append(const CapturedPacket &packet)
{
    if (m_startNs < 0)
        m_startNs = packet.sentNs;
    const DecodedPacket decoded = decodePacket(packet);
    const PacketAnnotation annotation = m_tracker.track(packet, decoded);
    return line(packet, decoded, annotation);
}

QString LadderFormatter::dropText(const CapturedPacket &p) const
{
    if (p.fate == PacketFate::DroppedTargeted) {
        if (p.dropRule >= 0 && p.dropRule < m_dropRules.size())
            return QStringLiteral("drop=") + m_dropRules[p.dropRule].toString();
        return QStringLiteral("targeted drop rule %1").arg(p.dropRule);
    }
    return packetFateName(p.fate);
}

QString tcpOptionsText(const TcpOptions &o, quint32 base)
{
    QStringList parts;
    if (o.mss >= 0)
        parts << QStringLiteral("mss %1").arg(o.mss);
    if (o.sackPermitted)
        parts << QStringLiteral("sackOK");
    if (o.timestamps)
        parts << QStringLiteral("ts %1/%2").arg(o.tsVal).arg(o.tsEcr);
    if (o.windowScale >= 0)
        parts << QStringLiteral("ws %1").arg(o.windowScale);
    if (o.sackBlockCount > 0) {
        QStringList blocks;
        for (int i = 0; i < o.sackBlockCount; ++i)
            blocks << QStringLiteral("%1-%2").arg(o.sackBlocks[size_t(i)].left - base).arg(o.sackBlocks[size_t(i)].right - base);
        parts << QStringLiteral("sack ") + blocks.join(QLatin1Char(' '));
    }
    if (o.fastOpen) {
        QString tfo = QStringLiteral("tfo");
        if (o.fastOpenCookieRequest()) {
            tfo += QLatin1String(" cookie-request");
        } else {
            tfo += QLatin1String(" cookie ");
            tfo += QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(o.fastOpenCookie.data()), o.fastOpenCookieLength).toHex());
        }
        if (o.fastOpenExperimental)
            tfo += QLatin1String(" (exp)");
        parts << tfo;
    }
    for (int i = 0; i < qMin(o.unknownCount, TcpOptions::kMaxUnknown); ++i)
        parts << QStringLiteral("opt %1").arg(o.unknownKinds[size_t(i)]);
    if (o.malformed)
        parts << QStringLiteral("malformed");
    if (o.truncated)
        parts << QStringLiteral("...");
    return parts.isEmpty() ? QString() : QLatin1Char('<') + parts.join(QLatin1Char(',')) + QLatin1Char('>');
}

QString LadderFormatter::optionsText(const CapturedPacket &p, const DecodedPacket &d, const PacketAnnotation &a) const
{
    // SACK blocks name the peer's bytes: relative to the peer's ISN, like the ack.
    quint32 base = 0;
    if (d.options.sackBlockCount > 0) {
        const ConnectionTracker::Connection *c = m_tracker.connection(a.connectionId);
        const Direction peer = p.direction == Direction::ClientToServer ? Direction::ServerToClient : Direction::ClientToServer;
        base = c && c->side(peer).baseKnown ? c->side(peer).isn : 0;
    }
    return tcpOptionsText(d.options, base);
}

QString LadderFormatter::line(const CapturedPacket &p, const DecodedPacket &d, const PacketAnnotation &a) const
{
    const qint64 us = (p.sentNs - m_startNs) / 1000;
    QString out = QString::asprintf("%10.3f ms  ", double(us) / 1000.0);
    if (m_showConnection)
        out += QStringLiteral("#%1 ").arg(a.connectionId).leftJustified(4);
    const bool c2s = p.direction == Direction::ClientToServer;
    if (a.dropped)
        out += c2s ? QLatin1String("C ---x  S") : QLatin1String("C  x--- S");
    else
        out += c2s ? QLatin1String("C ----> S") : QLatin1String("C <---- S");
    out += QLatin1String("  ");

    QStringList marks;
    if (a.dropped)
        marks << QStringLiteral("dropped: ") + dropText(p);
    if (a.duplicate)
        marks << QStringLiteral("duplicate");
    if (a.reordered)
        marks << QStringLiteral("reordered");

    if (!d.isTcp()) {
        out += QStringLiteral("not TCP: %1, %2 bytes").arg(d.error).arg(p.wireLength);
    } else {
        out += tcpFlagsText(d.flags).leftJustified(11);
        out += QStringLiteral("  seq=%1").arg(a.relativeSeq);
        if (d.has(tcpflag::Ack))
            out += QStringLiteral(" ack=%1").arg(a.relativeAck);
        out += QStringLiteral(" len=%1 win=%2").arg(d.payloadLength).arg(a.window);
        const QString options = optionsText(p, d, a);
        if (!options.isEmpty())
            out += QLatin1Char(' ') + options;
        if (d.capturedPayloadLength > 0) {
            const int n = qMin(d.capturedPayloadLength, kPreviewBytes);
            QString preview;
            for (int i = 0; i < n; ++i) {
                const char c = char(p.data[size_t(d.payloadOffset + i)]);
                preview += (c >= 0x20 && c < 0x7f && c != '"') ? QLatin1Char(c) : QLatin1Char('.');
            }
            out += QStringLiteral(" \"%1\"").arg(preview);
            if (d.payloadLength > n)
                out += QLatin1String("...");
        }
        if (a.retransmission)
            marks << QStringLiteral("retransmission");
        if (a.keepAlive)
            marks << QStringLiteral("keep-alive");
        if (a.delayedAck)
            marks << QString::asprintf("delayed ACK %.3f ms", double(a.ackDelayNs / 1000) / 1000.0);
    }
    for (const QString &m : marks)
        out += QStringLiteral(" [%1]").arg(m);
    return out;
}

} // namespace tcplab::wire
