// The GUI-thread lag probe the benchmarks read: a freeze of the GUI thread must weigh by its
// length (every tick that fell due during it counts, each with its own lateness), and the tick
// file must carry CLOCK_MONOTONIC times a benchmark can cut its load window from.
#include "testsupport.h"
#include "uilagprobe.h"

#include <QApplication>
#include <QFile>
#include <QRegularExpression>
#include <QScrollArea>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <thread>

#include <time.h>

using tcplab::UiLagProbe;

namespace {

double monotonicMs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct TickLine
{
    double dueMs;
    double servedMs;
};

QList<TickLine> readTicks(const QString &path)
{
    QList<TickLine> ticks;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return ticks;
    while (!f.atEnd()) {
        const QList<QByteArray> parts = f.readLine().trimmed().split(' ');
        if (parts.size() == 2 && !parts[0].startsWith('#'))
            ticks << TickLine{parts[0].toDouble(), parts[1].toDouble()};
    }
    return ticks;
}

} // namespace

class TestUiLagProbe : public QObject
{
    Q_OBJECT
private slots:
    void aFreezeCountsForItsWholeLength();
    void paintsAreCountedPerNamedView();
};

void TestUiLagProbe::aFreezeCountsForItsWholeLength()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("lag.txt"));
    constexpr double FreezeMs = 500.0;
    UiLagProbe probe(path);
    QVERIFY(testsupport::waitFor([&] { return probe.sampleCount() >= 10; }, 5000));

    // Freeze the GUI thread (the probe's thread) for 500 ms: no event is processed meanwhile.
    const double freezeStart = monotonicMs();
    std::this_thread::sleep_for(std::chrono::milliseconds(int(FreezeMs)));
    const double freezeEnd = monotonicMs();
    const int before = probe.sampleCount();
    QVERIFY(testsupport::waitFor([&] { return probe.sampleCount() > before; }, 5000));
    QTest::qWait(50);
    QVERIFY(probe.writeReport());

    // The longest stall covers the whole freeze; the first tick due in it was due at most one
    // interval after it began, so it was served at least FreezeMs - IntervalMs late.
    QVERIFY2(probe.longestStallMs() >= FreezeMs, qPrintable(QString::number(probe.longestStallMs())));
    const QList<double> &late = probe.latenessMs();
    const double maxLate = *std::max_element(late.begin(), late.end());
    QVERIFY2(maxLate >= FreezeMs - UiLagProbe::IntervalMs, qPrintable(QString::number(maxLate)));
    // Every tick due in the first half of the freeze was at least 250 ms late: ~25 of them, not
    // one late sample.
    const auto halfLate = std::count_if(late.begin(), late.end(), [](double ms) { return ms >= FreezeMs / 2; });
    QVERIFY2(halfLate >= 20, qPrintable(QString::number(halfLate)));
    double lateness = 0.0; // the sum over the ticks of the freeze: ~ FreezeMs^2 / (2 IntervalMs)
    for (double ms : late)
        lateness += ms;
    QVERIFY2(lateness >= FreezeMs * FreezeMs / (2 * UiLagProbe::IntervalMs) * 0.8, qPrintable(QString::number(lateness)));

    // The tick file: CLOCK_MONOTONIC times; the ticks due during the freeze were served after it.
    const QList<TickLine> ticks = readTicks(probe.ticksPath());
    QCOMPARE(ticks.size(), probe.sampleCount());
    const auto inFreeze = std::count_if(ticks.begin(), ticks.end(), [&](const TickLine &t) {
        return t.dueMs >= freezeStart && t.dueMs <= freezeEnd - UiLagProbe::IntervalMs;
    });
    QVERIFY2(inFreeze >= int(FreezeMs / UiLagProbe::IntervalMs) - 2, qPrintable(QString::number(inFreeze)));
    for (const TickLine &t : ticks) {
        if (t.dueMs >= freezeStart && t.dueMs <= freezeEnd - UiLagProbe::IntervalMs)
            QVERIFY2(t.servedMs >= freezeEnd - 1.0, qPrintable(QStringLiteral("%1 served %2").arg(t.dueMs).arg(t.servedMs)));
    }
    // No gap in the schedule: every interval from the first due tick to the last has its tick.
    const double span = ticks.last().dueMs - ticks.first().dueMs;
    QVERIFY2(ticks.size() >= int(span / UiLagProbe::IntervalMs), qPrintable(QStringLiteral("%1 ticks over %2 ms").arg(ticks.size()).arg(span)));

    // The summary line weighs the freeze by its length too: its p99 is a freeze tick.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString report = QString::fromUtf8(f.readAll()).trimmed();
    static const QRegularExpression format(QStringLiteral("^samples=(\\d+) p50_ms=[0-9.]+ p99_ms=([0-9.]+) max_ms=([0-9.]+)$"));
    const QRegularExpressionMatch m = format.match(report);
    QVERIFY2(m.hasMatch(), qPrintable(report));
    QVERIFY2(m.captured(2).toDouble() >= FreezeMs / 2, qPrintable(report));
}

// The paint events of each named widget, a scroll area's viewport under the area's name (not its
// frame), and the counts in FILE.paints for a benchmark to read.
void TestUiLagProbe::paintsAreCountedPerNamedView()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("lag.txt"));
    UiLagProbe probe(path);
    QWidget top;
    top.resize(400, 300);
    auto *plain = new QWidget(&top);
    plain->setObjectName(QStringLiteral("plainView"));
    plain->setGeometry(0, 0, 200, 100);
    auto *area = new QScrollArea(&top);
    area->setObjectName(QStringLiteral("scrolledView"));
    area->setGeometry(0, 120, 200, 150);
    top.show();
    QVERIFY(QTest::qWaitForWindowExposed(&top));
    QTest::qWait(50);
    const int plainBefore = probe.paintCount(QStringLiteral("plainView"));
    const int areaBefore = probe.paintCount(QStringLiteral("scrolledView"));
    for (int i = 0; i < 5; ++i)
        plain->repaint();
    for (int i = 0; i < 3; ++i)
        area->viewport()->repaint();
    QCOMPARE(probe.paintCount(QStringLiteral("plainView")) - plainBefore, 5);
    QCOMPARE(probe.paintCount(QStringLiteral("scrolledView")) - areaBefore, 3);
    QCOMPARE(probe.paintCount(QStringLiteral("qt_scrollarea_viewport")), 0);

    QVERIFY(probe.writeReport());
    QFile f(probe.paintsPath());
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    const QByteArray last = lines.last();
    QVERIFY2(last.contains(" plainView=" + QByteArray::number(probe.paintCount(QStringLiteral("plainView")))), last.constData());
    QVERIFY2(last.contains(" scrolledView=" + QByteArray::number(probe.paintCount(QStringLiteral("scrolledView")))), last.constData());
}

QTEST_MAIN(TestUiLagProbe)
#include "tst_uilagprobe.moc"
