// tcplab --experiment list / NAME [--json], run as a separate process.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestExperimentsCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listNamesEveryExperiment();
    void listAsJson();
    void reusePortAsJson();
    void reuseAddrAsText();
    void unknownNameIsAnError();
    void invalidWireSpecIsOneLineExit2();
    void wireExperimentWritesAPcapThatTcpdumpReads();
    void loopbackExperimentWritesAPcapThatTcpdumpReads();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &args, int timeoutMs = 30000);
    QString m_binary;
};

void TestExperimentsCli::initTestCase()
{
    m_binary = QString::fromLocal8Bit(qgetenv("TCPLAB_BINARY"));
    if (m_binary.isEmpty())
        QSKIP("TCPLAB_BINARY is not set (run through ctest)");
    QVERIFY2(QFile::exists(m_binary), qPrintable(m_binary));
}

TestExperimentsCli::Run TestExperimentsCli::run(const QStringList &args, int timeoutMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    p.setProcessEnvironment(env);
    p.start(m_binary, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void TestExperimentsCli::listNamesEveryExperiment()
{
    const Run r = run({"--experiment", "list"});
    QCOMPARE(r.exitCode, 0);
    for (const char *name : {"nagle", "accept-queue", "keepalive", "reuseport", "reuseaddr", "dual-stack", "buffers", "fastopen", "slow-start", "synack-retries", "retransmit", "bdp"}) {
        bool found = false;
        for (const QByteArray &line : r.out.split('\n'))
            found = found || line.startsWith(name);
        QVERIFY2(found, name);
    }
}

void TestExperimentsCli::listAsJson()
{
    const Run r = run({"--experiment", "list", "--json"});
    QCOMPARE(r.exitCode, 0);
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(r.out.trimmed(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, r.out.constData());
    QCOMPARE(o.value("type").toString(), QStringLiteral("experiments"));
    const QJsonArray list = o.value("experiments").toArray();
    QCOMPARE(list.size(), 12);
    for (const QJsonValue &v : list) {
        QVERIFY(!v.toObject().value("title").toString().isEmpty());
        QVERIFY(v.toObject().value("explanation").toString().contains(QLatin1Char('\n')));
    }
}

void TestExperimentsCli::reusePortAsJson()
{
    const Run r = run({"--experiment", "reuseport", "--json"});
    QCOMPARE(r.exitCode, 0);
    // stdout is exactly one JSON object: progress goes to stderr (and not at all with --json).
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(lines.first(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, r.out.constData());
    QCOMPARE(o.value("type").toString(), QStringLiteral("experiment"));
    QCOMPARE(o.value("name").toString(), QStringLiteral("reuseport"));
    QCOMPARE(o.value("status").toString(), QStringLiteral("completed"));
    const QJsonObject metrics = o.value("metrics").toObject();
    QVERIFY2(metrics.value("listeners_used").toInt() > 1, lines.first().constData());
    QCOMPARE(metrics.value("bind_without_option_errno").toString(), QStringLiteral("EADDRINUSE"));
    QVERIFY(!o.value("tables").toArray().isEmpty());
    QCOMPARE(o.value("chart").toObject().value("kind").toString(), QStringLiteral("bar"));
}

void TestExperimentsCli::reuseAddrAsText()
{
    const Run r = run({"--experiment", "reuseaddr"});
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.startsWith(QLatin1String("== SO_REUSEADDR (reuseaddr) ==")), r.out.constData());
    QVERIFY(out.contains(QLatin1String("status: completed")));
    QVERIFY(out.contains(QLatin1String("restart without SO_REUSEADDR")));
    QVERIFY(out.contains(QLatin1String("EADDRINUSE")));
    QVERIFY(r.err.contains("[100%]")); // progress on stderr
}

void TestExperimentsCli::unknownNameIsAnError()
{
    const Run r = run({"--experiment", "no-such-thing"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("unknown experiment 'no-such-thing'"));
    QVERIFY(r.err.contains("reuseport"));
    QVERIFY(r.out.isEmpty());
}

void TestExperimentsCli::invalidWireSpecIsOneLineExit2()
{
    const Run r = run({"--experiment", "nagle", "--wire", "delay=fast", "--pcap", "/nonexistent/x.pcap"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.startsWith("tcplab: ") && r.err.contains("delay"), r.err.constData());
    // The same message as --wire with --send.
    const Run send = run({"--wire", "delay=fast", "--send", "hello"});
    QCOMPARE(send.exitCode, 2);
    QCOMPARE(r.err, send.err);
}

namespace {
QString tcpdumpText(const QString &file)
{
    const QString tcpdump = QStandardPaths::findExecutable(QStringLiteral("tcpdump"), {"/usr/sbin", "/usr/bin", "/sbin", "/bin"});
    if (tcpdump.isEmpty())
        return {};
    QProcess p;
    p.start(tcpdump, {"-r", file, "-nn"});
    if (!p.waitForFinished(10000) || p.exitCode() != 0)
        return QStringLiteral("(tcpdump failed: %1)").arg(QString::fromUtf8(p.readAllStandardError()));
    return QString::fromUtf8(p.readAllStandardOutput());
}

int countLines(const QString &text, const QString &pattern)
{
    const QRegularExpression re(pattern);
    int n = 0;
    for (const QString &line : text.split(QLatin1Char('\n')))
        n += re.match(line).hasMatch() ? 1 : 0;
    return n;
}
} // namespace

// --experiment X --wire SPEC --pcap F: a file tcpdump reads, with every connection's handshake
// (and, for Fast Open, the request inside the later SYNs); the JSON names the files.
void TestExperimentsCli::wireExperimentWritesAPcapThatTcpdumpReads()
{
    if (QStandardPaths::findExecutable(QStringLiteral("tcpdump"), {"/usr/sbin", "/usr/bin", "/sbin", "/bin"}).isEmpty())
        QSKIP("tcpdump is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("fo.pcap"));
    const Run r = run({"--experiment", "fastopen", "--wire", "delay=10ms", "--pcap", file, "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.trimmed()).object();
    if (o.value("status").toString() == QLatin1String("skipped"))
        QSKIP(qPrintable(QStringLiteral("skipped by the experiment: ") + o.value("reason").toString()));
    QCOMPARE(o.value("status").toString(), QStringLiteral("completed"));
    const QJsonObject capture = o.value("capture").toObject();
    QCOMPARE(capture.value("path").toString(), QStringLiteral("wire"));
    QCOMPARE(capture.value("spec").toString(), QStringLiteral("delay=10ms"));
    QCOMPARE(capture.value("pcap").toArray().size(), 2);
    QCOMPARE(capture.value("pcap").toArray().first().toString(), file);
    for (const QString &path : {file, dir.filePath(QStringLiteral("fo.server.pcap"))}) {
        const QString text = tcpdumpText(path);
        const QString c = QStringLiteral("198\\.18\\.0\\.1\\.\\d+ > 198\\.18\\.0\\.2\\.\\d+: ");
        const QString s = QStringLiteral("198\\.18\\.0\\.2\\.\\d+ > 198\\.18\\.0\\.1\\.\\d+: ");
        QCOMPARE(countLines(text, c + QStringLiteral("Flags \\[S\\],")), 3);
        QCOMPARE(countLines(text, s + QStringLiteral("Flags \\[S\\.\\],")), 3);
        // Connections 2 and 3: the request rides in the SYN, beside the cookie.
        QCOMPARE(countLines(text, c + QStringLiteral("Flags \\[S\\],.*tfo .*length 16")), 2);
        QVERIFY2(countLines(text, c + QStringLiteral("Flags \\[F\\.\\]")) >= 3, qPrintable(text));
    }
}

// An experiment on its private namespace's loopback writes its packets too.
void TestExperimentsCli::loopbackExperimentWritesAPcapThatTcpdumpReads()
{
    if (QStandardPaths::findExecutable(QStringLiteral("tcpdump"), {"/usr/sbin", "/usr/bin", "/sbin", "/bin"}).isEmpty())
        QSKIP("tcpdump is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("ra.pcap"));
    const Run r = run({"--experiment", "reuseaddr", "--pcap", file, "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject capture = QJsonDocument::fromJson(r.out.trimmed()).object().value("capture").toObject();
    if (capture.value("path").toString() != QLatin1String("loopback"))
        QSKIP(qPrintable(QStringLiteral("no capture on a private namespace's lo here: ") + QString::fromUtf8(r.out)));
    QCOMPARE(capture.value("pcap").toArray().first().toString(), file);
    const QString text = tcpdumpText(file);
    // Two rounds of 3 one-shot connections over each family: 6 handshakes each, the server's FIN
    // first on each.
    QCOMPARE(countLines(text, QStringLiteral("127\\.0\\.0\\.1\\.\\d+ > 127\\.0\\.0\\.1\\.\\d+: Flags \\[S\\],")), 6);
    QCOMPARE(countLines(text, QStringLiteral("IP6 ::1\\.\\d+ > ::1\\.\\d+: Flags \\[S\\],")), 6);
    QCOMPARE(countLines(text, QStringLiteral("Flags \\[S\\.\\],")), 12);
    QVERIFY2(countLines(text, QStringLiteral("Flags \\[F\\.\\]")) >= 24, qPrintable(text));
}

QTEST_GUILESS_MAIN(TestExperimentsCli)
#include "tst_experiments_cli.moc"
