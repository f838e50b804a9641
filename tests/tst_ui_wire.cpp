// The wire in the window (issue 13), on the offscreen platform with a real wire: the server on
// the wire's server side, the client panel on its client side, the connections table and the
// log as on loopback; the choice and its spec saved; tcplab --wire SPEC opens the window so.
#include "clientpanel.h"
#include "connectionmodel.h"
#include "connectionspanel.h"
#include "labwindow.h"
#include "logmodel.h"
#include "logpanel.h"
#include "optioneditor.h"
#include "optionreportmodel.h"
#include "serverpanel.h"
#include "testsupport.h"
#include "wire/wirecountersmodel.h"
#include "wire/wirepanel.h"
#include "wire/capturering.h"
#include "wire/wire.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QListView>
#include <QStringListModel>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace tcplab;
using testsupport::waitFor;

namespace {

QComboBox *combo(LabWindow &w, const QString &key)
{
    return qobject_cast<QComboBox *>(w.serverPanel()->editor(key)->inputWidget());
}
QSpinBox *spin(LabWindow &w, const QString &key)
{
    return qobject_cast<QSpinBox *>(w.serverPanel()->editor(key)->inputWidget());
}

bool logContains(LabWindow &w, const QString &needle)
{
    w.logPanel()->tick();
    LogModel *m = w.logPanel()->model();
    for (int i = 0; i < m->rowCount(); ++i) {
        if (m->lineAt(i).contains(needle))
            return true;
    }
    return false;
}

// Choose the wire through the panel's controls, as a user does.
void chooseWire(LabWindow &w, const QString &spec, const QString &handler = QStringLiteral("byte"))
{
    combo(w, QStringLiteral("handler"))->setCurrentText(handler);
    combo(w, QStringLiteral("mode"))->setCurrentText(QStringLiteral("event"));
    spin(w, QStringLiteral("port"))->setValue(7000);
    w.serverPanel()->networkPathCombo()->setCurrentIndex(1);
    QLineEdit *edit = w.serverPanel()->wireSpecEdit();
    edit->setText(spec);
    edit->setModified(true);
    emit edit->editingFinished();
}

} // namespace

// Start the window's server across the wire, or skip with the wire's reason when the kernel
// forbids the namespaces it needs.
#define START_ACROSS_WIRE(w)                                                                                                    \
    do {                                                                                                                        \
        if (!(w).startServer()) {                                                                                               \
            const QString message = (w).serverPanel()->message();                                                              \
            if (message.contains(QLatin1String("unshare(CLONE_NEWUSER|CLONE_NEWNET)")))                                         \
                QSKIP(qPrintable(QStringLiteral("the kernel forbids user namespaces here: ") + message));                      \
            QFAIL(qPrintable(message));                                                                                         \
        }                                                                                                                       \
    } while (false)

class TestUiWire : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void serverAndClientRunAcrossTheWire();
    void networkPathAndSpecAreSaved();
    void badSpecIsRefusedAtStart();
    void wirePanelChangesTheLiveSpec();
    void programOpensTheWindowAcrossTheWire();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("tcplab.ini")); }
};

