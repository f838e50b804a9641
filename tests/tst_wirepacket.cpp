// The packet decoder (Ethernet/IPv4/TCP with options, robust to truncated and garbage input) and
// the connection tracker (relative seq/ack, scaled window, retransmission, keep-alive, delayed
// ACK, the wire's marks) on real frames with correct checksums.
#include "wire/connectiontracker.h"
#include "wire/packetdecoder.h"
#include "wireframes.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace tcplab::wire;
using namespace tcplab::wire::tcpflag;
using namespace wireframes;

namespace {

const Endpoint kClient{kClientAddress, kClientPort};
const Endpoint kServer{kServerAddress, kServerPort};

DecodedPacket decode(const QByteArray &f, int length = -1)
{
    return decodeFrame(reinterpret_cast<const quint8 *>(f.constData()), length < 0 ? int(f.size()) : length);
}

QByteArray synFrame()
{
    return frame(kClient, kServer,
                 {Syn, kClientIsn, 0, 64240, optMss(1460) + optSackPermitted() + optTimestamps(100, 0) + optNop() + optWindowScale(7), {}});
}

CapturedPacket c2s(quint64 index, double sentMs, double deliveredMs, const Segment &s, PacketFate fate = PacketFate::Delivered)
{
    return packet(index, Direction::ClientToServer, kStartNs + ms(sentMs), deliveredMs < 0 ? -1 : kStartNs + ms(deliveredMs),
                  frame(kClient, kServer, s), fate);
}

CapturedPacket s2c(quint64 index, double sentMs, double deliveredMs, const Segment &s, PacketFate fate = PacketFate::Delivered)
{
    return packet(index, Direction::ServerToClient, kStartNs + ms(sentMs), deliveredMs < 0 ? -1 : kStartNs + ms(deliveredMs),
                  frame(kServer, kClient, s), fate);
}

} // namespace

class WirePacketTest : public QObject
{
    Q_OBJECT

private slots:
    void decodesSynWithOptions()
    {
        const DecodedPacket d = decode(synFrame());
        QVERIFY2(d.isTcp(), qPrintable(d.error));
        QCOMPARE(d.etherType, quint16(0x0800));
        QCOMPARE(ipv4Text(d.sourceAddress), QStringLiteral("198.18.0.2"));
        QCOMPARE(ipv4Text(d.destinationAddress), QStringLiteral("198.19.0.2"));
        QCOMPARE(d.sourcePort, kClientPort);
        QCOMPARE(d.destinationPort, kServerPort);
        QCOMPARE(d.seq, kClientIsn);
        QCOMPARE(d.flags, Syn);
        QCOMPARE(tcpFlagsText(d.flags), QStringLiteral("SYN"));
        QCOMPARE(d.window, quint16(64240));
        QCOMPARE(d.ttl, quint8(64));
        QVERIFY(d.dontFragment);
        QCOMPARE(d.tcpHeaderLength, 40);
        QCOMPARE(d.payloadLength, 0);
        QCOMPARE(d.sequenceLength(), 1u);
        QCOMPARE(d.options.mss, 1460);
        QCOMPARE(d.options.windowScale, 7);
        QVERIFY(d.options.sackPermitted);
        QVERIFY(d.options.timestamps);
        QCOMPARE(d.options.tsVal, 100u);
        QCOMPARE(d.options.tsEcr, 0u);
        QCOMPARE(d.options.nopCount, 1);
        QVERIFY(!d.options.fastOpen);
        QVERIFY(!d.options.malformed);
        QVERIFY(!d.options.truncated);
        QCOMPARE(d.options.unknownCount, 0);
    }

    void flagNames()
    {
        QCOMPARE(tcpFlagsText(Syn | Ack), QStringLiteral("SYN,ACK"));
        QCOMPARE(tcpFlagsText(Fin | Psh | Ack), QStringLiteral("FIN,PSH,ACK"));
        QCOMPARE(tcpFlagsText(Rst), QStringLiteral("RST"));
        QCOMPARE(tcpFlagsText(Ece | Cwr | Urg), QStringLiteral("URG,ECE,CWR"));
        QCOMPARE(tcpFlagsText(0), QStringLiteral("none"));
    }

