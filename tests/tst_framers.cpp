// The protocol framers are pure (bytes in, replies/notes/close out), so every rule of the
// Byte, Line and Bin handlers is checked here without a socket: whole messages, messages
// split byte by byte, limits, short and over-long frames, and the recipe's struct layout.
#include "binframe.h"
#include "framers.h"
#include "testsupport.h"

#include <QtTest>

#include <cstring>

using namespace tcplab;
using testsupport::sampleBinFrame;

namespace {

HandlerConfig handlerConfig(HandlerKind kind, bool persistent, bool verbose = true)
{
    HandlerConfig c;
    c.kind = kind;
    c.persistent = persistent;
    c.verbose = verbose;
    return c;
}

// Everything a framer produced over a whole conversation.
struct Transcript
{
    QByteArray reply;
    QList<FrameNote> notes;
    bool closed = false;
    bool closedWithError = false;
    int requests = 0;
    int feedsAfterClose = 0;

    void take(const FrameOutput &out)
    {
        reply += out.reply;
        notes += out.notes;
        requests += out.requests;
        if (out.close)
            closed = true;
        if (out.closeWithError)
            closedWithError = true;
    }
    bool hasNote(LogLevel level, const QString &part) const
    {
        for (const FrameNote &n : notes) {
            if (n.level == level && n.text.contains(part))
                return true;
        }
        return false;
    }
    QString allNotes() const
    {
        QStringList t;
        for (const FrameNote &n : notes)
            t << QStringLiteral("[%1] %2").arg(levelName(n.level), n.text);
        return t.join(QLatin1String(" | "));
    }
};

// Feed data in chunks of chunkSize (as an engine would, stopping once the framer says close),
// then report EOF unless the framer already closed.
Transcript run(Framer &framer, const QByteArray &data, qsizetype chunkSize, bool eof = true)
{
    Transcript t;
    FrameOutput out;
    for (qsizetype off = 0; off < data.size() && !t.closed; off += chunkSize) {
        out.clear();
        const qsizetype n = std::min(chunkSize, data.size() - off);
        framer.feed(data.constData() + off, n, out);
        t.take(out);
    }
    if (eof && !t.closed) {
        out.clear();
        framer.finish(out);
        t.take(out);
    }
    return t;
}


} // namespace

class TestFramers : public QObject
{
    Q_OBJECT
private slots:
    void asciiUpperLeavesNonLettersAlone()
    {
        const QByteArray in("hello, World! \xe4\xf6 z{", 19);
        const QByteArray up = asciiUpper(in.constData(), in.size());
        QCOMPARE(up, QByteArray("HELLO, WORLD! \xe4\xf6 Z{", 19));
    }

    // ---- Byte ----
    void byteOneShotAnswersOneRecvAndCloses()
    {
        HandlerConfig c = handlerConfig(HandlerKind::Byte, false);
        c.recvSize = 16;
        auto f = createFramer(c);
        QCOMPARE(f->readSize(), qsizetype(16));
        FrameOutput out;
        f->feed("hello", 5, out);
        QCOMPARE(out.reply, QByteArray("HELLO"));
        QVERIFY(out.close);
        QVERIFY(!out.closeWithError);
        QCOMPARE(out.requests, 1);
        QCOMPARE(out.notes.size(), 1);
        QCOMPARE(out.notes.first().level, LogLevel::Debug);
        QVERIFY2(out.notes.first().text.contains(QLatin1String("5 bytes in one recv() of up to 16")),
                 qPrintable(out.notes.first().text));
        QCOMPARE(out.notes.first().data, QByteArray("hello"));
    }

    void byteSplitDeliveryAnswersOnlyTheFirstPiece()
    {
        // The recipe's lesson: one recv gets what has arrived, so a split message arrives cut.
        auto f = createFramer(handlerConfig(HandlerKind::Byte, false));
        const Transcript t = run(*f, "hello world", 1);
        QCOMPARE(t.reply, QByteArray("H"));
        QVERIFY(t.closed);
        QCOMPARE(t.requests, 1);
    }

