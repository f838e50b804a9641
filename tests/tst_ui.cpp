// The lab window driven through its real widgets on the offscreen platform: options set in the
// panel reach the listener (getsockopt), the client panel's exchange shows up in the log, the
// log stays bounded under a flood, settings survive a restart, bad input is refused.
#include "binframe.h"
#include "clientpanel.h"
#include "connectionmodel.h"
#include "connectionspanel.h"
#include "experimentspanel.h"
#include "labwindow.h"
#include "liveoptions.h"
#include "logexport.h"
#include "logmodel.h"
#include "logpanel.h"
#include "optioneditor.h"
#include "optionreportmodel.h"
#include "serverpanel.h"
#include "systemlimits.h"
#include "tcpinfo.h"
#include "systempanel.h"
#include "testsupport.h"
#include "uitestsupport.h"
#include "uilagprobe.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <cerrno>
#include <csignal>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace tcplab;
using testsupport::waitFor;
using namespace uitest;

class TestUi : public WindowTestCase
{
    Q_OBJECT

private slots:
    void optionsSetInThePanelReachTheListener();
    void clientPanelExchangeShowsReplyAndLog();
    void binFormSendsTheStructFields();
    void batchRunsOnWorkerThreadsWithProgressAndSummary();
    void connectionsTableShowsAndClosesConnections();
    void keyboardShortcutsDriveTheWindow();
    void logPaneStaysBoundedUnderAFlood();
    void logFiltersAndExport();
    void settingsSurviveARestartOfTheWindow();
    void invalidInputIsRefusedWithAMessage();
    void congestionMenuOffersWhatThisUserMaySet();
    void setUpErrorIsShownNotFatal();
    void chineseTranslationIsLoaded();
    void liveOptionLinesAreTranslatedWithTheirCounts();
    void batchAgainstAClosedPortCountsFailures();
    void systemPanelWarnsWhereAKernelLimitDefeatsAnOption();
    void programStartsTheWindowWithFlagsAndClosesOnSigterm();
    void uiLagProbeWritesItsReport();
    void experimentsRunFromTheWindow();
    void connectionTableStaysSmallUnderAFloodOfShortConnections();
};

void TestUi::optionsSetInThePanelReachTheListener()
{
    LabWindow w(settingsPath());
    w.show();
    prepareLoopback(w);
    spin(w, QStringLiteral("keepidle"))->setValue(77);
    spin(w, QStringLiteral("keepcnt"))->setValue(4);
    check(w, QStringLiteral("nodelay"))->setCheckState(Qt::Unchecked);
    check(w, QStringLiteral("reuseaddr"))->setCheckState(Qt::Unchecked);
    w.serverPanel()->editor(QStringLiteral("user-timeout"))->enableBox()->setChecked(true);
    spin(w, QStringLiteral("user-timeout"))->setValue(4321);

    w.startStopAction()->trigger();
    QVERIFY2(w.server()->isRunning(), qPrintable(w.serverPanel()->message()));
    const quint16 port = w.server()->port();
    QVERIFY(port != 0); // port 0 asked: the status bar shows the real one
    QVERIFY2(w.endpointText().contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(w.endpointText()));

    const int fd = w.server()->listenDescriptor();
    QCOMPARE(sockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE), 77);
    QCOMPARE(sockopt(fd, IPPROTO_TCP, TCP_KEEPCNT), 4);
    QCOMPARE(sockopt(fd, IPPROTO_TCP, TCP_NODELAY), 0);
    QCOMPARE(sockopt(fd, SOL_SOCKET, SO_REUSEADDR), 0);
    QCOMPARE(sockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT), 4321);
    QCOMPARE(sockopt(fd, SOL_SOCKET, SO_KEEPALIVE), 1);

    // The effective options table shows the same values the kernel reports.
    OptionReportModel *report = w.reportModel();
    QVERIFY(report->rowCount() > 0);
    const OptionReportRow *idle = report->report().row(QStringLiteral("keepidle"));
    QVERIFY(idle);
    QCOMPARE(idle->effective, QStringLiteral("77"));

    // A live option changed while running reaches the listener at once; one that only a new
    // server can take is flagged as applying on restart, and the restart applies it.
    auto *notice = w.serverPanel()->findChild<QLabel *>(QStringLiteral("restartNotice"));
    QVERIFY(notice && notice->isHidden());
    spin(w, QStringLiteral("keepidle"))->setValue(90);
    QTRY_COMPARE(sockopt(w.server()->listenDescriptor(), IPPROTO_TCP, TCP_KEEPIDLE), 90);
    QVERIFY(notice->isHidden());
    spin(w, QStringLiteral("max-threads"))->setValue(17);
    QVERIFY(!notice->isHidden());
    QVERIFY(notice->text().contains(QStringLiteral("thread cap")));
    w.restartAction()->trigger();
    QVERIFY(w.server()->isRunning());
    QCOMPARE(w.server()->config().maxThreads(), 17);
    QCOMPARE(sockopt(w.server()->listenDescriptor(), IPPROTO_TCP, TCP_KEEPIDLE), 90);
    QVERIFY(notice->isHidden());

    w.startStopAction()->trigger();
    QVERIFY(!w.server()->isRunning());
    QVERIFY(w.endpointText().contains(QStringLiteral("stopped")));
}

