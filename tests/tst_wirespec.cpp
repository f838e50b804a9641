// The wire spec's grammar: a table of good specs with their parsed fields and canonical form, a
// table of bad specs with their one-line errors, and parse(toString(x)) == x over many random specs.
#include "wire/wirespec.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace tcplab;
using namespace tcplab::wire;

namespace {

WireSpec parseOk(const QString &text)
{
    Result<WireSpec> r = WireSpec::parse(text);
    if (!r.ok())
        qWarning("unexpected error: %s", qPrintable(r.error().text()));
    return r.ok() ? r.value() : WireSpec{};
}

double randomValue(QRandomGenerator &rng, double max)
{
    switch (rng.bounded(4)) {
    case 0:
        return 0;
    case 1:
        return double(rng.bounded(int(max) + 1)); // a whole number
    case 2:
        return rng.bounded(int(max) * 1000 + 1) / 1000.0; // three decimals, as users write them
    default:
        return rng.generateDouble() * max; // any double
    }
}

double randomTimeMs(QRandomGenerator &rng, double max)
{
    // Times are whole nanoseconds (the parser rounds to them).
    return std::round(randomValue(rng, max) * 1e6) / 1e6;
}

DirectionImpairment randomDirection(QRandomGenerator &rng)
{
    DirectionImpairment d;
    if (rng.bounded(2))
        d.delayMs = randomTimeMs(rng, 2000);
    if (rng.bounded(2)) {
        d.jitterMs = randomTimeMs(rng, 100);
        d.jitterDistribution = rng.bounded(2) ? JitterDistribution::Normal : JitterDistribution::Uniform;
        d.keepOrder = rng.bounded(3) != 0;
    }
    if (rng.bounded(2))
        d.lossPercent = randomValue(rng, 100);
    if (rng.bounded(3) == 0) {
        d.burst.enabled = true;
        d.burst.p = randomValue(rng, 100);
        d.burst.r = randomValue(rng, 100);
        d.burst.lossInBad = randomValue(rng, 100);
        d.burst.lossInGood = randomValue(rng, 100);
    }
    if (rng.bounded(3) == 0)
        d.duplicatePercent = randomValue(rng, 100);
    if (rng.bounded(3) == 0)
        d.reorderPercent = randomValue(rng, 100);
    if (rng.bounded(2)) {
        static const quint64 scales[] = {1, 1000, 1000000, 1000000000};
        d.rateBitsPerSecond = (1 + rng.bounded(999)) * scales[rng.bounded(4)];
    }
    if (rng.bounded(3) == 0)
        d.limitPackets = 1 + rng.bounded(100000);
    d.cut = rng.bounded(5) == 0;
    if (rng.bounded(4) == 0) {
        d.cutAfterMs = randomTimeMs(rng, 60000);
        d.cutForMs = std::max(0.001, randomTimeMs(rng, 60000));
    }
    return d;
}

WireSpec randomSpec(QRandomGenerator &rng)
{
    WireSpec s;
    s.c2s = randomDirection(rng);
    // Often the same both ways (the unprefixed form), sometimes one field differs.
    switch (rng.bounded(3)) {
    case 0:
        s.s2c = s.c2s;
        break;
    case 1:
        s.s2c = s.c2s;
        s.s2c.delayMs = randomTimeMs(rng, 500);
        break;
    default:
        s.s2c = randomDirection(rng);
    }
    const int drops = int(rng.bounded(4));
    for (int i = 0; i < drops; ++i) {
        TargetedDrop d;
        d.direction = rng.bounded(2) ? Direction::ServerToClient : Direction::ClientToServer;
        d.match = DropMatch(rng.bounded(7));
        d.first = rng.bounded(2) ? 1 : 1 + int(rng.bounded(1000));
        d.count = rng.bounded(2) ? 1 : 1 + int(rng.bounded(10));
        s.drops.append(d);
    }
    return s;
}

} // namespace

class WireSpecTest : public QObject
{
    Q_OBJECT

private slots:
    void names()
    {
        QCOMPARE(directionName(Direction::ClientToServer), QStringLiteral("c2s"));
        QCOMPARE(directionName(Direction::ServerToClient), QStringLiteral("s2c"));
        const QStringList expected = {QStringLiteral("syn"),  QStringLiteral("syn-ack"),  QStringLiteral("ack-of-handshake"),
                                      QStringLiteral("data"), QStringLiteral("pure-ack"), QStringLiteral("fin"),
                                      QStringLiteral("rst")};
        for (int i = 0; i < 7; ++i)
            QCOMPARE(dropMatchName(DropMatch(i)), expected[i]);
        QCOMPARE((TargetedDrop{Direction::ServerToClient, DropMatch::SynAck, 1, 2}.toString()), QStringLiteral("s2c:syn-ack*2"));
        QCOMPARE((TargetedDrop{Direction::ClientToServer, DropMatch::Data, 5, 1}.toString()), QStringLiteral("c2s:data#5"));
        QCOMPARE((TargetedDrop{Direction::ClientToServer, DropMatch::Data, 5, 2}.toString()), QStringLiteral("c2s:data#5*2"));
    }

