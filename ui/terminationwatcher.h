// SIGTERM/SIGINT close the window like the user would (settings saved, server stopped, the
// UI-lag report written) instead of killing the process mid-way. The handler only writes to a
// pipe, which is async-signal-safe; a QSocketNotifier brings it into the GUI thread.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace tcplab {

class TerminationWatcher : public QObject
{
    Q_OBJECT
public:
    explicit TerminationWatcher(QObject *parent = nullptr);
    ~TerminationWatcher() override;

signals:
    void terminationRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace tcplab
