// Runs one experiment on its own worker thread and reports back with queued signals, so that a
// window stays responsive; cancel() sets the flag every experiment loop checks.
#pragma once

#include "experiment.h"
#include "experimentresult.h"

#include <QObject>

#include <atomic>

class QThread;

namespace tcplab {

class ExperimentRunner : public QObject
{
    Q_OBJECT
public:
    explicit ExperimentRunner(QObject *parent = nullptr);
    ~ExperimentRunner() override; // cancels and joins a running experiment

    // False when one is already running or the name is unknown.
    bool start(const QString &name, const ExperimentWireRequest &wire = {});
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    QString currentName() const { return m_name; }

signals:
    void progressed(int percent, const QString &step);
    void finished(const tcplab::ExperimentResult &result);

private:
    void onWorkerDone(const ExperimentResult &result);

    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    QString m_name;
};

} // namespace tcplab
