// The text ladder: the exact lines for a known exchange (handshake, request, delayed ACK, a
// reply the wire dropped and its retransmission, FIN/ACK teardown), and every other mark.
#include "wire/ladderformatter.h"
#include "wireframes.h"

#include <QtTest>

using namespace tcplab::wire;
using namespace tcplab::wire::tcpflag;
using namespace wireframes;

namespace {

const Endpoint kClient{kClientAddress, kClientPort};
const Endpoint kServer{kServerAddress, kServerPort};

CapturedPacket c2s(quint64 index, double sentMs, double deliveredMs, const Segment &s, PacketFate fate = PacketFate::Delivered, int rule = -1)
{
    return packet(index, Direction::ClientToServer, kStartNs + ms(sentMs), deliveredMs < 0 ? -1 : kStartNs + ms(deliveredMs),
                  frame(kClient, kServer, s), fate, rule);
}

CapturedPacket s2c(quint64 index, double sentMs, double deliveredMs, const Segment &s, PacketFate fate = PacketFate::Delivered, int rule = -1)
{
    return packet(index, Direction::ServerToClient, kStartNs + ms(sentMs), deliveredMs < 0 ? -1 : kStartNs + ms(deliveredMs),
                  frame(kServer, kClient, s), fate, rule);
}

void compareLines(const QStringList &actual, const QStringList &expected)
{
    for (int i = 0; i < qMin(actual.size(), expected.size()); ++i)
        QVERIFY2(actual[i] == expected[i], qPrintable(QStringLiteral("line %1\n  actual:   %2\n  expected: %3").arg(i).arg(actual[i], expected[i])));
    QCOMPARE(actual.size(), expected.size());
}

} // namespace

class WireLadderTest : public QObject
{
    Q_OBJECT

private slots:
    void knownExchange()
    {
        const tcplab::Result<WireSpec> spec = WireSpec::parse(QStringLiteral("delay=20ms,drop=s2c:data"));
        QVERIFY(spec.ok());
        LadderFormatter ladder(spec.value().drops);
        QList<CapturedPacket> packets = wireframes::knownExchange();
        std::reverse(packets.begin(), packets.end()); // the formatter orders them itself
        const QStringList lines = ladder.format(packets);
        compareLines(lines, {
            QStringLiteral("     0.000 ms  C ----> S  SYN          seq=0 len=0 win=64240 <mss 1460,sackOK,ts 100/0,ws 7>"),
            QStringLiteral("    20.100 ms  C <---- S  SYN,ACK      seq=0 ack=1 len=0 win=65160 <mss 1460,sackOK,ts 200/100,ws 8>"),
            QStringLiteral("    40.200 ms  C ----> S  ACK          seq=1 ack=1 len=0 win=64256 <ts 140/200>"),
            QStringLiteral("    40.300 ms  C ----> S  PSH,ACK      seq=1 ack=1 len=5 win=64256 <ts 140/200> \"hello\""),
            QStringLiteral("   100.300 ms  C <---- S  ACK          seq=1 ack=6 len=0 win=130304 <ts 280/140> [delayed ACK 40.000 ms]"),
            QStringLiteral("   100.400 ms  C  x--- S  PSH,ACK      seq=1 ack=6 len=6 win=130304 <ts 280/140> \"HELLO!\" [dropped: drop=s2c:data]"),
            QStringLiteral("   320.400 ms  C <---- S  PSH,ACK      seq=1 ack=6 len=6 win=130304 <ts 500/140> \"HELLO!\" [retransmission]"),
            QStringLiteral("   340.500 ms  C ----> S  ACK          seq=6 ack=7 len=0 win=64256 <ts 440/500>"),
            QStringLiteral("   340.600 ms  C ----> S  FIN,ACK      seq=6 ack=7 len=0 win=64256 <ts 440/500>"),
            QStringLiteral("   360.700 ms  C <---- S  FIN,ACK      seq=7 ack=7 len=0 win=130304 <ts 540/440>"),
            QStringLiteral("   380.800 ms  C ----> S  ACK          seq=7 ack=8 len=0 win=64256 <ts 480/540>"),
        });
    }