void TestUi::clientPanelExchangeShowsReplyAndLog()
{
    LabWindow w(settingsPath());
    w.show();
    prepareLoopback(w, QStringLiteral("byte"));
    QVERIFY(w.startServer());
    ClientPanel *client = w.clientPanel();
    QVERIFY(client->followServerBox()->isChecked());
    QCOMPARE(client->portSpin()->value(), int(w.server()->port())); // defaults to the running server
    client->formCombo()->setCurrentIndex(int(ClientPanel::MessageForm::Text));
    client->textEdit()->setText(QStringLiteral("hello lab"));
    client->newlineBox()->setChecked(false);
    QCOMPARE(w.sendAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Return));

    QTest::mouseClick(client->sendButton(), Qt::LeftButton);
    QVERIFY2(waitFor([&] { return !client->isBusy(); }, 10000), "the exchange did not finish");
    QCOMPARE(client->replyText(), QStringLiteral("HELLO LAB"));
    QCOMPARE(client->replyHex(), QStringLiteral("48 45 4c 4c 4f 20 4c 41 42"));
    QVERIFY2(client->rttText().contains(QStringLiteral("RTT")), qPrintable(client->rttText()));
    QVERIFY2(waitFor([&] { return logContains(w, QStringLiteral("HELLO LAB")); }), "reply not in the log");
    QVERIFY(logContains(w, QStringLiteral("listening on")));

    // In two writes with a pause, the byte handler's single recv() returns only the first
    // piece: TCP is a byte stream, and the reply shows the cut.
    client->textEdit()->setText(QStringLiteral("abcdef"));
    client->piecesSpin()->setValue(2);
    client->pieceGapSpin()->setValue(1000); // the server reads long before the second piece
    QVERIFY(client->send());
    QVERIFY(waitFor([&] { return !client->isBusy(); }, 10000));
    QCOMPARE(client->replyText(), QStringLiteral("ABC"));
    client->piecesSpin()->setValue(1);

    // The same through the menu action (what Ctrl+Return triggers).
    client->textEdit()->setText(QStringLiteral("second"));
    w.sendAction()->trigger();
    QVERIFY(waitFor([&] { return !client->isBusy(); }, 10000));
    QCOMPARE(client->replyText(), QStringLiteral("SECOND"));
    QVERIFY(waitFor([&] { return logContains(w, QStringLiteral("'SECOND'")); }));
}

void TestUi::binFormSendsTheStructFields()
{
    LabWindow w(settingsPath());
    w.show();
    prepareLoopback(w, QStringLiteral("bin"), QStringLiteral("threaded"), true);
    QVERIFY(w.startServer());
    ClientPanel *client = w.clientPanel();
    client->formCombo()->setCurrentIndex(int(ClientPanel::MessageForm::Bin));
    const QStringList values{QStringLiteral("7"), QStringLiteral("ok"), QStringLiteral("99"), QStringLiteral("-5"),
                             QStringLiteral("6"), QStringLiteral("2.5")};
    for (int i = 0; i < 6; ++i)
        client->binFields()[i]->setText(values[i]);
    QVERIFY(client->send());
    QVERIFY(waitFor([&] { return !client->isBusy(); }, 10000));
    BinFrame expected;
    QString error;
    QVERIFY(BinFrame::parseFields(values.join(QLatin1Char(',')), &expected, &error));
    // The persistent bin handler echoes one frame; the client knew to stop after 22 bytes.
    QCOMPARE(client->replyHex(), QString::fromLatin1(expected.encode().toHex(' ')));
    QVERIFY(client->rttText().contains(QStringLiteral("RTT")));
}

void TestUi::batchRunsOnWorkerThreadsWithProgressAndSummary()
{
    LabWindow w(settingsPath());
    w.show();
    prepareLoopback(w, QStringLiteral("line"), QStringLiteral("threaded"));
    QVERIFY(w.startServer());
    ClientPanel *client = w.clientPanel();
    client->formCombo()->setCurrentIndex(int(ClientPanel::MessageForm::Text));
    client->textEdit()->setText(QStringLiteral("ping"));
    client->newlineBox()->setChecked(true);
    client->repeatSpin()->setValue(40);
    client->concurrencySpin()->setValue(4);
    QSignalSpy progress(client->progressBar(), &QProgressBar::valueChanged);
    QTest::mouseClick(client->batchButton(), Qt::LeftButton);
    // The click returned while the exchanges run elsewhere: the GUI thread is free.
    QVERIFY(client->isBusy());
    QVERIFY(!client->sendButton()->isEnabled());
    QVERIFY2(waitFor([&] { return !client->isBusy(); }, 30000), "the batch did not finish");
    QCOMPARE(client->progressBar()->maximum(), 40);
    QCOMPARE(client->progressBar()->value(), 40);
    QVERIFY(progress.count() >= 1);
    QVERIFY2(client->batchSummary().contains(QStringLiteral("40 of 40 exchanges done: 40 ok, 0 failed")),
             qPrintable(client->batchSummary()));
    QVERIFY(waitFor([&] { return logContains(w, QStringLiteral("client batch: 40 of 40")); }));
}

