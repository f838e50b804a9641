// SIGINT/SIGTERM into the Qt event loop: the handler only writes to a pipe (async-signal-safe);
// a QSocketNotifier turns that into a signal in the main thread.
#pragma once

#include <QObject>

class QSocketNotifier;

class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};