    void everyMark()
    {
        QList<CapturedPacket> p;
        p << c2s(0, 0, 1, {Syn, 100, 0, 1000, optFastOpen({}), {}});
        p << s2c(1, 1, 2, {Syn | Ack, 500, 101, 2000, optFastOpen(QByteArray::fromHex("0102030405060708")), {}});
        p << c2s(2, 2, 3, {Ack, 101, 501, 1000, {}, {}});
        p << c2s(3, 3, 4, {Psh | Ack, 101, 501, 1000, {}, QByteArray("ab\x01\"cdefghijklmnopqrstuvwxyz12")}); // 30 bytes
        p << c2s(4, 3, 4.5, {Psh | Ack, 101, 501, 1000, {}, QByteArray("ab\x01\"cdefghijklmnopqrstuvwxyz12")}, PacketFate::Duplicate);
        p << c2s(5, 5, -1, {Psh | Ack, 131, 501, 1000, {}, QByteArray("x")}, PacketFate::DroppedLoss);
        p << c2s(6, 6, -1, {Psh | Ack, 132, 501, 1000, {}, QByteArray("y")}, PacketFate::DroppedBurst);
        p << c2s(7, 7, 7.5, {Psh | Ack, 133, 501, 1000, {}, QByteArray("z")}, PacketFate::Reordered);
        p << s2c(8, 8, 9, {Ack, 501, 131, 2000, optNop() + optNop() + optSack({{133, 134}}), {}});
        p << s2c(9, 9, -1, {Ack, 501, 131, 2000, {}, {}}, PacketFate::DroppedQueue);
        p << s2c(10, 10, -1, {Ack, 501, 131, 2000, {}, {}}, PacketFate::DroppedCut);
        p << s2c(11, 11, -1, {Ack, 501, 131, 2000, {}, {}}, PacketFate::DroppedTargeted, 3);
        p << c2s(12, 200, 201, {Psh | Ack, 131, 501, 1000, {}, QByteArray("xy")});
        p << s2c(13, 202, 203, {Ack, 501, 134, 2000, {}, {}});
        p << c2s(14, 7400, 7401, {Ack, 133, 501, 1000, {}, {}});
        QByteArray arp = frame(kClient, kServer, {Ack, 1, 1, 1, {}, {}});
        arp[12] = char(0x08);
        arp[13] = char(0x06);
        p << packet(15, Direction::ClientToServer, kStartNs + ms(8000), kStartNs + ms(8000), arp);
        LadderFormatter ladder;
        compareLines(ladder.format(p), {
            QStringLiteral("     0.000 ms  C ----> S  SYN          seq=0 len=0 win=1000 <tfo cookie-request>"),
            QStringLiteral("     1.000 ms  C <---- S  SYN,ACK      seq=0 ack=1 len=0 win=2000 <tfo cookie 0102030405060708>"),
            QStringLiteral("     2.000 ms  C ----> S  ACK          seq=1 ack=1 len=0 win=1000"),
            QStringLiteral("     3.000 ms  C ----> S  PSH,ACK      seq=1 ack=1 len=30 win=1000 \"ab..cdefghijklmn\"..."),
            QStringLiteral("     3.000 ms  C ----> S  PSH,ACK      seq=1 ack=1 len=30 win=1000 \"ab..cdefghijklmn\"... [duplicate]"),
            QStringLiteral("     5.000 ms  C ---x  S  PSH,ACK      seq=31 ack=1 len=1 win=1000 \"x\" [dropped: loss]"),
            QStringLiteral("     6.000 ms  C ---x  S  PSH,ACK      seq=32 ack=1 len=1 win=1000 \"y\" [dropped: burst loss]"),
            QStringLiteral("     7.000 ms  C ----> S  PSH,ACK      seq=33 ack=1 len=1 win=1000 \"z\" [reordered]"),
            QStringLiteral("     8.000 ms  C <---- S  ACK          seq=1 ack=31 len=0 win=2000 <sack 33-34>"),
            QStringLiteral("     9.000 ms  C  x--- S  ACK          seq=1 ack=31 len=0 win=2000 [dropped: queue full]"),
            QStringLiteral("    10.000 ms  C  x--- S  ACK          seq=1 ack=31 len=0 win=2000 [dropped: cut]"),
            QStringLiteral("    11.000 ms  C  x--- S  ACK          seq=1 ack=31 len=0 win=2000 [dropped: targeted drop rule 3]"),
            QStringLiteral("   200.000 ms  C ----> S  PSH,ACK      seq=31 ack=1 len=2 win=1000 \"xy\" [retransmission]"),
            QStringLiteral("   202.000 ms  C <---- S  ACK          seq=1 ack=34 len=0 win=2000"),
            QStringLiteral("  7400.000 ms  C ----> S  ACK          seq=33 ack=1 len=0 win=1000 [keep-alive]"),
            QStringLiteral("  8000.000 ms  C ----> S  not TCP: not IPv4 (ethertype 0x0806), 54 bytes"),
        });
    }

    void connectionNumbersWithSeveral()
    {
        const Endpoint other{kClientAddress, 40001};
        QList<CapturedPacket> p;
        p << c2s(0, 0, 1, {Syn, 100, 0, 1000, {}, {}});
        p << packet(1, Direction::ClientToServer, kStartNs + ms(0.5), kStartNs + ms(1.5), frame(other, kServer, {Syn, 900, 0, 1000, {}, {}}));
        p << s2c(2, 1, 2, {Syn | Ack, 500, 101, 2000, {}, {}});
        LadderFormatter ladder;
        compareLines(ladder.format(p), {
            QStringLiteral("     0.000 ms  #1  C ----> S  SYN          seq=0 len=0 win=1000"),
            QStringLiteral("     0.500 ms  #2  C ----> S  SYN          seq=0 len=0 win=1000"),
            QStringLiteral("     1.000 ms  #1  C <---- S  SYN,ACK      seq=0 ack=1 len=0 win=2000"),
        });
        // Live: lines as packets come, timed from the first one.
        LadderFormatter live;
        QCOMPARE(live.append(p[0]), QStringLiteral("     0.000 ms  C ----> S  SYN          seq=0 len=0 win=1000"));
        live.setShowConnection(true);
        QCOMPARE(live.append(p[1]), QStringLiteral("     0.500 ms  #2  C ----> S  SYN          seq=0 len=0 win=1000"));
        QVERIFY(!LadderFormatter::legend().contains(QLatin1Char('\n')));
    }
};

QTEST_GUILESS_MAIN(WireLadderTest)
#include "tst_wireladder.moc"
