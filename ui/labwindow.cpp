#include "labwindow.h"

#include "experimentspanel.h"

#include "clientpanel.h"
#include "connectionspanel.h"
#include "listener.h"
#include "logpanel.h"
#include "optioneditor.h"
#include "optionreportmodel.h"
#include "serverpanel.h"
#include "systempanel.h"
#include "wire/capturering.h"
#include "wire/wire.h"
#include "wire/packetmodel.h"
#include "wire/packetspanel.h"
#include "wire/wirepanel.h"
#include "zoomcontroller.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QHeaderView>
#include <QHostInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

static void initLabResources()
{
    Q_INIT_RESOURCE(tcplab);
}

namespace tcplab {

namespace {
const QString kServerGroup = QStringLiteral("server");
const QString kRawKey = QStringLiteral("raw");
const QString kWireGroup = QStringLiteral("wire");

QString specText(const wire::WireSpec &spec)
{
    return spec.isClean() ? LabWindow::tr("a clean wire") : spec.toString();
}
} // namespace

LabWindow::LabWindow(const QString &settingsPath, QWidget *parent) : QMainWindow(parent)
{
    initLabResources();
    setObjectName(QStringLiteral("labWindow"));
    setWindowTitle(tr("TCP Lab"));
    QIcon icon(QStringLiteral(":/icons/tcplab.png"));
    icon.addFile(QStringLiteral(":/icons/tcplab.svg"));
    setWindowIcon(icon);
    m_settings = settingsPath.isEmpty() ? std::make_unique<QSettings>()
                                        : std::make_unique<QSettings>(settingsPath, QSettings::IniFormat);

    // ---- server dock ----
    m_serverPanel = new ServerPanel(this);
    auto *dock = new QDockWidget(tr("Server"), this);
    dock->setObjectName(QStringLiteral("serverDock"));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(m_serverPanel);
    m_serverPanel->setMinimumWidth(340);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    // ---- tabs ----
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_clientPanel = new ClientPanel(m_tabs);
    m_connectionsPanel = new ConnectionsPanel(&m_server, m_tabs);

    auto *reportPage = new QWidget(m_tabs);
    auto *reportLayout = new QVBoxLayout(reportPage);
    reportLayout->setContentsMargins(4, 4, 4, 4);
    m_reportHeader = new QLabel(tr("Start the server to see what the kernel made of each option."), reportPage);
    m_reportHeader->setObjectName(QStringLiteral("reportHeader"));
    m_reportHeader->setWordWrap(true);
    m_reportModel = new OptionReportModel(reportPage);
    m_reportView = new QTableView(reportPage);
    m_reportView->setObjectName(QStringLiteral("reportView"));
    m_reportView->setModel(m_reportModel);
    m_reportView->verticalHeader()->hide();
    m_reportView->verticalHeader()->setDefaultSectionSize(m_reportView->fontMetrics().height() + 8);
    m_reportView->horizontalHeader()->setStretchLastSection(true);
    m_reportView->setWordWrap(false);
    m_reportView->setSelectionBehavior(QAbstractItemView::SelectRows);
    reportLayout->addWidget(m_reportHeader);
    reportLayout->addWidget(m_reportView, 1);

    m_systemPanel = new SystemPanel(m_tabs);
    m_tabs->addTab(m_clientPanel, tr("Client"));
    m_tabs->addTab(m_connectionsPanel, tr("Connections"));
    m_tabs->addTab(reportPage, tr("Effective options"));
    m_tabs->addTab(m_systemPanel, tr("System"));
    m_experimentsPanel = new ExperimentsPanel(m_tabs);
    m_experimentsPanel->setObjectName(QStringLiteral("experimentsPanel"));
    m_tabs->addTab(m_experimentsPanel, tr("Experiments"));
    m_wirePanel = new WirePanel(m_tabs);
    m_tabs->addTab(m_wirePanel, tr("Wire"));
    m_packetsPanel = new PacketsPanel(m_tabs);
    m_tabs->addTab(m_packetsPanel, tr("Packets"));

    setCentralWidget(m_tabs);

    // ---- log dock: under the tabs (the server dock keeps the full height on the left) ----
    m_logPanel = new LogPanel(this);
    m_logDock = new QDockWidget(tr("Log"), this);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_logDock->setWidget(m_logPanel);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);