void TestUiWire::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestUiWire::serverAndClientRunAcrossTheWire()
{
    LabWindow w(settingsPath());
    w.show();
    chooseWire(w, QStringLiteral("delay=50ms"));
    START_ACROSS_WIRE(w);
    QVERIFY(w.wire());
    QCOMPARE(w.server()->address().toString(), QStringLiteral("198.18.0.2"));
    QCOMPARE(w.server()->port(), quint16(7000));
    QVERIFY2(w.endpointText().contains(QStringLiteral("198.18.0.2:7000")), qPrintable(w.endpointText()));
    QVERIFY2(w.endpointText().contains(QStringLiteral("delay=50ms")), qPrintable(w.endpointText()));
    QVERIFY(logContains(w, QStringLiteral("wire: up")));
    // The effective options were read back from the listener in the server side's namespace.
    QVERIFY(w.reportModel()->rowCount() > 0);

    // A single send goes out of the client side: 50 ms each way, so the reply takes a round trip.
    ClientPanel *client = w.clientPanel();
    client->textEdit()->setText(QStringLiteral("across"));
    QVERIFY(client->send());
    QVERIFY(waitFor([&] { return !client->isBusy(); }, 10000));
    QVERIFY2(client->replyText().startsWith(QStringLiteral("ACROSS")), qPrintable(client->lastMessage()));
    const QRegularExpression rtt(QStringLiteral("RTT ([0-9.]+) ms"));
    const QRegularExpressionMatch m = rtt.match(client->rttText());
    QVERIFY2(m.hasMatch(), qPrintable(client->rttText()));
    QVERIFY2(m.captured(1).toDouble() >= 99.0, qPrintable(client->rttText()));
    QVERIFY(logContains(w, QStringLiteral("client <- 198.18.0.2:7000: reply")));

    // The log has the server's side of it, from the client side's address.
    QVERIFY(waitFor([&] { return logContains(w, QStringLiteral("198.18.0.1:")); }, 5000));

    // The connections table shows a connection from the client side while it is open.
    Result<FileDescriptor> held = w.wire()->socket(wire::Side::Client, AF_INET, SOCK_STREAM | SOCK_CLOEXEC);
    QVERIFY(held);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(7000);
    to.sin_addr.s_addr = htonl(w.wire()->serverAddress().toIPv4Address());
    QCOMPARE(::connect(held.value().get(), reinterpret_cast<const sockaddr *>(&to), sizeof to), 0);
    ConnectionModel *connections = w.connectionsPanel()->model();
    QVERIFY(waitFor([&] {
        w.connectionsPanel()->refresh();
        for (int r = 0; r < connections->rowCount(); ++r) {
            if (connections->index(r, ConnectionModel::Peer).data().toString().startsWith(QLatin1String("198.18.0.1:")))
                return true;
        }
        return false;
    }, 5000));
    held.value().reset();

    // A batch across the wire: every exchange answered.
    client->repeatSpin()->setValue(6);
    client->concurrencySpin()->setValue(3);
    QVERIFY(client->runBatch());
    QVERIFY(waitFor([&] { return !client->isBusy(); }, 20000));
    QVERIFY2(client->batchSummary().contains(QStringLiteral("6 ok, 0 failed")), qPrintable(client->batchSummary()));

    // The capture saw the handshake of each connection (7 connections: 7 SYNs c2s at least).
    QVERIFY(w.captureRing());
    QVERIFY(w.captureRing()->written() >= 7 * 3);

    // Stop: the wire goes with the server, the capture stays.
    w.stopServer();
    QVERIFY(!w.wire());
    QVERIFY(w.captureRing());
    QVERIFY(logContains(w, QStringLiteral("wire: down")));
    // Loopback again: the server listens on the host's address, the client uses ::socket().
    w.serverPanel()->networkPathCombo()->setCurrentIndex(0);
    qobject_cast<QLineEdit *>(w.serverPanel()->editor(QStringLiteral("host"))->inputWidget())->setText(QStringLiteral("127.0.0.1"));
    spin(w, QStringLiteral("port"))->setValue(0);
    QVERIFY(w.startServer());
    QVERIFY(!w.wire());
    QCOMPARE(w.server()->address().toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(client->send());
    QVERIFY(waitFor([&] { return !client->isBusy(); }, 10000));
    QVERIFY2(client->replyText().startsWith(QStringLiteral("ACROSS")), qPrintable(client->lastMessage()));
}

void TestUiWire::networkPathAndSpecAreSaved()
{
    {
        LabWindow w(settingsPath());
        QCOMPARE(w.serverPanel()->networkPath(), ServerPanel::NetworkPath::Loopback);
        chooseWire(w, QStringLiteral("delay=20ms,loss=1%"));
        QVERIFY(w.close());
    }
    {
        LabWindow w(settingsPath());
        QCOMPARE(w.serverPanel()->networkPath(), ServerPanel::NetworkPath::Wire);
        QCOMPARE(w.serverPanel()->wireSpecText(), QStringLiteral("delay=20ms,loss=1%"));
        QCOMPARE(w.wireSpec().c2s.delayMs, 20.0);
        // A path given for one run (tcplab --wire) is shown, not saved.
        w.setNetworkPath(ServerPanel::NetworkPath::Wire, QStringLiteral("delay=1ms"));
        QVERIFY(w.close());
    }
    QSettings saved(settingsPath(), QSettings::IniFormat);
    QCOMPARE(saved.value(QStringLiteral("wire/path")).toString(), QStringLiteral("wire"));
    QCOMPARE(saved.value(QStringLiteral("wire/spec")).toString(), QStringLiteral("delay=20ms,loss=1%"));
}

void TestUiWire::badSpecIsRefusedAtStart()
{
    LabWindow w(settingsPath());
    w.show();
    chooseWire(w, QStringLiteral("loss=150%"));
    QVERIFY(w.serverPanel()->wireSpecEdit()->property("invalid").toBool());
    QVERIFY(!w.startServer());
    QVERIFY(!w.server()->isRunning());
    QVERIFY(!w.wire());
    QVERIFY2(w.serverPanel()->message().contains(QStringLiteral("loss=150%")), qPrintable(w.serverPanel()->message()));
}

void TestUiWire::programOpensTheWindowAcrossTheWire()
{
    const QString binary = qEnvironmentVariable("TCPLAB_BINARY");
    if (binary.isEmpty() || !QFile::exists(binary))
        QSKIP("TCPLAB_BINARY is not built");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));

    // A bad spec, and --ladder without --send, are refused before any window opens.
    for (const QStringList &args : {QStringList{"--wire", "loss=150%"}, QStringList{"--wire", "delay=1ms", "--ladder"}}) {
        QProcess bad;
        bad.setProcessEnvironment(env);
        bad.start(binary, args);
        QVERIFY(bad.waitForFinished(20000));
        QCOMPARE(bad.exitCode(), 2);
        // One line of ours (Qt may add its own about XDG_RUNTIME_DIR).
        const QStringList lines = QString::fromUtf8(bad.readAllStandardError()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^tcplab: "))).size(), 1);
        QVERIFY2(lines.filter(QRegularExpression(QStringLiteral("^tcplab: "))).first().contains(args[1] == QLatin1String("loss=150%") ? "loss=150%" : "--ladder"),
                 qPrintable(lines.join(QLatin1Char('\n'))));
    }

    const quint16 port = testsupport::freePort();
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(binary, {QStringLiteral("--wire"), QStringLiteral("delay=1ms"), QStringLiteral("--start"), QStringLiteral("--port"),
                     QString::number(port)});
    QVERIFY(p.waitForStarted(10000));
    // The window's server came up across the wire: the wire's namespace helper runs as a child
    // of the window, and the host's loopback has no server on that port.
    auto helperRunning = [&] {
        for (const QString &task : QDir(QStringLiteral("/proc/%1/task").arg(p.processId())).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile f(QStringLiteral("/proc/%1/task/%2/children").arg(p.processId()).arg(task));
            if (f.open(QIODevice::ReadOnly) && !f.readAll().trimmed().isEmpty())
                return true;
        }
        return false;
    };
    const bool up = waitFor(helperRunning, 15000);
    if (!up && p.state() == QProcess::NotRunning)
        QFAIL(qPrintable(QString::fromUtf8(p.readAllStandardError())));
    QVERIFY2(up, "no wire helper under the window");
    QVERIFY(!testsupport::connectTo(port, 500).isValid());
    ::kill(pid_t(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 0);
    // The flag was for that run only.
    QSettings saved(m_dir->filePath(QStringLiteral("config/TCP Lab/tcplab.conf")), QSettings::IniFormat);
    QVERIFY(!saved.contains(QStringLiteral("wire/path")));
}

double rttMs(ClientPanel *client)
{
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("RTT ([0-9.]+) ms")).match(client->rttText());
    return m.hasMatch() ? m.captured(1).toDouble() : -1;
}

