// The lab window: the server panel (dock), the client, connections, effective options and
// system tabs, the live log, menus with shortcuts, and the settings that survive a restart.
// It owns the Server; everything that touches a socket goes through core/.
#pragma once

#include "server.h"
#include "serverpanel.h"
#include "wire/wirespec.h"

#include <QMainWindow>
#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QSettings;
class QTabWidget;
class QTimer;
class QTableView;

namespace tcplab {

namespace wire {
class CaptureRing;
class Wire;
} // namespace wire

class ClientPanel;
class ConnectionsPanel;
class LogPanel;
class OptionReportModel;
class ServerPanel;
class SystemPanel;
class ExperimentsPanel;
class WirePanel;
class PacketsPanel;
class ZoomController;

class LabWindow : public QMainWindow
{
    Q_OBJECT
public:
    // The nice value of the threads that carry a transfer while the window runs (threadpriority.h):
    // the program sets it before the window starts any; bench/run --only gui-wire measures it.
    static constexpr int kTransferThreadNice = 5;
    // settingsPath empty: the user's QSettings (organisation "TCP Lab", application "tcplab").
    explicit LabWindow(const QString &settingsPath = {}, QWidget *parent = nullptr);
    ~LabWindow() override;

    // The options saved by the last run (the recipe's where nothing was saved).
    ServerConfig savedConfig() const;
    // Show config in the panel for this run without saving it (command-line flags).
    void setConfig(const ServerConfig &config);
    ServerConfig config() const;

    // Starts at once for an address; for a host name it resolves off the GUI thread first
    // ("resolving..." in the panel) and true means the start is under way.
    bool startServer();
    void stopServer();
    void toggleServer();
    void restartServer();
    void resetToRecipeDefaults();
    // Write every setting now (also done on close).
    void saveSettings();

    // The network path for this run without saving it (tcplab --wire SPEC).
    void setNetworkPath(ServerPanel::NetworkPath path, const QString &spec);
    // The wire while the server runs across it (null otherwise), and the capture of the last
    // wire started (kept after it stopped, for the packet views).
    wire::Wire *wire() const { return m_wire.get(); }
    std::shared_ptr<const wire::CaptureRing> captureRing() const { return m_ring; }
    // The spec the wire runs with (or will start with); applied live while it runs, and logged.
    wire::WireSpec wireSpec() const { return m_wireSpec; }
    void applyWireSpec(const wire::WireSpec &spec);

    Server *server() { return &m_server; }
    ServerPanel *serverPanel() const { return m_serverPanel; }
    ClientPanel *clientPanel() const { return m_clientPanel; }
    LogPanel *logPanel() const { return m_logPanel; }
    ConnectionsPanel *connectionsPanel() const { return m_connectionsPanel; }
    OptionReportModel *reportModel() const { return m_reportModel; }
    SystemPanel *systemPanel() const { return m_systemPanel; }
    ExperimentsPanel *experimentsPanel() const { return m_experimentsPanel; }
    WirePanel *wirePanel() const { return m_wirePanel; }
    PacketsPanel *packetsPanel() const { return m_packetsPanel; }
    QTabWidget *tabs() const { return m_tabs; }
    // The log pane's dock: the user hides it (View > Log pane, Ctrl+Shift+L) to give the
    // experiment and packet views the room; its state is saved with the window's.
    QDockWidget *logDock() const { return m_logDock; }
    ZoomController *zoomController() const { return m_zoom; }
    QString endpointText() const;

    QAction *startStopAction() const { return m_startStop; }
    QAction *restartAction() const { return m_restart; }
    QAction *resetAction() const { return m_reset; }
    QAction *sendAction() const { return m_send; }
    QAction *clearLogAction() const { return m_clearLog; }
    QAction *toggleLogAction() const;
    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *zoomResetAction() const { return m_zoomReset; }

signals:
    // A new wire started with a fresh capture ring (captureRing()).
    void wireStarted();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void loadWindowSettings();
    void saveServerOption(const QString &key);
    void onOptionEdited(const QString &key);
    void applyLiveEdits();
    void onOptionsChanged(const LiveChangeReport &change);
    void showReport();
    void onEventsReady(const EventBatch &batch);
    bool startResolved(const ServerConfig &config, const ServerConfig &panelConfig);
    void updateServerState();
    void onServerFailed(const QString &reason);
    void reportError(const QString &text);
    void logNotice(const QString &text);
    void onNetworkPathEdited();
    void onWirePanelEdited(const wire::WireSpec &spec);
    bool startWire(const wire::WireSpec &spec);
    void stopWire();

    // The capture outlives the wire (its sink), the wire outlives the server's sockets.
    std::shared_ptr<wire::CaptureRing> m_ring;
    std::unique_ptr<wire::Wire> m_wire;
    wire::WireSpec m_wireSpec;
    Server m_server;
    int m_hostLookup = -1;         // QHostInfo lookup id while the panel's host is being resolved
    ServerConfig m_panelConfigAtStart; // what the panel said at start (its host may be a name), and the live changes since
    QStringList m_liveEdits;           // options edited while running, not yet handed to the server
    QTimer *m_liveTimer = nullptr;     // a spin box's arrows edit many times: one change per pause
    std::unique_ptr<QSettings> m_settings;
    ServerPanel *m_serverPanel;
    ClientPanel *m_clientPanel;
    LogPanel *m_logPanel;
    ConnectionsPanel *m_connectionsPanel;
    OptionReportModel *m_reportModel;
    ExperimentsPanel *m_experimentsPanel = nullptr;
    WirePanel *m_wirePanel = nullptr;
    PacketsPanel *m_packetsPanel = nullptr;
    SystemPanel *m_systemPanel;
    QTabWidget *m_tabs;
    QDockWidget *m_logDock;
    ZoomController *m_zoom;
    QTableView *m_reportView;
    QLabel *m_reportHeader;
    QLabel *m_endpoint;
    QAction *m_startStop = nullptr;
    QAction *m_restart = nullptr;
    QAction *m_reset = nullptr;
    QAction *m_send = nullptr;
    QAction *m_runBatch = nullptr;
    QAction *m_clearLog = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_zoomReset = nullptr;
    bool m_saved = false;
    QString m_failure; // why the server stopped by itself; empty after a start or a user's stop
};

} // namespace tcplab