    void emptyIsClean()
    {
        QVERIFY(parseOk(QString()).isClean());
        QVERIFY(parseOk(QStringLiteral("   ")).isClean());
        QCOMPARE(WireSpec{}.toString(), QString());
    }

    void issueExample()
    {
        const WireSpec s = parseOk(QStringLiteral("delay=50ms,jitter=5ms,loss=1%,rate=10mbit,limit=100"));
        for (const DirectionImpairment *d : {&s.c2s, &s.s2c}) {
            QCOMPARE(d->delayMs, 50.0);
            QCOMPARE(d->jitterMs, 5.0);
            QCOMPARE(d->jitterDistribution, JitterDistribution::Uniform);
            QVERIFY(d->keepOrder);
            QCOMPARE(d->lossPercent, 1.0);
            QCOMPARE(d->rateBitsPerSecond, quint64(10000000));
            QCOMPARE(d->limitPackets, 100);
        }
        QCOMPARE(s.toString(), QStringLiteral("delay=50ms,jitter=5ms,loss=1%,rate=10mbit,limit=100"));
    }

    void good_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("canonical");
        auto row = [](const char *spec, const char *canonical) { QTest::newRow(spec) << QString::fromUtf8(spec) << QString::fromUtf8(canonical); };
        row("delay=50ms", "delay=50ms");
        row("delay=1.5s", "delay=1500ms");
        row("delay=250us", "delay=0.25ms");
        row("DELAY=2MS", "delay=2ms");
        row(" delay = 3ms , loss = 2% ", "delay=3ms,loss=2%");
        row("delay=0ms", "");
        row("s2c.delay=10ms", "s2c.delay=10ms");
        row("delay=50ms,s2c.delay=10ms", "c2s.delay=50ms,s2c.delay=10ms");
        row("c2s.delay=5ms,s2c.delay=5ms", "delay=5ms");
        row("delay=1ms,delay=2ms", "delay=2ms");
        row("jitter=5ms:normal", "jitter=5ms:normal");
        row("jitter=5ms:uniform", "jitter=5ms");
        row("jitter=5ms:unordered:normal", "jitter=5ms:normal:unordered");
        row("loss=0.5%", "loss=0.5%");
        row("s2c.loss=5%", "s2c.loss=5%");
        row("loss=gemodel:1", "loss=gemodel:1%/99%/100%/0%");
        row("loss=gemodel:1/30", "loss=gemodel:1%/30%/100%/0%");
        row("loss=gemodel:1%/30%/80%/0.1%", "loss=gemodel:1%/30%/80%/0.1%");
        row("loss=1%,loss=gemodel:2/20", "loss=1%,loss=gemodel:2%/20%/100%/0%");
        row("duplicate=1%,reorder=25%", "duplicate=1%,reorder=25%");
        row("rate=10mbit", "rate=10mbit");
        row("rate=500kbit", "rate=500kbit");
        row("rate=1gbit", "rate=1gbit");
        row("rate=100bit", "rate=100bit");
        row("rate=1.5mbit", "rate=1500kbit");
        row("rate=1kbps", "rate=8kbit");
        row("rate=1kibit", "rate=1024bit");
        row("rate=2mibps", "rate=16777216bit");
        row("rate=10MBit", "rate=10mbit");
        row("rate=0bit", "");
        row("limit=100", "limit=100");
        row("limit=1000", "");
        row("cut", "cut");
        row("cut=on", "cut");
        row("cut,cut=off", "");
        row("c2s.cut", "c2s.cut");
        row("cut=2s+3s", "cut=2000ms+3000ms");
        row("s2c.cut=0ms+500ms", "s2c.cut=0ms+500ms");
        row("drop=c2s:ack-of-handshake", "drop=c2s:ack-of-handshake");
        row("drop=s2c:syn-ack*2", "drop=s2c:syn-ack*2");
        row("drop=c2s:data#5", "drop=c2s:data#5");
        row("drop=c2s:data#5*2", "drop=c2s:data#5*2");
        row("drop=c2s:data#1*1", "drop=c2s:data");
        row("drop=c2s:syn,drop=c2s:syn", "drop=c2s:syn,drop=c2s:syn");
        row("drop=s2c:fin,drop=c2s:rst,drop=s2c:pure-ack", "drop=s2c:fin,drop=c2s:rst,drop=s2c:pure-ack");
    }

    void good()
    {
        QFETCH(QString, spec);
        QFETCH(QString, canonical);
        Result<WireSpec> r = WireSpec::parse(spec);
        QVERIFY2(r.ok(), qPrintable(r.error().text()));
        QCOMPARE(r.value().toString(), canonical);
        Result<WireSpec> again = WireSpec::parse(canonical);
        QVERIFY2(again.ok(), qPrintable(again.error().text()));
        QCOMPARE(again.value(), r.value());
    }

    void fields()
    {
        WireSpec s = parseOk(QStringLiteral("loss=gemodel:1/30"));
        QCOMPARE(s.c2s.burst, (BurstLoss{true, 1, 30, 100, 0}));
        QCOMPARE(s.s2c.burst, s.c2s.burst);
        QCOMPARE(s.c2s.lossPercent, 0.0);
        // netem: r defaults to 100 - p.
        QCOMPARE(parseOk(QStringLiteral("loss=gemodel:5")).c2s.burst, (BurstLoss{true, 5, 95, 100, 0}));

        s = parseOk(QStringLiteral("s2c.jitter=2ms:normal:unordered"));
        QCOMPARE(s.c2s, DirectionImpairment{});
        QCOMPARE(s.s2c.jitterMs, 2.0);
        QCOMPARE(s.s2c.jitterDistribution, JitterDistribution::Normal);
        QVERIFY(!s.s2c.keepOrder);

        s = parseOk(QStringLiteral("c2s.cut=2s+3s"));
        QCOMPARE(s.c2s.cutAfterMs, 2000.0);
        QCOMPARE(s.c2s.cutForMs, 3000.0);
        QVERIFY(!s.c2s.cut);
        QCOMPARE(s.s2c.cutForMs, -1.0);

        s = parseOk(QStringLiteral("rate=1kbps"));
        QCOMPARE(s.c2s.rateBitsPerSecond, quint64(8000)); // tc(8): kbps is kilobytes per second
        QCOMPARE(parseOk(QStringLiteral("rate=1mibit")).s2c.rateBitsPerSecond, quint64(1048576));

        s = parseOk(QStringLiteral("drop=c2s:data#5*2,drop=s2c:syn-ack*2"));
        QCOMPARE(s.drops.size(), 2);
        QCOMPARE(s.drops[0], (TargetedDrop{Direction::ClientToServer, DropMatch::Data, 5, 2}));
        QCOMPARE(s.drops[1], (TargetedDrop{Direction::ServerToClient, DropMatch::SynAck, 1, 2}));

        QCOMPARE(parseOk(QStringLiteral("delay=0.3s")).c2s.delayMs, 300.0);
        QCOMPARE(parseOk(QStringLiteral("delay=1us")).c2s.delayMs, 0.001);
    }

    void bad_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("message");
        auto row = [](const char *spec, const char *message) { QTest::newRow(spec) << QString::fromUtf8(spec) << QString::fromUtf8(message); };
        // Whole messages for a few, the characteristic part for the rest.
        row("loss=150%", "wire spec: \"loss=150%\": loss is a percentage from 0 to 100, e.g. loss=1%, or loss=gemodel:P/R/1-H/1-K in percent, e.g. loss=gemodel:1/30/100/0");
        row("delay=50", "wire spec: \"delay=50\": delay is a time from 0 to 3600s with a unit (us, ms, s), e.g. delay=50ms");
        row("delay=50ms,,loss=1%", "wire spec: item 2 is empty; items are key=value separated by commas, e.g. delay=50ms,loss=1%");
        row("foo=1", "wire spec: \"foo=1\": unknown key \"foo\"; keys: delay, jitter, loss, duplicate, reorder, rate, limit, cut (each may start with c2s. or s2c.), drop");
        row("delay=50ms,", "item 2 is empty");
        row("delay=-5ms", "\"delay=-5ms\": delay is a time");
        row("delay=5min", "\"delay=5min\": delay is a time");
        row("delay=inf ms", "delay is a time");
        row("delay=nanms", "delay is a time");
        row("delay=1e3ms", "delay is a time");
        row("delay=5.ms", "delay is a time");
        row("delay=3601s", "delay is a time from 0 to 3600s");
        row("delay", "\"delay\": delay needs a value, e.g. delay=50ms");
        row("delay=", "delay needs a value");
        row("loss=1", "loss is a percentage");
        row("loss=-1%", "loss is a percentage");
        row("loss=gemodel", "burst loss is loss=gemodel:P[/R[/1-H[/1-K]]]");
        row("loss=gemodel:", "burst loss is");
        row("loss=gemodel:1/2/3/4/5", "burst loss is");
        row("loss=gemodel:101", "burst loss is");
        row("loss=gemodel:1//3", "burst loss is");
        row("jitter=5ms:pareto", "jitter is a time from 0 to 3600s with a unit (us, ms, s), then optionally :uniform");
        row("jitter=5ms:normal:normal", "jitter is a time");
        row("jitter=5", "jitter is a time");
        row("duplicate=200%", "duplicate is a percentage from 0 to 100, e.g. duplicate=1%");
        row("reorder=x", "reorder is a percentage from 0 to 100, e.g. reorder=25%");
        row("rate=10", "rate is 0 (unlimited) or 1bit to 1tbit");
        row("rate=10mbits", "rate is 0");
        row("rate=2tbit", "rate is 0");
        row("rate=0.1bit", "rate is 0");
        row("rate=mbit", "rate is 0");
        row("limit=0", "limit is a number of packets from 1 to 1000000, e.g. limit=100");
        row("limit=1.5", "limit is a number");
        row("limit=10000000", "limit is a number");
        row("cut=yes", "cut is cut, cut=on, cut=off or a schedule START+LENGTH");
        row("cut=2s", "cut is cut");
        row("cut=2s+0s", "LENGTH above 0");
        row("cut=2+3", "cut is cut");
        row("drop=data#5", "drop is DIRECTION:MATCH[#N][*COUNT] with DIRECTION c2s or s2c and MATCH one of syn, syn-ack, ack-of-handshake, data, pure-ack, fin, rst");
        row("drop=c2s:psh", "drop is DIRECTION");
        row("drop=both:syn", "drop is DIRECTION");
        row("drop=c2s:data#0", "N and COUNT from 1 to 1000000");
        row("drop=c2s:data*0", "drop is DIRECTION");
        row("drop=c2s:data*2#5", "drop is DIRECTION");
        row("drop=c2s:data#", "drop is DIRECTION");
        row("c2s.drop=data#5", "drop takes its direction after '=', e.g. drop=c2s:data#5");
        row("both.delay=5ms", "unknown key \"both.delay\"");
        row("c2s.", "unknown key \"\"");
        row("=5", "unknown key \"\"");
    }

    void bad()
    {
        QFETCH(QString, spec);
        QFETCH(QString, message);
        Result<WireSpec> r = WireSpec::parse(spec);
        if (r.ok())
            QFAIL(qPrintable(QStringLiteral("accepted as ") + r.value().toString()));
        const QString text = r.error().text();
        QVERIFY2(text.startsWith(QLatin1String("wire spec: ")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1Char('\n')), qPrintable(text));
        QVERIFY2(text.contains(message), qPrintable(text));
    }

    void errorsAreOneShortLine()
    {
        const QString nasty = QStringLiteral("delay=5\nms") + QString(500, QLatin1Char('x'));
        Result<WireSpec> r = WireSpec::parse(nasty);
        QVERIFY(!r.ok());
        QVERIFY(!r.error().text().contains(QLatin1Char('\n')));
        QVERIFY2(r.error().text().size() < 300, qPrintable(r.error().text()));
        Result<WireSpec> tooLong = WireSpec::parse(QString(20000, QLatin1Char('a')));
        QVERIFY(!tooLong.ok());
        QVERIFY2(tooLong.error().text().contains(QLatin1String("too long")), qPrintable(tooLong.error().text()));
        QString manyDrops;
        for (int i = 0; i < 101; ++i)
            manyDrops += QLatin1String("drop=c2s:syn,");
        manyDrops.chop(1);
        Result<WireSpec> drops = WireSpec::parse(manyDrops);
        QVERIFY(!drops.ok());
        QVERIFY2(drops.error().text().contains(QLatin1String("at most 100 drop rules")), qPrintable(drops.error().text()));
    }

    // parse(toString(x)) == x for many random specs, and the canonical form is a fixed point.
    void roundTrip()
    {
        const quint32 seed = QRandomGenerator::global()->generate();
        QRandomGenerator rng(seed);
        for (int i = 0; i < 5000; ++i) {
            const WireSpec spec = randomSpec(rng);
            const QString text = spec.toString();
            Result<WireSpec> back = WireSpec::parse(text);
            if (!back.ok())
                QFAIL(qPrintable(QStringLiteral("seed %1 #%2: %3 -> %4").arg(seed).arg(i).arg(text, back.error().text())));
            if (!(back.value() == spec))
                QFAIL(qPrintable(QStringLiteral("seed %1 #%2: %3 parsed back as %4").arg(seed).arg(i).arg(text, back.value().toString())));
            QCOMPARE(back.value().toString(), text);
        }
    }
};

QTEST_GUILESS_MAIN(WireSpecTest)
#include "tst_wirespec.moc"
