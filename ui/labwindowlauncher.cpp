#include "labwindowlauncher.h"

#include <QApplication>
#include <QLabel>

namespace tcplab {

int runLabWindow(const WindowLaunch &launch)
{
    Q_UNUSED(launch);
    QLabel placeholder(QStringLiteral("TCP Lab"));
    placeholder.show();
    return QApplication::exec();
}

} // namespace tcplab
