// tcplab --experiment list / NAME [--json], run as a separate process.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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
    for (const char *name : {"nagle", "accept-queue", "keepalive", "reuseport", "reuseaddr", "buffers", "fastopen", "slow-start", "synack-retries", "retransmit", "bdp"}) {
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
    QCOMPARE(list.size(), 11);
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

QTEST_GUILESS_MAIN(TestExperimentsCli)
#include "tst_experiments_cli.moc"
