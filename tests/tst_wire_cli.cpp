// The real tcplab executable (TCPLAB_BINARY) across the wire: --wire SPEC --send with the wire's
// round trip visible in the timings, --repeat on one connection against a persistent server,
// --ladder, --pcap read back by tcpdump, a targeted drop and its retransmission, bad specs,
// --json, --headless --wire. Skipped with the wire's own reason where namespaces are forbidden.
#include "server.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace tcplab;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runTcplab(const QStringList &args, int timeoutMs = 30000)
{
    QProcess p;
    p.start(qEnvironmentVariable("TCPLAB_BINARY"), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(3000);
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// The wire says exactly why it cannot start (namespaces forbidden): that is the skip's reason.
bool wireForbidden(const Run &r)
{
    return r.exitCode == 1 && r.err.contains(QLatin1String("cannot create its network namespaces"));
}

#define RUN_OR_SKIP(var, args)                                                                                        \
    const Run var = runTcplab(args);                                                                                  \
    if (wireForbidden(var))                                                                                           \
        QSKIP(qPrintable(var.err.trimmed()));                                                                         \
    QVERIFY2(var.exitCode == 0, qPrintable(var.err + var.out))

QJsonObject parseJson(const QString &out)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out.trimmed().toUtf8(), &error);
    return doc.isObject() && error.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

int countPackets(const QJsonArray &packets, const QString &flags)
{
    int n = 0;
    for (const QJsonValue &v : packets)
        n += v.toObject().value(QLatin1String("flags")).toString() == flags;
    return n;
}

} // namespace

class TestWireCli : public QObject
{
    Q_OBJECT
private slots:
    void sendAcrossDelayShowsTheRoundTrip();
    void repeatUsesOneConnectionWithPersistentServer();
    void repeatUsesAConnectionEachWithOneShotServer();
    void repeatWithoutWireOnOneConnectionWhenPersistentGiven();
    void ladderShowsHandshakeDataAndTeardown();
    void pcapReadsBackWithTcpdump();
    void targetedDropRetransmitsAndReplyArrives();
    void badSpecIsOneLineExit2_data();
    void badSpecIsOneLineExit2();
    void headlessServesOnTheServerSide();
    void wireEntryFlagsAreChecked();
    void ipv6HostAcrossTheWireIsOneLine();
    void wireStartFailureIsOneLineExit1();
};

void TestWireCli::sendAcrossDelayShowsTheRoundTrip()
{
    RUN_OR_SKIP(r, (QStringList{"--wire", "delay=20ms", "--send", "hello", "--json"}));
    const QJsonObject o = parseJson(r.out);
    QVERIFY2(!o.isEmpty(), qPrintable(r.out));
    QCOMPARE(o.value("type").toString(), QStringLiteral("wire"));
    QCOMPARE(o.value("reply").toString(), QStringLiteral("HELLO"));
    QCOMPARE(o.value("spec").toString(), QStringLiteral("delay=20ms"));
    // 2 x 20 ms per round trip: the handshake and the first reply byte each pay one. The
    // lower bounds are the point; the upper ones only catch a hang on a loaded machine.
    const qint64 connect = o.value("connect_us").toInteger();
    const qint64 firstByte = o.value("first_byte_us").toInteger();
    const qint64 srtt = o.value("srtt_us").toInteger();
    QVERIFY2(connect >= 38000 && connect < 2000000, qPrintable(QString::number(connect)));
    QVERIFY2(firstByte >= 38000 && firstByte < 2000000, qPrintable(QString::number(firstByte)));
    QVERIFY2(srtt >= 38000 && srtt < 2000000, qPrintable(QString::number(srtt)));
    QVERIFY(o.value("total_us").toInteger() >= connect + firstByte);
    const QJsonObject c2s = o.value("counters").toObject().value("c2s").toObject();
    QVERIFY2(c2s.value("delivered_packets").toInteger() >= 4, qPrintable(r.out)); // SYN, ACK, data, FIN at least

    // The text form: the reply and the three timings and the kernel's srtt.
    RUN_OR_SKIP(t, (QStringList{"--wire", "delay=20ms", "--send", "hello"}));
    QVERIFY2(t.out.contains(QLatin1String("reply: 'HELLO'")), qPrintable(t.out));
    QVERIFY2(QRegularExpression(QStringLiteral("connect \\d+ us, first byte \\d+ us, total \\d+ us")).match(t.out).hasMatch(), qPrintable(t.out));
    QVERIFY2(QRegularExpression(QStringLiteral("kernel srtt (\\d+)\\.\\d+ ms")).match(t.out).captured(1).toInt() >= 38, qPrintable(t.out));
}

