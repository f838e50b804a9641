// Harnesses for the wire's parsers: the spec grammar (wirespec.cpp) and the packet decoder.
#include "fuzztargets.h"

#include "wire/connectiontracker.h"
#include "wire/packetdecoder.h"
#include "wire/wirespec.h"

#include <QString>

namespace tcplab::fuzz {

const char *wireSpec(const uint8_t *data, size_t size)
{
    using tcplab::wire::WireSpec;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<WireSpec> parsed = WireSpec::parse(text);
    if (!parsed.ok()) {
        const QString &message = parsed.error().text();
        if (!message.startsWith(QLatin1String("wire spec: ")))
            return "wire spec: an error without the \"wire spec: \" prefix";
        if (message.contains(QLatin1Char('\n')) || message.contains(QLatin1Char('\r')))
            return "wire spec: an error of more than one line";
        if (message.size() > 400)
            return "wire spec: an error longer than 400 characters";
        return nullptr;
    }
    const QString canonical = parsed.value().toString();
    const Result<WireSpec> again = WireSpec::parse(canonical);
    if (!again.ok())
        return "wire spec: the canonical form of an accepted spec is refused";
    if (!(again.value() == parsed.value()))
        return "wire spec: parse(toString(x)) != x";
    if (again.value().toString() != canonical)
        return "wire spec: the canonical form is not a fixed point";
    return nullptr;
}

const char *packetDecoder(const uint8_t *data, size_t size)
{
    using namespace tcplab::wire;
    // The whole input as one frame (any length: the decoder takes raw buffers too).
    const DecodedPacket whole = decodeFrame(data, int(qMin<size_t>(size, 65535)));
    if (whole.isTcp()) {
        if (whole.payloadLength < 0 || whole.capturedPayloadLength < 0 || whole.capturedPayloadLength > whole.payloadLength)
            return "decoder: payload lengths inconsistent";
        if (whole.capturedPayloadLength > 0 && size_t(whole.payloadOffset + whole.capturedPayloadLength) > size)
            return "decoder: captured payload past the buffer";
        if (whole.options.sackBlockCount > TcpOptions::kMaxSackBlocks || whole.options.fastOpenCookieLength > TcpOptions::kMaxCookie)
            return "decoder: option arrays overrun";
    } else if (whole.error.isEmpty()) {
        return "decoder: not TCP without a reason";
    }
    // The input cut into captured packets, alternating directions, through one tracker.
    ConnectionTracker tracker(4);
    size_t offset = 0;
    quint64 index = 0;
    while (offset < size) {
        const size_t length = qMin<size_t>(size - offset, 1 + data[offset] % CapturedPacket::kSnapLength);
        CapturedPacket p;
        p.index = index;
        p.direction = (index % 2) ? Direction::ServerToClient : Direction::ClientToServer;
        p.fate = PacketFate(index % 8);
        p.sentNs = qint64(index) * 1000000;
        p.deliveredNs = p.fate == PacketFate::Delivered ? p.sentNs + 500000 : -1;
        p.setFrame(data + offset, int(length));
        const DecodedPacket d = decodePacket(p);
        const PacketAnnotation a = tracker.track(p, d);
        if (d.isTcp() != (a.connectionId != 0))
            return "tracker: a TCP packet without a connection, or the reverse";
        (void)payloadPrefix(p, d);
        offset += length;
        ++index;
    }
    if (tracker.connectionCount() > 4)
        return "tracker: more connections than its bound";
    return nullptr;
}

} // namespace tcplab::fuzz
