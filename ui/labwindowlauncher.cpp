#include "labwindowlauncher.h"
#include "threadpriority.h"

#include "labwindow.h"
#include "terminationwatcher.h"
#include "uilagprobe.h"
#include "wire/hostentry.h"
#include "wire/wire.h"

#include <QApplication>

#include <cstdio>
#include <memory>

namespace tcplab {

int runLabWindow(const WindowLaunch &launch)
{
    // Before any server, wire or reader thread starts: they yield the CPU to the GUI thread.
    setTransferThreadNice(LabWindow::kTransferThreadNice);
    std::unique_ptr<UiLagProbe> probe;
    if (!launch.uiLagReportPath.isEmpty())
        probe = std::make_unique<UiLagProbe>(launch.uiLagReportPath);

    LabWindow window;
    QApplication::setWindowIcon(window.windowIcon());
    if (launch.applyFlags) {
        Result<ServerConfig> config = launch.applyFlags(window.savedConfig());
        if (!config) {
            std::fprintf(stderr, "tcplab: %s\n", qPrintable(config.error().text()));
            return 2;
        }
        window.setConfig(config.value());
    }
    if (launch.acrossWire)
        window.setNetworkPath(ServerPanel::NetworkPath::Wire, launch.wireSpec);
    TerminationWatcher termination;
    QObject::connect(&termination, &TerminationWatcher::terminationRequested, &window, &QWidget::close);
    window.show();
    // Stops before the window (and its wire): its wire-side sockets live in the wire's namespaces.
    std::unique_ptr<wire::HostEntry> entry;
    if (launch.startNow)
        window.startServer(); // a failure is shown in the window, not fatal
    if (launch.wireEntryPort >= 0 && window.wire() && window.server()->isRunning()) {
        wire::HostEntryOptions options;
        options.listenPort = quint16(launch.wireEntryPort);
        wire::Wire *w = window.wire();
        Result<std::unique_ptr<wire::HostEntry>> started
            = wire::HostEntry::start(w->socketFactory(wire::Side::Client), w->serverAddress(), window.server()->port(), options);
        if (!started) {
            std::fprintf(stderr, "tcplab: host entry: %s\n", qPrintable(started.error().text()));
        } else {
            entry = started.take();
            // The same line as the headless server's; a later start brings a new wire the entry does not lead into.
            std::printf("host entry: %s:%u -> %s:%u across the wire\n", qPrintable(entry->address().toString()),
                        unsigned(entry->port()), qPrintable(w->serverAddress().toString()), unsigned(window.server()->port()));
            std::fflush(stdout);
        }
    }
    const int code = QApplication::exec();
    entry.reset();
    return code;
}

} // namespace tcplab
