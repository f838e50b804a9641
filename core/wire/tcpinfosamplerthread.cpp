#include "tcpinfosamplerthread.h"

#include "threadpriority.h"

namespace tcplab::wire {

TcpInfoSamplerThread::TcpInfoSamplerThread(std::unique_ptr<TcpInfoSampler> sampler) : m_sampler(std::move(sampler))
{
    m_thread.setObjectName(QStringLiteral("tcpinfo-sampler"));
}

TcpInfoSamplerThread::~TcpInfoSamplerThread()
{
    stop();
}

void TcpInfoSamplerThread::start()
{
    if (m_thread.isRunning())
        return;
    TcpInfoSampler *sampler = m_sampler.get();
    m_handedBack.store(false, std::memory_order_relaxed);
    sampler->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        sampler,
        [sampler] {
            // On two cores the sampler competes with the GUI thread and the relay: a late sample
            // costs a point on a graph, a late frame is a stutter the user sees, so the GUI goes
            // first (the window's transfer threads' nice, threadpriority.h).
            yieldCpuIfTransferThread();
            sampler->start();
        },
        Qt::QueuedConnection);
}

void TcpInfoSamplerThread::stop()
{
    if (!m_thread.isRunning())
        return;
    TcpInfoSampler *sampler = m_sampler.get();
    QThread *caller = QThread::currentThread();
    std::atomic<bool> *handedBack = &m_handedBack;
    QMetaObject::invokeMethod(
        sampler,
        [sampler, caller, handedBack] {
            sampler->sampleNow(); // the last state, before the caller lets the namespaces go
            sampler->stop();
            sampler->moveToThread(caller); // only the thread it lives in may give it away
            handedBack->store(true, std::memory_order_release);
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
    const bool back = m_handedBack.load(std::memory_order_acquire);
    Q_ASSERT(back);
    Q_UNUSED(back);
}

} // namespace tcplab::wire
