// ClientSession against the lab's real server on loopback: many exchanges on one connection
// (one local port, one connection in the server's registry), replies split where the reply mode
// says (bytes past one reply kept for the next), QUICKACK re-armed after reads, UntilClose
// refused, and a server that closes ends the session with an error instead of a hang.
#include "clientsession.h"
#include "server.h"
#include "testsupport.h"

#include <QtTest>

using namespace tcplab;

namespace {
ClientRequest requestFor(const Server &server, ReplyMode mode)
{
    ClientRequest r;
    r.host = QStringLiteral("127.0.0.1");
    r.port = server.port();
    r.replyMode = mode;
    r.replyTimeoutMs = 3000;
    return r;
}
} // namespace

class TestClientSession : public QObject
{
    Q_OBJECT
private slots:
    void manyExchangesOnOneConnection();
    void bytesPastAReplyBelongToTheNext();
    void quickAckIsRearmedAfterReads();
    void untilCloseIsRefused();
    void serverCloseEndsTheSession();
};

void TestClientSession::manyExchangesOnOneConnection()
{
    Server server;
    QVERIFY(!server.start(loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), true)));
    Result<std::unique_ptr<ClientSession>> session = ClientSession::connect(requestFor(server, ReplyMode::Line));
    QVERIFY2(session, qPrintable(session ? QString() : session.error().text()));
    const quint16 port = session.value()->localPort();
    QVERIFY(port != 0);
    for (int i = 0; i < 50; ++i) {
        const QByteArray payload = QByteArray("msg") + QByteArray::number(i) + '\n';
        const ClientResult r = session.value()->exchange(payload);
        QVERIFY2(!r.error, qPrintable(r.error.text()));
        QCOMPARE(r.reply, payload.toUpper());
        QCOMPARE(r.localPort, port);
        QCOMPARE(r.connectUs >= 0, i == 0);
        QVERIFY(r.firstByteUs >= 0 && r.totalUs >= r.firstByteUs);
        QVERIFY(r.tcp.valid);
    }
    QCOMPARE(server.connectionSnapshot(false).size(), 1);
    session.value().reset();
    server.stop();
}

void TestClientSession::bytesPastAReplyBelongToTheNext()
{
    Server server;
    QVERIFY(!server.start(loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), true)));
    Result<std::unique_ptr<ClientSession>> session = ClientSession::connect(requestFor(server, ReplyMode::Line));
    QVERIFY(session);
    // Two requests in one write: their replies may come in one read; each exchange gets one line.
    ClientResult r = session.value()->exchange("one\ntwo\n");
    QVERIFY2(!r.error, qPrintable(r.error.text()));
    QCOMPARE(r.reply, QByteArray("ONE\n"));
    r = session.value()->exchange("three\n");
    QCOMPARE(r.reply, QByteArray("TWO\n"));
    r = session.value()->exchange("four\n");
    QCOMPARE(r.reply, QByteArray("THREE\n"));
    server.stop();
}

void TestClientSession::quickAckIsRearmedAfterReads()
{
    Server server;
    QVERIFY(!server.start(loopbackConfig(QStringLiteral("event"), QStringLiteral("byte"), true)));
    ClientRequest request = requestFor(server, ReplyMode::Bytes);
    request.expectedBytes = 5;
    request.quickack = true;
    Result<std::unique_ptr<ClientSession>> session = ClientSession::connect(request);
    QVERIFY(session);
    for (int i = 0; i < 5; ++i) {
        const ClientResult r = session.value()->exchange("hello");
        QVERIFY2(!r.error, qPrintable(r.error.text()));
        QCOMPARE(r.reply, QByteArray("HELLO"));
        QCOMPARE(r.options.quickack, 1); // the kernel had cleared it after the read-then-send round
    }
    server.stop();
}

void TestClientSession::untilCloseIsRefused()
{
    ClientRequest request;
    request.port = 9;
    request.replyMode = ReplyMode::UntilClose;
    const Result<std::unique_ptr<ClientSession>> session = ClientSession::connect(request);
    QVERIFY(!session);
    QVERIFY(session.error().text().contains(QLatin1String("session")));
}

void TestClientSession::serverCloseEndsTheSession()
{
    Server server;
    QVERIFY(!server.start(loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), false))); // one-shot
    Result<std::unique_ptr<ClientSession>> session = ClientSession::connect(requestFor(server, ReplyMode::Line));
    QVERIFY(session);
    ClientResult r = session.value()->exchange("a\n");
    QVERIFY(!r.error);
    QCOMPARE(r.reply, QByteArray("A\n"));
    QElapsedTimer clock;
    clock.start();
    r = session.value()->exchange("b\n");
    QVERIFY(r.error);
    QVERIFY2(clock.elapsed() < 2500, "a closed peer must not wait for the reply timeout");
    QVERIFY(!session.value()->isConnected());
    r = session.value()->exchange("c\n");
    QVERIFY(r.error.text().contains(QLatin1String("closed")));
    server.stop();
}

QTEST_GUILESS_MAIN(TestClientSession)
#include "tst_clientsession.moc"
