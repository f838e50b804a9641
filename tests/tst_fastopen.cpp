// TCP Fast Open, end to end, judged by the kernel: inside a private network namespace (so the
// sysctl can be set without touching the machine) the first connection fetches a cookie and
// the second carries its request in the SYN — the client's TCP_INFO says TCPI_OPT_SYN_DATA and
// the namespace's TcpExtTCPFastOpenPassive counter goes up.
//
// main() enters the namespace before QCoreApplication or any thread exists: unshare() of the
// network namespace applies to the calling thread only, and threads started earlier would stay
// outside it.
#include "labclient.h"
#include "netns/networknamespace.h"
#include "procnet.h"
#include "socketoptions.h"
#include "server.h"
#include "systemlimits.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>


#ifndef TCPI_OPT_SYN_DATA
#define TCPI_OPT_SYN_DATA 32
#endif

using namespace tcplab;
using namespace testsupport;

namespace {

QString g_setupProblem; // why the namespace is unavailable; empty when it is ready

// One TcpExt counter of this process's network namespace; -1 when /proc does not show it.
qint64 netstatCounter(const QString &name)
{
    return readNetCounters().value(QStringLiteral("TcpExt.") + name, -1);
}

Error setFastOpenSysctl(const char *value)
{
    return netns::writeSysctl(QStringLiteral("net.ipv4.tcp_fastopen"), QLatin1String(value));
}

ClientResult fastOpenExchange(const QString &host, quint16 port, const QByteArray &payload)
{
    ClientRequest request;
    request.host = host;
    request.port = port;
    request.payload = payload;
    request.fastOpen = true;
    request.replyMode = ReplyMode::UntilClose;
    return runClientExchange(request);
}

} // namespace

