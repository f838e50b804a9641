// The window never asks the resolver on its GUI thread (issue 10, item 6). getaddrinfo() is
// interposed by this executable: its definition comes before libc's for every dynamic call,
// Qt's resolver included. It notes the calling thread, and for one test name it answers only
// after 1.5 s, as a DNS server that does not answer would (a name from /etc/hosts is instant, so
// a real slow resolver is what makes a blocking call visible). The checks: the GUI thread never
// called getaddrinfo, startServer() returned before the resolver answered, the event loop kept
// ticking meanwhile, and the server then started on the resolved address.
#include "labwindow.h"
#include "serverpanel.h"
#include "testsupport.h"

#include <QLabel>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <cstring>
#include <dlfcn.h>
#include <netdb.h>
#include <thread>

using namespace tcplab;

namespace {

const char kSlowName[] = "slow-resolver.tcplab.test";
const char kUnknownName[] = "no-such-host.tcplab.test"; // answered "no such name" at once, no real DNS
constexpr int kResolverDelayMs = 1500;

std::atomic<Qt::HANDLE> g_guiThread{nullptr};
std::atomic<int> g_slowLookups{0};
std::atomic<int> g_guiThreadLookups{0};

} // namespace

extern "C" int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res)
{
    using Real = int (*)(const char *, const char *, const struct addrinfo *, struct addrinfo **);
    static const Real real = reinterpret_cast<Real>(::dlsym(RTLD_NEXT, "getaddrinfo"));
    if (QThread::currentThreadId() == g_guiThread.load())
        ++g_guiThreadLookups;
    if (node && std::strcmp(node, kSlowName) == 0) {
        ++g_slowLookups;
        std::this_thread::sleep_for(std::chrono::milliseconds(kResolverDelayMs));
        node = "127.0.0.1";
    }
    if (node && std::strcmp(node, kUnknownName) == 0)
        return EAI_NONAME;
    return real ? real(node, service, hints, res) : EAI_SYSTEM;
}

class TestWindowDns : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { g_guiThread = QThread::currentThreadId(); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        g_slowLookups = 0;
        g_guiThreadLookups = 0;
    }

    void nameIsResolvedOffTheGuiThread()
    {
        LabWindow w(settingsPath());
        w.show();
        w.setConfig(withHost(QString::fromLatin1(kSlowName)));
        int ticks = 0;
        QTimer tick;
        tick.setInterval(10);
        connect(&tick, &QTimer::timeout, [&ticks] { ++ticks; });
        tick.start();

        QElapsedTimer clock;
        clock.start();
        QVERIFY(w.startServer());
        const qint64 returnedMs = clock.elapsed();
        QCOMPARE(g_guiThreadLookups.load(), 0);
        QVERIFY2(returnedMs < kResolverDelayMs / 2, qPrintable(QStringLiteral("startServer() took %1 ms").arg(returnedMs)));
        QVERIFY(!w.server()->isRunning());
        QVERIFY2(w.serverPanel()->message().contains(QLatin1String("resolving")), qPrintable(w.serverPanel()->message()));

        QTRY_VERIFY_WITH_TIMEOUT(w.server()->isRunning(), 15000);
        // The lookup went through the interposed resolver (else this test would prove nothing)...
        QVERIFY(g_slowLookups.load() >= 1);
        // ...never on the GUI thread, whose event loop kept running while the resolver slept
        // (~150 ticks; a tenth of that is enough on a loaded machine).
        QCOMPARE(g_guiThreadLookups.load(), 0);
        QVERIFY2(ticks >= 15, qPrintable(QStringLiteral("%1 ticks while resolving").arg(ticks)));
        QCOMPARE(w.server()->address(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(w.serverPanel()->message().isEmpty());
        // The panel still shows the name, and a name is not a change that needs a restart.
        QCOMPARE(w.config().host(), QString::fromLatin1(kSlowName));
        const QLabel *restartNotice = w.serverPanel()->findChild<QLabel *>(QStringLiteral("restartNotice"));
        QVERIFY(restartNotice);
        QVERIFY(restartNotice->isHidden());
        w.stopServer();
    }

    void stopWhileResolvingCancelsTheStart()
    {
        LabWindow w(settingsPath());
        w.show();
        w.setConfig(withHost(QString::fromLatin1(kSlowName)));
        QVERIFY(w.startServer());
        QVERIFY(!w.serverPanel()->message().isEmpty());
        w.toggleServer(); // the Start/Stop button while "resolving..."
        QVERIFY(w.serverPanel()->message().isEmpty());
        QTest::qWait(kResolverDelayMs + 500);
        QVERIFY(!w.server()->isRunning());
        QCOMPARE(g_guiThreadLookups.load(), 0);
    }

    void addressStartsAtOnceWithoutAResolver()
    {
        LabWindow w(settingsPath());
        w.setConfig(withHost(QStringLiteral("127.0.0.1")));
        QVERIFY(w.startServer());
        QVERIFY(w.server()->isRunning());
        QCOMPARE(g_guiThreadLookups.load(), 0);
        w.stopServer();
    }

    void unknownNameIsReportedNotStarted()
    {
        LabWindow w(settingsPath());
        w.show();
        w.setConfig(withHost(QString::fromLatin1(kUnknownName)));
        QVERIFY(w.startServer());
        QTRY_VERIFY_WITH_TIMEOUT(w.serverPanel()->message().contains(QStringLiteral("unknown host '%1'").arg(QLatin1String(kUnknownName))), 15000);
        QVERIFY(!w.server()->isRunning());
        QCOMPARE(g_guiThreadLookups.load(), 0);
    }

private:
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("tcplab.ini")); }
    static ServerConfig withHost(const QString &host)
    {
        ServerConfig config = testsupport::loopbackConfig(QStringLiteral("event"), QStringLiteral("line"), true);
        config.setValue(QStringLiteral("host"), host);
        return config;
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TestWindowDns)
#include "tst_window_dns.moc"
