#include "experimentrunner.h"

#include "experiment.h"

#include <QThread>

namespace tcplab {

ExperimentRunner::ExperimentRunner(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<tcplab::ExperimentResult>();
}

ExperimentRunner::~ExperimentRunner()
{
    if (m_thread) {
        m_cancel.store(true);
        m_thread->wait();
        delete m_thread;
    }
}

bool ExperimentRunner::start(const QString &name, const ExperimentWireRequest &wire)
{
    if (m_thread || !ExperimentRegistry::create(name))
        return false;
    m_cancel.store(false);
    m_name = name;
    // The queued calls below carry `this` as context: if the runner is destroyed first, Qt drops
    // them, and the destructor has joined the thread by then.
    m_thread = QThread::create([this, name, wire] {
        ExperimentContext context(&m_cancel, [this](int percent, const QString &step) {
            QMetaObject::invokeMethod(this, [this, percent, step] { emit progressed(percent, step); }, Qt::QueuedConnection);
        });
        context.setWireRequest(wire);
        const ExperimentResult result = ExperimentRegistry::run(name, context);
        QMetaObject::invokeMethod(this, [this, result] { onWorkerDone(result); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("experiment-%1").arg(name));
    m_thread->start();
    return true;
}

void ExperimentRunner::cancel()
{
    m_cancel.store(true);
}

void ExperimentRunner::onWorkerDone(const ExperimentResult &result)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    emit finished(result);
}

} // namespace tcplab