void TestUi::connectionsTableShowsAndClosesConnections()
{
    LabWindow w(settingsPath());
    w.resize(1300, 800);
    w.show();
    prepareLoopback(w, QStringLiteral("line"), QStringLiteral("threaded"), true);
    QVERIFY(w.startServer());
    w.tabs()->setCurrentWidget(w.connectionsPanel());
    const quint16 port = w.server()->port();
    tcplab::FileDescriptor a = testsupport::connectTo(port);
    tcplab::FileDescriptor b = testsupport::connectTo(port);
    QVERIFY(a.isValid() && b.isValid());
    QVERIFY(testsupport::sendAll(a.get(), "abc\n"));
    QCOMPARE(testsupport::readExactly(a.get(), 4), QByteArray("ABC\n"));

    ConnectionModel *model = w.connectionsPanel()->model();
    QVERIFY2(waitFor([&] { return model->openCount() == 2; }, 5000), "the table did not show both connections");
    // The row of the connection that sent 4 bytes shows them (refreshed by the panel's timer).
    QVERIFY(waitFor([&] {
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, ConnectionModel::BytesIn).data().toULongLong() == 4
                && model->index(r, ConnectionModel::Requests).data().toULongLong() == 1)
                return true;
        }
        return false;
    }, 5000));
    QVERIFY(!model->index(0, ConnectionModel::Options).data().toString().isEmpty());
    // The listener's accept queue (TCP_INFO of the listening socket) is shown with its limit.
    const TcpInfoSnapshot listener = readTcpInfo(w.server()->listenDescriptor());
    QVERIFY(listener.valid);
    QVERIFY2(w.connectionsPanel()->summaryText().contains(QStringLiteral("limit %1").arg(listener.sacked)),
             qPrintable(w.connectionsPanel()->summaryText()));

    // Click the row's Close button (graceful): the peer reads end-of-file.
    QTableView *view = w.connectionsPanel()->view();
    view->scrollTo(model->index(0, ConnectionModel::Actions));
    const QRect cell = view->visualRect(model->index(0, ConnectionModel::Actions));
    QVERIFY(cell.isValid());
    const quint64 firstId = model->idAt(0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, CloseButtonsDelegate::buttonRect(cell, false).center());
    QVERIFY(waitFor([&] { return !w.server()->connections()->contains(firstId); }, 5000));
    QVERIFY(waitFor([&] {
        w.connectionsPanel()->refresh();
        const int row = model->rowOf(firstId);
        return row >= 0 && !model->isOpen(row);
    }, 5000));
    const int closedRow = model->rowOf(firstId);
    QVERIFY(model->index(closedRow, ConnectionModel::Peer).data(Qt::ForegroundRole).isValid()); // greyed
    QCOMPARE(model->index(closedRow, ConnectionModel::State).data().toString(), QStringLiteral("closed"));

    // Reset the other one from its row: the peer gets ECONNRESET.
    const int otherRow = firstId == model->idAt(0) ? 1 : 0;
    const quint64 otherId = model->idAt(otherRow);
    QVERIFY(w.connectionsPanel()->closeConnection(otherId, true));
    QVERIFY(waitFor([&] { return w.server()->connections()->count() == 0; }, 5000));
    // One of the two client sockets got FIN (read 0), the other RST (ECONNRESET).
    int eofs = 0, resets = 0;
    for (tcplab::FileDescriptor *fd : {&a, &b}) {
        char buf[16];
        const ssize_t n = ::recv(fd->get(), buf, sizeof(buf), 0);
        if (n == 0)
            ++eofs;
        else if (n < 0 && errno == ECONNRESET)
            ++resets;
    }
    QCOMPARE(eofs, 1);
    QCOMPARE(resets, 1);
}

void TestUi::keyboardShortcutsDriveTheWindow()
{
    LabWindow w(settingsPath());
    w.show();
    w.activateWindow();
    if (!QTest::qWaitForWindowActive(&w))
        QSKIP("this platform cannot activate the window, so no shortcut can reach it");
    prepareLoopback(w, QStringLiteral("byte"));
    QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier); // Ctrl+R starts
    QVERIFY2(w.server()->isRunning(), qPrintable(w.serverPanel()->message()));
    ClientPanel *client = w.clientPanel();
    client->formCombo()->setCurrentIndex(int(ClientPanel::MessageForm::Text));
    client->textEdit()->setText(QStringLiteral("keys"));
    client->newlineBox()->setChecked(false);
    client->textEdit()->setFocus();
    QTest::keyClick(client->textEdit(), Qt::Key_Return, Qt::ControlModifier); // Ctrl+Return sends
    QVERIFY(waitFor([&] { return !client->isBusy() && !client->replyText().isEmpty(); }, 10000));
    QCOMPARE(client->replyText(), QStringLiteral("KEYS"));
    QVERIFY(waitFor([&] { return logContains(w, QStringLiteral("'KEYS'")); }));
    QTest::keyClick(&w, Qt::Key_L, Qt::ControlModifier); // Ctrl+L clears the log
    QCOMPARE(w.logPanel()->model()->rowCount(), 0);
    QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier); // Ctrl+R stops
    QVERIFY(!w.server()->isRunning());
}