class TestFastOpen : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!g_setupProblem.isEmpty())
            QSKIP(qPrintable(QStringLiteral("no private network namespace for the Fast Open test: ") + g_setupProblem));
        QCOMPARE(SystemLimits::readNumber(QStringLiteral("net.ipv4.tcp_fastopen")), 3L);
        QVERIFY2(netstatCounter(QStringLiteral("TCPFastOpenPassive")) >= 0, "TcpExtTCPFastOpenPassive missing from /proc/net/netstat");
    }

    void reportNotesTheMissingServerBit()
    {
        ServerConfig config = loopbackConfig();
        config.setValue(QStringLiteral("fastopen"), 16);
        QVERIFY(!setFastOpenSysctl("1")); // client bit only
        Server server;
        QVERIFY(!server.start(config));
        const OptionReportRow *row = server.report().row(QStringLiteral("fastopen"));
        QVERIFY(row);
        QCOMPARE(row->effective, QStringLiteral("16"));
        QVERIFY2(row->note.contains(QLatin1String("lacks the server bit")), qPrintable(row->note));
        QVERIFY2(server.warnings().join(' ').contains(QLatin1String("tcp_fastopen")), qPrintable(server.warnings().join(' ')));
        server.stop();

        QVERIFY(!setFastOpenSysctl("3"));
        QVERIFY(!server.start(config));
        row = server.report().row(QStringLiteral("fastopen"));
        QCOMPARE(row->effective, QStringLiteral("16"));
        QVERIFY2(!row->note.contains(QLatin1String("server bit")), qPrintable(row->note));
        QVERIFY(!row->changed);
        server.stop();
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("host");
        // A different loopback address per row: the client caches cookies per destination.
        QTest::newRow("iterative") << "iterative" << "127.0.0.2";
        QTest::newRow("threaded") << "threaded" << "127.0.0.3";
        QTest::newRow("event") << "event" << "127.0.0.4";
    }

    void roundTrip()
    {
        QFETCH(QString, mode);
        QFETCH(QString, host);
        ServerConfig config = loopbackConfig(mode, QStringLiteral("byte"), false);
        config.setValue(QStringLiteral("host"), host);
        config.setValue(QStringLiteral("fastopen"), 16);
        config.setValue(QStringLiteral("log-level"), QStringLiteral("debug"));
        Server server;
        EventRecorder recorder(server.events());
        const Error e = server.start(config);
        QVERIFY2(!e, qPrintable(e.text()));
        QCOMPARE(readOption(server.listenDescriptor(), *findOption(QStringLiteral("fastopen"))).value().toInt(), 16);

        const qint64 passive0 = netstatCounter(QStringLiteral("TCPFastOpenPassive"));
        const qint64 active0 = netstatCounter(QStringLiteral("TCPFastOpenActive"));
        const qint64 cookieReqd0 = netstatCounter(QStringLiteral("TCPFastOpenCookieReqd"));

        // First connection: no cookie yet, so the SYN only asks for one; the data follows the handshake.
        const ClientResult first = fastOpenExchange(host, server.port(), "first request");
        QVERIFY2(!first.error, qPrintable(first.error.text()));
        QCOMPARE(first.reply, QByteArray("FIRST REQUEST"));
        QVERIFY(first.tcp.valid);
        QVERIFY(!first.fastOpenUsed);
        QCOMPARE(netstatCounter(QStringLiteral("TCPFastOpenPassive")), passive0);
        QVERIFY(netstatCounter(QStringLiteral("TCPFastOpenCookieReqd")) > cookieReqd0);

        // Second connection: the cached cookie lets the request ride in the SYN.
        const ClientResult second = fastOpenExchange(host, server.port(), "second request");
        QVERIFY2(!second.error, qPrintable(second.error.text()));
        QCOMPARE(second.reply, QByteArray("SECOND REQUEST"));
        QVERIFY(second.tcp.valid);
        QVERIFY2(second.tcp.options & TCPI_OPT_SYN_DATA, "the client's TCP_INFO must show TCPI_OPT_SYN_DATA");
        QVERIFY(second.fastOpenUsed);
        QVERIFY(second.summary().contains(QLatin1String("Fast Open")));
        QCOMPARE(netstatCounter(QStringLiteral("TCPFastOpenPassive")), passive0 + 1);
        QCOMPARE(netstatCounter(QStringLiteral("TCPFastOpenActive")), active0 + 1);

        // The server's one recv() got the whole request that came with the SYN.
        QVERIFY2(recorder.waitFor(EventKind::Received, QStringLiteral("recv: 14 bytes")), qPrintable(recorder.dump()));
        QVERIFY(waitFor([&] { return server.connections()->count() == 0; }));
        server.stop();
    }

    void cliClientReportsFastOpen()
    {
        // Child processes share the namespace (and its cookie cache): the CLI client's second
        // run sends its text in the SYN and says so.
        const QString binary = qEnvironmentVariable("TCPLAB_BINARY");
        if (binary.isEmpty())
            QSKIP("TCPLAB_BINARY is not set: run this test through ctest");
        ServerConfig config = loopbackConfig(QStringLiteral("event"), QStringLiteral("byte"), false);
        config.setValue(QStringLiteral("host"), QStringLiteral("127.0.0.5"));
        config.setValue(QStringLiteral("fastopen"), 8);
        Server server;
        QVERIFY(!server.start(config));
        QList<QJsonObject> runs;
        for (int i = 0; i < 2; ++i) {
            QProcess p;
            p.start(binary, {QStringLiteral("--send"), QStringLiteral("via cli"), QStringLiteral("--host"), QStringLiteral("127.0.0.5"),
                             QStringLiteral("--port"), QString::number(server.port()), QStringLiteral("--client-fastopen"),
                             QStringLiteral("on"), QStringLiteral("--json")});
            // Serve while waiting: the server's events are delivered on this thread.
            QVERIFY(waitFor([&] { return p.state() == QProcess::NotRunning || p.waitForFinished(10); }, 10000));
            QCOMPARE(p.exitCode(), 0);
            runs << QJsonDocument::fromJson(p.readAllStandardOutput().trimmed()).object();
        }
        QCOMPARE(runs[0].value("reply").toString(), QStringLiteral("VIA CLI"));
        QCOMPARE(runs[0].value("fastopen_used").toBool(), false);
        QCOMPARE(runs[1].value("reply").toString(), QStringLiteral("VIA CLI"));
        QCOMPARE(runs[1].value("fastopen_used").toBool(), true);
        server.stop();
    }

    void noFastOpenWithoutTheListenerOption()
    {
        // Same sysctl, same client, but the listener did not set TCP_FASTOPEN: the kernel refuses
        // data in the SYN, and the request is answered after a normal handshake.
        ServerConfig config = loopbackConfig(QStringLiteral("event"), QStringLiteral("byte"), false);
        config.setValue(QStringLiteral("host"), QStringLiteral("127.0.0.9"));
        Server server;
        QVERIFY(!server.start(config));
        QCOMPARE(readOption(server.listenDescriptor(), *findOption(QStringLiteral("fastopen"))).value().toInt(), 0);
        const qint64 passive0 = netstatCounter(QStringLiteral("TCPFastOpenPassive"));
        for (const QByteArray &request : {QByteArray("one"), QByteArray("two"), QByteArray("three")}) {
            const ClientResult r = fastOpenExchange(QStringLiteral("127.0.0.9"), server.port(), request);
            QVERIFY2(!r.error, qPrintable(r.error.text()));
            QCOMPARE(r.reply, request.toUpper());
            QVERIFY(!r.fastOpenUsed);
        }
        QCOMPARE(netstatCounter(QStringLiteral("TCPFastOpenPassive")), passive0);
        server.stop();
    }
};

int main(int argc, char **argv)
{
    // Before any thread: see the comment at the top.
    if (const Error e = netns::enterPrivateNetworkNamespace())
        g_setupProblem = e.text();
    else if (const Error e = setFastOpenSysctl("3"))
        g_setupProblem = e.text();
    QCoreApplication app(argc, argv);
    TestFastOpen test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_fastopen.moc"