void TestWireCli::repeatUsesOneConnectionWithPersistentServer()
{
    RUN_OR_SKIP(r, (QStringList{"--wire", "delay=2ms", "--handler", "line", "--persistent", "--send", "hi", "--repeat", "20",
                                "--ladder", "--json"}));
    const QJsonObject o = parseJson(r.out);
    QVERIFY2(!o.isEmpty(), qPrintable(r.out));
    QCOMPARE(o.value("reply").toString(), QStringLiteral("HI\n"));
    const QJsonObject repeat = o.value("repeat").toObject();
    QCOMPARE(repeat.value("succeeded").toInt(), 20);
    QCOMPARE(repeat.value("one_connection").toBool(), true);
    QCOMPARE(repeat.value("connections").toInt(), 1);
    // The capture proves it: one SYN, one SYN-ACK, and 20 requests from the client.
    const QJsonArray packets = o.value("packets").toArray();
    QCOMPARE(countPackets(packets, "SYN"), 1);
    QCOMPARE(countPackets(packets, "SYN,ACK"), 1);
    int requests = 0;
    for (const QJsonValue &v : packets) {
        const QJsonObject p = v.toObject();
        requests += p.value("direction").toString() == QLatin1String("c2s") && p.value("len").toInt() == 3;
    }
    QVERIFY2(requests >= 20, qPrintable(QString::number(requests)));
    // Each round trip pays 2 x 2 ms.
    QVERIFY2(repeat.value("rtt_min_us").toInteger() >= 3800, qPrintable(r.out));
    QVERIFY(repeat.value("rtt_median_us").toInteger() >= repeat.value("rtt_min_us").toInteger());
    QVERIFY(repeat.value("rtt_p99_us").toInteger() >= repeat.value("rtt_median_us").toInteger());
    QVERIFY(repeat.value("rtt_max_us").toInteger() >= repeat.value("rtt_p99_us").toInteger());

    RUN_OR_SKIP(t, (QStringList{"--wire", "delay=2ms", "--handler", "line", "--persistent", "--send", "hi", "--repeat", "20"}));
    QVERIFY2(QRegularExpression(QStringLiteral("20 of 20 exchanges done: 20 ok.*RTT min [\\d.]+ / median [\\d.]+ / p99 [\\d.]+ / max [\\d.]+ ms"))
                 .match(t.out).hasMatch(), qPrintable(t.out));
    QVERIFY2(t.out.contains(QLatin1String("on one connection (1 local port used)")), qPrintable(t.out));
}

void TestWireCli::repeatUsesAConnectionEachWithOneShotServer()
{
    RUN_OR_SKIP(r, (QStringList{"--wire", "delay=1ms", "--send", "hi", "--repeat", "5", "--ladder", "--json"}));
    const QJsonObject o = parseJson(r.out);
    const QJsonObject repeat = o.value("repeat").toObject();
    QCOMPARE(repeat.value("succeeded").toInt(), 5);
    QCOMPARE(repeat.value("one_connection").toBool(), false);
    QCOMPARE(repeat.value("connections").toInt(), 5);
    QCOMPARE(countPackets(o.value("packets").toArray(), "SYN"), 5);
}

