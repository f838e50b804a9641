// Malformed input, issue 6: every bad request is a clear logged error for its own connection,
// and a well-behaved connection served alongside it (or after it, in iterative mode) gets its
// correct reply. Real sockets on 127.0.0.1 in each concurrency mode.
#include "binframe.h"
#include "framers.h"
#include "server.h"
#include "testsupport.h"
#include "tst_hardening_support.h"

#include <QRandomGenerator>
#include <QTest>

#include <sys/socket.h>

using namespace tcplab;
using namespace testsupport;
using namespace hardening;

namespace {

void addModes()
{
    QTest::addColumn<QString>("mode");
    for (const char *m : {"iterative", "threaded", "event"})
        QTest::newRow(m) << QString::fromLatin1(m);
}

// A well-behaved client of the same server: connected before the bad one where the mode serves
// connections concurrently, after it in iterative mode (where it would otherwise hold the server).
class Bystander
{
public:
    Bystander(const QString &mode, HandlerKind handler) : m_mode(mode), m_handler(handler) {}

    void connectEarly(quint16 port)
    {
        if (m_mode != QLatin1String("iterative"))
            m_fd = connectTo(port);
    }

    // Sends a valid request and returns whether the reply is the right one.
    bool servedCorrectly(quint16 port)
    {
        if (!m_fd.isValid())
            m_fd = connectTo(port);
        if (!m_fd.isValid())
            return false;
        QByteArray request, expected;
        switch (m_handler) {
        case HandlerKind::Byte: request = "hello"; expected = "HELLO"; break;
        case HandlerKind::Line: request = "hello line\n"; expected = "HELLO LINE\n"; break;
        case HandlerKind::Bin: request = sampleBinFrame().encode(); expected = request; break;
        }
        const QByteArray reply = exchange(m_fd.get(), request, 5000);
        if (reply != expected)
            qWarning() << "bystander got" << reply.left(64).toHex() << "expected" << expected.toHex();
        return reply == expected;
    }

private:
    QString m_mode;
    HandlerKind m_handler;
    FileDescriptor m_fd;
};

} // namespace

class HardeningInput : public QObject
{
    Q_OBJECT

private:
    // The one connection that logged warnings or errors must be the bad one: nothing else complains.
    void verifyOnlyConnectionWithProblems(const EventLog &rec, quint64 badId)
    {
        QVERIFY(badId != 0);
        for (const ServerEvent &e : rec.events()) {
            if (e.connectionId != 0 && (e.level == LogLevel::Warning || e.level == LogLevel::Error))
                QVERIFY2(e.connectionId == badId, qPrintable(rec.dump()));
        }
    }

