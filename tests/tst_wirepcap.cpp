// The pcap export: which packets each side saw and when, and the files read back by tcpdump
// (handshake, data, the dropped reply missing on the client side only, teardown, checksums).
#include "wire/pcapwriter.h"
#include "wireframes.h"

#include <QDataStream>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace tcplab;
using namespace tcplab::wire;
using namespace wireframes;

namespace {

QString tcpdumpPath()
{
    QString path = QStandardPaths::findExecutable(QStringLiteral("tcpdump"));
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(QStringLiteral("tcpdump"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    return path;
}

QStringList tcpdump(const QString &file, const QStringList &extra, QString *error)
{
    QProcess p;
    p.start(tcpdumpPath(), QStringList{QStringLiteral("-r"), file, QStringLiteral("-nn"), QStringLiteral("-tt")} + extra);
    if (!p.waitForFinished(20000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        p.kill();
        p.waitForFinished(2000);
        *error = QStringLiteral("tcpdump failed: %1").arg(QString::fromLocal8Bit(p.readAllStandardError()));
        return {};
    }
    QStringList lines = QString::fromLocal8Bit(p.readAllStandardOutput()).split(QLatin1Char('\n'));
    lines.removeAll(QString());
    return lines;
}

struct Expect
{
    const char *time;
    bool c2s;
    const char *flags;
    const char *fields; // what follows "Flags [..], " up to the options
    int length;
};

void checkLines(const QStringList &lines, const QList<Expect> &expected)
{
    QCOMPARE(lines.size(), expected.size());
    const QString client = QStringLiteral("198.18.0.2.40000");
    const QString server = QStringLiteral("198.19.0.2.7000");
    for (int i = 0; i < expected.size(); ++i) {
        const Expect &e = expected[i];
        const QString start = QStringLiteral("%1 IP %2 > %3: Flags [%4], %5")
                                  .arg(QLatin1String(e.time), e.c2s ? client : server, e.c2s ? server : client, QLatin1String(e.flags),
                                       QLatin1String(e.fields));
        QVERIFY2(lines[i].startsWith(start), qPrintable(QStringLiteral("line %1: %2\n  expected to start with: %3").arg(i).arg(lines[i], start)));
        QVERIFY2(lines[i].endsWith(QStringLiteral("length %1").arg(e.length)), qPrintable(lines[i]));
    }
}

} // namespace

class WirePcapTest : public QObject
{
    Q_OBJECT

private slots:
    void clientViewChoosesAndOrders()
    {
        const QList<CapturedPacket> packets = knownExchange();
        const QList<PcapRecord> client = PcapWriter::view(packets, CaptureView::Client);
        // Every packet but the reply the wire dropped on its way to the client.
        QCOMPARE(client.size(), 10);
        QList<quint64> indexes;
        for (const PcapRecord &r : client)
            indexes << r.packet->index;
        QCOMPARE(indexes, (QList<quint64>{0, 1, 2, 3, 4, 6, 7, 8, 9, 10}));
        QCOMPARE(client[0].timeNs, kStartNs);               // the SYN as it left
        QCOMPARE(client[1].timeNs, kStartNs + ms(40.1));    // the SYN-ACK as it arrived
        const QList<PcapRecord> server = PcapWriter::view(packets, CaptureView::Server);
        QCOMPARE(server.size(), 11); // the dropped reply did leave the server
        QCOMPARE(server[0].timeNs, kStartNs + ms(20.0));
        QCOMPARE(server[1].timeNs, kStartNs + ms(20.1));

        // Time order, not the relay's order: the client sent B before A (sent earlier) reached it.
        const QByteArray f = frame({kServerAddress, kServerPort}, {kClientAddress, kClientPort}, {0x10, 1, 1, 100, {}, {}});
        const QByteArray g = frame({kClientAddress, kClientPort}, {kServerAddress, kServerPort}, {0x10, 1, 1, 100, {}, {}});
        QList<CapturedPacket> mixed;
        mixed << packet(0, Direction::ServerToClient, 10, 30, f);                         // A
        mixed << packet(1, Direction::ClientToServer, 20, 40, g);                         // B
        mixed << packet(2, Direction::ClientToServer, 25, -1, g, PacketFate::DroppedLoss); // lost on the way: it left
        mixed << packet(3, Direction::ServerToClient, 26, -1, f, PacketFate::DroppedCut);  // never arrived
        mixed << packet(4, Direction::ServerToClient, 10, 35, f, PacketFate::Duplicate);   // the wire's copy of A
        mixed << packet(5, Direction::ClientToServer, 20, 45, g, PacketFate::Duplicate);   // the wire's copy of B
        QList<quint64> order;
        for (const PcapRecord &r : PcapWriter::view(mixed, CaptureView::Client))
            order << r.packet->index;
        QCOMPARE(order, (QList<quint64>{1, 2, 0, 4}));
        order.clear();
        for (const PcapRecord &r : PcapWriter::view(mixed, CaptureView::Server))
            order << r.packet->index;
        QCOMPARE(order, (QList<quint64>{0, 3, 1, 5}));
    }

    void serverSidePath()
    {
        QCOMPARE(PcapWriter::serverSidePath(QStringLiteral("run.pcap")), QStringLiteral("run.server.pcap"));
        QCOMPARE(PcapWriter::serverSidePath(QStringLiteral("/tmp/a.b/run.PCAP")), QStringLiteral("/tmp/a.b/run.server.pcap"));
        QCOMPARE(PcapWriter::serverSidePath(QStringLiteral("capture")), QStringLiteral("capture.server.pcap"));
    }

    void tcpdumpReadsBothSides()
    {
        if (tcpdumpPath().isEmpty())
            QSKIP("tcpdump is not installed (Debian package tcpdump; scripts/install-deps.sh installs it)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString clientFile = dir.filePath(QStringLiteral("run.pcap"));
        const QString serverFile = PcapWriter::serverSidePath(clientFile);
        const QList<CapturedPacket> packets = knownExchange();
        Error e = PcapWriter::write(clientFile, packets, CaptureView::Client);
        QVERIFY2(!e, qPrintable(e.text()));
        e = PcapWriter::write(serverFile, packets, CaptureView::Server);
        QVERIFY2(!e, qPrintable(e.text()));

        QString error;
        const QStringList client = tcpdump(clientFile, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // tcpdump numbers seq/ack relative to the ISNs after the handshake, as the ladder does.
        checkLines(client, {
                               {"1700000000.000000", true, "S", "seq 1000, win 64240, options [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7]", 0},
                               {"1700000000.040100", false, "S.", "seq 5000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 200 ecr 100,nop,wscale 8]", 0},
                               {"1700000000.040200", true, ".", "ack 1, win 502, options [nop,nop,TS val 140 ecr 200]", 0},
                               {"1700000000.040300", true, "P.", "seq 1:6, ack 1, win 502", 5},
                               {"1700000000.120300", false, ".", "ack 6, win 509", 0},
                               {"1700000000.340400", false, "P.", "seq 1:7, ack 6, win 509, options [nop,nop,TS val 500 ecr 140]", 6},
                               {"1700000000.340500", true, ".", "ack 7, win 502", 0},
                               {"1700000000.340600", true, "F.", "seq 6, ack 7, win 502", 0},
                               {"1700000000.380700", false, "F.", "seq 7, ack 7, win 509", 0},
                               {"1700000000.380800", true, ".", "ack 8, win 502", 0},
                           });
        const QStringList server = tcpdump(serverFile, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        checkLines(server, {
                               {"1700000000.020000", true, "S", "seq 1000, win 64240", 0},
                               {"1700000000.020100", false, "S.", "seq 5000, ack 1001, win 65160", 0},
                               {"1700000000.060200", true, ".", "ack 1, win 502", 0},
                               {"1700000000.060300", true, "P.", "seq 1:6, ack 1, win 502", 5},
                               {"1700000000.100300", false, ".", "ack 6, win 509", 0},
                               {"1700000000.100400", false, "P.", "seq 1:7, ack 6, win 509, options [nop,nop,TS val 280 ecr 140]", 6},
                               {"1700000000.320400", false, "P.", "seq 1:7, ack 6, win 509, options [nop,nop,TS val 500 ecr 140]", 6},
                               {"1700000000.360500", true, ".", "ack 7, win 502", 0},
                               {"1700000000.360600", true, "F.", "seq 6, ack 7, win 502", 0},
                               {"1700000000.360700", false, "F.", "seq 7, ack 7, win 509", 0},
                               {"1700000000.400800", true, ".", "ack 8, win 502", 0},
                           });

        // The payload bytes, and checksums tcpdump verifies as correct in every packet.
        const QString ascii = tcpdump(clientFile, {QStringLiteral("-A")}, &error).join(QLatin1Char('\n'));
        QVERIFY(ascii.contains(QLatin1String("hello")));
        QCOMPARE(ascii.count(QLatin1String("HELLO!")), 1);
        QCOMPARE(tcpdump(serverFile, {QStringLiteral("-A")}, &error).join(QLatin1Char('\n')).count(QLatin1String("HELLO!")), 2);
        const QStringList verbose = tcpdump(clientFile, {QStringLiteral("-vv")}, &error);
        const QString all = verbose.join(QLatin1Char('\n'));
        QCOMPARE(all.count(QLatin1String("(correct)")), 10);
        QVERIFY2(!all.contains(QLatin1String("incorrect")) && !all.contains(QLatin1String("bad cksum")), qPrintable(all));
    }

    void snapLengthAndWireLength()
    {
        if (tcpdumpPath().isEmpty())
            QSKIP("tcpdump is not installed (Debian package tcpdump; scripts/install-deps.sh installs it)");
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("big.pcap"));
        const QByteArray big = frame({kClientAddress, kClientPort}, {kServerAddress, kServerPort}, {0x18, 1, 1, 100, {}, QByteArray(1400, 'z')});
        const Error e = PcapWriter::write(file, {packet(0, Direction::ClientToServer, kStartNs, kStartNs + 1000, big)}, CaptureView::Client);
        QVERIFY2(!e, qPrintable(e.text()));
        QString error;
        const QStringList lines = tcpdump(file, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].endsWith(QLatin1String("length 1400")), qPrintable(lines[0]));
        // The file header states the snap length: 128 bytes kept of 1454.
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QCOMPARE(bytes.size(), 24 + 16 + CapturedPacket::kSnapLength);
        quint32 snap = 0, caplen = 0, len = 0;
        QDataStream in(bytes); // libpcap writes the file in this host's byte order
        in.setByteOrder(QSysInfo::ByteOrder == QSysInfo::LittleEndian ? QDataStream::LittleEndian : QDataStream::BigEndian);
        in.skipRawData(16);
        in >> snap;
        in.skipRawData(24 + 8 - 20);
        in >> caplen;
        in.skipRawData(24 + 12 - 36);
        in >> len;
        QCOMPARE(snap, quint32(CapturedPacket::kSnapLength));
        QCOMPARE(caplen, quint32(CapturedPacket::kSnapLength));
        QCOMPARE(len, quint32(big.size()));
    }

    void errorsNameTheFile()
    {
        const Error missing = PcapWriter::write(QStringLiteral("/nonexistent-dir/x.pcap"), knownExchange(), CaptureView::Client);
        QVERIFY(missing);
        QVERIFY2(missing.text().startsWith(QLatin1String("pcap /nonexistent-dir/x.pcap: ")), qPrintable(missing.text()));
        QVERIFY2(!missing.text().contains(QLatin1Char('\n')), qPrintable(missing.text()));
        if (QFile::exists(QStringLiteral("/dev/full"))) {
            const Error full = PcapWriter::write(QStringLiteral("/dev/full"), knownExchange(), CaptureView::Client);
            QVERIFY2(full, "writing to /dev/full must fail");
            QVERIFY2(full.text().contains(QLatin1String("ENOSPC")), qPrintable(full.text()));
        }
    }
};

QTEST_GUILESS_MAIN(WirePcapTest)
#include "tst_wirepcap.moc"
