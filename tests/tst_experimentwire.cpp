// The experiments' path (ExperimentWire): the run's spec or the experiment's default profile,
// every packet of a real exchange captured, the summary in the result (same JSON keys in every
// run), the ladder on request, and the pcap files that tcpdump reads back.
#include "experiments/experiment.h"
#include "experiments/experimentsupport.h"
#include "experiments/experimentwire.h"
#include "server.h"
#include "usernamespace.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tcplab;
using namespace tcplab::wire;

class TestExperimentWire : public QObject
{
    Q_OBJECT

private slots:
    void specIsTheRunsOrTheDefault();
    void exchangeIsCapturedSummarizedAndWritten();
    void captureJsonHasTheSameKeysWithoutAWire();
};

#define START_OR_SKIP(var, context, profile)                                                         \
    Result<std::unique_ptr<ExperimentWire>> var##Started = ExperimentWire::start(context, profile); \
    if (!var##Started)                                                                               \
        QSKIP(qPrintable(QStringLiteral("the wire: ") + var##Started.error().text()));              \
    std::unique_ptr<ExperimentWire> var = var##Started.take()

void TestExperimentWire::specIsTheRunsOrTheDefault()
{
    const WireSpec profile = WireSpec::parse(QStringLiteral("delay=7ms")).value();
    ExperimentContext plain;
    QCOMPARE(plain.wireSpecOr(profile), profile);
    ExperimentContext given;
    ExperimentWireRequest request;
    request.hasSpec = true;
    request.spec = WireSpec::parse(QStringLiteral("s2c.delay=3ms")).value();
    given.setWireRequest(request);
    QCOMPARE(given.wireSpecOr(profile), request.spec);
    // A clean spec given on purpose is a choice, not "no spec".
    request.spec = WireSpec{};
    given.setWireRequest(request);
    QVERIFY(given.wireSpecOr(profile).isClean());

    START_OR_SKIP(w, given, profile);
    QVERIFY(w->spec().isClean());
}

void TestExperimentWire::exchangeIsCapturedSummarizedAndWritten()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pcap = dir.filePath(QStringLiteral("exp.pcap"));
    ExperimentContext context;
    ExperimentWireRequest request;
    request.pcapPath = pcap;
    context.setWireRequest(request);
    START_OR_SKIP(w, context, WireSpec::parse(QStringLiteral("delay=5ms")).value());
    QCOMPARE(w->addedRoundTripMs(), 10.0);
    w->requestLadder();
    {
        Server server;
        QVERIFY2(!w->startServer(server, lab::experimentConfig(QStringLiteral("threaded"), QStringLiteral("line"), false)), "server");
        QCOMPARE(server.address().toString(), QStringLiteral("198.18.0.2"));
        Result<FileDescriptor> client = w->connect(server.port());
        QVERIFY2(client, qPrintable(client.error().text()));
        QVERIFY(lab::sendAll(client.value().get(), QByteArrayLiteral("hello\n")));
        QString error;
        QCOMPARE(lab::readLine(client.value().get(), 3000, &error), QByteArrayLiteral("HELLO\n"));
        client.value().reset();
        server.stop();
    }
    ExperimentResult result;
    w->finish(result);
    const CaptureSummary &s = result.capture;
    QVERIFY(s.wire);
    QCOMPARE(s.spec, QStringLiteral("delay=5ms"));
    QCOMPARE(s.connections, 1);
    // SYN, ACK, data, (ACK), FIN, ACK from the client; SYN-ACK, data, FIN, ACK from the server.
    QVERIFY2(s.c2s.packets >= 4 && s.s2c.packets >= 3, qPrintable(s.toText()));
    QCOMPARE(s.c2s.dropped + s.s2c.dropped, 0);
    QCOMPARE(s.captured, s.c2s.packets + s.s2c.packets);
    QCOMPARE(s.pcapFiles, (QStringList{pcap, dir.filePath(QStringLiteral("exp.server.pcap"))}));
    QVERIFY(s.pcapError.isEmpty());
    const QString ladder = s.ladder.join(QLatin1Char('\n'));
    QVERIFY2(ladder.contains(QRegularExpression(QStringLiteral("C ----> S  SYN "))), qPrintable(ladder));
    QVERIFY2(ladder.contains(QLatin1String("\"hello")), qPrintable(ladder));
    QVERIFY(result.toText().contains(QLatin1String("capture: wire delay=5ms; 1 connections")));

    const QString tcpdump = QStandardPaths::findExecutable(QStringLiteral("tcpdump"), {"/usr/sbin", "/usr/bin", "/sbin", "/bin"});
    if (tcpdump.isEmpty())
        QSKIP("tcpdump is not installed (scripts/install-deps.sh installs it)");
    QProcess p;
    p.start(tcpdump, {"-r", pcap, "-nn"});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("198\\.18\\.0\\.1\\.\\d+ > 198\\.18\\.0\\.2\\.\\d+: Flags \\[S\\],"))), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("198\\.18\\.0\\.2\\.\\d+ > 198\\.18\\.0\\.1\\.\\d+: Flags \\[S\\.\\],"))), qPrintable(text));
}

void TestExperimentWire::captureJsonHasTheSameKeysWithoutAWire()
{
    CaptureSummary none;
    CaptureSummary some;
    some.wire = true;
    some.pcapFiles = QStringList{QStringLiteral("a.pcap"), QStringLiteral("a.server.pcap")};
    some.ladder = QStringList{QStringLiteral("line")};
    QCOMPARE(none.toJson().keys(), some.toJson().keys());
    QCOMPARE(none.toJson().value("c2s").toObject().keys(), some.toJson().value("s2c").toObject().keys());
    ExperimentResult r;
    QVERIFY(r.toJson().contains(QLatin1String("capture")));
}

int main(int argc, char **argv)
{
    (void)tcplab::enterOwnUserNamespace();
    QCoreApplication app(argc, argv);
    TestExperimentWire test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_experimentwire.moc"
