// The capture's JSON: the known exchange's packets with the same facts the ladder shows, and
// TCP_INFO samples.
#include "wire/capturejson.h"
#include "wireframes.h"

#include <QJsonDocument>
#include <QtTest>

using namespace tcplab;
using namespace tcplab::wire;
using namespace wireframes;

class WireJsonTest : public QObject
{
    Q_OBJECT

private slots:
    void knownExchange()
    {
        const QList<TargetedDrop> rules{TargetedDrop{Direction::ServerToClient, DropMatch::Data, 1, 1}};
        QList<CapturedPacket> packets = wireframes::knownExchange();
        std::reverse(packets.begin(), packets.end());
        const QJsonArray a = captureJson(packets, rules);
        QCOMPARE(a.size(), 11);
        // Valid JSON text, one line when compact.
        const QByteArray text = QJsonDocument(a).toJson(QJsonDocument::Compact);
        QVERIFY(!text.contains('\n'));
        QCOMPARE(QJsonDocument::fromJson(text).array(), a);

        const QJsonObject syn = a[0].toObject();
        QCOMPARE(syn["index"].toInt(), 0);
        QCOMPARE(syn["direction"].toString(), QStringLiteral("c2s"));
        QCOMPARE(syn["sent_ns"].toInteger(), kStartNs);
        QCOMPARE(syn["delivered_ns"].toInteger(), kStartNs + ms(20));
        QCOMPARE(syn["fate"].toString(), QStringLiteral("delivered"));
        QCOMPARE(syn["connection"].toInt(), 1);
        QCOMPARE(syn["src"].toString(), QStringLiteral("198.18.0.2:40000"));
        QCOMPARE(syn["dst"].toString(), QStringLiteral("198.19.0.2:7000"));
        QCOMPARE(syn["flags"].toString(), QStringLiteral("SYN"));
        QCOMPARE(syn["seq"].toInteger(), qint64(kClientIsn));
        QCOMPARE(syn["rel_seq"].toInt(), 0);
        QVERIFY(!syn.contains("rel_ack"));
        QCOMPARE(syn["window"].toInt(), 64240);
        QCOMPARE(syn["window_scaled"].toBool(), false);
        const QJsonObject o = syn["options"].toObject();
        QCOMPARE(o["mss"].toInt(), 1460);
        QCOMPARE(o["window_scale"].toInt(), 7);
        QCOMPARE(o["sack_permitted"].toBool(), true);
        QCOMPARE(o["ts_val"].toInt(), 100);
        QVERIFY(!syn.contains("marks"));

        const QJsonObject request = a[3].toObject();
        QCOMPARE(request["len"].toInt(), 5);
        QCOMPARE(request["payload_hex"].toString(), QStringLiteral("68656c6c6f"));
        QCOMPARE(request["window"].toInt(), 502 << 7);
        QCOMPARE(request["window_raw"].toInt(), 502);
        QCOMPARE(request["window_scaled"].toBool(), true);

        const QJsonObject delayed = a[4].toObject();
        QCOMPARE(delayed["marks"].toArray(), QJsonArray{QStringLiteral("delayed-ack")});
        QCOMPARE(delayed["ack_delay_us"].toInt(), 40000);
        QCOMPARE(delayed["rel_ack"].toInt(), 6);

        const QJsonObject dropped = a[5].toObject();
        QCOMPARE(dropped["fate"].toString(), QStringLiteral("targeted drop"));
        QCOMPARE(dropped["drop_rule"].toString(), QStringLiteral("drop=s2c:data"));
        QVERIFY(dropped["delivered_ns"].isNull());
        QCOMPARE(dropped["marks"].toArray(), QJsonArray{QStringLiteral("dropped")});
        QCOMPARE(a[6].toObject()["marks"].toArray(), QJsonArray{QStringLiteral("retransmission")});
        QCOMPARE(a[9].toObject()["flags"].toString(), QStringLiteral("FIN,ACK"));
    }

    void notTcp()
    {
        QByteArray arp = frame({kClientAddress, kClientPort}, {kServerAddress, kServerPort}, {0x10, 1, 1, 1, {}, {}});
        arp[13] = char(0x06);
        const QJsonArray a = captureJson({packet(0, Direction::ClientToServer, 1, 2, arp)});
        QCOMPARE(a.size(), 1);
        QCOMPARE(a[0].toObject()["error"].toString(), QStringLiteral("not IPv4 (ethertype 0x0806)"));
        QVERIFY(!a[0].toObject().contains("connection"));
    }

    void tcpInfo()
    {
        TcpInfoSample s;
        s.timeNs = 42;
        s.client.valid = true;
        s.client.state = 1;
        s.client.sndCwnd = 10;
        s.client.sndSsthresh = 0x7fffffff;
        s.client.rttUs = 1500;
        s.client.rttVarUs = 700;
        s.client.rtoUs = 204000;
        s.client.unacked = 3;
        s.client.retransmits = 1;
        s.client.totalRetrans = 2;
        s.client.deliveryRate = 125000000;
        s.client.pacingRate = 250000000;
        s.client.rcvSpace = 14480;
        const QJsonArray a = tcpInfoSeriesJson({s});
        QCOMPARE(a.size(), 1);
        const QJsonObject c = a[0].toObject()["client"].toObject();
        QCOMPARE(a[0].toObject()["time_ns"].toInteger(), qint64(42));
        QCOMPARE(c["state"].toString(), QStringLiteral("ESTABLISHED"));
        QCOMPARE(c["cwnd"].toInt(), 10);
        QCOMPARE(c["ssthresh"].toInteger(), qint64(0x7fffffff));
        QCOMPARE(c["srtt_us"].toInt(), 1500);
        QCOMPARE(c["rttvar_us"].toInt(), 700);
        QCOMPARE(c["rto_us"].toInt(), 204000);
        QCOMPARE(c["unacked"].toInt(), 3);
        QCOMPARE(c["retrans"].toInt(), 1);
        QCOMPARE(c["total_retrans"].toInt(), 2);
        QCOMPARE(c["delivery_rate"].toDouble(), 125000000.0);
        QCOMPARE(c["pacing_rate"].toDouble(), 250000000.0);
        QCOMPARE(c["rcv_space"].toInt(), 14480);
        QCOMPARE(a[0].toObject()["server"].toObject()["valid"].toBool(true), false);
    }
};

QTEST_GUILESS_MAIN(WireJsonTest)
#include "tst_wirejson.moc"