void TestUi::logPaneStaysBoundedUnderAFlood()
{
    LabWindow w(settingsPath());
    w.show();
    LogPanel *log = w.logPanel();
    QCOMPARE(log->limitSpin()->value(), LogModel::DefaultLimit);
    LogModel *model = log->model();
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    EventHub *hub = w.server()->events();
    const quint64 hubDroppedBefore = hub->droppedCount();
    for (int i = 0; i < 100000; ++i)
        hub->post(LogLevel::Info, EventKind::Received, quint64(i % 7 + 1), QStringLiteral("127.0.0.1:5000"),
                  QStringLiteral("flood %1").arg(i), QByteArray("payload"));
    const quint64 upstream = hub->droppedCount() - hubDroppedBefore;
    QVERIFY(waitFor([&] {
        log->tick();
        return model->pendingCount() == 0 && model->droppedLines() + quint64(model->storedCount()) >= 100000 - upstream;
    }, 20000));
    QCOMPARE(model->storedCount(), LogModel::DefaultLimit);
    QVERIFY(model->rowCount() <= LogModel::DefaultLimit);
    QVERIFY(model->droppedLines() >= quint64(100000 - LogModel::DefaultLimit) - upstream);
    QVERIFY2(log->statusText().contains(QStringLiteral("dropped: %1").arg(model->droppedLines())), qPrintable(log->statusText()));
    // The newest event is kept, the oldest are gone.
    QVERIFY(model->lineAt(model->rowCount() - 1).contains(QStringLiteral("flood 99999")));
    QVERIFY(!model->lineAt(0).contains(QStringLiteral("flood 0 ")));
    // Batched: a handful of view notifications for 100 000 events, not one per event.
    QVERIFY2(inserted.count() < 100, qPrintable(QString::number(inserted.count())));

    // The bound is configurable.
    log->limitSpin()->setValue(5000);
    QCOMPARE(model->storedCount(), 5000);
    QVERIFY(model->rowCount() <= 5000);
    QVERIFY(model->lineAt(model->rowCount() - 1).contains(QStringLiteral("flood 99999")));

    // Clear (Ctrl+L) empties it.
    QCOMPARE(w.clearLogAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
    w.clearLogAction()->trigger();
    QCOMPARE(model->rowCount(), 0);
}

void TestUi::logFiltersAndExport()
{
    LogPanel panel;
    LogModel *model = panel.model();
    auto event = [](LogLevel level, quint64 id, const QString &text, const QByteArray &data = {}) {
        ServerEvent e;
        e.timeMs = 1700000000123;
        e.level = level;
        e.connectionId = id;
        e.kind = EventKind::Received;
        e.text = text;
        e.data = data;
        return e;
    };
    panel.append(event(LogLevel::Debug, 1, QStringLiteral("debug one")));
    panel.append(event(LogLevel::Info, 2, QStringLiteral("info, \"two\""), QByteArray("A,B\n")));
    panel.append(event(LogLevel::Warning, 2, QStringLiteral("warn three")));
    panel.append(event(LogLevel::Error, 3, QStringLiteral("error four")));
    panel.tick();
    QCOMPARE(model->rowCount(), 4);

    panel.levelCombo()->setCurrentIndex(int(LogLevel::Warning));
    QCOMPARE(model->rowCount(), 2);
    panel.levelCombo()->setCurrentIndex(0);
    panel.connectionSpin()->setValue(2);
    QCOMPARE(model->rowCount(), 2);
    panel.searchEdit()->setText(QStringLiteral("WARN"));
    QCOMPARE(model->rowCount(), 1);
    QVERIFY(model->lineAt(0).contains(QStringLiteral("warn three")));
    panel.searchEdit()->clear();
    panel.connectionSpin()->setValue(0);

    // Pause holds new events back until resumed.
    panel.pauseBox()->setChecked(true);
    panel.append(event(LogLevel::Info, 4, QStringLiteral("while paused")));
    panel.tick();
    QCOMPARE(model->rowCount(), 4);
    panel.pauseBox()->setChecked(false);
    panel.tick();
    QCOMPARE(model->rowCount(), 5);

    // Data as text, hex, or both.
    panel.formatCombo()->setCurrentIndex(int(DataFormat::Both));
    QVERIFY(model->lineAt(1).contains(QStringLiteral("'A,B\\n'")));
    QVERIFY(model->lineAt(1).contains(QStringLiteral("[41 2c 42 0a]")));

    QTemporaryDir dir;
    QString error;
    const QString csvPath = dir.filePath(QStringLiteral("log.csv"));
    QVERIFY2(panel.saveTo(csvPath, true, &error), qPrintable(error));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6); // header + 5 events
    QCOMPARE(lines[0], csvHeader());
    QVERIFY2(lines[2].contains(QStringLiteral(",\"info, \"\"two\"\"\",\"A,B\\n\",412c420a")), qPrintable(lines[2]));

    const QString textPath = dir.filePath(QStringLiteral("log.txt"));
    QVERIFY(panel.saveTo(textPath, false, &error));
    QFile text(textPath);
    QVERIFY(text.open(QIODevice::ReadOnly));
    const QString all = QString::fromUtf8(text.readAll());
    QCOMPARE(all.count(QLatin1Char('\n')), 5);
    QVERIFY(all.contains(QStringLiteral("ERROR   #3 error four")));
    QVERIFY(!panel.saveTo(dir.filePath(QStringLiteral("no/such/dir/log.txt")), false, &error));
    QVERIFY(!error.isEmpty());
}

