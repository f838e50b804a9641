// The window's view of the server's state when the server stops by itself: its listener is shut
// down from outside (accept() then fails for real), and the window must say "stopped: REASON"
// where the state is shown, offer Start again, and start cleanly.
#include "labwindow.h"
#include "serverpanel.h"
#include "testsupport.h"
#include "uitestsupport.h"

#include <QPushButton>
#include <QtTest>

#include <sys/socket.h>

using namespace tcplab;
using testsupport::waitFor;
using namespace uitest;

class TestUiServerState : public WindowTestCase
{
    Q_OBJECT

private slots:
    void serverThatFailsShowsWhy_data()
    {
        QTest::addColumn<QString>("mode");
        for (const char *m : {"iterative", "threaded", "event"})
            QTest::newRow(m) << QString::fromLatin1(m);
    }

    void serverThatFailsShowsWhy()
    {
        QFETCH(QString, mode);
        LabWindow w(settingsPath());
        w.show();
        ServerPanel *panel = w.serverPanel();
        prepareLoopback(w, QStringLiteral("byte"), mode);
        QVERIFY(w.startServer());
        QVERIFY(w.endpointText().startsWith(QLatin1String("Listening on")));

        QCOMPARE(::shutdown(w.server()->listenDescriptor(), SHUT_RDWR), 0);
        QVERIFY(waitFor([&] { return !w.server()->isRunning(); }, 5000));
        QVERIFY(waitFor([&] { return w.endpointText().startsWith(QLatin1String("Server stopped: ")); }));
        const QString reason = QStringLiteral("accept: Invalid argument (EINVAL)");
        qInfo("status bar: %s; panel: %s", qPrintable(w.endpointText()), qPrintable(panel->message()));
        QCOMPARE(w.endpointText(), QStringLiteral("Server stopped: ") + reason);
        QVERIFY2(panel->message().contains(reason), qPrintable(panel->message()));
        QCOMPARE(panel->startButton()->text(), QStringLiteral("Start server (Ctrl+R)"));
        QVERIFY(waitFor([&] { return logContains(w, QStringLiteral("server failed: ") + reason); }));

        // Start again: the reason is gone, the server serves.
        QVERIFY(w.startServer());
        QVERIFY(w.endpointText().startsWith(QLatin1String("Listening on")));
        QVERIFY(panel->message().isEmpty());
        w.stopServer();
        QCOMPARE(w.endpointText(), QStringLiteral("Server stopped"));
    }
};

QTEST_MAIN(TestUiServerState)
#include "tst_ui_serverstate.moc"