    void decodesSackFastOpenAndUnknown()
    {
        const QByteArray cookie = QByteArray::fromHex("0102030405060708");
        DecodedPacket d = decode(frame(kClient, kServer,
                                       {Ack, 1, 2, 100, optNop() + optNop() + optSack({{3000, 4000}, {5000, 6000}}), {}}));
        QVERIFY(d.isTcp());
        QCOMPARE(d.options.sackBlockCount, 2);
        QCOMPARE(d.options.sackBlocks[0], (SackBlock{3000, 4000}));
        QCOMPARE(d.options.sackBlocks[1], (SackBlock{5000, 6000}));
        QCOMPARE(d.options.nopCount, 2);

        d = decode(frame(kClient, kServer, {Syn, 1, 0, 100, optFastOpen({}), {}}));
        QVERIFY(d.options.fastOpen);
        QVERIFY(d.options.fastOpenCookieRequest());
        QVERIFY(!d.options.fastOpenExperimental);

        d = decode(frame(kClient, kServer, {Syn, 1, 0, 100, optFastOpen(cookie), QByteArray("GET")}));
        QVERIFY(d.options.fastOpen);
        QVERIFY(!d.options.fastOpenCookieRequest());
        QCOMPARE(d.options.fastOpenCookieLength, 8);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(d.options.fastOpenCookie.data()), 8), cookie);
        QCOMPARE(d.payloadLength, 3);
        QCOMPARE(d.sequenceLength(), 4u);

        d = decode(frame(kClient, kServer, {Syn, 1, 0, 100, optFastOpen(cookie, true), {}}));
        QVERIFY(d.options.fastOpen);
        QVERIFY(d.options.fastOpenExperimental);
        QCOMPARE(d.options.fastOpenCookieLength, 8);

        // 254 with another experiment's magic, and an unassigned kind: unknown, not Fast Open.
        d = decode(frame(kClient, kServer, {Ack, 1, 2, 100, QByteArray::fromHex("fe041234") + QByteArray::fromHex("1e03aa"), {}}));
        QVERIFY(!d.options.fastOpen);
        QCOMPARE(d.options.unknownCount, 2);
        QCOMPARE(d.options.unknownKinds[0], quint8(254));
        QCOMPARE(d.options.unknownKinds[1], quint8(30));
        QVERIFY(!d.options.malformed);

        // EOL ends the list: what follows is not read.
        d = decode(frame(kClient, kServer, {Ack, 1, 2, 100, QByteArray::fromHex("0100020405b40000"), {}}));
        QVERIFY(d.options.endOfList);
        QCOMPARE(d.options.nopCount, 1);
        QCOMPARE(d.options.mss, -1);
    }

    void malformedOptions()
    {
        for (const char *hex : {"0200", "0205000000000000", "020300", "0302", "04030000", "0506000000010000", "0822"}) {
            const DecodedPacket d = decode(frame(kClient, kServer, {Ack, 1, 2, 100, QByteArray::fromHex(hex), {}}));
            QVERIFY2(d.isTcp(), hex);
            QVERIFY2(d.options.malformed, hex);
        }
        // A Fast Open cookie of 2 bytes is not a cookie (RFC 7413: 4 to 16).
        const DecodedPacket d = decode(frame(kClient, kServer, {Syn, 1, 0, 100, optFastOpen("ab"), {}}));
        QVERIFY(d.options.malformed);
        QVERIFY(!d.options.fastOpen);
    }

    void payloadLengthFromIpTotalLength()
    {
        const QByteArray big(1000, 'x');
        const QByteArray f = frame(kClient, kServer, {Psh | Ack, 1, 2, 100, {}, big});
        const CapturedPacket p = packet(0, Direction::ClientToServer, 0, 0, f);
        QCOMPARE(p.wireLength, quint16(14 + 20 + 20 + 1000));
        QCOMPARE(p.capturedLength, quint16(CapturedPacket::kSnapLength));
        const DecodedPacket d = decodePacket(p);
        QVERIFY(d.isTcp());
        QCOMPARE(d.payloadLength, 1000);
        QCOMPARE(d.payloadOffset, 54);
        QCOMPARE(d.capturedPayloadLength, CapturedPacket::kSnapLength - 54);
        QCOMPARE(payloadPrefix(p, d, 4), QByteArray("xxxx"));
        QCOMPARE(payloadPrefix(p, d).size(), CapturedPacket::kSnapLength - 54);

        // Ethernet pads short frames to 60 bytes: the padding is not payload.
        const QByteArray ack = frame(kClient, kServer, {Ack, 1, 2, 100, {}, {}}) + QByteArray(6, '\0');
        const DecodedPacket padded = decode(ack);
        QVERIFY(padded.isTcp());
        QCOMPARE(padded.payloadLength, 0);
        QCOMPARE(padded.capturedPayloadLength, 0);
    }

    void truncatedOptionsBySnapLength()
    {
        const QByteArray f = synFrame(); // 14 + 20 + 40
        const DecodedPacket d = decode(f, 14 + 20 + 20 + 6);
        QVERIFY(d.isTcp());
        QVERIFY(d.options.truncated);
        QVERIFY(!d.options.malformed);
        QCOMPARE(d.options.mss, 1460);
        QVERIFY(!d.options.timestamps);
    }

    void refusesWhatIsNotTcp()
    {
        const QByteArray good = synFrame();
        QByteArray arp = good;
        arp[12] = char(0x08);
        arp[13] = char(0x06);
        QCOMPARE(decode(arp).error, QStringLiteral("not IPv4 (ethertype 0x0806)"));
        QByteArray udp = good;
        udp[14 + 9] = char(17);
        QCOMPARE(decode(udp).error, QStringLiteral("not TCP (IP protocol 17)"));
        QByteArray v6 = good;
        v6[14] = char(0x65);
        QCOMPARE(decode(v6).error, QStringLiteral("IP version 6, not 4"));
        QByteArray fragment = good;
        fragment[14 + 7] = char(0x10);
        QCOMPARE(decode(fragment).error, QStringLiteral("IPv4 fragment"));
        QByteArray shortTotal = good;
        shortTotal[14 + 2] = 0;
        shortTotal[14 + 3] = char(30);
        QCOMPARE(decode(shortTotal).error, QStringLiteral("truncated TCP header"));
        QByteArray badOffset = good;
        badOffset[14 + 20 + 12] = char(0x40); // 16-byte TCP header
        QCOMPARE(decode(badOffset).error, QStringLiteral("bad TCP header length 16"));
        QByteArray longOffset = good;
        longOffset[14 + 20 + 12] = char(0xf0); // 60 bytes, more than the IPv4 total length holds
        QCOMPARE(decode(longOffset).error, QStringLiteral("bad TCP header length 60"));
        QCOMPARE(decode(good, 13).error, QStringLiteral("truncated Ethernet header (13 bytes)"));
        QCOMPARE(decodeFrame(nullptr, 100).error, QStringLiteral("truncated Ethernet header (100 bytes)"));
        QCOMPARE(decode(good, 30).error, QStringLiteral("truncated IPv4 header"));
        QCOMPARE(decode(good, 14 + 20 + 19).error, QStringLiteral("truncated TCP header"));
    }

    // Every prefix of a real frame, and random bytes: no crash, no read past the end (the
    // sanitizer build checks the reads), and an answer that is either TCP or says why not.
    void robustToTruncationAndGarbage()
    {
        const QByteArray good = synFrame();
        for (int n = 0; n <= good.size(); ++n) {
            QByteArray exact = good.left(n); // a buffer of exactly n bytes, so ASan sees overreads
            const DecodedPacket d = decode(exact);
            QCOMPARE(d.isTcp(), n >= 54);
            if (d.isTcp())
                QVERIFY(d.options.truncated || n == good.size());
        }
        QRandomGenerator rng(12345);
        int tcp = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray bytes = good;
            const int flips = 1 + int(rng.bounded(8));
            for (int f = 0; f < flips; ++f)
                bytes[int(rng.bounded(int(bytes.size())))] = char(rng.bounded(256));
            bytes.truncate(int(rng.bounded(int(bytes.size()) + 1)));
            const DecodedPacket d = decode(bytes);
            if (d.isTcp()) {
                ++tcp;
                QVERIFY(d.payloadLength >= 0);
                QVERIFY(d.capturedPayloadLength >= 0 && d.capturedPayloadLength <= d.payloadLength);
                QVERIFY(d.capturedPayloadLength == 0 || d.payloadOffset + d.capturedPayloadLength <= bytes.size());
                QVERIFY(d.options.sackBlockCount <= TcpOptions::kMaxSackBlocks);
                QVERIFY(d.options.fastOpenCookieLength <= TcpOptions::kMaxCookie);
            } else {
                QVERIFY(!d.error.isEmpty());
            }
        }
        QVERIFY2(tcp > 1000, "the mutations should leave many frames decodable");
    }

    void tracksTheKnownExchange()
    {
        const QList<CapturedPacket> packets = knownExchange();
        ConnectionTracker tracker;
        QList<PacketAnnotation> a;
        for (const CapturedPacket &p : packets)
            a << tracker.track(p);
        QCOMPARE(tracker.connectionCount(), 1);
        for (const PacketAnnotation &x : a)
            QCOMPARE(x.connectionId, quint64(1));
        const ConnectionTracker::Connection *c = tracker.connection(1);
        QVERIFY(c);
        QCOMPARE(c->client.isn, kClientIsn);
        QCOMPARE(c->server.isn, kServerIsn);
        QCOMPARE(c->client.windowScale, 7);
        QCOMPARE(c->server.windowScale, 8);
        QCOMPARE(c->key.clientPort, kClientPort);
        QCOMPARE(c->key.serverAddress, kServerAddress);

        const quint32 seqs[] = {0, 0, 1, 1, 1, 1, 1, 6, 6, 7, 7};
        const quint32 acks[] = {0, 1, 1, 1, 6, 6, 6, 7, 7, 7, 8};
        for (int i = 0; i < 11; ++i) {
            QCOMPARE(a[i].relativeSeq, seqs[i]);
            QCOMPARE(a[i].relativeAck, acks[i]);
            QVERIFY(a[i].isnKnown);
        }
        // The SYNs' windows are never scaled; after them, each side's own shift.
        QCOMPARE(a[0].window, 64240u);
        QVERIFY(!a[0].windowScaled);
        QCOMPARE(a[1].window, 65160u);
        QCOMPARE(a[2].window, 502u << 7);
        QVERIFY(a[2].windowScaled);
        QCOMPARE(a[4].window, 509u << 8);

        for (int i = 0; i < 11; ++i) {
            QCOMPARE(a[i].retransmission, i == 6);
            QCOMPARE(a[i].dropped, i == 5);
            QCOMPARE(a[i].delayedAck, i == 4);
            QVERIFY(!a[i].keepAlive);
            QVERIFY(!a[i].duplicate);
            QVERIFY(!a[i].reordered);
        }
        QCOMPARE(a[4].ackDelayNs, ms(40));
        QCOMPARE(a[7].ackDelayNs, ms(0.1));
        QCOMPARE(a[2].ackDelayNs, qint64(-1)); // acknowledges the SYN-ACK, no data
        QCOMPARE(a[10].ackDelayNs, qint64(-1)); // acknowledges a FIN, no data
    }

    void noScaleUnlessBothOffer()
    {
        ConnectionTracker t;
        t.track(c2s(0, 0, 1, {Syn, 10, 0, 1000, optWindowScale(7), {}}));
        t.track(s2c(1, 1, 2, {Syn | Ack, 20, 11, 1000, optMss(1460), {}}));
        const PacketAnnotation a = t.track(c2s(2, 2, 3, {Ack, 11, 21, 1000, {}, {}}));
        QCOMPARE(a.window, 1000u);
        QVERIFY(!a.windowScaled);
        // Without the SYNs (capture started mid-connection) the scale is unknown: raw window.
        ConnectionTracker mid;
        const PacketAnnotation m = mid.track(c2s(0, 0, 1, {Ack, 777, 888, 1000, {}, QByteArray("x")}));
        QCOMPARE(m.window, 1000u);
        QVERIFY(!m.windowScaled);
        QVERIFY(!m.isnKnown);
        QCOMPARE(m.relativeSeq, 0u);
        QCOMPARE(m.relativeAck, 0u);
        const PacketAnnotation reply = mid.track(s2c(1, 1, 2, {Psh | Ack, 890, 778, 1000, {}, QByteArray("y")}));
        QCOMPARE(reply.relativeSeq, 2u);
        QCOMPARE(reply.relativeAck, 1u);
    }

    void wireMarksAndCopies()
    {
        ConnectionTracker t;
        t.track(c2s(0, 0, 1, {Syn, 10, 0, 1000, {}, {}}));
        t.track(s2c(1, 1, 2, {Syn | Ack, 20, 11, 1000, {}, {}}));
        t.track(c2s(2, 2, 3, {Ack, 11, 21, 1000, {}, {}}));
        const PacketAnnotation data = t.track(c2s(3, 3, 4, {Psh | Ack, 11, 21, 1000, {}, QByteArray("abc")}));
        QVERIFY(!data.retransmission && !data.duplicate);
        // The wire's extra copy is marked as such, not as a retransmission, and changes nothing.
        const PacketAnnotation copy = t.track(c2s(3, 3, 4.5, {Psh | Ack, 11, 21, 1000, {}, QByteArray("abc")}, PacketFate::Duplicate));
        QVERIFY(copy.duplicate);
        QVERIFY(!copy.retransmission);
        const PacketAnnotation next = t.track(c2s(4, 5, 5.1, {Psh | Ack, 14, 21, 1000, {}, QByteArray("de")}, PacketFate::Reordered));
        QVERIFY(next.reordered);
        QVERIFY(!next.retransmission);
        QCOMPARE(next.relativeSeq, 4u);
        const PacketAnnotation lost = t.track(c2s(5, 6, -1, {Psh | Ack, 16, 21, 1000, {}, QByteArray("f")}, PacketFate::DroppedLoss));
        QVERIFY(lost.dropped);
        // The sender sent the lost segment: sending it again is a retransmission, partial overlaps too.
        QVERIFY(t.track(c2s(6, 200, 201, {Psh | Ack, 16, 21, 1000, {}, QByteArray("f")})).retransmission);
        QVERIFY(t.track(c2s(7, 300, 301, {Psh | Ack, 12, 21, 1000, {}, QByteArray("bcdefgh")})).retransmission);
        QVERIFY(!t.track(c2s(8, 301, 302, {Psh | Ack, 19, 21, 1000, {}, QByteArray("i")})).retransmission);
        // A one-byte retransmission of the last byte sent, unacknowledged: not a keep-alive.
        QVERIFY(t.track(c2s(9, 500, 501, {Psh | Ack, 19, 21, 1000, {}, QByteArray("i")})).retransmission);
        t.track(s2c(9, 502, 503, {Ack, 21, 20, 1000, {}, {}}));
        // A keep-alive probe: one byte below what was sent and acknowledged.
        const PacketAnnotation ka = t.track(c2s(9, 9000, 9001, {Ack, 19, 21, 1000, {}, {}}));
        QVERIFY(ka.keepAlive);
        QVERIFY(!ka.retransmission);
        // A pure ACK is never a retransmission.
        QVERIFY(!t.track(c2s(10, 9002, 9003, {Ack, 20, 21, 1000, {}, {}})).retransmission);
    }

    void delayedAckMeasuresFromTheNewestData()
    {
        ConnectionTracker t;
        t.track(c2s(0, 0, 1, {Syn, 10, 0, 1000, {}, {}}));
        t.track(s2c(1, 1, 2, {Syn | Ack, 20, 11, 1000, {}, {}}));
        t.track(c2s(2, 2, 3, {Ack, 11, 21, 1000, {}, {}}));
        t.track(c2s(3, 3, 10, {Psh | Ack, 11, 21, 1000, {}, QByteArray("a")}));  // reaches the server at 10 ms
        t.track(c2s(4, 15, 25, {Psh | Ack, 12, 21, 1000, {}, QByteArray("b")})); // at 25 ms
        // An ACK of both, 9 ms after the newest arrived: not delayed (though 24 ms after the first).
        PacketAnnotation a = t.track(s2c(5, 34, 40, {Ack, 21, 13, 1000, {}, {}}));
        QCOMPARE(a.ackDelayNs, ms(9));
        QVERIFY(!a.delayedAck);
        t.track(c2s(6, 50, 60, {Psh | Ack, 13, 21, 1000, {}, QByteArray("c")}));
        // A duplicate ACK acknowledges nothing new: no delay measured.
        a = t.track(s2c(7, 61, 70, {Ack, 21, 13, 1000, {}, {}}));
        QCOMPARE(a.ackDelayNs, qint64(-1));
        // Exactly 10 ms: delayed.
        a = t.track(s2c(8, 70, 80, {Ack, 21, 14, 1000, {}, {}}));
        QCOMPARE(a.ackDelayNs, ms(10));
        QVERIFY(a.delayedAck);
        // A reply carrying the ACK is not a delayed ACK, however late.
        t.track(c2s(9, 100, 110, {Psh | Ack, 14, 21, 1000, {}, QByteArray("d")}));
        a = t.track(s2c(10, 300, 310, {Psh | Ack, 21, 15, 1000, {}, QByteArray("D")}));
        QVERIFY(!a.delayedAck);
        QCOMPARE(a.ackDelayNs, qint64(-1));
        // Data the wire dropped never arrived: an ACK cannot be late for it.
        t.track(c2s(11, 400, -1, {Psh | Ack, 15, 22, 1000, {}, QByteArray("e")}, PacketFate::DroppedLoss));
        a = t.track(s2c(12, 500, 510, {Ack, 22, 16, 1000, {}, {}}));
        QCOMPARE(a.ackDelayNs, qint64(-1));
    }

    void sequenceWrapAround()
    {
        ConnectionTracker t;
        const quint32 isn = 0xfffffffd;
        t.track(c2s(0, 0, 1, {Syn, isn, 0, 1000, {}, {}}));
        t.track(s2c(1, 1, 2, {Syn | Ack, 20, isn + 1, 1000, {}, {}}));
        const PacketAnnotation a = t.track(c2s(2, 2, 3, {Psh | Ack, isn + 1, 21, 1000, {}, QByteArray("abcdef")}));
        QCOMPARE(a.relativeSeq, 1u);
        QVERIFY(!a.retransmission);
        const PacketAnnotation b = t.track(c2s(3, 3, 4, {Psh | Ack, isn + 7, 21, 1000, {}, QByteArray("gh")}));
        QCOMPARE(b.relativeSeq, 7u);
        QCOMPARE(b.relativeSeq, quint32(quint32(isn + 7) - isn));
        QVERIFY(!b.retransmission);
        QVERIFY(t.track(c2s(4, 300, 301, {Psh | Ack, isn + 1, 21, 1000, {}, QByteArray("abcdef")})).retransmission);
        const PacketAnnotation ack = t.track(s2c(5, 5, 6, {Ack, 21, isn + 9, 1000, {}, {}}));
        QCOMPARE(ack.relativeAck, 9u);
    }

    void connectionsByTupleAndPortReuse()
    {
        ConnectionTracker t(3);
        t.track(c2s(0, 0, 1, {Syn, 10, 0, 1000, {}, {}}));
        // The server's reply belongs to the same connection (the key is direction-independent).
        QCOMPARE(t.track(s2c(1, 1, 2, {Syn | Ack, 20, 11, 1000, {}, {}})).connectionId, quint64(1));
        // The retransmitted SYN (same ISN) is the same connection.
        QCOMPARE(t.track(c2s(2, 1000, 1001, {Syn, 10, 0, 1000, {}, {}})).connectionId, quint64(1));
        // A new ISN on the same 4-tuple: a new connection.
        const PacketAnnotation reuse = t.track(c2s(3, 2000, 2001, {Syn, 99999, 0, 1000, {}, {}}));
        QCOMPARE(reuse.connectionId, quint64(2));
        QCOMPARE(reuse.relativeSeq, 0u);
        QVERIFY(!reuse.retransmission);
        QCOMPARE(t.connectionCount(), 1);
        // Other client ports: other connections, at most 3 kept (the least recently used goes).
        for (quint16 port = 1; port <= 4; ++port) {
            const Endpoint other{kClientAddress, port};
            const CapturedPacket p = packet(10 + port, Direction::ClientToServer, 0, 0, frame(other, kServer, {Syn, 1, 0, 1000, {}, {}}));
            QCOMPARE(t.track(p).connectionId, quint64(2 + port));
        }
        QCOMPARE(t.connectionCount(), 3);
        QVERIFY(!t.connection(2));
        QVERIFY(t.connection(6));
        const QList<ConnectionTracker::Connection> all = t.connections();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.first().id, quint64(4));
        // Not TCP: no connection.
        QByteArray arp = synFrame();
        arp[13] = char(0x06);
        QCOMPARE(t.track(packet(99, Direction::ClientToServer, 0, 0, arp)).connectionId, quint64(0));
    }
};

QTEST_GUILESS_MAIN(WirePacketTest)
#include "tst_wirepacket.moc"