void TestUi::settingsSurviveARestartOfTheWindow()
{
    {
        LabWindow w(settingsPath());
        w.show();
        spin(w, QStringLiteral("keepidle"))->setValue(123);
        combo(w, QStringLiteral("mode"))->setCurrentText(QStringLiteral("threaded"));
        check(w, QStringLiteral("nodelay"))->setCheckState(Qt::PartiallyChecked); // kernel default
        w.serverPanel()->editor(QStringLiteral("rcvtimeo"))->enableBox()->setChecked(true);
        qobject_cast<QDoubleSpinBox *>(w.serverPanel()->editor(QStringLiteral("rcvtimeo"))->inputWidget())->setValue(2.5);
        w.serverPanel()->rawEdit()->setText(QStringLiteral("IPPROTO_TCP:3:1"));
        w.clientPanel()->followServerBox()->setChecked(false);
        w.clientPanel()->hostEdit()->setText(QStringLiteral("127.0.0.2"));
        w.clientPanel()->textEdit()->setText(QStringLiteral("persisted text"));
        w.clientPanel()->repeatSpin()->setValue(77);
        w.logPanel()->limitSpin()->setValue(12345);
        w.resize(1301, 817);
        QVERIFY(w.close());
    }
    {
        LabWindow w(settingsPath());
        const ServerConfig saved = w.savedConfig();
        QCOMPARE(saved.value(QStringLiteral("keepidle")).toInt(), 123);
        QCOMPARE(saved.mode(), ConcurrencyMode::Threaded);
        QVERIFY(!saved.isSet(QStringLiteral("nodelay")));
        QCOMPARE(saved.value(QStringLiteral("rcvtimeo")).toDouble(), 2.5);
        QCOMPARE(saved.rawOptions().size(), 1);
        QCOMPARE(spin(w, QStringLiteral("keepidle"))->value(), 123);
        QCOMPARE(check(w, QStringLiteral("nodelay"))->checkState(), Qt::PartiallyChecked);
        QVERIFY(!w.clientPanel()->followServerBox()->isChecked());
        QCOMPARE(w.clientPanel()->hostEdit()->text(), QStringLiteral("127.0.0.2"));
        QCOMPARE(w.clientPanel()->textEdit()->text(), QStringLiteral("persisted text"));
        QCOMPARE(w.clientPanel()->repeatSpin()->value(), 77);
        QCOMPARE(w.logPanel()->limitSpin()->value(), 12345);
        QCOMPARE(w.size(), QSize(1301, 817));

        // Values given for one run (command-line flags) are shown but not saved.
        ServerConfig flags = saved;
        flags.setValue(QStringLiteral("keepidle"), 5);
        w.setConfig(flags);
        QCOMPARE(spin(w, QStringLiteral("keepidle"))->value(), 5);
        QVERIFY(w.close());
    }
    {
        LabWindow w(settingsPath());
        QCOMPARE(w.savedConfig().value(QStringLiteral("keepidle")).toInt(), 123);
        // Reset to recipe defaults restores the seed's values, in the panel and the settings.
        w.resetAction()->trigger();
        QCOMPARE(spin(w, QStringLiteral("keepidle"))->value(), ServerConfig::seedDefaults().value(QStringLiteral("keepidle")).toInt());
        QCOMPARE(w.config(), ServerConfig::seedDefaults());
        QCOMPARE(w.savedConfig(), ServerConfig::seedDefaults());
    }
}

// The menu is the table's choices (what this process may set, see tst_optiontable, which checks
// them against the kernel), and its tooltip names the algorithms left out and why.
void TestUi::congestionMenuOffersWhatThisUserMaySet()
{
    const OptionSpec *spec = findOption(QStringLiteral("congestion"));
    QVERIFY(spec);
    OptionEditor editor(*spec);
    auto *combo = qobject_cast<QComboBox *>(editor.inputWidget());
    QVERIFY(combo);
    QStringList items;
    for (int i = 0; i < combo->count(); ++i)
        items << combo->itemText(i);
    const CongestionControlChoices &choices = congestionControlChoices();
    QCOMPARE(items, choices.settable);
    for (const QString &name : choices.restricted) {
        QVERIFY(!items.contains(name));
        QVERIFY2(combo->toolTip().contains(name) && combo->toolTip().contains(QLatin1String("CAP_NET_ADMIN")), qPrintable(combo->toolTip()));
    }
    qInfo("congestion menu: %s; left out: %s", qPrintable(items.join(' ')),
          choices.restricted.isEmpty() ? "(none)" : qPrintable(choices.restricted.join(' ')));
}

