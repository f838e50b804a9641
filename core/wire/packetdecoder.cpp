#include "packetdecoder.h"

#include <QByteArray>
#include <QStringList>

namespace tcplab::wire {

namespace {

constexpr int kEthernetHeader = 14;
constexpr quint16 kEtherTypeIpv4 = 0x0800;
constexpr quint8 kProtocolTcp = 6;

quint16 be16(const quint8 *p)
{
    return quint16((p[0] << 8) | p[1]);
}

quint32 be32(const quint8 *p)
{
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

void noteUnknown(TcpOptions &o, quint8 kind)
{
    if (o.unknownCount < TcpOptions::kMaxUnknown)
        o.unknownKinds[size_t(o.unknownCount)] = kind;
    ++o.unknownCount;
}

void decodeFastOpen(TcpOptions &o, const quint8 *cookie, int length, bool experimental)
{
    // RFC 7413: an empty option is a cookie request; a cookie is 4 to 16 bytes, even.
    if (length != 0 && (length < 4 || length > TcpOptions::kMaxCookie)) {
        o.malformed = true;
        return;
    }
    o.fastOpen = true;
    o.fastOpenExperimental = experimental;
    o.fastOpenCookieLength = length;
    for (int i = 0; i < length; ++i)
        o.fastOpenCookie[size_t(i)] = cookie[i];
}

// Options are `kind` (0 EOL, 1 NOP) or `kind, length (incl. both), data`. `length` is the
// option space the header declares, `kept` how much of it the capture holds.
TcpOptions decodeOptions(const quint8 *p, int length, int kept)
{
    TcpOptions o;
    int i = 0;
    while (i < length) {
        if (i >= kept || (i + 1 >= kept && p[i] > 1) || (p[i] > 1 && i + p[i + 1] > kept && i + p[i + 1] <= length)) {
            o.truncated = true;
            break;
        }
        const quint8 kind = p[i];
        if (kind == 0) {
            o.endOfList = true;
            break;
        }
        if (kind == 1) {
            ++o.nopCount;
            ++i;
            continue;
        }
        if (i + 1 >= length) {
            o.malformed = true;
            break;
        }
        const int optLength = p[i + 1];
        if (optLength < 2 || i + optLength > length) {
            o.malformed = true;
            break;
        }
        const quint8 *data = p + i + 2;
        const int dataLength = optLength - 2;
        switch (kind) {
        case 2:
            if (dataLength == 2)
                o.mss = be16(data);
            else
                o.malformed = true;
            break;
        case 3:
            if (dataLength == 1)
                o.windowScale = data[0];
            else
                o.malformed = true;
            break;
        case 4:
            if (dataLength == 0)
                o.sackPermitted = true;
            else
                o.malformed = true;
            break;
        case 5:
            if (dataLength % 8 != 0 || dataLength == 0) {
                o.malformed = true;
                break;
            }
            for (int b = 0; b < dataLength / 8 && o.sackBlockCount < TcpOptions::kMaxSackBlocks; ++b)
                o.sackBlocks[size_t(o.sackBlockCount++)] = SackBlock{be32(data + 8 * b), be32(data + 8 * b + 4)};
            break;
        case 8:
            if (dataLength == 8) {
                o.timestamps = true;
                o.tsVal = be32(data);
                o.tsEcr = be32(data + 4);
            } else {
                o.malformed = true;
            }
            break;
        case 34:
            decodeFastOpen(o, data, dataLength, false);
            break;
        case 254:
            // RFC 6994 shared experimental option; 0xF989 is Fast Open's ExID (RFC 7413 sec. 4.1.1).
            if (dataLength >= 2 && be16(data) == 0xF989)
                decodeFastOpen(o, data + 2, dataLength - 2, true);
            else
                noteUnknown(o, kind);
            break;
        default:
            noteUnknown(o, kind);
        }
        i += optLength;
    }
    return o;
}

} // namespace

QString tcpFlagsText(quint8 flags)
{
    static constexpr struct
    {
        quint8 bit;
        const char *name;
    } names[] = {{tcpflag::Syn, "SYN"}, {tcpflag::Fin, "FIN"}, {tcpflag::Rst, "RST"}, {tcpflag::Psh, "PSH"},
                 {tcpflag::Ack, "ACK"}, {tcpflag::Urg, "URG"}, {tcpflag::Ece, "ECE"}, {tcpflag::Cwr, "CWR"}};
    QStringList parts;
    for (const auto &n : names) {
        if (flags & n.bit)
            parts << QLatin1String(n.name);
    }
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QLatin1Char(','));
}

QString ipv4Text(quint32 a)
{
    return QStringLiteral("%1.%2.%3.%4").arg(a >> 24).arg((a >> 16) & 0xff).arg((a >> 8) & 0xff).arg(a & 0xff);
}

DecodedPacket decodeFrame(const quint8 *frame, int capturedLength)
{
    DecodedPacket d;
    if (!frame || capturedLength < kEthernetHeader) {
        d.error = QStringLiteral("truncated Ethernet header (%1 bytes)").arg(qMax(capturedLength, 0));
        return d;
    }
    d.etherType = be16(frame + 12);
    if (d.etherType != kEtherTypeIpv4) {
        d.error = QStringLiteral("not IPv4 (ethertype 0x%1)").arg(d.etherType, 4, 16, QLatin1Char('0'));
        return d;
    }
    const quint8 *ip = frame + kEthernetHeader;
    const int ipAvailable = capturedLength - kEthernetHeader;
    if (ipAvailable < 20) {
        d.error = QStringLiteral("truncated IPv4 header");
        return d;
    }
    if ((ip[0] >> 4) != 4) {
        d.error = QStringLiteral("IP version %1, not 4").arg(ip[0] >> 4);
        return d;
    }
    d.ipHeaderLength = (ip[0] & 0x0f) * 4;
    d.ipTotalLength = be16(ip + 2);
    d.ipId = be16(ip + 4);
    const quint16 fragment = be16(ip + 6);
    d.dontFragment = (fragment & 0x4000) != 0;
    d.ttl = ip[8];
    d.protocol = ip[9];
    d.sourceAddress = be32(ip + 12);
    d.destinationAddress = be32(ip + 16);
    if (d.ipHeaderLength < 20 || d.ipTotalLength < d.ipHeaderLength) {
        d.error = QStringLiteral("bad IPv4 lengths (header %1, total %2)").arg(d.ipHeaderLength).arg(d.ipTotalLength);
        return d;
    }
    if (d.protocol != kProtocolTcp) {
        d.error = QStringLiteral("not TCP (IP protocol %1)").arg(d.protocol);
        return d;
    }
    if ((fragment & 0x1fff) != 0 || (fragment & 0x2000) != 0) {
        d.error = QStringLiteral("IPv4 fragment");
        return d;
    }
    if (ipAvailable < d.ipHeaderLength + 20 || d.ipTotalLength < d.ipHeaderLength + 20) {
        d.error = QStringLiteral("truncated TCP header");
        return d;
    }
    const quint8 *tcp = ip + d.ipHeaderLength;
    d.sourcePort = be16(tcp);
    d.destinationPort = be16(tcp + 2);
    d.seq = be32(tcp + 4);
    d.ack = be32(tcp + 8);
    d.tcpHeaderLength = (tcp[12] >> 4) * 4;
    d.flags = tcp[13];
    d.window = be16(tcp + 14);
    d.urgentPointer = be16(tcp + 18);
    if (d.tcpHeaderLength < 20 || d.ipHeaderLength + d.tcpHeaderLength > d.ipTotalLength) {
        d.error = QStringLiteral("bad TCP header length %1").arg(d.tcpHeaderLength);
        return d;
    }
    // Options may be cut by the snap length: decode what the capture kept, mark the rest.
    const int optionsWanted = d.tcpHeaderLength - 20;
    const int optionsKept = qBound(0, ipAvailable - d.ipHeaderLength - 20, optionsWanted);
    d.options = decodeOptions(tcp + 20, optionsWanted, optionsKept);
    d.payloadLength = d.ipTotalLength - d.ipHeaderLength - d.tcpHeaderLength;
    d.payloadOffset = kEthernetHeader + d.ipHeaderLength + d.tcpHeaderLength;
    d.capturedPayloadLength = qBound(0, capturedLength - d.payloadOffset, d.payloadLength);
    return d;
}

QByteArray payloadPrefix(const CapturedPacket &packet, const DecodedPacket &decoded, int max)
{
    if (!decoded.isTcp())
        return {};
    const int n = qMin(decoded.capturedPayloadLength, max);
    if (n <= 0 || decoded.payloadOffset + n > CapturedPacket::kSnapLength)
        return {};
    return QByteArray(reinterpret_cast<const char *>(packet.data.data()) + decoded.payloadOffset, n);
}

} // namespace tcplab::wire
