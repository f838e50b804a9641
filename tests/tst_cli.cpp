// The real tcplab executable (TCPLAB_BINARY, set by CTest) driven through QProcess: the
// headless server's report and "listening on" line, the --send/--bin/--hex client, --json,
// clean exits on SIGTERM/SIGINT, one-line errors with a non-zero exit, and --help.
#include "optiontable.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace tcplab;
using namespace testsupport;

namespace {

QString binary()
{
    return qEnvironmentVariable("TCPLAB_BINARY");
}

// A headless server process and everything it has printed so far.
class Headless
{
public:
    explicit Headless(const QStringList &args)
    {
        m_process.setProgram(binary());
        m_process.setArguments(QStringList{QStringLiteral("--headless")} + args);
        m_process.start();
    }
    ~Headless()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }

    // Wait until stdout has a line matching re; returns the match.
    QRegularExpressionMatch waitForLine(const QRegularExpression &re, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            m_out += m_process.readAllStandardOutput();
            const QRegularExpressionMatch m = re.match(QString::fromUtf8(m_out));
            if (m.hasMatch() || deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
                return m;
            m_process.waitForReadyRead(int(std::max<qint64>(1, std::min<qint64>(100, deadline.remainingTime()))));
        }
    }
    quint16 waitForPort()
    {
        const QRegularExpressionMatch m = waitForLine(QRegularExpression(QStringLiteral("^listening on 127\\.0\\.0\\.1:(\\d+)$"),
                                                                          QRegularExpression::MultilineOption));
        return m.hasMatch() ? quint16(m.captured(1).toUInt()) : 0;
    }
    // Send a signal and wait for the exit; false when it did not exit.
    bool stop(int signalNumber, int timeoutMs = 5000)
    {
        ::kill(pid_t(m_process.processId()), signalNumber);
        const bool done = m_process.waitForFinished(timeoutMs);
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        return done;
    }
    QString out() { m_out += m_process.readAllStandardOutput(); return QString::fromUtf8(m_out); }
    QString err() { m_err += m_process.readAllStandardError(); return QString::fromUtf8(m_err); }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
};

struct Run
{
    int exitCode = -1;
    bool normalExit = false;
    QString out;
    QString err;
};

// Run tcplab to completion.
Run runTcplab(const QStringList &args, int timeoutMs = 10000)
{
    QProcess p;
    p.start(binary(), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(3000);
        r.err = QStringLiteral("(timed out)");
        return r;
    }
    r.exitCode = p.exitCode();
    r.normalExit = p.exitStatus() == QProcess::NormalExit;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// stderr minus Qt's own environment chatter (e.g. about XDG_RUNTIME_DIR), which is not ours.
QStringList errorLines(const QString &err)
{
    QStringList lines;
    for (const QString &l : err.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!l.startsWith(QLatin1String("QStandardPaths:")))
            lines << l;
    }
    return lines;
}

