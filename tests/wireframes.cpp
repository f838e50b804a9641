#include "wireframes.h"

#include "wire/packetdecoder.h"

using namespace tcplab::wire;

namespace wireframes {

namespace {

void put16(QByteArray &b, int at, quint16 v)
{
    b[at] = char(v >> 8);
    b[at + 1] = char(v & 0xff);
}

void put32(QByteArray &b, int at, quint32 v)
{
    put16(b, at, quint16(v >> 16));
    put16(b, at + 2, quint16(v & 0xffff));
}

QByteArray be32(quint32 v)
{
    QByteArray b(4, '\0');
    put32(b, 0, v);
    return b;
}

// RFC 1071: the one's complement of the one's complement sum of 16-bit words.
quint32 sum16(const QByteArray &b, quint32 sum = 0)
{
    for (int i = 0; i + 1 < b.size(); i += 2)
        sum += (quint32(quint8(b[i])) << 8) | quint8(b[i + 1]);
    if (b.size() % 2)
        sum += quint32(quint8(b[b.size() - 1])) << 8;
    return sum;
}

quint16 fold(quint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(~sum);
}

} // namespace

QByteArray frame(const Endpoint &from, const Endpoint &to, const Segment &s, quint16 ipId)
{
    QByteArray options = s.options;
    while (options.size() % 4)
        options += char(1); // NOP padding
    const int tcpLength = 20 + int(options.size());
    QByteArray tcp(20, '\0');
    put16(tcp, 0, from.port);
    put16(tcp, 2, to.port);
    put32(tcp, 4, s.seq);
    put32(tcp, 8, s.ack);
    tcp[12] = char((tcpLength / 4) << 4);
    tcp[13] = char(s.flags);
    put16(tcp, 14, s.window);
    tcp += options;
    tcp += s.payload;

    QByteArray ip(20, '\0');
    ip[0] = char(0x45);
    put16(ip, 2, quint16(20 + tcp.size()));
    put16(ip, 4, ipId);
    put16(ip, 6, 0x4000); // DF
    ip[8] = char(64);
    ip[9] = char(6);
    put32(ip, 12, from.address);
    put32(ip, 16, to.address);
    put16(ip, 10, fold(sum16(ip)));

    QByteArray pseudo = be32(from.address) + be32(to.address);
    pseudo += char(0);
    pseudo += char(6);
    pseudo += char(tcp.size() >> 8);
    pseudo += char(tcp.size() & 0xff);
    put16(tcp, 16, fold(sum16(tcp, sum16(pseudo))));

    QByteArray eth = QByteArray::fromHex("020000000002" "020000000001" "0800");
    if (to.address == kClientAddress)
        eth = QByteArray::fromHex("020000000001" "020000000002" "0800");
    return eth + ip + tcp;
}

QByteArray optMss(quint16 mss)
{
    QByteArray b("\x02\x04\x00\x00", 4);
    put16(b, 2, mss);
    return b;
}

QByteArray optWindowScale(quint8 shift)
{
    return QByteArray("\x03\x03", 2) + char(shift);
}

QByteArray optSackPermitted()
{
    return QByteArray("\x04\x02", 2);
}

QByteArray optTimestamps(quint32 value, quint32 echo)
{
    return QByteArray("\x08\x0a", 2) + be32(value) + be32(echo);
}

QByteArray optSack(const QList<QPair<quint32, quint32>> &blocks)
{
    QByteArray b;
    b += char(5);
    b += char(2 + 8 * blocks.size());
    for (const auto &block : blocks)
        b += be32(block.first) + be32(block.second);
    return b;
}

QByteArray optFastOpen(const QByteArray &cookie, bool experimental)
{
    QByteArray b;
    if (experimental) {
        b += char(254);
        b += char(4 + cookie.size());
        b += char(0xF9);
        b += char(0x89);
    } else {
        b += char(34);
        b += char(2 + cookie.size());
    }
    return b + cookie;
}

QByteArray optNop()
{
    return QByteArray(1, char(1));
}

CapturedPacket packet(quint64 index, Direction direction, qint64 sentNs, qint64 deliveredNs, const QByteArray &frame, PacketFate fate,
                      int dropRule)
{
    CapturedPacket p;
    p.index = index;
    p.direction = direction;
    p.sentNs = sentNs;
    p.deliveredNs = deliveredNs;
    p.fate = fate;
    p.dropRule = qint16(dropRule);
    p.setFrame(reinterpret_cast<const quint8 *>(frame.constData()), int(frame.size()));
    return p;
}

QList<CapturedPacket> knownExchange()
{
    using namespace tcplab::wire::tcpflag;
    const Endpoint c{kClientAddress, kClientPort};
    const Endpoint s{kServerAddress, kServerPort};
    const quint32 ci = kClientIsn, si = kServerIsn;
    QList<CapturedPacket> out;
    quint16 ipId = 1;
    auto add = [&](Direction d, double sentMs, double deliveredMs, const Segment &seg, PacketFate fate = PacketFate::Delivered, int rule = -1) {
        const bool c2s = d == Direction::ClientToServer;
        const QByteArray f = frame(c2s ? c : s, c2s ? s : c, seg, ipId++);
        out << packet(quint64(out.size()), d, kStartNs + ms(sentMs), deliveredMs < 0 ? -1 : kStartNs + ms(deliveredMs), f, fate, rule);
    };
    const Direction C2S = Direction::ClientToServer, S2C = Direction::ServerToClient;
    add(C2S, 0.0, 20.0,
        {Syn, ci, 0, 64240, optMss(1460) + optSackPermitted() + optTimestamps(100, 0) + optNop() + optWindowScale(7), {}});
    add(S2C, 20.1, 40.1,
        {Syn | Ack, si, ci + 1, 65160, optMss(1460) + optSackPermitted() + optTimestamps(200, 100) + optNop() + optWindowScale(8), {}});
    const QByteArray ts = optNop() + optNop();
    add(C2S, 40.2, 60.2, {Ack, ci + 1, si + 1, 502, ts + optTimestamps(140, 200), {}});
    add(C2S, 40.3, 60.3, {Psh | Ack, ci + 1, si + 1, 502, ts + optTimestamps(140, 200), QByteArray("hello")});
    add(S2C, 100.3, 120.3, {Ack, si + 1, ci + 6, 509, ts + optTimestamps(280, 140), {}});
    add(S2C, 100.4, -1, {Psh | Ack, si + 1, ci + 6, 509, ts + optTimestamps(280, 140), QByteArray("HELLO!")}, PacketFate::DroppedTargeted, 0);
    add(S2C, 320.4, 340.4, {Psh | Ack, si + 1, ci + 6, 509, ts + optTimestamps(500, 140), QByteArray("HELLO!")});
    add(C2S, 340.5, 360.5, {Ack, ci + 6, si + 7, 502, ts + optTimestamps(440, 500), {}});
    add(C2S, 340.6, 360.6, {Fin | Ack, ci + 6, si + 7, 502, ts + optTimestamps(440, 500), {}});
    add(S2C, 360.7, 380.7, {Fin | Ack, si + 7, ci + 7, 509, ts + optTimestamps(540, 440), {}});
    add(C2S, 380.8, 400.8, {Ack, ci + 7, si + 8, 502, ts + optTimestamps(480, 540), {}});
    return out;
}

} // namespace wireframes