    // Runs bad(port) against a fresh server, then checks: the needle was logged at least at
    // minLevel for one connection, a bystander is served, and only the bad connection complained.
    void runCase(const QString &mode, const QString &handler, bool persistent, const std::function<void(quint16)> &bad,
                 const QString &needle, LogLevel minLevel, int maxLine = 0)
    {
        ServerConfig config = loopbackConfig(mode, handler, persistent);
        if (maxLine)
            config.setValue(QStringLiteral("max-line"), maxLine);
        Server server;
        EventLog rec(server);
        QVERIFY(!server.start(config));
        Bystander bystander(mode, config.handler());
        bystander.connectEarly(server.port());

        bad(server.port());
        QVERIFY2(rec.waitFor(needle), qPrintable(rec.dump()));
        const ServerEvent logged = rec.matching(needle).first();
        QVERIFY2(int(logged.level) >= int(minLevel), qPrintable(logged.toText()));
        QVERIFY(logged.connectionId != 0);
        // The bad connection is closed by the server, and the close is logged for it.
        QVERIFY(waitFor([&] { return !server.connections()->contains(logged.connectionId); }));

        QVERIFY(bystander.servedCorrectly(server.port()));
        QVERIFY(server.isRunning());
        server.stop();
        server.events()->flush();
        verifyOnlyConnectionWithProblems(rec, logged.connectionId);
    }

private slots:
    void zeroBytesThenClose_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("handler");
        for (const char *m : {"iterative", "threaded", "event"}) {
            for (const char *h : {"byte", "line", "bin"})
                QTest::addRow("%s-%s", m, h) << QString::fromLatin1(m) << QString::fromLatin1(h);
        }
    }

    void zeroBytesThenClose()
    {
        QFETCH(QString, mode);
        QFETCH(QString, handler);
        runCase(mode, handler, false, [](quint16 port) {
            FileDescriptor fd = connectTo(port);
            QVERIFY(fd.isValid());
        }, QStringLiteral("peer closed without sending any data"), LogLevel::Warning);
    }

    void binFrameOneByteShort_data() { addModes(); }
    void binFrameOneByteShort()
    {
        QFETCH(QString, mode);
        runCase(mode, QStringLiteral("bin"), false, [](quint16 port) {
            FileDescriptor fd = connectTo(port);
            QVERIFY(fd.isValid());
            // 21 bytes then EOF: the recipe's single recv would unpack garbage or raise.
            const QByteArray reply = exchange(fd.get(), sampleBinFrame().encode().left(BinFrame::Size - 1));
            QVERIFY2(reply.isEmpty(), reply.toHex().constData());
        }, QStringLiteral("short frame: 21 of 22 bytes before EOF"), LogLevel::Error);
    }

    void binFrameOneByteLong_data() { addModes(); }
    void binFrameOneByteLong()
    {
        QFETCH(QString, mode);
        runCase(mode, QStringLiteral("bin"), false, [](quint16 port) {
            FileDescriptor fd = connectTo(port);
            QVERIFY(fd.isValid());
            QVERIFY(sendAll(fd.get(), sampleBinFrame().encode() + "X")); // one send: one segment on loopback
            const QByteArray reply = readUntilClose(fd.get());
            QVERIFY2(reply.isEmpty(), reply.toHex().constData());
        }, QStringLiteral("over-long frame: 23 bytes, expected 22"), LogLevel::Error);
    }

    // Persistent Bin: 23 bytes are one whole frame (echoed) and one stray byte, an error at EOF.
    void binFrameOneByteLongPersistent_data() { addModes(); }
    void binFrameOneByteLongPersistent()
    {
        QFETCH(QString, mode);
        runCase(mode, QStringLiteral("bin"), true, [](quint16 port) {
            FileDescriptor fd = connectTo(port);
            QVERIFY(fd.isValid());
            const QByteArray reply = exchange(fd.get(), sampleBinFrame().encode() + "X");
            QCOMPARE(reply, sampleBinFrame().encode());
        }, QStringLiteral("short frame: 1 of 22 bytes before EOF"), LogLevel::Error);
    }

    // Random bytes with newlines are valid Line input: every line comes back upper-cased, byte for
    // byte (NULs and high bytes untouched), and nothing is logged as a problem.
    void randomBinaryIntoLine_data() { addModes(); }
    void randomBinaryIntoLine()
    {
        QFETCH(QString, mode);
        QByteArray data(256 * 1024, Qt::Uninitialized);
        QRandomGenerator rng(6);
        rng.fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
        ServerConfig config = loopbackConfig(mode, QStringLiteral("line"), true);
        Server server;
        EventLog rec(server);
        QVERIFY(!server.start(config));
        FileDescriptor fd = connectTo(server.port());
        QVERIFY(fd.isValid());
        const QByteArray reply = exchange(fd.get(), data);
        QCOMPARE(reply.size(), data.size());
        QVERIFY(reply == asciiUpper(data.constData(), data.size()));
        fd.reset();
        QVERIFY(waitFor([&] { return server.connections()->count() == 0; }));
        server.stop();
        server.events()->flush();
        for (const ServerEvent &e : rec.events())
            QVERIFY2(e.connectionId == 0 || int(e.level) < int(LogLevel::Warning), qPrintable(e.toText()));
    }

    // Random bytes without a newline are one endless line: the limit stops the buffering.
    void randomBinaryWithoutNewline_data() { addModes(); }
    void randomBinaryWithoutNewline()
    {
        QFETCH(QString, mode);
        runCase(mode, QStringLiteral("line"), false, [](quint16 port) {
            QByteArray data(200 * 1024, Qt::Uninitialized);
            QRandomGenerator rng(66);
            rng.fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
            data.replace('\n', 'x');
            FileDescriptor fd = connectTo(port);
            QVERIFY(fd.isValid());
            const QByteArray reply = exchange(fd.get(), data);
            QVERIFY(reply.isEmpty());
        }, QStringLiteral("line longer than the limit of 65536 bytes"), LogLevel::Error);
    }

    // A 10 MB line: the server stops reading at the limit, logs it and closes (with RST, as
    // unread data is discarded), while the client is still sending.
    void tenMegabyteLine_data() { addModes(); }
    void tenMegabyteLine()
    {
        QFETCH(QString, mode);
        runCase(mode, QStringLiteral("line"), true, [](quint16 port) {
            const QByteArray data(10 * 1024 * 1024, 'a');
            FileDescriptor fd = connectTo(port);
            QVERIFY(fd.isValid());
            const QByteArray reply = exchange(fd.get(), data, 10000);
            QVERIFY(reply.isEmpty());
        }, QStringLiteral("line longer than the limit of 65536 bytes"), LogLevel::Error);
    }

    void clientHexParser()
    {
        QByteArray bytes;
        QString error;
        QVERIFY(!parseHex(QStringLiteral("abc"), &bytes, &error));
        QVERIFY2(error.contains(QLatin1String("odd number of hex digits (3)")), qPrintable(error));
        QVERIFY(!parseHex(QStringLiteral("12zz"), &bytes, &error));
        QVERIFY2(error.contains(QLatin1String("'z' at position 3 is not a hex digit")), qPrintable(error));
        QVERIFY(!parseHex(QStringLiteral("0x\u00e9\u00e9"), &bytes, &error));
        QVERIFY2(error.contains(QLatin1String("not a hex digit")), qPrintable(error));
        QVERIFY(parseHex(QStringLiteral("0x48:65-6c 6c6f"), &bytes, &error));
        QCOMPARE(bytes, QByteArray("Hello"));
    }

    // The CLI client refuses bad hex with one line on stderr and exit code 2, before connecting.
    void clientHexCli_data()
    {
        QTest::addColumn<QString>("hex");
        QTest::addColumn<QString>("message");
        QTest::newRow("odd") << QStringLiteral("48656c6c6") << QStringLiteral("odd number of hex digits (9)");
        QTest::newRow("non-hex") << QStringLiteral("48zz") << QStringLiteral("'z' at position 3 is not a hex digit");
        QTest::newRow("only-prefix") << QStringLiteral("0x") << QStringLiteral("nothing to send");
    }

    void clientHexCli()
    {
        QFETCH(QString, hex);
        QFETCH(QString, message);
        Server server;
        EventLog rec(server);
        QVERIFY(!server.start(loopbackConfig(QStringLiteral("event"), QStringLiteral("byte"))));
        const ProcessResult r = runTcplab({QStringLiteral("--send"), hex, QStringLiteral("--hex"), QStringLiteral("--port"),
                                           QString::number(server.port())});
        QVERIFY(r.started && r.finished);
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY(r.err.startsWith(QLatin1String("tcplab: --hex: ")) || r.err.startsWith(QLatin1String("tcplab: ")));
        server.stop();
        server.events()->flush();
        QCOMPARE(rec.count(QStringLiteral("connected")), 0);
    }
};

QTEST_GUILESS_MAIN(HardeningInput)
#include "tst_hardening_input.moc"