bool sendOnce(ClientPanel *client)
{
    if (!client->send())
        return false;
    return waitFor([&] { return !client->isBusy(); }, 10000) && !client->replyText().isEmpty();
}

void TestUiWire::wirePanelChangesTheLiveSpec()
{
    using wire::Direction;
    for (const WirePanel::Preset &p : WirePanel::presets())
        QVERIFY2(wire::WireSpec::parse(p.spec), qPrintable(p.name));

    LabWindow w(settingsPath());
    w.show();
    chooseWire(w, QStringLiteral("delay=5ms"));
    START_ACROSS_WIRE(w);
    WirePanel *panel = w.wirePanel();
    QCOMPARE(panel->controls(Direction::ClientToServer).delay->value(), 5.0);
    ClientPanel *client = w.clientPanel();
    QVERIFY(sendOnce(client));
    const double before = rttMs(client);
    QVERIFY2(before >= 9.0 && before < 90.0, qPrintable(client->rttText()));

    // A spin-box edit applies once it settles (the panel's timer), read back from the wire.
    panel->controls(Direction::ClientToServer).delay->setValue(100);
    QVERIFY(waitFor([&] { return w.wire()->spec().c2s.delayMs == 100.0; }, 3000));
    QCOMPARE(w.wire()->spec().s2c.delayMs, 5.0);
    QCOMPARE(w.serverPanel()->wireSpecText(), QStringLiteral("c2s.delay=100ms,s2c.delay=5ms"));
    QVERIFY(logContains(w, QStringLiteral("c2s.delay=100ms")));
    QVERIFY(logContains(w, QStringLiteral("applied live")));
    // ... and the packets feel it: the round trip is now 105 ms.
    QVERIFY(sendOnce(client));
    QVERIFY2(rttMs(client) >= 104.0, qPrintable(client->rttText()));

    const WirePanel::DirectionControls &s2c = panel->controls(Direction::ServerToClient);
    s2c.rate->setValue(400);
    s2c.limit->setValue(50);
    s2c.loss->setValue(1.5);
    s2c.duplicate->setValue(2);
    s2c.reorder->setValue(3);
    s2c.jitter->setValue(1);
    panel->flushEdits();
    wire::WireSpec live = w.wire()->spec();
    QCOMPARE(live.s2c.rateBitsPerSecond, quint64(400000));
    QCOMPARE(live.s2c.limitPackets, 50);
    QCOMPARE(live.s2c.lossPercent, 1.5);
    QCOMPARE(live.s2c.duplicatePercent, 2.0);
    QCOMPARE(live.s2c.reorderPercent, 3.0);
    QCOMPARE(live.s2c.jitterMs, 1.0);
    QCOMPARE(live.c2s.rateBitsPerSecond, quint64(0));

    // Targeted drops: a bad rule is refused with the grammar's message, a good one applies.
    panel->dropEdit()->setText(QStringLiteral("sideways:syn"));
    panel->addDropButton()->click();
    QVERIFY(!panel->dropMessage().isEmpty());
    QVERIFY(w.wire()->spec().drops.isEmpty());
    panel->dropEdit()->setText(QStringLiteral("s2c:syn-ack*2"));
    panel->addDropButton()->click();
    QCOMPARE(w.wire()->spec().drops.size(), 1);
    QCOMPARE(w.wire()->spec().drops.first().toString(), QStringLiteral("s2c:syn-ack*2"));
    QCOMPARE(panel->dropModel()->rowCount(), 1);

    // A preset sets both directions and keeps the drop rule.
    const int mobile = panel->presetCombo()->findText(QStringLiteral("mobile 3G 400 kbit 100 ms"));
    QVERIFY(mobile > 0);
    panel->presetCombo()->setCurrentIndex(mobile);
    emit panel->presetCombo()->activated(mobile);
    wire::WireSpec expected = wire::WireSpec::parse(QStringLiteral("delay=50ms,rate=400kbit,limit=200,drop=s2c:syn-ack*2")).value();
    QCOMPARE(w.wire()->spec(), expected);
    QCOMPARE(panel->controls(Direction::ServerToClient).delay->value(), 50.0);

    panel->dropView()->setCurrentIndex(panel->dropModel()->index(0));
    panel->removeDropButton()->click();
    QVERIFY(w.wire()->spec().drops.isEmpty());

    // Cut and Restore, both directions at once.
    QCOMPARE(panel->cutButton()->text(), QStringLiteral("Cut"));
    panel->cutButton()->click();
    QVERIFY(w.wire()->spec().c2s.cut && w.wire()->spec().s2c.cut);
    QCOMPARE(panel->cutButton()->text(), QStringLiteral("Restore"));
    QVERIFY(logContains(w, QStringLiteral("cut")));
    panel->cutButton()->click();
    QVERIFY(!w.wire()->spec().c2s.cut && !w.wire()->spec().s2c.cut);

    // The counters follow the traffic on the panel's timer.
    const quint64 seen = panel->countersModel()->counters().c2s.packets;
    QVERIFY(sendOnce(client));
    QVERIFY(waitFor([&] { return panel->countersModel()->counters().c2s.packets >= seen + 3; }, 3000));
    QVERIFY(panel->countersModel()->index(WireCountersModel::Bytes, 1).data(Qt::UserRole).toULongLong() > 0);
    QVERIFY2(panel->ringText().startsWith(QLocale().toString(qint64(w.captureRing()->written()))) || w.captureRing()->written() > 0,
             qPrintable(panel->ringText()));
    QVERIFY(!panel->ringText().startsWith(QStringLiteral("0 ")));
}

QTEST_MAIN(TestUiWire)
#include "tst_ui_wire.moc"