    void bytePersistentAnswersEveryPiece()
    {
        auto f = createFramer(handlerConfig(HandlerKind::Byte, true));
        const Transcript t = run(*f, "abc def", 1);
        QCOMPARE(t.reply, QByteArray("ABC DEF"));
        QCOMPARE(t.requests, 7);
        QVERIFY(t.closed); // by EOF
        QVERIFY(!t.closedWithError);
    }

    void byteNothingThenEofWarns()
    {
        auto f = createFramer(handlerConfig(HandlerKind::Byte, false));
        const Transcript t = run(*f, {}, 1);
        QVERIFY(t.reply.isEmpty());
        QVERIFY(t.closed);
        QVERIFY2(t.hasNote(LogLevel::Warning, QStringLiteral("without sending any data")), qPrintable(t.allNotes()));
    }

    void quietFramerProducesNoDebugNotes()
    {
        auto f = createFramer(handlerConfig(HandlerKind::Byte, true, false));
        const Transcript t = run(*f, "abc", 3);
        QCOMPARE(t.reply, QByteArray("ABC"));
        QVERIFY2(t.notes.isEmpty(), qPrintable(t.allNotes()));
    }

    // ---- Line ----
    void lineSplitByteByByte_data()
    {
        QTest::addColumn<bool>("persistent");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<int>("requests");
        QTest::newRow("one-shot one line") << false << QByteArray("hello\n") << QByteArray("HELLO\n") << 1;
        QTest::newRow("one-shot ignores the second line") << false << QByteArray("one\ntwo\n") << QByteArray("ONE\n") << 1;
        QTest::newRow("persistent two lines") << true << QByteArray("one\ntwo\n") << QByteArray("ONE\nTWO\n") << 2;
        QTest::newRow("persistent last line without newline") << true << QByteArray("one\ntwo") << QByteArray("ONE\nTWO") << 2;
        QTest::newRow("one-shot line without newline") << false << QByteArray("tail") << QByteArray("TAIL") << 1;
        QTest::newRow("empty lines") << true << QByteArray("\n\nx\n") << QByteArray("\n\nX\n") << 3;
    }