void TestWireCli::repeatWithoutWireOnOneConnectionWhenPersistentGiven()
{
    Server server;
    QVERIFY(!server.start(loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), true)));
    const QString port = QString::number(server.port());
    const Run r = runTcplab({"--send", "hi\n", "--port", port, "--repeat", "10", "--persistent", "--handler", "line", "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
    const QJsonObject repeat = parseJson(r.out).value("repeat").toObject();
    QCOMPARE(repeat.value("succeeded").toInt(), 10);
    QCOMPARE(repeat.value("connections").toInt(), 1);
    // Without --persistent the lab cannot know the other server keeps connections: one each.
    const Run each = runTcplab({"--send", "hi\n", "--port", port, "--repeat", "3"});
    QVERIFY2(each.out.contains(QLatin1String("one connection each (3 local ports used)")), qPrintable(each.err + each.out));
    server.stop();
}

void TestWireCli::ladderShowsHandshakeDataAndTeardown()
{
    RUN_OR_SKIP(r, (QStringList{"--wire", "delay=5ms", "--send", "hello", "--ladder"}));
    const QString arrowOut = QStringLiteral("C ----> S  ");
    const QString arrowIn = QStringLiteral("C <---- S  ");
    auto has = [&](const QString &pattern) { return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(r.out).hasMatch(); };
    QVERIFY2(has(QStringLiteral("^ +0\\.000 ms  ") + QRegularExpression::escape(arrowOut) + QStringLiteral("SYN +seq=0 ")), qPrintable(r.out));
    QVERIFY2(has(QRegularExpression::escape(arrowIn) + QStringLiteral("SYN,ACK +seq=0 ack=1 ")), qPrintable(r.out));
    QVERIFY2(has(QRegularExpression::escape(arrowOut) + QStringLiteral("ACK +seq=1 ack=1 len=0")), qPrintable(r.out));
    QVERIFY2(has(QRegularExpression::escape(arrowOut) + QStringLiteral("PSH,ACK +seq=1 ack=1 len=5 .*\"hello\"")), qPrintable(r.out));
    QVERIFY2(has(QRegularExpression::escape(arrowIn) + QStringLiteral("PSH,ACK +seq=1 ack=6 len=5 .*\"HELLO\"")), qPrintable(r.out));
    QVERIFY2(has(QRegularExpression::escape(arrowIn) + QStringLiteral("FIN,ACK")), qPrintable(r.out));
    QVERIFY2(has(QRegularExpression::escape(arrowOut) + QStringLiteral("FIN,ACK")), qPrintable(r.out));
    QVERIFY2(!r.out.contains(QLatin1String("[dropped")) && !r.out.contains(QLatin1String("[retransmission")), qPrintable(r.out));
}

void TestWireCli::pcapReadsBackWithTcpdump()
{
    const QString tcpdump = QStandardPaths::findExecutable(QStringLiteral("tcpdump"), {"/usr/sbin", "/usr/bin", "/sbin", "/bin"});
    if (tcpdump.isEmpty())
        QSKIP("tcpdump is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("run.pcap"));
    RUN_OR_SKIP(r, (QStringList{"--wire", "delay=5ms", "--send", "hello", "--pcap", file}));
    for (const QString &path : {file, dir.filePath(QStringLiteral("run.server.pcap"))}) {
        QProcess p;
        p.start(tcpdump, {"-r", path, "-nn"});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        auto count = [&](const QString &pattern) {
            const QRegularExpression re(pattern);
            return int(std::count_if(lines.begin(), lines.end(), [&](const QString &l) { return re.match(l).hasMatch(); }));
        };
        const QString c = QStringLiteral("198\\.18\\.0\\.1\\.\\d+ > 198\\.18\\.0\\.2\\.\\d+: ");
        const QString s = QStringLiteral("198\\.18\\.0\\.2\\.\\d+ > 198\\.18\\.0\\.1\\.\\d+: ");
        QCOMPARE(count(c + QStringLiteral("Flags \\[S\\],")), 1);
        QCOMPARE(count(s + QStringLiteral("Flags \\[S\\.\\],")), 1);
        QCOMPARE(count(c + QStringLiteral("Flags \\[P\\.\\], seq 1:6,.* length 5")), 1);
        QCOMPARE(count(s + QStringLiteral("Flags \\[P\\.\\], seq 1:6,.* length 5")), 1);
        QCOMPARE(count(c + QStringLiteral("Flags \\[F\\.\\]")), 1);
        QCOMPARE(count(s + QStringLiteral("Flags \\[F\\.\\]")), 1);
        QVERIFY2(lines.size() >= 9, qPrintable(text));
    }
}

void TestWireCli::targetedDropRetransmitsAndReplyArrives()
{
    RUN_OR_SKIP(r, (QStringList{"--wire", "delay=5ms,drop=c2s:data#1", "--send", "hello", "--ladder"}));
    QVERIFY2(r.out.contains(QLatin1String("reply: 'HELLO'")), qPrintable(r.out));
    QVERIFY2(QRegularExpression(QStringLiteral("C ---x  S  PSH,ACK +seq=1 .*\"hello\" \\[dropped: drop=c2s:data\\]")).match(r.out).hasMatch(),
             qPrintable(r.out));
    QVERIFY2(QRegularExpression(QStringLiteral("C ----> S  PSH,ACK +seq=1 .*\"hello\" \\[retransmission\\]")).match(r.out).hasMatch(),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("c2s: ")) && QRegularExpression(QStringLiteral("c2s: \\d+ packets, \\d+ delivered, 1 dropped")).match(r.out).hasMatch(),
             qPrintable(r.out));
}

void TestWireCli::badSpecIsOneLineExit2_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("named");
    QTest::newRow("loss over 100") << "loss=150%" << "loss=150%";
    QTest::newRow("delay without unit") << "delay=20" << "delay=20";
    QTest::newRow("unknown key") << "delay=5ms,wobble=3" << "wobble=3";
    QTest::newRow("drop without direction") << "drop=data" << "drop=data";
}