void TestUi::invalidInputIsRefusedWithAMessage()
{
    LabWindow w(settingsPath());
    w.show();
    prepareLoopback(w);
    OptionEditor *host = w.serverPanel()->editor(QStringLiteral("host"));
    line(w, QStringLiteral("host"))->setText(QStringLiteral("300.1.2.3"));
    QVERIFY(host->property("invalid").toBool()); // flagged at the control before Start
    QVERIFY(host->inputWidget()->toolTip().contains(QStringLiteral("300.1.2.3")));
    QVERIFY(!w.startServer());
    QVERIFY(!w.server()->isRunning());
    QVERIFY2(w.serverPanel()->message().contains(QStringLiteral("300.1.2.3")), qPrintable(w.serverPanel()->message()));
    line(w, QStringLiteral("host"))->setText(QStringLiteral("127.0.0.1"));
    QVERIFY(!host->property("invalid").toBool());

    w.serverPanel()->rawEdit()->setText(QStringLiteral("NOPE:1"));
    QVERIFY(!w.startServer());
    QVERIFY(w.serverPanel()->message().contains(QStringLiteral("NOPE:1")));
    w.serverPanel()->rawEdit()->clear();

    // The client refuses what it cannot send, naming the field.
    ClientPanel *client = w.clientPanel();
    QVERIFY(!client->send()); // follows the server, which is not running
    QVERIFY2(client->lastMessage().contains(QStringLiteral("not running")), qPrintable(client->lastMessage()));
    client->followServerBox()->setChecked(false);
    client->portSpin()->setValue(9);
    client->formCombo()->setCurrentIndex(int(ClientPanel::MessageForm::Hex));
    client->hexEdit()->setText(QStringLiteral("41 zz"));
    QVERIFY(!client->send());
    QVERIFY2(client->lastMessage().startsWith(QStringLiteral("Hex:")), qPrintable(client->lastMessage()));
    QVERIFY(!client->isBusy());
    client->formCombo()->setCurrentIndex(int(ClientPanel::MessageForm::Bin));
    client->binFields()[3]->setText(QStringLiteral("40000"));
    QVERIFY(!client->send());
    QVERIFY2(client->lastMessage().contains(QStringLiteral("i16")), qPrintable(client->lastMessage()));
}

void TestUi::setUpErrorIsShownNotFatal()
{
    // Another listener holds a port without SO_REUSEPORT: the window reports EADDRINUSE.
    Server other;
    ServerConfig taken = testsupport::loopbackConfig();
    taken.setValue(QStringLiteral("reuseport"), false);
    QVERIFY(!other.start(taken));
    LabWindow w(settingsPath());
    w.show();
    prepareLoopback(w);
    spin(w, QStringLiteral("port"))->setValue(other.port());
    check(w, QStringLiteral("reuseport"))->setCheckState(Qt::Unchecked);
    QVERIFY(!w.startServer());
    QVERIFY(!w.server()->isRunning());
    QVERIFY2(w.serverPanel()->message().contains(QStringLiteral("EADDRINUSE")), qPrintable(w.serverPanel()->message()));
    QVERIFY(logContains(w, QStringLiteral("EADDRINUSE")));
    // The window keeps working: a free port starts.
    spin(w, QStringLiteral("port"))->setValue(0);
    QVERIFY(w.startServer());
    QVERIFY(w.serverPanel()->message().isEmpty());
}