    void lineSplitByteByByte()
    {
        QFETCH(bool, persistent);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, reply);
        QFETCH(int, requests);
        for (qsizetype chunk : {qsizetype(1), qsizetype(2), qsizetype(3), input.size()}) {
            auto f = createFramer(handlerConfig(HandlerKind::Line, persistent));
            const Transcript t = run(*f, input, chunk);
            QCOMPARE(t.reply, reply);
            QCOMPARE(t.requests, requests);
            QVERIFY(t.closed);
            QVERIFY(!t.closedWithError);
        }
    }

    void lineWithoutNewlineIsNoted()
    {
        auto f = createFramer(handlerConfig(HandlerKind::Line, true));
        const Transcript t = run(*f, "abc", 1);
        QCOMPARE(t.reply, QByteArray("ABC"));
        QVERIFY2(t.hasNote(LogLevel::Info, QStringLiteral("no newline (3 bytes before EOF)")), qPrintable(t.allNotes()));
    }

    void lineLimitIsInclusive()
    {
        HandlerConfig c = handlerConfig(HandlerKind::Line, true);
        c.maxLine = 8;
        // Exactly the limit (8 bytes before the newline) is accepted, byte by byte too.
        for (qsizetype chunk : {qsizetype(1), qsizetype(9)}) {
            auto f = createFramer(c);
            const Transcript t = run(*f, "abcdefgh\n", chunk);
            QCOMPARE(t.reply, QByteArray("ABCDEFGH\n"));
            QVERIFY(!t.closedWithError);
        }
    }

    void lineOverTheLimitClosesWithError_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<qsizetype>("chunk");
        QTest::addColumn<QByteArray>("reply");
        QTest::newRow("no newline, byte by byte") << QByteArray("abcdefghi") << qsizetype(1) << QByteArray();
        QTest::newRow("no newline, at once") << QByteArray("abcdefghijklmn") << qsizetype(100) << QByteArray();
        QTest::newRow("long line with newline, at once") << QByteArray("abcdefghij\n") << qsizetype(100) << QByteArray();
        QTest::newRow("good line then a long one") << QByteArray("ok\nabcdefghijk\n") << qsizetype(100) << QByteArray("OK\n");
        QTest::newRow("good line then a long one, split") << QByteArray("ok\nabcdefghijk\n") << qsizetype(1) << QByteArray("OK\n");
    }

    void lineOverTheLimitClosesWithError()
    {
        QFETCH(QByteArray, input);
        QFETCH(qsizetype, chunk);
        QFETCH(QByteArray, reply);
        HandlerConfig c = handlerConfig(HandlerKind::Line, true);
        c.maxLine = 8;
        auto f = createFramer(c);
        const Transcript t = run(*f, input, chunk, false);
        QCOMPARE(t.reply, reply);
        QVERIFY(t.closed);
        QVERIFY(t.closedWithError);
        QVERIFY2(t.hasNote(LogLevel::Error, QStringLiteral("longer than the limit of 8 bytes")), qPrintable(t.allNotes()));
    }

    void lineNothingThenEofWarns()
    {
        auto f = createFramer(handlerConfig(HandlerKind::Line, false));
        const Transcript t = run(*f, {}, 1);
        QVERIFY(t.reply.isEmpty());
        QVERIFY(t.closed);
        QVERIFY2(t.hasNote(LogLevel::Warning, QStringLiteral("without sending any data")), qPrintable(t.allNotes()));
    }

    // ---- Bin ----
    void binFrameLayoutIsTheRecipesStruct()
    {
        // struct.pack('! I 2s Q 2h f', 0xDEADBEEF, b'ab', 0x0102030405060708, -2, 300, 1.5)
        const QByteArray expected = QByteArray::fromHex("deadbeef" "6162" "0102030405060708" "fffe" "012c" "3fc00000");
        QCOMPARE(expected.size(), qsizetype(BinFrame::Size));
        QCOMPARE(sampleBinFrame().encode(), expected);
        BinFrame decoded;
        QString error;
        QVERIFY(BinFrame::decode(expected.constData(), expected.size(), &decoded, &error));
        QCOMPARE(decoded, sampleBinFrame());
        QVERIFY(!BinFrame::decode(expected.constData(), 21, &decoded, &error));
        QVERIFY2(error.contains(QLatin1String("short frame: 21 of 22")), qPrintable(error));
        const QByteArray longer = expected + 'x';
        QVERIFY(!BinFrame::decode(longer.constData(), longer.size(), &decoded, &error));
        QVERIFY2(error.contains(QLatin1String("over-long frame: 23")), qPrintable(error));
    }

    void binParseFields_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("ok") << "3735928559,ab,72623859790382856,-2,300,1.5" << true << "";
        QTest::newRow("hex tag") << "0xdeadbeef,0x6162,0x0102030405060708,-2,300,1.5" << true << "";
        QTest::newRow("five fields") << "1,ab,2,3,4" << false << "6 comma-separated fields";
        QTest::newRow("tag too long") << "1,abc,2,3,4,5" << false << "field 2";
        QTest::newRow("i16 overflow") << "1,ab,2,40000,4,5" << false << "field 4";
        QTest::newRow("u32 word") << "x,ab,2,3,4,5" << false << "field 1";
        QTest::newRow("f32 word") << "1,ab,2,3,4,pi" << false << "field 6";
    }

    void binParseFields()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, errorPart);
        BinFrame f;
        QString error;
        QCOMPARE(BinFrame::parseFields(text, &f, &error), valid);
        if (valid)
            QCOMPARE(f, sampleBinFrame());
        else
            QVERIFY2(error.contains(errorPart), qPrintable(error));
    }

    void parseHexAcceptsSeparatorsAndRejectsGarbage()
    {
        QByteArray out;
        QString error;
        QVERIFY(parseHex(QStringLiteral("0x48 65:6c-6C 6f"), &out, &error));
        QCOMPARE(out, QByteArray("Hello"));
        QVERIFY(!parseHex(QStringLiteral("abc"), &out, &error));
        QVERIFY2(error.contains(QLatin1String("odd number of hex digits")), qPrintable(error));
        QVERIFY(!parseHex(QStringLiteral("12zz"), &out, &error));
        QVERIFY2(error.contains(QLatin1String("'z'")) && error.contains(QLatin1String("not a hex digit")), qPrintable(error));
    }

    void binWholeFrameSplitByteByByte_data()
    {
        QTest::addColumn<bool>("persistent");
        QTest::addColumn<bool>("upper");
        QTest::newRow("one-shot echo") << false << false;
        QTest::newRow("one-shot upper") << false << true;
        QTest::newRow("persistent echo") << true << false;
        QTest::newRow("persistent upper") << true << true;
    }

    void binWholeFrameSplitByteByByte()
    {
        QFETCH(bool, persistent);
        QFETCH(bool, upper);
        HandlerConfig c = handlerConfig(HandlerKind::Bin, persistent);
        c.binUpperCase = upper;
        const QByteArray frame = sampleBinFrame().encode();
        const QByteArray expected = upper ? asciiUpper(frame.constData(), frame.size()) : frame;
        if (upper)
            QVERIFY(expected != frame); // 'ab' in the tag: the recipe's upper-casing corrupts it
        for (qsizetype chunk : {qsizetype(1), qsizetype(5), qsizetype(22)}) {
            auto f = createFramer(c);
            const Transcript t = run(*f, frame, chunk);
            QCOMPARE(t.reply, expected);
            QCOMPARE(t.requests, 1);
            QVERIFY(t.closed);
            QVERIFY2(!t.closedWithError, qPrintable(t.allNotes()));
            QVERIFY2(t.hasNote(LogLevel::Debug, QStringLiteral("u32=3735928559")), qPrintable(t.allNotes()));
        }
    }

    void binPersistentSeveralFramesInOneRead()
    {
        auto f = createFramer(handlerConfig(HandlerKind::Bin, true));
        BinFrame second = sampleBinFrame();
        second.u32 = 7;
        const QByteArray data = sampleBinFrame().encode() + second.encode();
        for (qsizetype chunk : {qsizetype(1), qsizetype(7), qsizetype(44)}) {
            auto fr = createFramer(handlerConfig(HandlerKind::Bin, true));
            const Transcript t = run(*fr, data, chunk);
            QCOMPARE(t.reply, data);
            QCOMPARE(t.requests, 2);
            QVERIFY(!t.closedWithError);
        }
    }

    void binShortAndOverLongFramesAreErrors_data()
    {
        QTest::addColumn<bool>("persistent");
        QTest::addColumn<int>("size");
        QTest::addColumn<qsizetype>("chunk");
        QTest::addColumn<int>("answered");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("one-shot 21 then EOF") << false << 21 << qsizetype(100) << 0 << "short frame: 21 of 22";
        QTest::newRow("one-shot 21 split then EOF") << false << 21 << qsizetype(1) << 0 << "short frame: 21 of 22";
        QTest::newRow("one-shot 23 at once") << false << 23 << qsizetype(100) << 0 << "over-long frame: 23 bytes";
        QTest::newRow("persistent 21 then EOF") << true << 21 << qsizetype(100) << 0 << "short frame: 21 of 22";
        // Persistent: 23 bytes are one frame and the start of a second that never completes.
        QTest::newRow("persistent 23 then EOF") << true << 23 << qsizetype(100) << 1 << "short frame: 1 of 22";
        QTest::newRow("one byte then EOF") << false << 1 << qsizetype(1) << 0 << "short frame: 1 of 22";
    }

    void binShortAndOverLongFramesAreErrors()
    {
        QFETCH(bool, persistent);
        QFETCH(int, size);
        QFETCH(qsizetype, chunk);
        QFETCH(int, answered);
        QFETCH(QString, errorPart);
        QByteArray data = sampleBinFrame().encode();
        data.append(sampleBinFrame().encode());
        data.truncate(size);
        auto f = createFramer(handlerConfig(HandlerKind::Bin, persistent));
        const Transcript t = run(*f, data, chunk);
        QCOMPARE(t.requests, answered);
        QCOMPARE(t.reply.size(), qsizetype(answered * BinFrame::Size));
        QVERIFY(t.closed);
        QVERIFY(t.closedWithError);
        QVERIFY2(t.hasNote(LogLevel::Error, errorPart), qPrintable(t.allNotes()));
    }

    void binNothingThenEofWarns()
    {
        auto f = createFramer(handlerConfig(HandlerKind::Bin, false));
        const Transcript t = run(*f, {}, 1);
        QVERIFY(t.reply.isEmpty());
        QVERIFY(t.closed);
        QVERIFY(!t.closedWithError);
        QVERIFY2(t.hasNote(LogLevel::Warning, QStringLiteral("without sending any data")), qPrintable(t.allNotes()));
    }

    void garbageNeverCrashesAFramer()
    {
        // Deterministic pseudo-random garbage in random chunk sizes through every framer.
        quint32 seed = 12345;
        auto next = [&seed] { seed = seed * 1103515245u + 12345u; return seed >> 16; };
        for (HandlerKind kind : {HandlerKind::Byte, HandlerKind::Line, HandlerKind::Bin}) {
            for (bool persistent : {false, true}) {
                for (int round = 0; round < 50; ++round) {
                    HandlerConfig c = handlerConfig(kind, persistent, round % 2 == 0);
                    c.maxLine = 1 + int(next() % 200);
                    c.recvSize = 1 + int(next() % 64);
                    auto f = createFramer(c);
                    QByteArray data(int(next() % 600), Qt::Uninitialized);
                    for (char &ch : data)
                        ch = char(next() & 0xff);
                    const Transcript t = run(*f, data, 1 + qsizetype(next() % 40));
                    QVERIFY(t.closed);
                    QVERIFY(t.reply.size() <= data.size());
                }
            }
        }
    }

    void handlerConfigFollowsTheServerConfig()
    {
        ServerConfig s = ServerConfig::seedDefaults();
        s.setValue(QStringLiteral("handler"), QStringLiteral("bin"));
        s.setValue(QStringLiteral("persistent"), true);
        s.setValue(QStringLiteral("recv-size"), 77);
        s.setValue(QStringLiteral("max-line"), 99);
        s.setValue(QStringLiteral("bin-reply"), QStringLiteral("upper"));
        const HandlerConfig h = HandlerConfig::from(s, true);
        QCOMPARE(h.kind, HandlerKind::Bin);
        QVERIFY(h.persistent);
        QCOMPARE(h.recvSize, 77);
        QCOMPARE(h.maxLine, 99);
        QVERIFY(h.binUpperCase);
        QVERIFY(h.verbose);
        const HandlerConfig d = HandlerConfig::from(ServerConfig::seedDefaults(), false);
        QCOMPARE(d.kind, HandlerKind::Byte);
        QCOMPARE(d.recvSize, 1024);
        QCOMPARE(d.maxLine, 65536);
        QVERIFY(!d.binUpperCase);
        QVERIFY(!d.persistent);
    }
};

QTEST_GUILESS_MAIN(TestFramers)
#include "tst_framers.moc"