void TestWireCli::badSpecIsOneLineExit2()
{
    QFETCH(QString, spec);
    QFETCH(QString, named);
    const Run r = runTcplab({"--wire", spec, "--send", "x"});
    QCOMPARE(r.exitCode, 2);
    const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.first().contains(named), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    const Run headless = runTcplab({"--headless", "--wire", spec});
    QCOMPARE(headless.exitCode, 2);
    QCOMPARE(headless.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1);
}

namespace {
// Starts tcplab --headless --wire with args and reads stdout until the line after "listening on"
// (who can reach the server); "" when the wire is forbidden here (*skip says why).
QString startHeadlessWire(QProcess &p, const QStringList &args, QString *skip, QString *failure)
{
    p.start(qEnvironmentVariable("TCPLAB_BINARY"), QStringList{"--headless"} + args);
    QString out;
    QDeadlineTimer deadline(15000);
    const QRegularExpression listening(QStringLiteral("^listening on 198\\.18\\.0\\.2:\\d+ \\(server side of the wire\\)\\n(.*)\\n"),
                                       QRegularExpression::MultilineOption);
    while (!listening.match(out).hasMatch() && !deadline.hasExpired() && p.state() != QProcess::NotRunning) {
        p.waitForReadyRead(100);
        out += QString::fromUtf8(p.readAllStandardOutput());
    }
    out += QString::fromUtf8(p.readAllStandardOutput());
    if (p.state() == QProcess::NotRunning) {
        const Run r{p.exitCode(), out, QString::fromUtf8(p.readAllStandardError())};
        if (wireForbidden(r))
            *skip = r.err.trimmed();
        else
            *failure = r.err + out;
        return {};
    }
    const QRegularExpressionMatch m = listening.match(out);
    if (!m.hasMatch())
        *failure = out;
    return m.captured(1);
}
} // namespace