void TestUi::chineseTranslationIsLoaded()
{
    QTranslator translator;
    QVERIFY2(translator.load(QLocale(QStringLiteral("zh_CN")), QStringLiteral("tcplab"), QStringLiteral("_"), QStringLiteral(":/i18n")),
             "the zh_CN translation is not in :/i18n");
    QVERIFY(QCoreApplication::installTranslator(&translator));
    {
        LabWindow w(settingsPath());
        const QString start = w.startStopAction()->text();
        QVERIFY2(start != QStringLiteral("&Start server") && !start.isEmpty(), qPrintable(start));
        QCOMPARE(start, QCoreApplication::translate("tcplab::LabWindow", "&Start server"));
        // The core's option help is translated too (context "Option").
        const OptionSpec *keepidle = findOption(QStringLiteral("keepidle"));
        QVERIFY(keepidle->translatedHelp() != QString::fromLatin1(keepidle->help));
    }
    QCoreApplication::removeTranslator(&translator);

    // And through main(): --lang zh_CN picks it for the program's own help text.
    const QString binary = qEnvironmentVariable("TCPLAB_BINARY");
    if (binary.isEmpty() || !QFile::exists(binary))
        QSKIP("TCPLAB_BINARY is not built");
    QProcess p;
    p.start(binary, {QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(20000));
    const QString help = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY(translator.load(QStringLiteral(":/i18n/tcplab_zh_CN.qm")));
    const QString expected = translator.translate("main", "Window: start the server at launch");
    QVERIFY(!expected.isEmpty());
    QVERIFY2(help.contains(expected), qPrintable(help.left(2000)));
}

// The log lines of a live option change come from core/liveoptions.cpp (context "Server"): in
// Chinese, with the counts (%n) filled in.
void TestUi::liveOptionLinesAreTranslatedWithTheirCounts()
{
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QStringLiteral("zh_CN")), QStringLiteral("tcplab"), QStringLiteral("_"), QStringLiteral(":/i18n")));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    LiveOptionResult r;
    r.key = QStringLiteral("nodelay");
    r.name = QStringLiteral("TCP_NODELAY");
    r.requested = QStringLiteral("off");
    r.live = true;
    r.applied = true;
    r.listenerValue = QStringLiteral("off");
    r.connections = 3;
    const QString same = r.text();
    r.connectionValues = {{QStringLiteral("off"), 1}, {QStringLiteral("on"), 2}};
    r.failedConnections = 2;
    r.error = Error::message(QStringLiteral("EBADF"));
    const QString mixed = r.text();
    QCoreApplication::removeTranslator(&translator);

    QCOMPARE(same, QStringLiteral("TCP_NODELAY = off 已实时应用到监听套接字和 3 个连接（回读 off）"));
    QCOMPARE(mixed, QStringLiteral("TCP_NODELAY = off 已实时应用到监听套接字和 3 个连接（回读 监听套接字上为 off，1 个连接上为 off, 2 个连接上为 on）"
                                   "; 在 2 个连接上失败：EBADF"));
}

void TestUi::batchAgainstAClosedPortCountsFailures()
{
    // A port bound but not listening: every connect is refused.
    const tcplab::FileDescriptor holder = testsupport::boundLoopbackSocket();
    QVERIFY(holder.isValid());

    LabWindow w(settingsPath());
    ClientPanel *client = w.clientPanel();
    client->followServerBox()->setChecked(false);
    client->hostEdit()->setText(QStringLiteral("127.0.0.1"));
    client->portSpin()->setValue(testsupport::localPort(holder.get()));
    client->formCombo()->setCurrentIndex(int(ClientPanel::MessageForm::Text));
    client->repeatSpin()->setValue(5);
    client->concurrencySpin()->setValue(2);
    QVERIFY(client->runBatch());
    QVERIFY(waitFor([&] { return !client->isBusy(); }, 20000));
    QVERIFY2(client->batchSummary().contains(QStringLiteral("5 of 5 exchanges done: 0 ok, 5 failed")), qPrintable(client->batchSummary()));
    QVERIFY(client->batchSummary().contains(QStringLiteral("ECONNREFUSED")));
    QVERIFY(waitFor([&] { return logContains(w, QStringLiteral("ECONNREFUSED")); }));
    QCOMPARE(client->progressBar()->value(), 5);
}

void TestUi::systemPanelWarnsWhereAKernelLimitDefeatsAnOption()
{
    LabWindow w(settingsPath());
    SystemPanel *system = w.systemPanel();
    QVERIFY(system->table()->rowCount() > 0);
    QCOMPARE(system->table()->item(0, 0)->text(), QStringLiteral("net.core.somaxconn"));
    const long somaxconn = SystemLimits::readNumber(QStringLiteral("net.core.somaxconn"));
    if (somaxconn <= 0 || somaxconn >= 65535)
        QSKIP("net.core.somaxconn is unreadable or at the backlog's maximum");
    QCOMPARE(system->table()->item(0, 1)->text(), QString::number(somaxconn));
    spin(w, QStringLiteral("backlog"))->setValue(int(somaxconn) + 1);
    QVERIFY2(system->warnings().join(QLatin1Char(' ')).contains(QStringLiteral("somaxconn")), qPrintable(system->warnings().join('|')));
    spin(w, QStringLiteral("backlog"))->setValue(int(somaxconn));
    QVERIFY(!system->warnings().join(QLatin1Char(' ')).contains(QStringLiteral("somaxconn")));
}

