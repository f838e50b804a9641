#include "labwindowlauncher.h"

#include "labwindow.h"
#include "terminationwatcher.h"
#include "uilagprobe.h"

#include <QApplication>

#include <cstdio>
#include <memory>

namespace tcplab {

int runLabWindow(const WindowLaunch &launch)
{
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
    if (launch.startNow)
        window.startServer(); // a failure is shown in the window, not fatal
    return QApplication::exec();
}

} // namespace tcplab