QJsonObject parseJsonLine(const QString &line, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("not a JSON object: '%1' (%2)").arg(line, pe.errorString());
        return {};
    }
    return doc.object();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(!binary().isEmpty(), "TCPLAB_BINARY is not set: run this test through ctest");
        QVERIFY2(QFileInfo(binary()).isExecutable(), qPrintable(binary()));
    }

    void headlessServesAClientAndStopsOnSignal_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::addColumn<QString>("mode");
        QTest::newRow("SIGTERM event") << int(SIGTERM) << "event";
        QTest::newRow("SIGINT threaded") << int(SIGINT) << "threaded";
        QTest::newRow("SIGTERM iterative") << int(SIGTERM) << "iterative";
    }

    void headlessServesAClientAndStopsOnSignal()
    {
        QFETCH(int, signalNumber);
        QFETCH(QString, mode);
        Headless server({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--mode"), mode});
        const quint16 port = server.waitForPort();
        QVERIFY2(port != 0, qPrintable(server.out() + server.err()));

        // The option report comes first, with requested and effective values.
        const QString out = server.out();
        const qsizetype listening = out.indexOf(QLatin1String("listening on"));
        const QString report = out.left(listening);
        QVERIFY2(report.contains(QLatin1String("option report")), qPrintable(out));
        for (const OptionSpec &spec : optionTable()) {
            if (spec.isSocketOption())
                QVERIFY2(report.contains(spec.name), qPrintable(spec.name));
        }
        QVERIFY(report.contains(QLatin1String("listen backlog")));
        QVERIFY(QRegularExpression(QStringLiteral("SO_RCVBUF\\s+requested default\\s+effective \\d+")).match(report).hasMatch());
        QVERIFY(QRegularExpression(QStringLiteral("TCP_KEEPIDLE\\s+requested 1800\\s+effective 1800")).match(report).hasMatch());

        // A real listener on that port: the CLI client talks to it.
        const Run client = runTcplab({QStringLiteral("--send"), QStringLiteral("hello"), QStringLiteral("--port"), QString::number(port)});
        QVERIFY2(client.exitCode == 0, qPrintable(client.out + client.err));
        QVERIFY2(client.out.contains(QLatin1String("reply: 'HELLO'")), qPrintable(client.out));
        QVERIFY(client.out.contains(QLatin1String("closed by server")));

        // The event log follows on stdout.
        QVERIFY2(server.waitForLine(QRegularExpression(QStringLiteral("closed after reply"))).hasMatch(), qPrintable(server.out()));
        QVERIFY(server.out().contains(QLatin1String("connected")));

        QVERIFY2(server.stop(signalNumber), "tcplab did not exit on the signal");
        QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process().exitCode(), 0);
        QVERIFY2(server.out().contains(QLatin1String("stopped")), qPrintable(server.out()));
        QVERIFY2(errorLines(server.err()).isEmpty(), qPrintable(server.err()));
        // The port is free again.
        QVERIFY(!connectTo(port, 500).isValid());
    }

    void jsonEmitsOneObjectPerLine()
    {
        Headless server({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"), QStringLiteral("--log-level"),
                         QStringLiteral("debug"), QStringLiteral("--handler"), QStringLiteral("line")});
        const QRegularExpressionMatch m = server.waitForLine(QRegularExpression(QStringLiteral("\"type\":\"listening\"")));
        QVERIFY2(m.hasMatch(), qPrintable(server.out() + server.err()));
        QString error;
        quint16 port = 0;
        for (const QString &line : server.out().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject o = parseJsonLine(line, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            if (o.value("type") == QLatin1String("listening")) {
                port = quint16(o.value("port").toInt());
                QCOMPARE(o.value("address").toString(), QStringLiteral("127.0.0.1"));
                QCOMPARE(o.value("handler").toString(), QStringLiteral("line"));
            }
        }
        QVERIFY(port != 0);
        const QJsonObject report = parseJsonLine(server.out().section(QLatin1Char('\n'), 0, 0), &error);
        QCOMPARE(report.value("type").toString(), QStringLiteral("report"));
        QSet<QString> keys;
        for (const QJsonValue &row : report.value("options").toArray()) {
            keys.insert(row.toObject().value("key").toString());
            QVERIFY(row.toObject().contains("requested") && row.toObject().contains("effective")
                    && row.toObject().contains("changed") && row.toObject().contains("note"));
        }
        for (const OptionSpec &spec : optionTable()) {
            if (spec.isSocketOption())
                QVERIFY2(keys.contains(spec.key) == optionAppliesTo(spec, AF_INET), qPrintable(spec.key));
        }
        QVERIFY(keys.contains(QStringLiteral("backlog")));
        QVERIFY(report.value("omitted").toArray().contains(QStringLiteral("IPV6_V6ONLY not shown: IPv4 listener")));

        FileDescriptor fd = connectTo(port);
        QVERIFY(sendAll(fd.get(), "json line\n"));
        QCOMPARE(readExactly(fd.get(), 10), QByteArray("JSON LINE\n"));
        fd.reset();
        QVERIFY2(server.waitForLine(QRegularExpression(QStringLiteral("\"kind\":\"closed\""))).hasMatch(), qPrintable(server.out()));
        QVERIFY(server.stop(SIGTERM));
        QCOMPARE(server.process().exitCode(), 0);

        QSet<QString> kinds;
        for (const QString &line : server.out().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject o = parseJsonLine(line, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(o.contains("type"));
            if (o.value("type") == QLatin1String("event")) {
                kinds.insert(o.value("kind").toString());
                QVERIFY(o.contains("time") && o.contains("level") && o.contains("text") && o.contains("connection"));
            }
        }
        for (const char *k : {"lifecycle", "accepted", "report", "received", "closed"})
            QVERIFY2(kinds.contains(QLatin1String(k)), k);
    }

    // The same server and client over ::1: JSON says the family, peers are [addr]:port, the
    // report leaves out the IPv4-only options and says so.
    void jsonOverIPv6()
    {
        TCPLAB_REQUIRE_IPV6();
        Headless server({QStringLiteral("--host"), QStringLiteral("::1"), QStringLiteral("--port"), QStringLiteral("0"),
                         QStringLiteral("--json"), QStringLiteral("--tclass"), QStringLiteral("255")});
        QVERIFY2(server.waitForLine(QRegularExpression(QStringLiteral("\"type\":\"listening\""))).hasMatch(),
                 qPrintable(server.out() + server.err()));
        QString error;
        QJsonObject listening, report;
        for (const QString &line : server.out().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject o = parseJsonLine(line, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            if (o.value("type") == QLatin1String("listening"))
                listening = o;
            if (o.value("type") == QLatin1String("report"))
                report = o;
        }
        const int port = listening.value("port").toInt();
        QVERIFY(port > 0);
        QCOMPARE(listening.value("address").toString(), QStringLiteral("::1"));
        QCOMPARE(listening.value("family").toString(), QStringLiteral("ipv6"));
        QCOMPARE(listening.value("endpoint").toString(), QStringLiteral("[::1]:%1").arg(port));
        QSet<QString> keys;
        for (const QJsonValue &row : report.value("options").toArray()) {
            keys.insert(row.toObject().value("key").toString());
            if (row.toObject().value("key") == QLatin1String("tclass")) {
                QCOMPARE(row.toObject().value("effective").toString(), QStringLiteral("252"));
                QVERIFY(row.toObject().value("changed").toBool());
            }
        }
        QVERIFY(keys.contains(QStringLiteral("tclass")) && keys.contains(QStringLiteral("v6only")));
        QVERIFY(!keys.contains(QStringLiteral("tos")) && !keys.contains(QStringLiteral("ttl")));
        QVERIFY(report.value("omitted").toArray().contains(QStringLiteral("IP_TOS not shown: IPv6 listener; see IPV6_TCLASS")));

        // The client: --host [::1]:port names both.
        const Run client = runTcplab({QStringLiteral("--send"), QStringLiteral("six"), QStringLiteral("--host"),
                                      QStringLiteral("[::1]:%1").arg(port), QStringLiteral("--json")});
        QVERIFY2(client.exitCode == 0, qPrintable(client.out + client.err));
        const QJsonObject answer = parseJsonLine(client.out.trimmed(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(answer.value("reply").toString(), QStringLiteral("SIX"));
        QCOMPARE(answer.value("server").toString(), QStringLiteral("[::1]:%1").arg(port));
        QVERIFY2(server.waitForLine(QRegularExpression(QStringLiteral("\"kind\":\"closed\""))).hasMatch(), qPrintable(server.out()));
        bool bracketed = false;
        for (const QString &line : server.out().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject o = parseJsonLine(line, &error);
            if (o.value("kind") == QLatin1String("accepted"))
                bracketed = QRegularExpression(QStringLiteral("^\\[::1\\]:\\d+$")).match(o.value("peer").toString()).hasMatch();
        }
        QVERIFY2(bracketed, qPrintable(server.out()));
        // Text mode too, with --host ::1 and --port apart.
        const Run text = runTcplab({QStringLiteral("--send"), QStringLiteral("hi"), QStringLiteral("--host"), QStringLiteral("::1"),
                                    QStringLiteral("--port"), QString::number(port)});
        QVERIFY2(text.exitCode == 0, qPrintable(text.out + text.err));
        QVERIFY2(text.out.contains(QStringLiteral("sent 2 bytes to [::1]:%1").arg(port)), qPrintable(text.out));
        QVERIFY(server.stop(SIGTERM));
        QCOMPARE(server.process().exitCode(), 0);
    }

    // localhost names both families; the lab says which one it took and why.
    void localhostSaysWhichAddress()
    {
        Headless server({QStringLiteral("--host"), QStringLiteral("localhost"), QStringLiteral("--port"), QStringLiteral("0"),
                         QStringLiteral("--json")});
        const QRegularExpressionMatch m = server.waitForLine(QRegularExpression(QStringLiteral("^.*\"type\":\"listening\".*$"),
                                                                                 QRegularExpression::MultilineOption));
        QVERIFY2(m.hasMatch(), qPrintable(server.out() + server.err()));
        QString error;
        const QJsonObject listening = parseJsonLine(m.captured(0), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(listening.value("address").toString(), QStringLiteral("127.0.0.1"));
        QVERIFY2(listening.value("resolved").toString().startsWith(QLatin1String("localhost -> 127.0.0.1 (")), qPrintable(m.captured(0)));
        QVERIFY(server.stop(SIGTERM));
    }

    void helpShowsTheKernelsV6OnlyDefault()
    {
        QFile f(QStringLiteral("/proc/sys/net/ipv6/bindv6only"));
        if (!f.open(QIODevice::ReadOnly))
            QSKIP("no /proc/sys/net/ipv6/bindv6only: the kernel has no IPv6");
        const QString sysctl = QString::fromLatin1(f.readAll().trimmed());
        const Run r = runTcplab({QStringLiteral("--help")});
        // --help wraps long descriptions: compare with the white space collapsed.
        QVERIFY2(r.out.simplified().contains(QStringLiteral("default: kernel's, net.ipv6.bindv6only = %1").arg(sysctl)), qPrintable(r.out));
    }

    void rawOptionIsReadBackInTheReport()
    {
        Headless server({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"), QStringLiteral("--raw"),
                         QStringLiteral("SOL_SOCKET:%1:5").arg(SO_PRIORITY), QStringLiteral("--rcvbuf"), QStringLiteral("50000")});
        QVERIFY2(server.waitForLine(QRegularExpression(QStringLiteral("\"type\":\"listening\""))).hasMatch(),
                 qPrintable(server.out() + server.err()));
        QString error;
        const QJsonObject report = parseJsonLine(server.out().section(QLatin1Char('\n'), 0, 0), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QJsonObject raw, rcvbuf;
        for (const QJsonValue &row : report.value("options").toArray()) {
            if (row.toObject().value("key") == QStringLiteral("raw:%1:%2").arg(SOL_SOCKET).arg(SO_PRIORITY))
                raw = row.toObject();
            if (row.toObject().value("key") == QLatin1String("rcvbuf"))
                rcvbuf = row.toObject();
        }
        QCOMPARE(raw.value("requested").toString(), QStringLiteral("5"));
        QCOMPARE(raw.value("effective").toString(), QStringLiteral("5"));
        QCOMPARE(raw.value("changed").toBool(), false);
        QCOMPARE(rcvbuf.value("requested").toString(), QStringLiteral("50000"));
        QCOMPARE(rcvbuf.value("effective").toString(), QStringLiteral("100000"));
        QCOMPARE(rcvbuf.value("changed").toBool(), true);
        QVERIFY(rcvbuf.value("note").toString().contains(QLatin1String("doubled")));
        QVERIFY(server.stop(SIGINT));
        QCOMPARE(server.process().exitCode(), 0);
    }

    void invalidInputGivesOneLineAndNonZeroExit_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("errorParts");
        QTest::newRow("keepidle 0") << QStringList{"--headless", "--keepidle", "0"} << QStringList{"--keepidle", "1..32767"};
        QTest::newRow("handler foo") << QStringList{"--headless", "--handler", "foo"} << QStringList{"--handler", "byte|line|bin"};
        QTest::newRow("nodelay maybe") << QStringList{"--headless", "--nodelay", "maybe"} << QStringList{"--nodelay", "on or off"};
        QTest::newRow("port word") << QStringList{"--headless", "--port", "http"} << QStringList{"--port", "0..65535"};
        QTest::newRow("unknown flag") << QStringList{"--headless", "--no-such-flag"} << QStringList{"no-such-flag"};
        QTest::newRow("bad raw") << QStringList{"--headless", "--raw", "x"} << QStringList{"--raw", "LEVEL:OPTNAME:VALUE"};
        QTest::newRow("hex odd length") << QStringList{"--send", "abc", "--hex", "--port", "9"} << QStringList{"--hex", "odd number of hex digits"};
        QTest::newRow("hex garbage") << QStringList{"--send", "12zz", "--hex", "--port", "9"} << QStringList{"--hex", "not a hex digit"};
        QTest::newRow("bin fields") << QStringList{"--bin", "1,ab,2", "--port", "9"} << QStringList{"--bin", "6 comma-separated fields"};
        QTest::newRow("client without port") << QStringList{"--send", "x"} << QStringList{"--port"};
        // --host: a malformed literal, a name nobody knows, a scope where none applies, an
        // interface that does not exist: each one line naming the host.
        QTest::newRow("host bad IPv6 literal") << QStringList{"--send", "x", "--host", "::g", "--port", "9"}
                                               << QStringList{"--host", "'::g' is not a valid IPv6 address"};
        QTest::newRow("host bad IPv4 literal") << QStringList{"--send", "x", "--host", "127.0.0.300", "--port", "9"}
                                               << QStringList{"'127.0.0.300' is not a valid IPv4 address"};
        QTest::newRow("host unknown name") << QStringList{"--send", "x", "--host", "no-such-host.invalid", "--port", "9"}
                                           << QStringList{"unknown host 'no-such-host.invalid'"};
        QTest::newRow("host scope on a global address") << QStringList{"--send", "x", "--host", "::1%lo", "--port", "9"}
                                                        << QStringList{"'::1%lo'", "only to link-local"};
        QTest::newRow("host scope unknown interface") << QStringList{"--send", "x", "--host", "fe80::1%nosuchif", "--port", "9"}
                                                      << QStringList{"'fe80::1%nosuchif'", "no network interface 'nosuchif'"};
        QTest::newRow("host link-local without scope") << QStringList{"--send", "x", "--host", "fe80::1", "--port", "9"}
                                                       << QStringList{"'fe80::1' is link-local", "fe80::1%lo"};
        QTest::newRow("host and port disagree") << QStringList{"--send", "x", "--host", "[::1]:9", "--port", "10"}
                                                << QStringList{"[::1]:9", "port 9", "--port says 10"};
        QTest::newRow("server bad IPv6 literal") << QStringList{"--headless", "--host", "::g", "--port", "0"}
                                                 << QStringList{"'::g' is not a valid IPv6 address"};
        QTest::newRow("server scope unknown interface") << QStringList{"--headless", "--host", "fe80::1%nosuchif", "--port", "0"}
                                                        << QStringList{"no network interface 'nosuchif'"};
    }

    void invalidInputGivesOneLineAndNonZeroExit()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, errorParts);
        const Run r = runTcplab(args);
        QVERIFY2(r.normalExit, qPrintable(r.err));
        QVERIFY2(r.exitCode != 0, qPrintable(r.out + r.err));
        const QStringList lines = errorLines(r.err);
        QVERIFY2(lines.size() == 1, qPrintable(r.err));
        for (const QString &part : errorParts)
            QVERIFY2(lines.first().contains(part), qPrintable(lines.first()));
        QVERIFY2(!r.out.contains(QLatin1String("listening on")), qPrintable(r.out));
    }

    void portInUseGivesOneLineAndNonZeroExit()
    {
        const FileDescriptor holder = boundLoopbackSocket(1);
        QVERIFY(holder.isValid());
        const QString port = QString::number(localPort(holder.get()));
        const Run r = runTcplab({QStringLiteral("--headless"), QStringLiteral("--port"), port});
        QVERIFY(r.normalExit);
        QVERIFY(r.exitCode != 0);
        const QStringList lines = errorLines(r.err);
        QVERIFY2(lines.size() == 1, qPrintable(r.err));
        QVERIFY2(lines.first().contains(QStringLiteral("port %1 is in use").arg(port)), qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(QLatin1String("EADDRINUSE")), qPrintable(lines.first()));
    }

    void clientReportsARefusedConnection()
    {
        const quint16 port = freePort();
        const Run r = runTcplab({QStringLiteral("--send"), QStringLiteral("x"), QStringLiteral("--port"), QString::number(port)});
        QVERIFY(r.normalExit);
        QVERIFY(r.exitCode != 0);
        const QStringList lines = errorLines(r.err);
        QVERIFY2(lines.size() == 1 && lines.first().contains(QLatin1String("ECONNREFUSED")), qPrintable(r.err));
    }

    void helpListsEveryTableFlag()
    {
        const Run r = runTcplab({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        // Help text is wrapped at the terminal width; compare with whitespace folded.
        const QString help = r.out.simplified();
        for (const OptionSpec &spec : optionTable()) {
            QVERIFY2(help.contains(QStringLiteral("--%1 ").arg(spec.key)), qPrintable(spec.key));
            QVERIFY2(help.contains(spec.translatedHelp().simplified()), qPrintable(spec.key + QLatin1String(": ") + spec.translatedHelp()));
            QVERIFY2(help.contains(describeRange(spec)), qPrintable(spec.key + QLatin1String(": ") + describeRange(spec)));
        }
        for (const char *flag : {"--headless", "--json", "--send", "--hex", "--bin", "--raw"})
            QVERIFY2(help.contains(QLatin1String(flag)), flag);
        // Units of the time options are said.
        QVERIFY(help.contains(QLatin1String("milliseconds for USER_TIMEOUT")));
    }

    void hexAndBinRoundTrips()
    {
        Headless server({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--handler"), QStringLiteral("bin")});
        const quint16 port = server.waitForPort();
        QVERIFY2(port, qPrintable(server.out() + server.err()));
        const QString p = QString::number(port);

        Run r = runTcplab({QStringLiteral("--bin"), QStringLiteral("1,ab,2,3,-4,1.5"), QStringLiteral("--port"), p});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QLatin1String("reply frame: (u32=1, tag=6162, u64=2, i16=3, i16=-4, f32=1.5)")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("sent 22 bytes")), qPrintable(r.out));

        r = runTcplab({QStringLiteral("--bin"), QStringLiteral("4294967295,zz,18446744073709551615,-32768,32767,-0.25"),
                       QStringLiteral("--port"), p, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QString error;
        const QJsonObject o = parseJsonLine(r.out.trimmed(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(o.value("ok").toBool(), true);
        QCOMPARE(o.value("reply_hex").toString(), o.value("sent_hex").toString()); // echoed unchanged
        QCOMPARE(o.value("reply_frame").toString(),
                 QStringLiteral("(u32=4294967295, tag=7a7a, u64=18446744073709551615, i16=-32768, i16=32767, f32=-0.25)"));

        // Raw bytes with --hex: a valid frame written as hex digits comes back the same.
        r = runTcplab({QStringLiteral("--send"), QStringLiteral("00000001 6162 0000000000000002 0003 fffc 3fc00000"), QStringLiteral("--hex"),
                       QStringLiteral("--port"), p});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QLatin1String("reply hex: 00 00 00 01 61 62 00 00 00 00 00 00 00 02 00 03 ff fc 3f c0 00 00")), qPrintable(r.out));
        QVERIFY(server.stop(SIGTERM));
        QCOMPARE(server.process().exitCode(), 0);
        QCOMPARE(server.out().count(QLatin1String("closed after reply")), 3);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