void TestUi::programStartsTheWindowWithFlagsAndClosesOnSigterm()
{
    const QString binary = qEnvironmentVariable("TCPLAB_BINARY");
    if (binary.isEmpty() || !QFile::exists(binary))
        QSKIP("TCPLAB_BINARY is not built");
    quint16 port = 0;
    {
        Server probe; // a free port, released before the window binds it
        QVERIFY(!probe.start(testsupport::loopbackConfig()));
        port = probe.port();
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), tempFilePath(QStringLiteral("config")));
    const QString lagPath = tempFilePath(QStringLiteral("lag.txt"));

    // A bad flag value is refused before any window opens.
    QProcess bad;
    bad.setProcessEnvironment(env);
    bad.start(binary, {QStringLiteral("--keepidle"), QStringLiteral("0")});
    QVERIFY(bad.waitForFinished(20000));
    QCOMPARE(bad.exitCode(), 2);
    QVERIFY(QString::fromUtf8(bad.readAllStandardError()).contains(QStringLiteral("keepidle")));

    QProcess p;
    p.setProcessEnvironment(env);
    p.start(binary, {QStringLiteral("--start"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                     QString::number(port), QStringLiteral("--handler"), QStringLiteral("line"), QStringLiteral("--keepidle"),
                     QStringLiteral("42"), QStringLiteral("--report-ui-lag"), lagPath});
    QVERIFY(p.waitForStarted(10000));
    // --start: the server answers without anyone touching the window.
    QByteArray reply;
    QVERIFY2(waitFor([&] {
        tcplab::FileDescriptor fd = testsupport::connectTo(port, 1000);
        if (!fd.isValid() || !testsupport::sendAll(fd.get(), "flags\n"))
            return false;
        reply = testsupport::readUntilClose(fd.get(), 2000);
        return !reply.isEmpty();
    }, 20000), "the window's server did not answer");
    QCOMPARE(reply, QByteArray("FLAGS\n"));
    QVERIFY(waitFor([&] { return QFile::exists(lagPath); }, 10000));
    ::kill(pid_t(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    QFile lag(lagPath);
    QVERIFY(lag.open(QIODevice::ReadOnly));
    QVERIFY(lag.readAll().startsWith("samples="));
    // Closing saved the window layout, but the flags were for that run only.
    QSettings saved(tempFilePath(QStringLiteral("config/TCP Lab/tcplab.conf")), QSettings::IniFormat);
    QVERIFY(saved.contains(QStringLiteral("window/geometry")));
    QVERIFY(!saved.contains(QStringLiteral("server/keepidle")));
}

void TestUi::uiLagProbeWritesItsReport()
{
    const QString path = tempFilePath(QStringLiteral("lag.txt"));
    {
        UiLagProbe probe(path);
        QVERIFY(waitFor([&] { return probe.sampleCount() >= 5; }, 5000));
    } // the destructor writes the final report
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString report = QString::fromUtf8(f.readAll()).trimmed();
    static const QRegularExpression format(QStringLiteral("^samples=(\\d+) p50_ms=[0-9.]+ p99_ms=[0-9.]+ max_ms=[0-9.]+$"));
    const QRegularExpressionMatch m = format.match(report);
    QVERIFY2(m.hasMatch(), qPrintable(report));
    QVERIFY(m.captured(1).toInt() >= 5);
}

void TestUi::experimentsRunFromTheWindow()
{
    LabWindow w(settingsPath());
    w.show();
    ExperimentsPanel *panel = w.experimentsPanel();
    QVERIFY(panel);
    QVERIFY(panel->experimentNames().contains(QStringLiteral("reuseport")));
    // The Experiments menu lists every experiment and selects it in the tab.
    QMenu *menu = nullptr;
    for (QAction *a : w.menuBar()->actions()) {
        if (a->menu() && a->text().contains(QStringLiteral("Experiments")))
            menu = a->menu();
    }
    QVERIFY(menu);
    QAction *pick = nullptr;
    for (QAction *a : menu->actions()) {
        if (a->text() == QLatin1String("reuseport"))
            pick = a;
    }
    QVERIFY(pick);
    pick->trigger();
    QCOMPARE(panel->selectedExperiment(), QStringLiteral("reuseport"));
    panel->runSelected();
    QVERIFY(waitFor([&] { return panel->hasResult(QStringLiteral("reuseport")) && !panel->isRunning(); }, 20000));
    const ExperimentResult result = panel->result(QStringLiteral("reuseport"));
    QVERIFY2(result.completed(), qPrintable(result.reason));
    QVERIFY(!result.tables.isEmpty());
}

void TestUi::connectionTableStaysSmallUnderAFloodOfShortConnections()
{
    // 5000 one-shot connections seen one refresh each: the closed ones are kept greyed, but
    // only the newest 200 of them, so the table never grows with the load.
    ConnectionModel model;
    model.setMaxClosedRows(200);
    qint64 now = 1000000;
    for (quint64 id = 1; id <= 5000; id += 4) {
        QList<ConnectionInfo> snapshot;
        for (quint64 k = id; k < id + 4; ++k) {
            ConnectionInfo c;
            c.id = k;
            c.peer = QStringLiteral("127.0.0.1:%1").arg(10000 + k);
            snapshot << c;
        }
        model.update(snapshot, now += 10);
        QVERIFY(model.rowCount() <= 200 + 4);
    }
    QCOMPARE(model.openCount(), 4);
    QCOMPARE(model.rowCount(), 204);
    // The newest closed rows are the ones kept, in order.
    QCOMPARE(model.idAt(0), quint64(5001 - 4 - 200));
    QVERIFY(!model.isOpen(0));
    QVERIFY(model.isOpen(model.rowCount() - 1));
}

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
