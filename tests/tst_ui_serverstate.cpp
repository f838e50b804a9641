// The window's view of the server's state when the server stops by itself: its listener is shut
// down from outside (accept() then fails for real), and the window must say "stopped: REASON"
// where the state is shown, offer Start again, and start cleanly.
#include "labwindow.h"
#include "logmodel.h"
#include "logpanel.h"
#include "optioneditor.h"
#include "serverpanel.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/socket.h>

using namespace tcplab;
using testsupport::waitFor;

class TestUiServerState : public QObject
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
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LabWindow w(dir.filePath(QStringLiteral("tcplab.ini")));
        w.show();
        ServerPanel *panel = w.serverPanel();
        qobject_cast<QLineEdit *>(panel->editor(QStringLiteral("host"))->inputWidget())->setText(QStringLiteral("127.0.0.1"));
        qobject_cast<QSpinBox *>(panel->editor(QStringLiteral("port"))->inputWidget())->setValue(0);
        qobject_cast<QComboBox *>(panel->editor(QStringLiteral("mode"))->inputWidget())->setCurrentText(mode);
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
        QVERIFY(waitFor([&] {
            w.logPanel()->tick();
            for (int i = 0; i < w.logPanel()->model()->rowCount(); ++i) {
                if (w.logPanel()->model()->lineAt(i).contains(QStringLiteral("server failed: ") + reason))
                    return true;
            }
            return false;
        }));

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
