// Decodes a captured Ethernet frame's IPv4 and TCP headers, options included. Pure and bounded:
// any byte string, truncated or garbage, gives a DecodedPacket whose `error` says what is missing.
#pragma once

#include "capturedpacket.h"

#include <QString>
#include <QtGlobal>

#include <array>

namespace tcplab::wire {

namespace tcpflag {
constexpr quint8 Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10, Urg = 0x20, Ece = 0x40, Cwr = 0x80;
}

struct SackBlock
{
    quint32 left = 0;
    quint32 right = 0;
    bool operator==(const SackBlock &) const = default;
};

struct TcpOptions
{
    static constexpr int kMaxSackBlocks = 4;  // 40 option bytes hold at most 4
    static constexpr int kMaxCookie = 16;     // RFC 7413: 4 to 16 bytes
    static constexpr int kMaxUnknown = 8;

    int mss = -1;          // -1: absent
    int windowScale = -1;  // the shift as sent (RFC 7323 caps its effect at 14)
    bool sackPermitted = false;
    int sackBlockCount = 0;
    std::array<SackBlock, kMaxSackBlocks> sackBlocks{};
    bool timestamps = false;
    quint32 tsVal = 0;
    quint32 tsEcr = 0;
    // TCP Fast Open: option 34 (RFC 7413) or the experimental 254 with magic 0xF989.
    bool fastOpen = false;
    bool fastOpenExperimental = false;
    int fastOpenCookieLength = 0; // 0 with fastOpen: a cookie request
    std::array<quint8, kMaxCookie> fastOpenCookie{};
    int nopCount = 0;
    bool endOfList = false;
    int unknownCount = 0;
    std::array<quint8, kMaxUnknown> unknownKinds{};
    bool malformed = false; // an option's length is impossible or runs past the header
    bool truncated = false; // the capture's snap length cut the options

    bool fastOpenCookieRequest() const { return fastOpen && fastOpenCookieLength == 0; }
};

struct DecodedPacket
{
    // Empty when the frame held Ethernet + IPv4 + TCP headers; else what was missing or wrong.
    QString error;
    bool isTcp() const { return error.isEmpty(); }

    quint16 etherType = 0;
    // IPv4
    quint32 sourceAddress = 0;      // host byte order
    quint32 destinationAddress = 0; // host byte order
    int ipHeaderLength = 0;
    int ipTotalLength = 0;
    quint8 ttl = 0;
    quint8 protocol = 0;
    quint16 ipId = 0;
    bool dontFragment = false;
    // TCP
    quint16 sourcePort = 0;
    quint16 destinationPort = 0;
    quint32 seq = 0;
    quint32 ack = 0;
    quint8 flags = 0;
    quint16 window = 0; // as on the wire, unscaled
    quint16 urgentPointer = 0;
    int tcpHeaderLength = 0;
    TcpOptions options;
    // Payload: its length on the wire (from the IPv4 total length, not the snap length), where
    // it starts in the frame and how much of it the capture kept.
    int payloadLength = 0;
    int payloadOffset = 0;
    int capturedPayloadLength = 0;

    bool has(quint8 flag) const { return (flags & flag) != 0; }
    // The sequence space the segment occupies: payload plus one each for SYN and FIN.
    quint32 sequenceLength() const { return quint32(payloadLength) + (has(tcpflag::Syn) ? 1 : 0) + (has(tcpflag::Fin) ? 1 : 0); }
    bool isPureAck() const
    {
        return payloadLength == 0 && has(tcpflag::Ack) && !(flags & (tcpflag::Syn | tcpflag::Fin | tcpflag::Rst));
    }
};

// "SYN", "SYN,ACK", "FIN,PSH,ACK" ...; "none" for no flag.
QString tcpFlagsText(quint8 flags);
// "198.18.0.2"
QString ipv4Text(quint32 address);

DecodedPacket decodeFrame(const quint8 *frame, int capturedLength);
inline DecodedPacket decodePacket(const CapturedPacket &packet)
{
    return decodeFrame(packet.data.data(), qMin<int>(packet.capturedLength, CapturedPacket::kSnapLength));
}
// The first bytes of the payload the capture kept (at most max).
QByteArray payloadPrefix(const CapturedPacket &packet, const DecodedPacket &decoded, int max = CapturedPacket::kSnapLength);

} // namespace tcplab::wire