    // ---- projector zoom: the views and the log ----
    m_zoom = new ZoomController(this);
    m_zoom->addContainer(m_experimentsPanel);
    m_zoom->addContainer(m_packetsPanel);
    m_zoom->addContainer(m_logPanel);
    connect(m_zoom, &ZoomController::levelChanged, this, [this](int, double factor) {
        statusBar()->showMessage(tr("Zoom %1 % (Ctrl+plus, Ctrl+minus, Ctrl+0)").arg(qRound(factor * 100)), 3000);
    });

    m_endpoint = new QLabel(this);
    m_endpoint->setObjectName(QStringLiteral("endpointLabel"));
    statusBar()->addPermanentWidget(m_endpoint);

    buildMenus();

    connect(m_serverPanel->startButton(), &QPushButton::clicked, this, &LabWindow::toggleServer);
    connect(m_serverPanel, &ServerPanel::optionEdited, this, &LabWindow::onOptionEdited);
    connect(m_serverPanel, &ServerPanel::networkPathEdited, this, &LabWindow::onNetworkPathEdited);
    connect(m_wirePanel, &WirePanel::specEdited, this, &LabWindow::onWirePanelEdited);
    connect(m_server.events(), &EventHub::eventsReady, this, &LabWindow::onEventsReady);
    connect(&m_server, &Server::failed, this, &LabWindow::onServerFailed);
    connect(&m_server, &Server::optionsChanged, this, &LabWindow::onOptionsChanged);
    m_liveTimer = new QTimer(this);
    m_liveTimer->setSingleShot(true);
    m_liveTimer->setInterval(250);
    connect(m_liveTimer, &QTimer::timeout, this, &LabWindow::applyLiveEdits);
    connect(m_clientPanel, &ClientPanel::clientEvent, this, [this](const ServerEvent &e) {
        m_logPanel->append(e);
        if (e.kind == EventKind::Client)
            m_connectionsPanel->refreshSoon();
    });

    m_serverPanel->setConfig(savedConfig());
    m_settings->beginGroup(kWireGroup);
    setNetworkPath(m_settings->value(QStringLiteral("path")).toString() == QLatin1String("wire") ? ServerPanel::NetworkPath::Wire
                                                                                                 : ServerPanel::NetworkPath::Loopback,
                   m_settings->value(QStringLiteral("spec")).toString());
    m_settings->endGroup();
    loadWindowSettings();
    m_systemPanel->setConfig(m_serverPanel->config());
    updateServerState();
}

LabWindow::~LabWindow()
{
    if (!m_saved)
        saveSettings();
    m_server.stop();
    m_wire.reset();
}

void LabWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *saveLog = file->addAction(tr("&Save log..."), m_logPanel, &LogPanel::saveInteractively);
    saveLog->setShortcut(QKeySequence::Save);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *server = menuBar()->addMenu(tr("&Server"));
    m_startStop = server->addAction(tr("&Start server"), this, &LabWindow::toggleServer);
    m_startStop->setObjectName(QStringLiteral("actionStartStop"));
    m_startStop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_restart = server->addAction(tr("&Restart with the panel's options"), this, &LabWindow::restartServer);
    m_restart->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    server->addSeparator();
    server->addAction(tr("&Close all connections"), this, [this] { m_connectionsPanel->closeAll(false); });
    server->addAction(tr("Reset all connections (RST)"), this, [this] { m_connectionsPanel->closeAll(true); });
    server->addSeparator();
    m_reset = server->addAction(tr("Reset to &recipe defaults"), this, &LabWindow::resetToRecipeDefaults);
    m_reset->setObjectName(QStringLiteral("actionReset"));

    QMenu *client = menuBar()->addMenu(tr("&Client"));
    m_send = client->addAction(tr("&Send"), this, [this] {
        m_tabs->setCurrentWidget(m_clientPanel);
        m_clientPanel->send();
    });
    m_send->setObjectName(QStringLiteral("actionSend"));
    m_send->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_runBatch = client->addAction(tr("&Run the repeat batch"), this, [this] {
        m_tabs->setCurrentWidget(m_clientPanel);
        m_clientPanel->runBatch();
    });
    m_runBatch->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    client->addAction(tr("&Cancel the batch"), m_clientPanel, &ClientPanel::cancelBatch);

    QMenu *log = menuBar()->addMenu(tr("&Log"));
    m_clearLog = log->addAction(tr("&Clear"), m_logPanel, &LogPanel::clear);
    m_clearLog->setObjectName(QStringLiteral("actionClearLog"));
    m_clearLog->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction *pause = log->addAction(tr("&Pause"));
    pause->setCheckable(true);
    pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(pause, &QAction::toggled, m_logPanel, &LogPanel::setPaused);
    connect(m_logPanel->pauseBox(), &QAbstractButton::toggled, pause, &QAction::setChecked);
    log->addAction(tr("&Save..."), m_logPanel, &LogPanel::saveInteractively);
    QAction *toggleLog = m_logDock->toggleViewAction();
    toggleLog->setObjectName(QStringLiteral("actionToggleLog"));
    toggleLog->setText(tr("Log &pane"));
    toggleLog->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    toggleLog->setToolTip(tr("Show or hide the log pane (the experiment and packet views get its room)"));
    log->addSeparator();
    log->addAction(toggleLog);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *d : findChildren<QDockWidget *>())
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    // Ctrl+= as well: on most layouts "+" needs Shift, and Ctrl+Shift+= is what arrives.
    m_zoomIn = view->addAction(tr("Zoom &in"), m_zoom, &ZoomController::zoomIn);
    m_zoomIn->setObjectName(QStringLiteral("actionZoomIn"));
    m_zoomIn->setShortcuts({QKeySequence(QKeySequence::ZoomIn), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    m_zoomOut = view->addAction(tr("Zoom &out"), m_zoom, &ZoomController::zoomOut);
    m_zoomOut->setObjectName(QStringLiteral("actionZoomOut"));
    m_zoomOut->setShortcut(QKeySequence(QKeySequence::ZoomOut));
    m_zoomReset = view->addAction(tr("&Reset zoom"), m_zoom, &ZoomController::reset);
    m_zoomReset->setObjectName(QStringLiteral("actionZoomReset"));
    m_zoomReset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    view->addSeparator();
    const QStringList names{tr("Client"), tr("Connections"), tr("Effective options"), tr("System"), tr("Experiments"), tr("Wire"), tr("Packets")};
    for (int i = 0; i < names.size(); ++i) {
        QAction *a = view->addAction(names[i], this, [this, i] { m_tabs->setCurrentIndex(i); });
        a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
    }

    QMenu *experiments = menuBar()->addMenu(tr("&Experiments"));
    for (const QString &name : m_experimentsPanel->experimentNames()) {
        experiments->addAction(name, this, [this, name] {
            m_tabs->setCurrentWidget(m_experimentsPanel);
            m_experimentsPanel->selectExperiment(name);
        });
    }
    experiments->addSeparator();
    QAction *runExperiment = experiments->addAction(tr("&Run the selected experiment"), this, [this] {
        m_tabs->setCurrentWidget(m_experimentsPanel);
        m_experimentsPanel->runSelected();
    });
    runExperiment->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    experiments->addAction(tr("&Cancel the experiment"), m_experimentsPanel, &ExperimentsPanel::cancel);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About TCP Lab"), this, [this] {
        QMessageBox::about(this, tr("About TCP Lab"),
                           tr("<p><b>TCP Lab %1</b></p><p>Switch TCP server socket options, run a real server, talk to it "
                              "with the built-in client and see what the kernel did.</p><p>Every control's tooltip explains "
                              "the option and the kernel rule behind it.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

ServerConfig LabWindow::savedConfig() const
{
    ServerConfig config = ServerConfig::seedDefaults();
    m_settings->beginGroup(kServerGroup);
    for (const OptionSpec &spec : optionTable()) {
        if (!m_settings->contains(spec.key))
            continue;
        const ParsedValue v = parseOptionValue(spec, m_settings->value(spec.key).toString());
        if (v.error.isEmpty())
            config.setValue(spec.key, v.value);
    }
    QList<RawOption> raw;
    for (const QString &text : m_settings->value(kRawKey).toStringList()) {
        RawOption r;
        QString error;
        if (RawOption::parse(text, &r, &error))
            raw << r;
    }
    config.setRawOptions(raw);
    m_settings->endGroup();
    return config;
}

void LabWindow::setConfig(const ServerConfig &config)
{
    m_serverPanel->setConfig(config);
    m_systemPanel->setConfig(m_serverPanel->config());
}

ServerConfig LabWindow::config() const
{
    return m_serverPanel->config();
}

void LabWindow::saveServerOption(const QString &key)
{
    const ServerConfig config = m_serverPanel->config();
    m_settings->beginGroup(kServerGroup);
    if (key == kRawKey) {
        QStringList raw;
        for (const RawOption &r : config.rawOptions())
            raw << r.toString();
        m_settings->setValue(kRawKey, raw);
    } else if (const OptionSpec *spec = findOption(key)) {
        m_settings->setValue(key, formatOptionValue(*spec, config.value(key)));
    }
    m_settings->endGroup();
}

void LabWindow::onOptionEdited(const QString &key)
{
    // Only edited values are saved: flags given on the command line stay for that run.
    saveServerOption(key);
    m_systemPanel->setConfig(m_serverPanel->config());
    if (!m_server.isRunning())
        return;
    if (!findOption(key)) {
        statusBar()->showMessage(tr("Option changed while running: it applies on restart (Ctrl+Shift+R)"), 8000);
        return;
    }
    // Handed to the server once the edits pause; it logs what it did with each.
    if (!m_liveEdits.contains(key))
        m_liveEdits << key;
    m_liveTimer->start();
}

void LabWindow::applyLiveEdits()
{
    const QStringList keys = std::exchange(m_liveEdits, {});
    if (!m_server.isRunning())
        return;
    const ServerConfig panel = m_serverPanel->config();
    ServerConfig wanted = m_server.config();
    QStringList changed;
    for (const QString &key : keys) {
        const OptionSpec *spec = findOption(key);
        OptionEditor *editor = m_serverPanel->editor(key);
        // An invalid value stays flagged in its control; the server keeps what it has.
        if (!spec || (editor && !editor->validationError().isEmpty()))
            continue;
        const QVariant value = panel.value(key);
        const QVariant before = m_panelConfigAtStart.value(key);
        if (value.isValid() == before.isValid() && formatOptionValue(*spec, value) == formatOptionValue(*spec, before))
            continue; // back to what the server has (a host name stays a name)
        wanted.setValue(key, value);
        changed << key;
    }
    if (!changed.isEmpty())
        m_server.changeOptions(wanted, changed);
}

void LabWindow::onOptionsChanged(const LiveChangeReport &change)
{
    QStringList lines;
    for (const LiveOptionResult &r : change.results) {
        if (r.applied)
            m_panelConfigAtStart.setValue(r.key, m_server.config().value(r.key));
        lines << r.text();
    }
    m_serverPanel->setRunning(true, m_panelConfigAtStart);
    if (change.appliedCount() > 0)
        showReport();
    if (!lines.isEmpty())
        statusBar()->showMessage(lines.join(QStringLiteral("; ")), 8000);
}

void LabWindow::showReport()
{
    m_reportModel->setReport(m_server.report());
    m_reportView->resizeColumnsToContents();
    QString header = tr("Listener on %1: %n option(s) differ from what was asked (highlighted).", nullptr,
                        m_reportModel->changedCount())
                         .arg(m_server.endpoint());
    if (!m_server.report().omitted.isEmpty())
        header += QStringLiteral("\n") + m_server.report().omitted.join(QLatin1Char('\n'));
    if (!m_server.warnings().isEmpty())
        header += QStringLiteral("\n") + m_server.warnings().join(QLatin1Char('\n'));
    m_reportHeader->setText(header);
}

void LabWindow::reportError(const QString &text)
{
    m_serverPanel->showMessage(text, true);
    statusBar()->showMessage(text, 15000);
    ServerEvent e;
    e.timeMs = QDateTime::currentMSecsSinceEpoch();
    e.kind = EventKind::Error;
    e.level = LogLevel::Error;
    e.text = text;
    m_logPanel->append(e);
}

bool LabWindow::startServer()
{
    if (m_server.isRunning())
        return true;
    const QStringList problems = m_serverPanel->validateControls();
    if (!problems.isEmpty()) {
        reportError(tr("Not started: %1").arg(problems.join(QStringLiteral("; "))));
        return false;
    }
    const ServerConfig config = m_serverPanel->config();
    if (m_hostLookup >= 0)
        return true;
    if (m_serverPanel->networkPath() == ServerPanel::NetworkPath::Wire) {
        const Result<wire::WireSpec> spec = wire::WireSpec::parse(m_serverPanel->wireSpecText());
        if (!spec) {
            reportError(tr("Not started: %1").arg(spec.error().text()));
            return false;
        }
        if (!startWire(spec.value()))
            return false;
        // The wire's server side has one address; the port is the panel's.
        ServerConfig across = config;
        across.setValue(QStringLiteral("host"), m_wire->serverAddress().toString());
        m_server.setSocketFactory(m_wire->socketFactory(wire::Side::Server));
        if (!startResolved(across, config)) {
            stopWire();
            return false;
        }
        return true;
    }
    m_server.setSocketFactory({});
    if (!hostNeedsLookup(config.host()))
        return startResolved(config, config);
    // A resolver may take seconds (a DNS server that does not answer): Qt resolves on its own
    // thread and the server starts with the address when the answer comes.
    const QString host = config.host().trimmed();
    m_serverPanel->showMessage(tr("resolving %1...").arg(host), false);
    m_hostLookup = QHostInfo::lookupHost(host, this, [this, config, host](const QHostInfo &info) {
        // An answer that arrives after Stop (abortHostLookup cannot stop a running lookup)
        // or after a newer start is not ours any more.
        if (info.lookupId() != m_hostLookup)
            return;
        m_hostLookup = -1;
        const Result<ResolvedHost> address = chooseAddress(host, info);
        if (!address) {
            reportError(tr("The server could not start: %1").arg(address.error().text()));
            return;
        }
        ServerConfig resolved = config;
        resolved.setValue(QStringLiteral("host"), address.value().address.toString());
        if (startResolved(resolved, config))
            m_server.events()->post(LogLevel::Info, EventKind::Lifecycle, 0, {}, address.value().note);
    });
    return true;
}

bool LabWindow::startResolved(const ServerConfig &config, const ServerConfig &panelConfig)
{
    if (const Error e = m_server.start(config)) {
        reportError(tr("The server could not start: %1").arg(e.text()));
        return false;
    }
    m_panelConfigAtStart = panelConfig;
    m_serverPanel->showMessage({}, false);
    m_failure.clear();
    m_liveEdits.clear();
    showReport();
    m_connectionsPanel->serverStarted();
    m_systemPanel->setConfig(config);
    updateServerState();
    statusBar()->showMessage(tr("Server started on %1").arg(m_server.endpoint()), 5000);
    return true;
}

void LabWindow::stopServer()
{
    if (m_hostLookup >= 0) {
        QHostInfo::abortHostLookup(m_hostLookup);
        m_hostLookup = -1;
        m_serverPanel->showMessage({}, false);
    }
    if (!m_server.isRunning())
        return;
    m_server.stop();
    stopWire();
    if (!m_failure.isEmpty())
        return; // the engine had failed meanwhile: onServerFailed() has shown why
    m_connectionsPanel->serverStopped();
    updateServerState();
    statusBar()->showMessage(tr("Server stopped"), 5000);
}

// The server stopped by itself (its listener or event loop failed): say so where its state is
// shown, until the next start.
void LabWindow::onServerFailed(const QString &reason)
{
    m_failure = reason;
    stopWire();
    m_connectionsPanel->serverStopped();
    updateServerState();
    const QString text = tr("Server stopped: %1").arg(reason);
    m_serverPanel->showMessage(text, true);
    statusBar()->showMessage(text, 15000);
}

void LabWindow::toggleServer()
{
    if (m_server.isRunning() || m_hostLookup >= 0)
        stopServer();
    else
        startServer();
}

void LabWindow::restartServer()
{
    stopServer();
    startServer();
}

void LabWindow::resetToRecipeDefaults()
{
    m_serverPanel->setConfig(ServerConfig::seedDefaults());
    for (const OptionSpec &spec : optionTable())
        saveServerOption(spec.key);
    saveServerOption(kRawKey);
    m_systemPanel->setConfig(m_serverPanel->config());
    if (m_server.isRunning()) {
        for (const OptionSpec &spec : optionTable()) {
            if (!m_liveEdits.contains(spec.key))
                m_liveEdits << spec.key;
        }
        m_liveTimer->start();
    }
    statusBar()->showMessage(m_server.isRunning() ? tr("Recipe defaults restored: live options apply now, the others on restart")
                                                  : tr("Recipe defaults restored"),
                             5000);
}

QAction *LabWindow::toggleLogAction() const
{
    return m_logDock->toggleViewAction();
}

QString LabWindow::endpointText() const
{
    return m_endpoint->text();
}

void LabWindow::updateServerState()
{
    const bool running = m_server.isRunning();
    const ServerConfig config = running ? m_server.config() : ServerConfig();
    m_serverPanel->setRunning(running, running ? m_panelConfigAtStart : ServerConfig());
    m_startStop->setText(running ? tr("&Stop server") : tr("&Start server"));
    m_serverPanel->startButton()->setText(running ? tr("Stop server (Ctrl+R)") : tr("Start server (Ctrl+R)"));
    m_restart->setEnabled(running);
    if (running) {
        QString text = tr("Listening on %1 · %2 mode · %3 handler · %4")
                           .arg(m_server.endpoint(), modeName(config.mode()), handlerName(config.handler()),
                                config.persistent() ? tr("persistent") : tr("one-shot"));
        if (m_wire)
            text += tr(" · across the wire (%1)").arg(specText(m_wireSpec));
        m_endpoint->setText(text);
        m_endpoint->setStyleSheet(QStringLiteral("color:#0f5132; font-weight:bold;"));
    } else if (!m_failure.isEmpty()) {
        m_endpoint->setText(tr("Server stopped: %1").arg(m_failure));
        m_endpoint->setStyleSheet(QStringLiteral("color:#b02a37; font-weight:bold;"));
    } else {
        m_endpoint->setText(tr("Server stopped"));
        m_endpoint->setStyleSheet({});
    }
    m_clientPanel->setSocketFactory(running && m_wire ? m_wire->socketFactory(wire::Side::Client) : SocketFactory());
    m_clientPanel->setServerEndpoint(m_server.address().toString(), m_server.port(), running, config.handler(),
                                     config.persistent());
}

void LabWindow::setNetworkPath(ServerPanel::NetworkPath path, const QString &spec)
{
    m_serverPanel->setNetworkPath(path, spec);
    if (const Result<wire::WireSpec> parsed = wire::WireSpec::parse(spec)) {
        m_wireSpec = parsed.value();
        m_wirePanel->setSpec(m_wireSpec);
    }
}

void LabWindow::onWirePanelEdited(const wire::WireSpec &spec)
{
    // The server panel's spec field shows the same spec, in its canonical form.
    m_serverPanel->setNetworkPath(m_serverPanel->networkPath(), spec.toString());
    m_settings->beginGroup(kWireGroup);
    m_settings->setValue(QStringLiteral("spec"), spec.toString());
    m_settings->endGroup();
    applyWireSpec(spec);
}

void LabWindow::onNetworkPathEdited()
{
    const bool onWire = m_serverPanel->networkPath() == ServerPanel::NetworkPath::Wire;
    m_settings->beginGroup(kWireGroup);
    m_settings->setValue(QStringLiteral("path"), onWire ? QStringLiteral("wire") : QStringLiteral("loopback"));
    m_settings->setValue(QStringLiteral("spec"), m_serverPanel->wireSpecText());
    m_settings->endGroup();
    const Result<wire::WireSpec> spec = wire::WireSpec::parse(m_serverPanel->wireSpecText());
    if (!spec) {
        if (onWire)
            statusBar()->showMessage(spec.error().text(), 8000);
        return;
    }
    if (!(spec.value() == m_wireSpec)) {
        m_wirePanel->setSpec(spec.value());
        applyWireSpec(spec.value());
    }
    if (m_server.isRunning() && onWire != bool(m_wire))
        statusBar()->showMessage(tr("Network path changed while running: it applies on restart (Ctrl+Shift+R)"), 8000);
}

void LabWindow::applyWireSpec(const wire::WireSpec &spec)
{
    // The items that changed, for the log: the canonical forms differ in them.
    const QStringList before = m_wireSpec.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QStringList after = spec.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    QStringList changed;
    for (const QString &item : after) {
        if (!before.contains(item))
            changed << item;
    }
    for (const QString &item : before) {
        const QString key = item.section(QLatin1Char('='), 0, 0);
        bool stillThere = false;
        for (const QString &a : after)
            stillThere = stillThere || a.section(QLatin1Char('='), 0, 0) == key;
        if (!stillThere)
            changed << tr("%1 removed").arg(item);
    }
    m_wireSpec = spec;
    m_packetsPanel->model()->setDropRules(spec.drops);
    if (m_wirePanel->spec() != spec)
        m_wirePanel->setSpec(spec);
    const QString what = changed.isEmpty() ? tr("no change") : changed.join(QStringLiteral(", "));
    if (!m_wire) {
        logNotice(tr("wire: %1, now %2 (applies when the wire starts)").arg(what, specText(spec)));
        return;
    }
    if (const Error e = m_wire->setSpec(spec)) {
        reportError(tr("The wire kept its spec: %1").arg(e.text()));
        return;
    }
    logNotice(tr("wire: %1, now %2 (applied live)").arg(what, specText(spec)));
    updateServerState();
}

bool LabWindow::startWire(const wire::WireSpec &spec)
{
    stopWire();
    auto ring = std::make_shared<wire::CaptureRing>();
    Result<std::unique_ptr<wire::Wire>> started = wire::Wire::start(spec, ring.get());
    if (!started) {
        reportError(tr("The wire could not start: %1").arg(started.error().text()));
        return false;
    }
    m_ring = std::move(ring);
    m_wire = started.take();
    m_wireSpec = spec;
    m_wirePanel->setSpec(spec);
    logNotice(tr("wire: up, client side %1, server side %2, %3")
                  .arg(m_wire->clientAddress().toString(), m_wire->serverAddress().toString(), specText(spec)));
    m_wirePanel->setSource(m_wire.get(), m_ring);
    m_packetsPanel->model()->setDropRules(spec.drops);
    m_packetsPanel->model()->setRing(m_ring);
    m_packetsPanel->watchWire(m_wire.get());
    emit wireStarted();
    return true;
}

void LabWindow::stopWire()
{
    if (!m_wire)
        return;
    m_clientPanel->setSocketFactory({});
    m_server.setSocketFactory({});
    m_wirePanel->refreshCounters(); // the last counters stay on screen
    m_wirePanel->setSource(nullptr, m_ring);
    m_packetsPanel->stopWatchingWire();
    m_wire.reset();
    m_packetsPanel->model()->poll(); // what crossed last
    logNotice(tr("wire: down (the capture stays in the Packets tab until the next start)"));
}

void LabWindow::logNotice(const QString &text)
{
    ServerEvent e;
    e.timeMs = QDateTime::currentMSecsSinceEpoch();
    e.kind = EventKind::Lifecycle;
    e.level = LogLevel::Info;
    e.text = text;
    m_logPanel->append(e);
}

void LabWindow::onEventsReady(const EventBatch &batch)
{
    m_logPanel->append(batch);
    m_logPanel->setUpstreamDropped(m_server.events()->droppedCount());
    for (const ServerEvent &e : batch) {
        if (e.kind == EventKind::Accepted || e.kind == EventKind::Closed) {
            m_connectionsPanel->refreshSoon();
            break;
        }
    }
}

void LabWindow::loadWindowSettings()
{
    m_settings->beginGroup(QStringLiteral("window"));
    if (!restoreGeometry(m_settings->value(QStringLiteral("geometry")).toByteArray()))
        resize(1360, 860);
    // The state holds the docks: where they are, their sizes, whether the log pane is hidden.
    if (!restoreState(m_settings->value(QStringLiteral("state")).toByteArray()) || !m_settings->contains(QStringLiteral("logDock")))
        resizeDocks({m_logDock}, {200}, Qt::Vertical);
    m_tabs->setCurrentIndex(m_settings->value(QStringLiteral("tab"), 0).toInt());
    m_settings->endGroup();
    m_clientPanel->loadSettings(*m_settings);
    m_logPanel->loadSettings(*m_settings);
    m_connectionsPanel->loadSettings(*m_settings);
    m_zoom->loadSettings(*m_settings);
}

void LabWindow::saveSettings()
{
    m_settings->beginGroup(QStringLiteral("window"));
    m_settings->setValue(QStringLiteral("geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("state"), saveState());
    m_settings->setValue(QStringLiteral("logDock"), true); // the state has the log dock (not the old splitter)
    m_settings->remove(QStringLiteral("splitter"));
    m_settings->setValue(QStringLiteral("tab"), m_tabs->currentIndex());
    m_settings->endGroup();
    m_clientPanel->saveSettings(*m_settings);
    m_logPanel->saveSettings(*m_settings);
    m_connectionsPanel->saveSettings(*m_settings);
    m_zoom->saveSettings(*m_settings);
    m_settings->sync();
    m_saved = true;
}

void LabWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    m_server.stop();
    stopWire();
    event->accept();
}

} // namespace tcplab
