// Options changed in the window while the server runs (issue 13): a live option goes through the
// Server to the listener and the open connection (read back here with getsockopt), the log says
// "applied live", the effective options table refreshes, the badges say which is which, and an
// option only a new listener can take is logged as applying on restart and leaves the socket.
#include "labwindow.h"
#include "optioneditor.h"
#include "optionreportmodel.h"
#include "serverpanel.h"
#include "testsupport.h"
#include "uitestsupport.h"

#include <QCheckBox>
#include <QLabel>
#include <QSpinBox>
#include <QtTest>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace tcplab;
using testsupport::waitFor;
using namespace uitest;

namespace {

// getsockopt on the server's descriptor of its one connection.
int connectionOption(LabWindow &w, quint64 id, int level, int name)
{
    int value = -2000;
    w.server()->connections()->withDescriptor(id, [&](int fd) { value = sockopt(fd, level, name); });
    return value;
}

} // namespace

class TestUiLiveOptions : public WindowTestCase
{
    Q_OBJECT

private slots:
    void liveChangeReachesTheOpenConnection_data()
    {
        QTest::addColumn<QString>("mode");
        for (const char *m : {"threaded", "event"})
            QTest::newRow(m) << QString::fromLatin1(m);
    }

    void liveChangeReachesTheOpenConnection()
    {
        QFETCH(QString, mode);
        LabWindow w(settingsPath());
        w.show();
        ServerPanel *panel = w.serverPanel();
        prepareLoopback(w, QStringLiteral("byte"), mode, true);
        QCheckBox *nodelay = check(w, QStringLiteral("nodelay"));
        nodelay->setCheckState(Qt::Checked);
        QVERIFY(panel->editor(QStringLiteral("nodelay"))->badge()->isHidden()); // no badge while stopped
        QVERIFY(w.startServer());
        const int listenFd = w.server()->listenDescriptor();

        FileDescriptor client = testsupport::connectTo(w.server()->port());
        QVERIFY(client.isValid());
        const quint64 id = testsupport::waitForOneConnection(*w.server());
        QVERIFY(id);
        QCOMPARE(connectionOption(w, id, IPPROTO_TCP, TCP_NODELAY), 1);

        // The badges: live options apply now, the others on restart, with the reason.
        QLabel *liveBadge = panel->editor(QStringLiteral("nodelay"))->badge();
        QLabel *restartBadge = panel->editor(QStringLiteral("reuseport"))->badge();
        QVERIFY(!liveBadge->isHidden() && !restartBadge->isHidden());
        QCOMPARE(liveBadge->text(), QStringLiteral("live"));
        QCOMPARE(restartBadge->text(), QStringLiteral("restart"));
        QVERIFY(restartBadge->toolTip().contains(findOption(QStringLiteral("reuseport"))->translatedRestartReason()));

        // Live: the user unticks TCP_NODELAY; the open connection and the listener follow.
        nodelay->setCheckState(Qt::Unchecked);
        QTRY_VERIFY_WITH_TIMEOUT(logContains(w, QStringLiteral("TCP_NODELAY = off applied live to the listener and 1 connection(s) (read back off)")), 5000);
        QCOMPARE(connectionOption(w, id, IPPROTO_TCP, TCP_NODELAY), 0);
        QCOMPARE(sockopt(listenFd, IPPROTO_TCP, TCP_NODELAY), 0);
        QCOMPARE(w.reportModel()->report().row(QStringLiteral("nodelay"))->effective, QStringLiteral("off"));
        QVERIFY(panel->restartNotice()->isHidden());

        // A burst of spin-box edits is one change, with the last value.
        QSpinBox *idle = spin(w, QStringLiteral("keepidle"));
        for (int v = 100; v <= 110; ++v)
            idle->setValue(v);
        QTRY_COMPARE_WITH_TIMEOUT(connectionOption(w, id, IPPROTO_TCP, TCP_KEEPIDLE), 110, 5000);
        QVERIFY(!logContains(w, QStringLiteral("TCP_KEEPIDLE = 105")));
        QTRY_COMPARE(w.reportModel()->report().row(QStringLiteral("keepidle"))->effective, QStringLiteral("110"));

        // Restart-only: logged with the reason, the listener keeps what it has, the notice shows.
        QCOMPARE(sockopt(listenFd, SOL_SOCKET, SO_REUSEPORT), 1);
        check(w, QStringLiteral("reuseport"))->setCheckState(Qt::Unchecked);
        QTRY_VERIFY_WITH_TIMEOUT(logContains(w, QStringLiteral("SO_REUSEPORT = off applies on restart: ")
                                                    + findOption(QStringLiteral("reuseport"))->translatedRestartReason()),
                                 5000);
        QCOMPARE(sockopt(listenFd, SOL_SOCKET, SO_REUSEPORT), 1);
        QVERIFY(!panel->restartNotice()->isHidden());
        QVERIFY(panel->restartNotice()->text().contains(QStringLiteral("SO_REUSEPORT")));
        QVERIFY(testsupport::sendAll(client.get(), QByteArrayLiteral("still served")));
        QCOMPARE(testsupport::readExactly(client.get(), 12), QByteArrayLiteral("STILL SERVED"));
        w.stopServer();
    }
};

QTEST_MAIN(TestUiLiveOptions)
#include "tst_ui_liveoptions.moc"