void TestWireCli::headlessServesOnTheServerSide()
{
    QProcess p;
    QString skip, failure;
    const QString reach = startHeadlessWire(p, {"--wire", "delay=20ms", "--handler", "line", "--persistent"}, &skip, &failure);
    if (!skip.isEmpty())
        QSKIP(qPrintable(skip));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    // As root and as an ordinary user: a forwarder on the host's loopback.
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral(
        "^host entry: 127\\.0\\.0\\.1:(\\d+) -> 198\\.18\\.0\\.2:(\\d+) across the wire \\(your client's TCP ends at the entry; "
        "the entry's connection crosses the impaired path\\)$")).match(reach);
    QVERIFY2(m.hasMatch(), qPrintable(reach));
    // This test process is on the host's network namespace (tcplab's own user namespace, when it
    // has one, changes no network): connect there as curl would, and pay the wire's delay.
    QTcpSocket c;
    QElapsedTimer t;
    t.start();
    c.connectToHost(QHostAddress::LocalHost, quint16(m.captured(1).toUInt()));
    QVERIFY(c.waitForConnected(5000));
    c.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QList<double> rtts;
    for (int i = 0; i < 3; ++i) {
        const qint64 s = t.nsecsElapsed();
        c.write("ping\n");
        QByteArray reply;
        while (reply.size() < 5 && c.waitForReadyRead(5000))
            reply += c.readAll();
        QCOMPARE(reply, QByteArray("PING\n"));
        rtts << double(t.nsecsElapsed() - s) / 1e6;
    }
    qInfo("tcplab --headless --wire delay=20ms, via the host entry: %.3f %.3f %.3f ms", rtts[0], rtts[1], rtts[2]);
    for (double rtt : rtts)
        QVERIFY2(rtt >= 40.0, qPrintable(QString::number(rtt))); // 2D, every exchange
    c.disconnectFromHost();
    p.terminate(); // SIGTERM
    QVERIFY(p.waitForFinished(5000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);

    // --json: the "listening" object says how the server is reached, and where.
    QProcess j;
    j.start(qEnvironmentVariable("TCPLAB_BINARY"), {"--headless", "--json", "--wire", "delay=1ms"});
    QJsonObject listening;
    QString jsonOut;
    QDeadlineTimer jsonDeadline(15000);
    while (listening.isEmpty() && !jsonDeadline.hasExpired() && j.state() != QProcess::NotRunning) {
        j.waitForReadyRead(100);
        jsonOut += QString::fromUtf8(j.readAllStandardOutput());
        for (const QString &line : jsonOut.split(QLatin1Char('\n'))) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            if (o.value("type").toString() == QLatin1String("listening"))
                listening = o;
        }
    }
    QVERIFY2(!listening.isEmpty(), qPrintable(jsonOut));
    QCOMPARE(listening.value("reachable").toString(), QStringLiteral("host entry"));
    const QJsonObject hostEntry = listening.value("host_entry").toObject();
    QCOMPARE(hostEntry.value("address").toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(hostEntry.value("port").toInt() > 0);
    QCOMPARE(hostEntry.value("target").toString(), QStringLiteral("198.18.0.2:%1").arg(listening.value("port").toInt()));
    j.terminate();
    QVERIFY(j.waitForFinished(5000));
    QCOMPARE(j.exitCode(), 0);

    // --wire-entry off: the old promise, only the lab's own client.
    QProcess off;
    const QString offReach = startHeadlessWire(off, {"--wire", "delay=1ms", "--wire-entry", "off"}, &skip, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY2(offReach.startsWith(QLatin1String("only the lab's own client can reach it")), qPrintable(offReach));
    off.terminate();
    QVERIFY(off.waitForFinished(5000));
    QCOMPARE(off.exitCode(), 0);
}

void TestWireCli::wireEntryFlagsAreChecked()
{
    for (const QStringList &args : {QStringList{"--headless", "--wire", "", "--wire-entry", "70000"},
                                    QStringList{"--headless", "--wire", "", "--wire-entry", "x"},
                                    QStringList{"--headless", "--wire-entry", "0"},
                                    QStringList{"--wire", "", "--send", "x", "--wire-entry", "0"}}) {
        const Run r = runTcplab(args);
        QVERIFY2(r.exitCode == 2, qPrintable(args.join(' ') + ": " + r.err));
        QCOMPARE(r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1);
        QVERIFY2(r.err.contains(QLatin1String("--wire-entry")), qPrintable(r.err));
    }
}

// The wire's namespaces have IPv4 addresses only: an IPv6 --host is refused in one line, not
// silently replaced by the wire's IPv4 server address.
void TestWireCli::ipv6HostAcrossTheWireIsOneLine()
{
    for (const QStringList &args : {QStringList{"--wire", "delay=1ms", "--send", "x", "--host", "::1"},
                                    QStringList{"--headless", "--wire", "", "--host", "::"}}) {
        const Run r = runTcplab(args);
        QVERIFY2(r.exitCode == 2, qPrintable(args.join(' ') + ": " + r.err));
        QCOMPARE(r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1);
        QVERIFY2(r.err.contains(QLatin1String("the wire carries IPv4 only")), qPrintable(r.err));
    }
}

void TestWireCli::wireStartFailureIsOneLineExit1()
{
    // A user namespace of the test's own whose user.max_user_namespaces is 0 (that namespace's
    // limit, not the host's): inside it the wire cannot create its namespaces.
    const QString unshare = QStandardPaths::findExecutable(QStringLiteral("unshare"), {"/usr/bin", "/bin", "/usr/sbin", "/sbin"});
    if (unshare.isEmpty())
        QSKIP("unshare (util-linux) is not installed");
    for (const QStringList &args : {QStringList{"--wire", "delay=1ms", "--send", "x"}, QStringList{"--headless", "--wire", "delay=1ms"}}) {
        QProcess p;
        p.start(unshare, QStringList{"-Ur", "sh", "-c", "echo 0 > /proc/sys/user/max_user_namespaces && exec \"$0\" \"$@\"",
                                     qEnvironmentVariable("TCPLAB_BINARY")} + args);
        QVERIFY(p.waitForFinished(20000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        if (err.startsWith(QLatin1String("unshare:")) || err.startsWith(QLatin1String("sh:")))
            QSKIP(qPrintable(QStringLiteral("no user namespace of the test's own: ") + err.trimmed()));
        QCOMPARE(p.exitCode(), 1);
        const QStringList lines = err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(QLatin1String("the wire cannot create its network namespaces")), qPrintable(err));
        QVERIFY2(!p.readAllStandardOutput().contains("listening on"), qPrintable(err));
    }
}

QTEST_GUILESS_MAIN(TestWireCli)
#include "tst_wire_cli.moc"
